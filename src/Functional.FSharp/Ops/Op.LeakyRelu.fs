[<AutoOpen>]
module Functional.OpLeakyRelu

open Functional.Core.Tensors

type Tensor with
    /// <summary>Element-wise x ≥ 0 ? x : slope · x (Keras's LeakyReLU default slope is 0.3, PyTorch's 0.01).</summary>
    /// <remarks>Reverse: dx = dy · (x ≥ 0 ? 1 : slope), a constant mask.</remarks>
    member x.LeakyRelu(slope: float) : Tensor =
        Tensor.Record(
            "leakyRelu",
            x.Raw.Backend.Scalar(ScalarOp.LeakyRelu, x.Raw, slope),
            [| x |],
            fun dy ->
                let ones = x.Raw.Backend.Full(x.Shape, x.DType, 1.0)

                [|
                    dy
                    * Tensor.OfRaw(
                        x.Raw.Backend.Where(
                            x.Raw.Backend.Binary(BinaryOp.Ge, x.Raw, x.Raw.Backend.Full(Shape.Scalar, x.DType, 0.0)),
                            ones,
                            x.Raw.Backend.Full(x.Shape, x.DType, slope)
                        )
                    )
                |]
        )
