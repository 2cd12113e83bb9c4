[<AutoOpen>]
module Functional.OpCast

open Functional.Core.Tensors

type Tensor with
    /// <summary>Converts to another dtype (float to int truncates toward zero). Between float dtypes the
    /// gradient converts back; integer results are constants.</summary>
    member x.Cast(dtype: DType) : Tensor =
        if dtype = x.DType then
            x
        else
            let input = x.DType
            let result = x.Raw.Backend.Cast(x.Raw, dtype)

            if dtype.IsFloatingPoint() && input.IsFloatingPoint() then
                Tensor.Record("cast", result, [| x |], fun dy -> [| dy.Cast input |])
            else
                Tensor.OfRaw result
