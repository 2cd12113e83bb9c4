[<AutoOpen>]
module Functional.OpPow

open Functional.Core.Tensors

type Tensor with
    /// <summary>Element-wise aᵇ for two tensors, broadcast. (For a constant exponent use <c>x ** s</c>.)</summary>
    /// <remarks>Reverse: da = sumTo (dy · b · aᵇ⁻¹), db = sumTo (dy · aᵇ · ln a).</remarks>
    static member PowT(a: Tensor, b: Tensor) : Tensor =
        let backend = Tensor.BackendOf("pow", a, b)
        Tensor.RecordWithOutput("pow", backend.Binary(BinaryOp.Pow, a.Raw, b.Raw), [| a; b |], fun y dy ->
            [| Tensor.SumTo(dy * b * Tensor.PowT(a, b - 1.0), a.Shape); Tensor.SumTo(dy * y * a.Log(), b.Shape) |])
