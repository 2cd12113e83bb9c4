[<AutoOpen>]
module Functional.OpCos

open Functional.Core.Tensors

type Tensor with
    /// <summary>Element-wise cosine.</summary>
    /// <remarks>Reverse: dx = −dy · sin x, with sin x = cos(x − π/2) so the rule needs no later op.</remarks>
    member x.Cos() : Tensor =
        Tensor.Record(
            "cos",
            x.Raw.Backend.Unary(UnaryOp.Cos, x.Raw),
            [| x |],
            fun dy -> [| -(dy * (x - System.Math.PI / 2.0).Cos()) |]
        )
