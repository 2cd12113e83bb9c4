[<AutoOpen>]
module Functional.OpSoftplus

open Functional.Core.Tensors

type Tensor with
    /// <summary>Element-wise softplus ln(1 + eˣ), computed without overflow.</summary>
    /// <remarks>Reverse: dx = dy · σ(x).</remarks>
    member x.Softplus() : Tensor =
        Tensor.Record(
            "softplus",
            x.Raw.Backend.Unary(UnaryOp.Softplus, x.Raw),
            [| x |],
            fun dy -> [| dy * x.Sigmoid() |]
        )
