[<AutoOpen>]
module Functional.OpSoftmax

open Functional.Core.Tensors

type Tensor with
    /// <summary>exp(x) / Σ exp(x) along an axis, computed after subtracting the maximum (stable for ±1000).</summary>
    /// <remarks>Reverse: dx = y · (dy − Σ dy · y), where y = softmax x.</remarks>
    member x.Softmax(axis: int) : Tensor =
        Tensor.RecordWithOutput(
            "softmax",
            x.Raw.Backend.Softmax(SoftmaxOp.Softmax, x.Raw, axis),
            [| x |],
            fun y dy -> [| y * (dy - (dy * y).Sum(axis, true)) |]
        )

    /// <summary>x − log Σ exp(x) along an axis, stable for large |x|.</summary>
    /// <remarks>Reverse: dx = dy − exp(y) · Σ dy, where y = logSoftmax x.</remarks>
    member x.LogSoftmax(axis: int) : Tensor =
        Tensor.RecordWithOutput(
            "logSoftmax",
            x.Raw.Backend.Softmax(SoftmaxOp.LogSoftmax, x.Raw, axis),
            [| x |],
            fun y dy -> [| dy - y.Exp() * dy.Sum(axis, true) |]
        )

    /// <summary>log Σ exp(x) along an axis, stable for large |x|.</summary>
    /// <remarks>Reverse: dx = dy · exp(x − y) = dy · softmax x.</remarks>
    member x.LogSumExp(axis: int, keepDim: bool) : Tensor =
        let kept = ShapeRules.Reduce("logsumexp", x.Shape, axis, true)

        Tensor.RecordWithOutput(
            "logsumexp",
            x.Raw.Backend.LogSumExp(x.Raw, axis, keepDim),
            [| x |],
            fun y dy -> [| dy.Reshape kept * (x - y.Reshape kept).Exp() |]
        )

    /// <summary>log Σ exp(x) along an axis, removing it.</summary>
    member x.LogSumExp(axis: int) : Tensor = x.LogSumExp(axis, false)
