namespace Functional.Nn

open Functional
open Functional.Core.Tensors

/// <summary>Flattens each sample: [N, d1, d2, …] → [N, d1·d2·…].</summary>
[<Sealed>]
type Flatten() =
    inherit Model()

    override _.Forward x =
        if x.Rank < 1 then
            ShapeRules.Fail("flatten", "inputs with a batch axis", $"{x.Shape}")

        x.Reshape [ x.Dims[0]; (if x.Dims[0] = 0 then 0 else x.NumElements / x.Dims[0]) ]

/// <summary>Reshapes each sample to <paramref name="dims"/>: [N, …] → [N, dims…] (Keras's Reshape).</summary>
[<Sealed>]
type Reshape(dims: int[]) =
    inherit Model()

    do
        if isNull (box dims) || dims |> Array.exists (fun d -> d < 1) then
            invalidArg (nameof dims) "reshape: expected positive per-sample dims"

    let size = Array.fold (*) 1 dims

    override _.Describe() =
        "[" + System.String.Join(", ", dims) + "]"

    override _.Forward x =
        if x.Rank < 1 || x.NumElements <> x.Dims[0] * size then
            ShapeRules.Fail("reshape", $"[N, …] with {size} values per sample", $"{x.Shape}")

        x.Reshape(Array.append [| x.Dims[0] |] dims)
