[<AutoOpen>]
module Functional.OpSqrt

open Functional.Core.Tensors

type Tensor with
    /// <summary>Element-wise square root: NaN below 0.</summary>
    /// <remarks>Reverse: dx = dy / (2 √x).</remarks>
    member x.Sqrt() : Tensor =
        Tensor.RecordWithOutput(
            "sqrt",
            x.Raw.Backend.Unary(UnaryOp.Sqrt, x.Raw),
            [| x |],
            fun y dy -> [| dy / (2.0 * y) |]
        )
