[<AutoOpen>]
module Functional.OpLeakyRelu

open Functional.Core.Tensors

type Tensor with
    /// <summary>Element-wise x ≥ 0 ? x : slope · x (Keras's LeakyReLU default slope is 0.3, PyTorch's 0.01).</summary>
    /// <remarks>Reverse: dx = dy · (x &gt; 0 ? 1 : slope) (PyTorch's choice at 0), a constant mask built as
    /// relu(sign x)·(1 − slope) + slope from four vectorised kernels, no select; NaN stays NaN.</remarks>
    member x.LeakyRelu(slope: float) : Tensor =
        Tensor.Record(
            "leakyRelu",
            x.Raw.Backend.Scalar(ScalarOp.LeakyRelu, x.Raw, slope),
            [| x |],
            fun dy ->
                let backend = x.Raw.Backend
                let positive = backend.Unary(UnaryOp.Relu, backend.Unary(UnaryOp.Sign, x.Raw))

                let mask =
                    backend.Scalar(ScalarOp.Add, backend.Scalar(ScalarOp.Mul, positive, 1.0 - slope), slope)

                [| dy * Tensor.OfRaw mask |]
        )
