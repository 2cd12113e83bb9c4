[<AutoOpen>]
module Functional.OpSign

open Functional.Core.Tensors

type Tensor with
    /// <summary>Element-wise sign ∈ {−1, 0, 1}; NaN stays NaN. A constant: its derivative is 0 almost everywhere.</summary>
    member x.Sign() : Tensor =
        Tensor.OfRaw(x.Raw.Backend.Unary(UnaryOp.Sign, x.Raw))
