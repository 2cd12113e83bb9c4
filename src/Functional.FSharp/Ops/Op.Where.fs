[<AutoOpen>]
module Functional.OpWhere

open Functional.Core.Tensors

type Tensor with
    /// <summary>Element-wise cond ≠ 0 ? a : b, all three broadcast together.</summary>
    /// <remarks>Reverse: da = sumTo (cond ? dy : 0), db = sumTo (cond ? 0 : dy); cond gets no gradient.</remarks>
    static member Where(cond: Tensor, a: Tensor, b: Tensor) : Tensor =
        let backend = Tensor.BackendOf("where", a, b)
        Tensor.BackendOf("where", cond, a) |> ignore
        let condition = cond.Detach()

        Tensor.Record(
            "where",
            backend.Where(cond.Raw, a.Raw, b.Raw),
            [| a; b |],
            fun dy ->
                let zero = Tensor.ScalarLike(0.0, dy)

                [|
                    Tensor.SumTo(Tensor.Where(condition, dy, zero), a.Shape)
                    Tensor.SumTo(Tensor.Where(condition, zero, dy), b.Shape)
                |]
        )
