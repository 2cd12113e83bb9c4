// gemm-f32-N / gemm-f64-N: C = A · B for square N×N operands through Tensor.matmul (no autodiff recording).
module Functional.Bench.Cases.Gemm

open Functional
open Functional.Core.Tensors
open Functional.Bench
open Functional.Bench.Measure

/// <summary>Products per timed run: enough that a small product is not lost in timer resolution.</summary>
let productsPerRun (n: int) =
    if n <= 256 then 20
    elif n <= 512 then 4
    else 1

/// <summary>An n×n operand from recipe stream <paramref name="seed"/> (uniform in [−1, 1)), in dtype.</summary>
let operand (dtype: DType) (n: int) (seed: int) : Tensor =
    let values = Recipe.symmetric seed (n * n)

    if dtype = DType.Float32 then
        Tensor.ofArrayShaped [ n; n ] (Array.map float32 values)
    else
        Tensor.ofArrayShaped [ n; n ] values

/// <summary>A = stream 1, B = stream 2; the check is mean |C|.</summary>
let prepare (dtype: DType) (n: int) : Outcome =
    let a, b = operand dtype n 1, operand dtype n 2
    let mutable c = Tensor.matmul a b
    let count = productsPerRun n

    Ready {
        Run =
            fun () ->
                for _ in 1..count do
                    c <- Tensor.matmul a b
        Units = count
        Flops = Some(2.0 * float n * float n * float n)
        Check = fun () -> c |> Tensor.toArray |> Array.averageBy abs
    }
