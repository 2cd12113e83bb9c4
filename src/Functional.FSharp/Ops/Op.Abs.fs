[<AutoOpen>]
module Functional.OpAbs

open Functional.Core.Tensors

type Tensor with
    /// <summary>Element-wise absolute value.</summary>
    /// <remarks>Reverse: dx = dy · sign x (0 at x = 0).</remarks>
    member x.Abs() : Tensor =
        Tensor.Record("abs", x.Raw.Backend.Unary(UnaryOp.Abs, x.Raw), [| x |], fun dy -> [| dy * x.Sign() |])
