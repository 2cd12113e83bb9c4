[<AutoOpen>]
module Functional.OpTanh

open Functional.Core.Tensors

type Tensor with
    /// <summary>Element-wise hyperbolic tangent.</summary>
    /// <remarks>Reverse: dx = dy · (1 − y²), where y = tanh x.</remarks>
    member x.Tanh() : Tensor =
        Tensor.RecordWithOutput(
            "tanh",
            x.Raw.Backend.Unary(UnaryOp.Tanh, x.Raw),
            [| x |],
            fun y dy -> [| dy * (1.0 - y * y) |]
        )
