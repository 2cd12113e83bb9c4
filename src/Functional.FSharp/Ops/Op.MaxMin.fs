[<AutoOpen>]
module Functional.OpMaxMin

open Functional.Core.Tensors

type Tensor with
    /// <summary>Maximum along an axis; NaN wins.</summary>
    /// <remarks>Built as gather(x, argmax): the gradient flows to the first maximal element only, as in PyTorch.</remarks>
    member x.Max(axis: int, keepDim: bool) : Tensor =
        if x.Dims[ShapeRules.NormalizeAxis("max", axis, x.Rank)] = 0 then
            ShapeRules.Fail("max", "a non-empty axis", $"axis {axis} of shape {x.Shape}")

        let picked = x.Gather(axis, x.ArgMax(axis, true))
        if keepDim then picked else picked.Squeeze axis

    /// <summary>Maximum along an axis, removing it.</summary>
    member x.Max(axis: int) : Tensor = x.Max(axis, false)

    /// <summary>Maximum of all elements, as a scalar.</summary>
    member x.Max() : Tensor = x.Flatten().Max(0, false)

    /// <summary>Minimum along an axis; NaN wins.</summary>
    /// <remarks>Built as gather(x, argmin): the gradient flows to the first minimal element only.</remarks>
    member x.Min(axis: int, keepDim: bool) : Tensor =
        if x.Dims[ShapeRules.NormalizeAxis("min", axis, x.Rank)] = 0 then
            ShapeRules.Fail("min", "a non-empty axis", $"axis {axis} of shape {x.Shape}")

        let picked = x.Gather(axis, x.ArgMin(axis, true))
        if keepDim then picked else picked.Squeeze axis

    /// <summary>Minimum along an axis, removing it.</summary>
    member x.Min(axis: int) : Tensor = x.Min(axis, false)

    /// <summary>Minimum of all elements, as a scalar.</summary>
    member x.Min() : Tensor = x.Flatten().Min(0, false)
