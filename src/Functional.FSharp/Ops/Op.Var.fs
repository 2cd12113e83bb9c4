[<AutoOpen>]
module Functional.OpVar

open Functional.Core.Tensors

type Tensor with
    /// <summary>Variance along an axis: Σ(x − mean)² / (n − ddof). ddof = 0 is NumPy's default (population),
    /// ddof = 1 the sample variance (PyTorch's default).</summary>
    /// <remarks>Derived from sub, mul, sum: its gradient comes from theirs.</remarks>
    member x.Var(axis: int, keepDim: bool, ddof: int) : Tensor =
        let n = x.Dims[ShapeRules.NormalizeAxis("var", axis, x.Rank)]
        let centred = x - x.Mean(axis, true)
        (centred * centred).Sum(axis, keepDim) / float (n - ddof)

    /// <summary>Population variance (ddof = 0) along an axis, removing it.</summary>
    member x.Var(axis: int) : Tensor = x.Var(axis, false, 0)

    /// <summary>Population variance of all elements.</summary>
    member x.Var() : Tensor = x.Flatten().Var(0, false, 0)
