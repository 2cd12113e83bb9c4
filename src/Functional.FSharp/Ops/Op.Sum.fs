[<AutoOpen>]
module Functional.OpSum

open Functional.Core.Tensors

type Tensor with
    /// <summary>Sum over one axis, keeping it with length 1 when <paramref name="keepDim"/>.</summary>
    /// <remarks>Reverse: dx = dy (with the axis restored) expanded to x's shape.</remarks>
    member x.Sum(axis: int, keepDim: bool) : Tensor =
        let kept = ShapeRules.Reduce("sum", x.Shape, axis, true)
        let input = x.Shape

        Tensor.Record(
            "sum",
            x.Raw.Backend.Reduce(ReduceOp.Sum, x.Raw, axis, keepDim),
            [| x |],
            fun dy -> [| Tensor.Expand(dy.Reshape kept, input) |]
        )

    /// <summary>Sum over one axis, removing it.</summary>
    member x.Sum(axis: int) : Tensor = x.Sum(axis, false)

    /// <summary>Sum of all elements, as a scalar (0 for an empty tensor).</summary>
    member x.Sum() : Tensor =
        x.Reshape([ x.NumElements ]).Sum(0, false)

    /// <summary>Mean over one axis (NaN for an empty axis).</summary>
    member x.Mean(axis: int, keepDim: bool) : Tensor =
        let n = x.Dims[ShapeRules.NormalizeAxis("mean", axis, x.Rank)]
        x.Sum(axis, keepDim) / float n

    /// <summary>Mean over one axis, removing it.</summary>
    member x.Mean(axis: int) : Tensor = x.Mean(axis, false)

    /// <summary>Mean of all elements, as a scalar.</summary>
    member x.Mean() : Tensor = x.Sum() / float x.NumElements
