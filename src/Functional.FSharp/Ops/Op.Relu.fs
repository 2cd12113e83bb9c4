[<AutoOpen>]
module Functional.OpRelu

open Functional.Core.Tensors

type Tensor with
    /// <summary>Element-wise max(x, 0); NaN stays NaN.</summary>
    /// <remarks>Reverse: dx = dy · [x &gt; 0] (the mask is a constant, so the second derivative is 0).</remarks>
    member x.Relu() : Tensor =
        Tensor.Record(
            "relu",
            x.Raw.Backend.Unary(UnaryOp.Relu, x.Raw),
            [| x |],
            fun dy ->
                let positive =
                    Tensor.OfRaw(x.Raw.Backend.Unary(UnaryOp.Relu, x.Raw.Backend.Unary(UnaryOp.Sign, x.Raw)))

                [| dy * positive |]
        )
