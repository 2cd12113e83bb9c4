/// The tiled GEMM against the CPU backend: shapes across tile edges, batches, strided operands, empty dimensions.
module Functional.Gpu.Tests.MatMulTests

open System
open Functional.Core.Tensors
open Functional.Gpu.Tests.Support
open Xunit

let private tolerance (dtype: DType) (k: int) = sumTol dtype k

[<Fact>]
let ``matmul matches the CPU on shapes that cross the 64x64x16 tiles`` () =
    let rng = Random 7

    for dtype in floats do
        for m, k, n in
            [
                1, 1, 1
                3, 4, 5
                64, 16, 64
                65, 17, 70
                130, 33, 3
                2, 100, 1
                3, 0, 4
                0, 3, 4
            ] do
            let a = upload (randomData rng dtype (m * k)) [| m; k |]
            let b = upload (randomData rng dtype (k * n)) [| k; n |]

            let r = {
                Cpu = cpu.MatMul(a.Cpu, b.Cpu)
                Gpu = (gpu ()).MatMul(a.Gpu, b.Gpu)
            }

            expectBoth (tolerance dtype k) $"matmul {dtype} {m}x{k} by {k}x{n}" r

[<Fact>]
let ``batched matmul matches the CPU for every batch`` () =
    let rng = Random 8

    for dtype in floats do
        for batch, m, k, n in
            [
                [| 2 |], 3, 5, 4
                [| 2; 3 |], 5, 4, 6
                [| 1; 2 |], 66, 2, 65
                [| 0 |], 2, 2, 2
            ] do
            let count = Array.fold (*) 1 batch

            let a =
                upload (randomData rng dtype (count * m * k)) (Array.append batch [| m; k |])

            let b =
                upload (randomData rng dtype (count * k * n)) (Array.append batch [| k; n |])

            let r = {
                Cpu = cpu.MatMul(a.Cpu, b.Cpu)
                Gpu = (gpu ()).MatMul(a.Gpu, b.Gpu)
            }

            expectBoth (tolerance dtype k) $"matmul {dtype} batch {Shape batch} {m}x{k}x{n}" r

[<Fact>]
let ``matmul reads transposed, sliced and broadcast operands in place`` () =
    let rng = Random 9

    for dtype in floats do
        for la in [ Contiguous; Transposed; Sliced; Broadcast ] do
            for lb in [ Contiguous; Transposed; Sliced ] do
                let a = build (randomData rng dtype) la [| 2; 67; 19 |]
                let b = build (randomData rng dtype) lb [| 2; 19; 5 |]

                let r = {
                    Cpu = cpu.MatMul(a.Cpu, b.Cpu)
                    Gpu = (gpu ()).MatMul(a.Gpu, b.Gpu)
                }

                expectBoth (tolerance dtype 19) $"matmul {dtype} a {la}, b {lb}" r

[<Fact>]
let ``matmul fails as on the CPU for mismatched shapes and dtypes`` () =
    let rng = Random 10

    let f (dims: int[]) (b: IBackend) =
        b.FromHostArray(randomData rng DType.Float32 (Array.fold (*) 1 dims), Shape dims)

    expectSameError "inner dimensions" (fun b -> b.MatMul(f [| 3; 4 |] b, f [| 5; 2 |] b) |> ignore)
    expectSameError "batch dimensions" (fun b -> b.MatMul(f [| 2; 3; 4 |] b, f [| 3; 4; 2 |] b) |> ignore)
    expectSameError "ranks" (fun b -> b.MatMul(f [| 3 |] b, f [| 3; 2 |] b) |> ignore)

    expectSameError "integers" (fun b ->
        b.MatMul(b.FromHostArray([| 1; 2 |], Shape [| 1; 2 |]), b.FromHostArray([| 1; 2 |], Shape [| 2; 1 |]))
        |> ignore)
