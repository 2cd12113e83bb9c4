/// Reductions over an axis, arg-reductions, softmax, log-sum-exp and sumTo against the CPU backend.
module Functional.Gpu.Tests.ReductionsTests

open System
open Functional.Core.Tensors
open Functional.Gpu.Tests.Support
open Xunit

/// Shapes for reductions: every axis of these is reduced; 300 takes the grouped (256-thread) path.
let private reduced: int[] list = [
    [| 5 |]
    [| 3; 4 |]
    [| 1; 5 |]
    [| 2; 3; 4 |]
    [| 2; 0; 3 |]
    [| 3; 300 |]
    [| 300; 2 |]
    [| 2; 1; 3; 1 |]
]

[<Fact>]
let ``sum, max and min over each axis match the CPU, with and without keepDim, on every layout and dtype`` () =
    let rng = Random 11

    for dtype in dtypes do
        for dims in reduced do
            // Long lines (the grouped path) in two layouts only: the CPU accelerator runs 256-thread groups slowly.
            let layouts =
                if Array.contains 300 dims then
                    [ Contiguous; Transposed ]
                else
                    layoutsFor dims

            for layout in layouts do
                let x = build (randomData rng dtype) layout dims

                // The last axis as −1, the others by index; keepDim on every other axis.
                for axis in -1 :: [ 0 .. dims.Length - 2 ] do
                    let n = dims[(axis + dims.Length) % dims.Length]
                    let keep = (axis + dims.Length) % 2 = 0

                    for op in Enum.GetValues<ReduceOp>() do
                        if op = ReduceOp.Sum || n > 0 then
                            expectBoth
                                (sumTol dtype n)
                                $"{op} axis {axis} keep {keep} {dtype} {Shape dims} {layout}"
                                (x |> map (fun b t -> b.Reduce(op, t, axis, keep)))

[<Fact>]
let ``max and min reductions let NaN win and prefer +0 over -0 as the CPU does`` () =
    for dtype in floats do
        for values in
            [
                [| 1.0; nan; 3.0 |]
                [| -0.0; 0.0; -0.0 |]
                [| 0.0; -0.0; -1.0 |]
                [| -infinity; nan; infinity |]
            ] do
            let data: Array =
                if dtype = DType.Float32 then
                    Array.map float32 values :> Array
                else
                    values :> Array

            let x = upload data [| 3 |]

            for op in [ ReduceOp.Max; ReduceOp.Min ] do
                expectBoth exact $"{op} of {values}" (x |> map (fun b t -> b.Reduce(op, t, 0, false)))

            for op in Enum.GetValues<ArgReduceOp>() do
                expectBoth exact $"{op} of {values}" (x |> map (fun b t -> b.ArgReduce(op, t, 0, false)))

[<Fact>]
let ``argmax and argmin return the first extreme along each axis, as the CPU`` () =
    let rng = Random 12

    for dtype in dtypes do
        for dims in [ [| 6 |]; [| 4; 5 |]; [| 2; 3; 4 |]; [| 3; 300 |] ] do
            for layout in layoutsFor dims do
                // Few distinct values, so ties are common.
                let fill n =
                    let ints = Array.init n (fun _ -> rng.Next(-2, 3))

                    match dtype with
                    | DType.Float32 -> Array.map float32 ints :> Array
                    | DType.Float64 -> Array.map float ints :> Array
                    | DType.Int32 -> ints :> Array
                    | _ -> Array.map int64 ints :> Array

                let x = build fill layout dims

                for axis in 0 .. dims.Length - 1 do
                    for op in Enum.GetValues<ArgReduceOp>() do
                        for keep in [ false; true ] do
                            expectBoth
                                exact
                                $"{op} axis {axis} {dtype} {Shape dims} {layout}"
                                (x |> map (fun b t -> b.ArgReduce(op, t, axis, keep)))

[<Fact>]
let ``softmax and log-softmax match the CPU over each axis, large values included`` () =
    let rng = Random 13

    for dtype in floats do
        for dims in [ [| 5 |]; [| 3; 4 |]; [| 2; 3; 4 |]; [| 2; 300 |]; [| 1; 1 |]; [| 0; 4 |] ] do
            for layout in layoutsFor dims do
                for spread in [ 1.0; 1000.0 ] do
                    let fill n =
                        let v = Array.init n (fun _ -> (rng.NextDouble() * 2.0 - 1.0) * spread)

                        if dtype = DType.Float32 then
                            Array.map float32 v :> Array
                        else
                            v :> Array

                    let x = build fill layout dims

                    for axis in 0 .. dims.Length - 1 do
                        for op in Enum.GetValues<SoftmaxOp>() do
                            // log-softmax of ±1000 is a difference of large numbers: tolerance on its scale.
                            let tol =
                                if op = SoftmaxOp.LogSoftmax then
                                    {
                                        tolFor dtype with
                                            Abs = (tolFor dtype).Rel * spread * 4.0
                                    }
                                else
                                    tolFor dtype

                            expectBoth
                                tol
                                $"{op} axis {axis} spread {spread} {dtype} {Shape dims} {layout}"
                                (x |> map (fun b t -> b.Softmax(op, t, axis)))

[<Fact>]
let ``logsumexp matches the CPU, including empty axes, infinite maxima and NaN`` () =
    let rng = Random 14

    for dtype in floats do
        for dims in [ [| 5 |]; [| 3; 4 |]; [| 2; 0; 3 |]; [| 2; 300 |] ] do
            for layout in layoutsFor dims do
                let x = build (withSpecials rng dtype) layout dims

                for axis in 0 .. dims.Length - 1 do
                    for keep in [ false; true ] do
                        expectBoth
                            {
                                tolFor dtype with
                                    Abs = (tolFor dtype).Rel * 50.0
                            }
                            $"logsumexp axis {axis} {dtype} {Shape dims} {layout}"
                            (x |> map (fun b t -> b.LogSumExp(t, axis, keep)))

[<Fact>]
let ``sumTo sums broadcast axes back as the CPU does`` () =
    let rng = Random 15

    let cases = [
        [| 3; 4 |], [| 4 |]
        [| 3; 4 |], [| 3; 1 |]
        [| 3; 4 |], [||]
        [| 2; 3; 4 |], [| 1; 3; 1 |]
        [| 2; 3; 4 |], [| 2; 3; 4 |]
        [| 5; 300 |], [| 1 |]
        [| 0; 3 |], [| 3 |]
        [| 2; 1; 3 |], [| 1; 3 |]
        [||], [||]
    ]

    for dtype in dtypes do
        for dims, target in cases do
            for layout in layoutsFor dims do
                let x = build (randomData rng dtype) layout dims
                let n = Shape(dims).NumElements / max 1 (Shape(target).NumElements)

                expectBoth
                    (sumTol dtype n)
                    $"sumTo {Shape target} of {dtype} {Shape dims} {layout}"
                    (x |> map (fun b t -> b.SumTo(t, Shape target)))

[<Fact>]
let ``reductions fail as on the CPU for empty axes, bad axes and shapes that do not broadcast`` () =
    let empty (b: IBackend) =
        b.FromHostArray(Array.empty<float32>, Shape [| 2; 0 |])

    expectSameError "max of an empty axis" (fun b -> b.Reduce(ReduceOp.Max, empty b, 1, false) |> ignore)
    expectSameError "argmax of an empty axis" (fun b -> b.ArgReduce(ArgReduceOp.ArgMax, empty b, 1, false) |> ignore)
    expectSameError "axis out of range" (fun b -> b.Reduce(ReduceOp.Sum, empty b, 2, false) |> ignore)

    expectSameError "softmax of integers" (fun b ->
        b.Softmax(SoftmaxOp.Softmax, b.Full(Shape [| 2 |], DType.Int32, 1.0), 0)
        |> ignore)

    expectSameError "sumTo a shape that does not broadcast" (fun b ->
        b.SumTo(b.Full(Shape [| 3; 4 |], DType.Float32, 1.0), Shape [| 3 |]) |> ignore)
