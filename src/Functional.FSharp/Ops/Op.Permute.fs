[<AutoOpen>]
module Functional.OpPermute

open Functional.Core.Tensors

type Tensor with
    /// <summary>Reorders axes: result axis i is input axis perm[i] (a view, no copy).</summary>
    /// <remarks>Reverse: dx = permute dy by the inverse permutation.</remarks>
    member x.Permute(perm: int[]) : Tensor =
        let result = x.Raw.Backend.Permute(x.Raw, perm)
        let inverse = Array.zeroCreate perm.Length
        perm |> Array.iteri (fun i p -> inverse[p] <- i)
        Tensor.Record("permute", result, [| x |], fun dy -> [| dy.Permute inverse |])

    /// <summary>Swaps two axes (negative axes count from the end).</summary>
    member x.Transpose(axis0: int, axis1: int) : Tensor =
        let a0 = ShapeRules.NormalizeAxis("transpose", axis0, x.Rank)
        let a1 = ShapeRules.NormalizeAxis("transpose", axis1, x.Rank)
        let perm = Array.init x.Rank id
        perm[a0] <- a1
        perm[a1] <- a0
        x.Permute perm

    /// <summary>Swaps the last two axes: the matrix transpose, also of a batch of matrices.</summary>
    /// <exception cref="ShapeMismatchException">The tensor has rank below 2.</exception>
    member x.Transpose() : Tensor =
        if x.Rank < 2 then
            ShapeRules.Fail("transpose", "a tensor of rank >= 2", $"shape {x.Shape}")

        x.Transpose(-2, -1)
