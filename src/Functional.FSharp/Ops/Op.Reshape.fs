[<AutoOpen>]
module Functional.OpReshape

open Functional.Core.Tensors

type Tensor with
    /// <summary>The same elements, row-major, in a new shape; one dimension may be −1 and is inferred.
    /// A view when the input is contiguous.</summary>
    /// <remarks>Reverse: dx = reshape dy to x's shape.</remarks>
    member x.Reshape(dims: int seq) : Tensor =
        let shape = ShapeRules.Reshape("reshape", x.Shape, Seq.toArray dims)

        if shape = x.Shape then
            x
        else
            let input = x.Shape
            Tensor.Record("reshape", x.Raw.Backend.Reshape(x.Raw, shape), [| x |], fun dy -> [| dy.Reshape input |])

    /// <summary>All elements as a vector.</summary>
    member x.Flatten() : Tensor = x.Reshape [ x.NumElements ]

    /// <summary>Inserts an axis of length 1 at <paramref name="axis"/> (in [−rank−1, rank]).</summary>
    member x.Unsqueeze(axis: int) : Tensor =
        let a = ShapeRules.NormalizeAxis("unsqueeze", axis, x.Rank + 1)
        let dims = x.Dims |> Array.toList
        x.Reshape(List.insertAt a 1 dims)

    /// <summary>Removes axis <paramref name="axis"/>, which must have length 1.</summary>
    member x.Squeeze(axis: int) : Tensor =
        let a = ShapeRules.NormalizeAxis("squeeze", axis, x.Rank)

        if x.Dims[a] <> 1 then
            ShapeRules.Fail("squeeze", $"axis {axis} of length 1", $"shape {x.Shape}")

        x.Reshape(x.Dims |> Array.removeAt a)

    /// <summary>Broadcasts to <paramref name="dims"/> by NumPy rules (a view).</summary>
    member x.ExpandTo(dims: int seq) : Tensor =
        Tensor.Expand(x, ShapeRules.Expand("expand", x.Shape, Shape(Seq.toArray dims)))
