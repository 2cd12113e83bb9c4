[<AutoOpen>]
module Functional.OpExp

open Functional.Core.Tensors

type Tensor with
    /// <summary>Element-wise eˣ.</summary>
    /// <remarks>Reverse: dx = dy · y, where y = eˣ.</remarks>
    member x.Exp() : Tensor =
        Tensor.RecordWithOutput("exp", x.Raw.Backend.Unary(UnaryOp.Exp, x.Raw), [| x |], fun y dy -> [| dy * y |])
