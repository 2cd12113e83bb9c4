[<AutoOpen>]
module Functional.OpCompare

open Functional.Core.Tensors

type Tensor with
    /// Runs a comparison kernel; the result is a constant 0/1 mask in the operands' dtype.
    static member private Compare(op: BinaryOp, name: string, a: Tensor, b: Tensor) =
        Tensor.OfRaw(Tensor.BackendOf(name, a, b).Binary(op, a.Raw, b.Raw))

    /// <summary>1 where a = b, else 0 (broadcast). Not differentiable: the result is a constant.</summary>
    static member Eq(a: Tensor, b: Tensor) = Tensor.Compare(BinaryOp.Eq, "eq", a, b)
    /// <summary>1 where a ≠ b, else 0 (broadcast).</summary>
    static member Ne(a: Tensor, b: Tensor) = Tensor.Compare(BinaryOp.Ne, "ne", a, b)
    /// <summary>1 where a &lt; b, else 0 (broadcast).</summary>
    static member Lt(a: Tensor, b: Tensor) = Tensor.Compare(BinaryOp.Lt, "lt", a, b)
    /// <summary>1 where a ≤ b, else 0 (broadcast).</summary>
    static member Le(a: Tensor, b: Tensor) = Tensor.Compare(BinaryOp.Le, "le", a, b)
    /// <summary>1 where a &gt; b, else 0 (broadcast).</summary>
    static member Gt(a: Tensor, b: Tensor) = Tensor.Compare(BinaryOp.Gt, "gt", a, b)
    /// <summary>1 where a ≥ b, else 0 (broadcast).</summary>
    static member Ge(a: Tensor, b: Tensor) = Tensor.Compare(BinaryOp.Ge, "ge", a, b)
