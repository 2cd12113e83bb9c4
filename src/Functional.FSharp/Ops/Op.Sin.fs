[<AutoOpen>]
module Functional.OpSin

open Functional.Core.Tensors

type Tensor with
    /// <summary>Element-wise sine.</summary>
    /// <remarks>Reverse: dx = dy · cos x.</remarks>
    member x.Sin() : Tensor =
        Tensor.Record("sin", x.Raw.Backend.Unary(UnaryOp.Sin, x.Raw), [| x |], fun dy -> [| dy * x.Cos() |])
