[<AutoOpen>]
module Functional.OpSigmoid

open Functional.Core.Tensors

type Tensor with
    /// <summary>Element-wise logistic function 1 / (1 + e⁻ˣ), stable for large |x|.</summary>
    /// <remarks>Reverse: dx = dy · y · (1 − y), where y = σ(x).</remarks>
    member x.Sigmoid() : Tensor =
        Tensor.RecordWithOutput(
            "sigmoid",
            x.Raw.Backend.Unary(UnaryOp.Sigmoid, x.Raw),
            [| x |],
            fun y dy -> [| dy * y * (1.0 - y) |]
        )
