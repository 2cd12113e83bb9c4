namespace Functional.Nn

open System
open System.Runtime.InteropServices
open Functional
open Functional.Core.Tensors

/// <summary>A fully connected layer (Keras's Dense): x [N, in] → x·W + b, W [in, out], b [out].</summary>
/// <param name="inFeatures">Inputs per sample.</param>
/// <param name="outFeatures">Outputs per sample.</param>
/// <param name="rng">Draws the initial weights.</param>
/// <param name="bias">Whether to add a learned bias (default true).</param>
/// <param name="init">How to draw the weights (default Glorot uniform).</param>
/// <param name="dtype">Float32 (default) or Float64 (for gradient checks).</param>
[<Sealed>]
type Linear
    (
        inFeatures: int,
        outFeatures: int,
        rng: Random,
        [<Optional; DefaultParameterValue(true)>] bias: bool,
        [<Optional; DefaultParameterValue(null: Init | null)>] init: Init | null,
        [<Optional; DefaultParameterValue(DType.Float32)>] dtype: DType
    ) =
    inherit Model()

    do
        if inFeatures < 1 || outFeatures < 1 then
            invalidArg
                (nameof inFeatures)
                $"linear: expected at least one input and one output feature, received {inFeatures} -> {outFeatures}"

        if isNull (box rng) then
            nullArg (nameof rng)

    let weight, biasParameter =
        LayerParameters.create init rng inFeatures outFeatures [ inFeatures; outFeatures ] outFeatures bias dtype

    /// The weight matrix W [in, out].
    member _.Weight = weight

    /// The bias b [out], if the layer has one.
    member _.Bias: Parameter | null = Option.toObj biasParameter

    override _.OwnParameters = Array.append [| weight |] (Option.toArray biasParameter)

    override _.Describe() = $"{inFeatures} -> {outFeatures}"

    override m.Forward x =
        m.ExpectDType(x, weight.Value.DType)

        if x.Rank < 1 || x.Dims[x.Rank - 1] <> inFeatures then
            ShapeRules.Fail("linear", $"inputs [..., {inFeatures}]", $"{x.Shape}")

        let y = Tensor.MatMul(x, weight.Value)

        match biasParameter with
        | Some b -> y + b.Value
        | None -> y
