[<AutoOpen>]
module Functional.OpLog

open Functional.Core.Tensors

type Tensor with
    /// <summary>Element-wise natural logarithm: −inf at 0, NaN below 0.</summary>
    /// <remarks>Reverse: dx = dy / x.</remarks>
    member x.Log() : Tensor =
        Tensor.Record("log", x.Raw.Backend.Unary(UnaryOp.Log, x.Raw), [| x |], fun dy -> [| dy / x |])
