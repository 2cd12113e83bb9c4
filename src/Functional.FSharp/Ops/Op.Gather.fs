[<AutoOpen>]
module Functional.OpGather

open Functional.Core.Tensors

type Tensor with
    /// <summary>result[…, i, …] = x[…, index[…, i, …], …] along <paramref name="axis"/> (PyTorch's gather):
    /// index is an int32/int64 tensor of x's rank; the result has index's shape.</summary>
    /// <remarks>Reverse: dx = scatterAdd of dy at index into zeros of x's shape.</remarks>
    member x.Gather(axis: int, index: Tensor) : Tensor =
        let input = x.Shape
        let index = index.Detach()

        Tensor.Record(
            "gather",
            x.Raw.Backend.Gather(x.Raw, axis, index.Raw),
            [| x |],
            fun dy -> [| Tensor.ScatterAdd(input, axis, index, dy) |]
        )

    /// <summary>Zeros of <paramref name="shape"/> with src added at index along axis (PyTorch's scatter_add).</summary>
    /// <remarks>Reverse: dsrc = gather dy at index.</remarks>
    static member ScatterAdd(shape: Shape, axis: int, index: Tensor, src: Tensor) : Tensor =
        let index = index.Detach()

        Tensor.Record(
            "scatterAdd",
            src.Raw.Backend.ScatterAdd(shape, axis, index.Raw, src.Raw),
            [| src |],
            fun dy -> [| dy.Gather(axis, index) |]
        )
