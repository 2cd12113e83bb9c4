[<AutoOpen>]
module Functional.OpPow

open Functional.Core.Tensors

type Tensor with
    /// <summary>Element-wise aᵇ for two tensors, broadcast. (For a constant exponent use <c>x ** s</c>.)</summary>
    /// <remarks>Reverse: da = sumTo (dy · b · aᵇ⁻¹), db = sumTo (dy · aᵇ · ln a), taken as 0 where a = 0.</remarks>
    static member PowT(a: Tensor, b: Tensor) : Tensor =
        let backend = Tensor.BackendOf("pow", a, b)

        Tensor.RecordWithOutput(
            "pow",
            backend.Binary(BinaryOp.Pow, a.Raw, b.Raw),
            [| a; b |],
            fun y dy ->
                // Where a = 0, ln 1 stands in for ln 0 = −inf: there aᵇ = 0 (b > 0) and db must be 0, not 0 · −inf = NaN.
                let isZero =
                    Tensor.OfRaw(backend.Binary(BinaryOp.Eq, a.Raw, backend.Full(Shape.Scalar, a.DType, 0.0)))

                let logA = (a + isZero).Log()

                [|
                    Tensor.SumTo(dy * b * Tensor.PowT(a, b - 1.0), a.Shape)
                    Tensor.SumTo(dy * y * logA, b.Shape)
                |]
        )
