namespace Functional.Nn

open System
open Functional
open Functional.Core.Tensors

type private InitKind =
    | Glorot
    | Kaiming
    | Zero
    | Gaussian of float

/// <summary>How a layer draws its initial weights, always from an explicit <see cref="T:System.Random"/>.</summary>
/// <remarks>fanIn / fanOut are the inputs and outputs per unit (Linear: in and out features; a convolution: channels
/// × kernel area). Biases start at zero except under <see cref="P:Functional.Nn.Init.KaimingUniform"/>, which draws
/// them as PyTorch does. A layer given no Init uses Glorot uniform, as Keras (the lectures' framework) does.</remarks>
[<Sealed>]
type Init private (kind: InitKind) =
    static let uniform (rng: Random) (bound: float) (dims: int list) (dtype: DType) =
        (Tensor.Rand(rng, dims, DType.Float64) * (2.0 * bound) - bound).Cast dtype

    /// Glorot (Xavier) uniform, Keras's default: U(−a, a) with a = √(6 / (fanIn + fanOut)); bias 0.
    static member GlorotUniform = Init Glorot

    /// PyTorch's default for Linear and Conv (Kaiming uniform with a = √5): U(−1/√fanIn, 1/√fanIn), bias too.
    static member KaimingUniform = Init Kaiming

    /// Every weight and bias zero (logistic regression from the origin; tests).
    static member Zeros = Init Zero

    /// N(0, std²) weights and zero bias, as the DCGAN paper's N(0, 0.02²).
    static member Normal(std: float) =
        if not (std >= 0.0) then
            invalidArg (nameof std) $"init.normal: expected a standard deviation >= 0, received {std}"

        Init(Gaussian std)

    /// <summary>Draws a weight tensor of the given dims.</summary>
    member _.Weight(rng: Random, fanIn: int, fanOut: int, dims: int list, dtype: DType) : Tensor =
        match kind with
        | Glorot -> uniform rng (sqrt (6.0 / float (fanIn + fanOut))) dims dtype
        | Kaiming -> uniform rng (1.0 / sqrt (float fanIn)) dims dtype
        | Zero -> Tensor.Zeros(dims, dtype)
        | Gaussian std -> (Tensor.Randn(rng, dims, DType.Float64) * std).Cast dtype

    /// <summary>Draws a bias vector of the given length.</summary>
    member _.Bias(rng: Random, fanIn: int, count: int, dtype: DType) : Tensor =
        match kind with
        | Kaiming -> uniform rng (1.0 / sqrt (float fanIn)) [ count ] dtype
        | _ -> Tensor.Zeros([ count ], dtype)

    override _.ToString() =
        match kind with
        | Glorot -> "GlorotUniform"
        | Kaiming -> "KaimingUniform"
        | Zero -> "Zeros"
        | Gaussian std -> $"Normal({std})"

/// The weight and optional bias of Linear and the convolutions, drawn in that order from the layer's generator (the
/// order fixes the seeded values).
module internal LayerParameters =

    /// <summary>weight [dims] and, when <paramref name="bias"/>, bias [biasCount], by <paramref name="init"/>
    /// (Glorot uniform when null).</summary>
    let create
        (init: Init | null)
        (rng: Random)
        (fanIn: int)
        (fanOut: int)
        (dims: int list)
        (biasCount: int)
        (bias: bool)
        (dtype: DType)
        : Parameter * Parameter option =
        let init =
            match init with
            | null -> Init.GlorotUniform
            | i -> i

        let weight = Parameter("weight", init.Weight(rng, fanIn, fanOut, dims, dtype), true)

        let biasParameter =
            if bias then
                Some(Parameter("bias", init.Bias(rng, fanIn, biasCount, dtype), true))
            else
                None

        weight, biasParameter
