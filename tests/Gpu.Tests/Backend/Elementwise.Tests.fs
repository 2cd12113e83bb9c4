/// Unary, scalar and binary ops and select against the CPU backend, on every layout.
module Functional.Gpu.Tests.ElementwiseTests

open System
open Functional.Core.Tensors
open Functional.Gpu.Tests.Support
open Xunit

[<Fact>]
let ``every unary op matches the CPU on every shape and layout, NaN, infinities and signed zeros included`` () =
    let rng = Random 3

    for dtype in floats do
        for dims in shapes do
            for layout in layoutsFor dims do
                let x = build (withSpecials rng dtype) layout dims

                for op in Enum.GetValues<UnaryOp>() do
                    expectBoth
                        (tolFor dtype)
                        $"{op} {dtype} {Shape dims} {layout}"
                        (x |> map (fun b t -> b.Unary(op, t)))

[<Fact>]
let ``every scalar op matches the CPU`` () =
    let rng = Random 4

    for dtype in floats do
        for dims in [ [||]; [| 7 |]; [| 3; 4 |]; [| 0; 2 |] ] do
            for layout in layoutsFor dims do
                let x = build (withSpecials rng dtype) layout dims

                for op, s in
                    [
                        ScalarOp.LeakyRelu, 0.3
                        ScalarOp.Pow, 2.0
                        ScalarOp.Pow, 0.5
                        ScalarOp.Pow, -1.5
                        ScalarOp.Add, 1.25
                        ScalarOp.Mul, -3.0
                    ] do
                    expectBoth
                        (tolFor dtype)
                        $"{op} {s} {dtype} {Shape dims} {layout}"
                        (x |> map (fun b t -> b.Scalar(op, t, s)))

/// Pairs of shapes that broadcast (NumPy rules), size-1 and empty axes included.
let private pairs = [
    [| 5 |], [| 5 |]
    [| 3; 4 |], [| 4 |]
    [| 3; 1 |], [| 1; 4 |]
    [| 2; 3; 4 |], [| 3; 1 |]
    [||], [| 2; 3 |]
    [| 1 |], [| 1 |]
    [| 0; 3 |], [| 3 |]
    [| 2; 1; 3; 1 |], [| 4; 1; 2 |]
]

[<Fact>]
let ``every binary op matches the CPU with broadcasting, for every dtype`` () =
    let rng = Random 5

    for dtype in dtypes do
        let fill =
            if dtype.IsFloatingPoint() then
                withSpecials rng dtype
            else
                randomData rng dtype

        let ops =
            Enum.GetValues<BinaryOp>()
            |> Array.filter (fun op -> dtype.IsFloatingPoint() || (op <> BinaryOp.Div && op <> BinaryOp.Pow))

        for da, db in pairs do
            for la in layoutsFor da do
                let a, b = build fill la da, build fill Contiguous db

                for op in ops do
                    let r = {
                        Cpu = cpu.Binary(op, a.Cpu, b.Cpu)
                        Gpu = (gpu ()).Binary(op, a.Gpu, b.Gpu)
                    }

                    expectBoth (tolFor dtype) $"{op} {dtype} {Shape da} ({la}) with {Shape db}" r

[<Fact>]
let ``max and min treat NaN and signed zeros as the CPU does`` () =
    for dtype in floats do
        let xs = [| 0.0; -0.0; nan; 1.0; -0.0; nan |]
        let ys = [| -0.0; 0.0; 1.0; nan; -0.0; nan |]

        let cast (v: float[]) : Array =
            if dtype = DType.Float32 then
                Array.map float32 v :> Array
            else
                v :> Array

        let a, b = upload (cast xs) [| 6 |], upload (cast ys) [| 6 |]

        for op in [ BinaryOp.Max; BinaryOp.Min ] do
            let r = {
                Cpu = cpu.Binary(op, a.Cpu, b.Cpu)
                Gpu = (gpu ()).Binary(op, a.Gpu, b.Gpu)
            }

            expectBoth exact $"{op} {dtype}" r

[<Fact>]
let ``binary ops fail as on the CPU for mixed dtypes, integer division and shapes that do not broadcast`` () =
    let f = [| 1.0f; 2.0f; 3.0f |]
    let d = [| 1.0; 2.0 |]
    let i = [| 1; 2; 3 |]

    expectSameError "mixed dtypes" (fun b ->
        b.Binary(BinaryOp.Add, b.FromHostArray(f, Shape [| 3 |]), b.FromHostArray(d, Shape [| 2 |]))
        |> ignore)

    expectSameError "integer div" (fun b ->
        b.Binary(BinaryOp.Div, b.FromHostArray(i, Shape [| 3 |]), b.FromHostArray(i, Shape [| 3 |]))
        |> ignore)

    expectSameError "no broadcast" (fun b ->
        b.Binary(BinaryOp.Mul, b.FromHostArray(f, Shape [| 3 |]), b.FromHostArray([| 1.0f; 2.0f |], Shape [| 2 |]))
        |> ignore)

    expectSameError "unary of integers" (fun b -> b.Unary(UnaryOp.Exp, b.FromHostArray(i, Shape [| 3 |])) |> ignore)

[<Fact>]
let ``where selects with conditions of every dtype, NaN counting as true`` () =
    let rng = Random 6

    for cdtype in dtypes do
        let cond: Array =
            match cdtype with
            | DType.Float32 -> [| 0.0f; nanf; -0.0f; 2.0f |] :> Array
            | DType.Float64 -> [| 1.0; 0.0; nan; -0.0 |] :> Array
            | DType.Int32 -> [| 0; 1; -3; 0 |] :> Array
            | _ -> [| 5L; 0L; 0L; 1L |] :> Array

        let c = upload cond [| 4; 1 |]

        for dtype in dtypes do
            for layout in [ Contiguous; Transposed; Broadcast ] do
                let a = build (randomData rng dtype) layout [| 4; 3 |]
                let b = upload (randomData rng dtype 3) [| 3 |]

                let r = {
                    Cpu = cpu.Where(c.Cpu, a.Cpu, b.Cpu)
                    Gpu = (gpu ()).Where(c.Gpu, a.Gpu, b.Gpu)
                }

                expectBoth exact $"where cond {cdtype} values {dtype} ({layout})" r

    expectSameError "where of three shapes that do not broadcast" (fun b ->
        b.Where(
            b.FromHostArray([| 1.0f; 0.0f |], Shape [| 2 |]),
            b.FromHostArray([| 1.0f; 2.0f; 3.0f |], Shape [| 3 |]),
            b.FromHostArray([| 1.0f |], Shape [| 1 |])
        )
        |> ignore)
