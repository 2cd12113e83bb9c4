/// Host copies, fill, contiguous copies and dtype conversion against the CPU backend.
module Functional.Gpu.Tests.CreationTests

open System
open Functional.Core.Tensors
open Functional.Gpu
open Functional.Gpu.Tests.Support
open Xunit

[<Fact>]
let ``fromHostArray then toHostArray returns the same values for every dtype and shape`` () =
    let rng = Random 1

    for dtype in dtypes do
        for dims in shapes do
            let x = upload (randomData rng dtype (Shape(dims).NumElements)) dims
            expectBoth exact $"{dtype} {Shape dims}" x

[<Fact>]
let ``tensors on the gpu backend live in GpuStorage on cuda:0`` () =
    let x = (gpu ()).FromHostArray([| 1.0f; 2.0f |], Shape [| 2 |])
    Assert.IsType<GpuStorage<float32>>(x.Storage) |> ignore
    Assert.Equal(Device.Cuda, x.Device)
    Assert.Equal("cuda:0", x.Device.ToString())

[<Fact>]
let ``full fills every dtype, rounding and saturating as the CPU does`` () =
    for dtype in dtypes do
        for value in [ 0.0; -0.0; 2.7; -3.5; 1e10; -1e10; 1e-40 ] do
            for dims in [ [||]; [| 3; 2 |]; [| 0 |] ] do
                let expected = cpu.Full(Shape dims, dtype, value)
                let actual = (gpu ()).Full(Shape dims, dtype, value)
                expectClose exact $"full {dtype} {value}" expected actual

[<Fact>]
let ``full of NaN for an integer dtype fails as on the CPU`` () =
    expectSameError "full NaN int32" (fun b -> b.Full(Shape [| 2 |], DType.Int32, nan) |> ignore)
    expectSameError "full inf int64" (fun b -> b.Full(Shape [| 2 |], DType.Int64, infinity) |> ignore)

[<Fact>]
let ``contiguous copies transposed, sliced and broadcast views of every dtype`` () =
    let rng = Random 2

    for dtype in dtypes do
        for dims in shapes do
            for layout in layoutsFor dims do
                let x = build (randomData rng dtype) layout dims
                let c = x |> map (fun b t -> b.Contiguous t)
                Assert.True(c.Gpu.IsContiguous)
                expectBoth exact $"contiguous {dtype} {Shape dims} {layout}" c

[<Fact>]
let ``contiguous returns a contiguous tensor itself`` () =
    let x = (gpu ()).FromHostArray([| 1.0; 2.0; 3.0 |], Shape [| 3 |])
    Assert.Same(x, (gpu ()).Contiguous x)

[<Fact>]
let ``cast converts between every pair of dtypes as the CPU does`` () =
    let values = [|
        0.0
        -0.0
        1.5
        -1.5
        2.5
        1e-3
        3e9
        -3e9
        1e20
        -1e20
        16777217.0
        123456789.123
    |]

    for from in dtypes do
        let data: Array =
            match from with
            | DType.Float32 -> Array.map float32 values :> Array
            | DType.Float64 -> values :> Array
            | DType.Int32 -> [| 0; -1; 7; Int32.MaxValue; Int32.MinValue; 16777217 |] :> Array
            | _ ->
                [|
                    0L
                    -1L
                    7L
                    Int64.MaxValue
                    Int64.MinValue
                    3_000_000_000L
                    9007199254740993L
                |]
                :> Array

        // The values themselves, and every other element of a longer copy (a strided view).
        let n = data.Length

        let doubled =
            Array.CreateInstance(nonNull (data.GetType().GetElementType()), 2 * n + 1)

        for i in 0 .. 2 * n do
            doubled.SetValue(data.GetValue(min (i / 2) (n - 1)), i)

        let views = [
            "contiguous", upload data [| n |]
            "sliced",
            upload doubled [| 2 * n + 1 |]
            |> map (fun b t -> b.Slice(t, [| 1 |], [| 2 * n + 1 |], [| 2 |]))
        ]

        for layout, x in views do
            for target in dtypes do
                expectBoth exact $"cast {from} -> {target} ({layout})" (x |> map (fun b t -> b.Cast(t, target)))

[<Fact>]
let ``cast of NaN or infinity to an integer fails naming the position, as on the CPU`` () =
    for dtype in floats do
        let data: Array =
            match dtype with
            | DType.Float32 -> [| 1.0f; 2.0f; nanf; infinityf |] :> Array
            | _ -> [| 1.0; -infinity; nan; 2.0 |] :> Array

        for target in [ DType.Int32; DType.Int64 ] do
            expectSameError $"cast {dtype} -> {target}" (fun b ->
                b.Cast(b.FromHostArray(data, Shape [| 4 |]), target) |> ignore)
