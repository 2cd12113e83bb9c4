[<AutoOpen>]
module Functional.OpArgMax

open Functional.Core.Tensors

type Tensor with
    /// <summary>Index (int64) of the maximum along an axis; the first on ties; NaN counts as the maximum.</summary>
    member x.ArgMax(axis: int, keepDim: bool) : Tensor =
        Tensor.OfRaw(x.Raw.Backend.ArgReduce(ArgReduceOp.ArgMax, x.Raw, axis, keepDim))

    /// <summary>Index (int64) of the maximum along an axis, removing it.</summary>
    member x.ArgMax(axis: int) : Tensor = x.ArgMax(axis, false)

    /// <summary>Index (int64) of the minimum along an axis; the first on ties.</summary>
    member x.ArgMin(axis: int, keepDim: bool) : Tensor =
        Tensor.OfRaw(x.Raw.Backend.ArgReduce(ArgReduceOp.ArgMin, x.Raw, axis, keepDim))

    /// <summary>Index (int64) of the minimum along an axis, removing it.</summary>
    member x.ArgMin(axis: int) : Tensor = x.ArgMin(axis, false)
