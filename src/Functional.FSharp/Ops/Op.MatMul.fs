[<AutoOpen>]
module Functional.OpMatMul

open Functional.Core.Tensors

type Tensor with
    /// <summary>Matrix product over the last two axes: [m, k] × [k, n] → [m, n]; batch axes broadcast
    /// (e.g. [b, m, k] × [k, n] → [b, m, n]).</summary>
    /// <remarks>Reverse: da = dy · bᵀ, db = aᵀ · dy (summed over broadcast batch axes).</remarks>
    /// <exception cref="ShapeMismatchException">a.[-1] ≠ b.[-2], or a rank below 2, or batch axes that do not broadcast.</exception>
    static member MatMul(a: Tensor, b: Tensor) : Tensor =
        let backend = Tensor.BackendOf("matmul", a, b)

        if a.Rank < 2 || b.Rank < 2 then
            ShapeRules.Fail("matmul", "two tensors of rank >= 2", $"a {a.Shape}, b {b.Shape}")

        if a.Shape[-1] <> b.Shape[-2] then
            ShapeRules.Fail(
                "matmul",
                (if a.Rank = 2 && b.Rank = 2 then
                     "a.[1] = b.[0]"
                 else
                     "a.[-1] = b.[-2]"),
                $"a {a.Shape}, b {b.Shape}"
            )

        if a.Rank = b.Rank && a.Dims[.. a.Rank - 3] = b.Dims[.. b.Rank - 3] then
            Tensor.RecordEach(
                "matmul",
                backend.MatMul(a.Raw, b.Raw),
                [| a; b |],
                [|
                    (fun dy -> Tensor.MatMul(dy, b.Transpose()))
                    (fun dy -> Tensor.MatMul(a.Transpose(), dy))
                |]
            )
        else
            let batchOf (t: Tensor) = Shape(t.Dims[.. t.Rank - 3])

            let batch =
                try
                    ShapeRules.Broadcast("matmul", batchOf a, batchOf b).ToArray()
                with :? ShapeMismatchException ->
                    // Re-raised so the message names both whole shapes, not just their batch parts.
                    raise (
                        ShapeMismatchException(
                            "matmul",
                            "batch axes that broadcast (equal or 1, aligned from the right)",
                            $"a {a.Shape}, b {b.Shape}"
                        )
                    )

            let a' = a.ExpandTo(Array.append batch a.Dims[a.Rank - 2 ..])
            let b' = b.ExpandTo(Array.append batch b.Dims[b.Rank - 2 ..])
            Tensor.MatMul(a', b')
