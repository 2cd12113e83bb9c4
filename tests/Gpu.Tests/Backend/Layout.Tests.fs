/// Views, slice scatter, gather, scatter-add and concat against the CPU backend.
module Functional.Gpu.Tests.LayoutTests

open System
open Functional.Core.Tensors
open Functional.Gpu.Tests.Support
open Xunit

[<Fact>]
let ``expand, permute, slice and reshape give the CPU's values, and the first three share storage`` () =
    let rng = Random 16

    for dtype in dtypes do
        for layout in [ Contiguous; Transposed; Sliced ] do
            let x = build (randomData rng dtype) layout [| 2; 3; 4 |]
            let g = gpu ()

            let expanded =
                x
                |> map (fun b t -> b.Expand(b.Reshape(t, Shape [| 2; 1; 3; 4 |]), Shape [| 2; 5; 3; 4 |]))

            expectBoth exact $"expand {dtype} {layout}" expanded

            let permuted = x |> map (fun b t -> b.Permute(t, [| 2; 0; 1 |]))
            Assert.Same(x.Gpu.Storage, permuted.Gpu.Storage)
            expectBoth exact $"permute {dtype} {layout}" permuted

            let sliced =
                x |> map (fun b t -> b.Slice(t, [| 0; 1; 0 |], [| 2; 3; 4 |], [| 1; 1; 3 |]))

            Assert.Same(x.Gpu.Storage, sliced.Gpu.Storage)
            expectBoth exact $"slice {dtype} {layout}" sliced

            let empty =
                x |> map (fun b t -> b.Slice(t, [| 0; 3; 0 |], [| 2; 3; 4 |], [| 1; 1; 1 |]))

            expectBoth exact $"empty slice {dtype} {layout}" empty

            for dims in [ [| 6; 4 |]; [| 24 |]; [| 4; 2; 3 |] ] do
                expectBoth
                    exact
                    $"reshape {Shape dims} {dtype} {layout}"
                    (x |> map (fun b t -> b.Reshape(t, Shape dims)))

            Assert.Same(g.Expand(x.Gpu, x.Gpu.Shape).Storage, x.Gpu.Storage)

    expectSameError "reshape to another element count" (fun b ->
        b.Reshape(b.Full(Shape [| 2; 3 |], DType.Float32, 0.0), Shape [| 4 |]) |> ignore)

    expectSameError "slice out of range" (fun b ->
        b.Slice(b.Full(Shape [| 2; 3 |], DType.Float32, 0.0), [| 0; 0 |], [| 2; 4 |], [| 1; 1 |])
        |> ignore)

[<Fact>]
let ``sliceScatter writes a slice into zeros as the CPU does`` () =
    let rng = Random 17

    for dtype in dtypes do
        for layout in [ Contiguous; Transposed; Broadcast ] do
            let src = build (randomData rng dtype) layout [| 2; 3 |]

            let r =
                src
                |> map (fun b t -> b.SliceScatter(Shape [| 5; 7 |], t, [| 1; 0 |], [| 5; 7 |], [| 2; 3 |]))

            expectBoth exact $"sliceScatter {dtype} {layout}" r

    expectSameError "sliceScatter of a src of the wrong shape" (fun b ->
        b.SliceScatter(Shape [| 4 |], b.Full(Shape [| 3 |], DType.Float32, 1.0), [| 0 |], [| 4 |], [| 2 |])
        |> ignore)

let private indices (rng: Random) (dtype: DType) (size: int) (n: int) : Array =
    match dtype with
    | DType.Int32 -> Array.init n (fun _ -> rng.Next size) :> Array
    | _ -> Array.init n (fun _ -> int64 (rng.Next size)) :> Array

[<Fact>]
let ``gather along each axis matches the CPU for every dtype and index dtype`` () =
    let rng = Random 18

    for dtype in dtypes do
        for idtype in [ DType.Int32; DType.Int64 ] do
            for layout in [ Contiguous; Transposed; Sliced ] do
                let dims = [| 3; 4; 5 |]
                let x = build (randomData rng dtype) layout dims

                for axis in 0..2 do
                    let idims = Array.copy dims
                    idims[axis] <- 6
                    let index = upload (indices rng idtype dims[axis] (Array.fold (*) 1 idims)) idims

                    let r = {
                        Cpu = cpu.Gather(x.Cpu, axis, index.Cpu)
                        Gpu = (gpu ()).Gather(x.Gpu, axis, index.Gpu)
                    }

                    expectBoth exact $"gather axis {axis} {dtype} by {idtype} ({layout})" r

[<Fact>]
let ``scatterAdd along each axis matches the CPU bit for bit, repeated indices included`` () =
    let rng = Random 19

    for dtype in floats do
        for idtype in [ DType.Int32; DType.Int64 ] do
            let shape = [| 3; 4; 5 |]

            for axis in 0..2 do
                let idims = Array.copy shape
                idims[axis] <- 7
                let count = Array.fold (*) 1 idims
                let index = upload (indices rng idtype shape[axis] count) idims
                let src = build (randomData rng dtype) Transposed idims

                let r = {
                    Cpu = cpu.ScatterAdd(Shape shape, axis, index.Cpu, src.Cpu)
                    Gpu = (gpu ()).ScatterAdd(Shape shape, axis, index.Gpu, src.Gpu)
                }

                expectBoth exact $"scatterAdd axis {axis} {dtype} by {idtype}" r

[<Fact>]
let ``gather and scatterAdd of an index out of range fail naming the position, as on the CPU`` () =
    let x (b: IBackend) =
        b.FromHostArray([| 1.0f; 2.0f; 3.0f; 4.0f |], Shape [| 2; 2 |])

    let bad (b: IBackend) =
        b.FromHostArray([| 0L; 1L; 2L; -1L |], Shape [| 2; 2 |])

    expectSameError "gather" (fun b -> b.Gather(x b, 1, bad b) |> ignore)
    expectSameError "scatterAdd" (fun b -> b.ScatterAdd(Shape [| 2; 2 |], 1, bad b, x b) |> ignore)
    expectSameError "gather by floats" (fun b -> b.Gather(x b, 1, x b) |> ignore)

    expectSameError "gather by an index of the wrong shape" (fun b ->
        b.Gather(x b, 1, b.FromHostArray([| 0; 1; 1 |], Shape [| 3; 1 |])) |> ignore)

[<Fact>]
let ``concat joins views of every dtype along each axis`` () =
    let rng = Random 20

    for dtype in dtypes do
        for axis in [ 0; 1; -1 ] do
            let dims k =
                [| 2; 3; 4 |] |> Array.mapi (fun i d -> if i = (axis + 3) % 3 then k else d)

            let parts = [
                build (randomData rng dtype) Transposed (dims 2)
                build (randomData rng dtype) Sliced (dims 0)
                build (randomData rng dtype) Broadcast (dims 3)
            ]

            let r = {
                Cpu = cpu.Concat(parts |> List.map (fun p -> p.Cpu) |> Array.ofList, axis)
                Gpu = (gpu ()).Concat(parts |> List.map (fun p -> p.Gpu) |> Array.ofList, axis)
            }

            expectBoth exact $"concat axis {axis} {dtype}" r

    expectSameError "concat of mixed dtypes" (fun b ->
        b.Concat(
            [|
                b.Full(Shape [| 2 |], DType.Float32, 1.0)
                b.Full(Shape [| 2 |], DType.Float64, 1.0)
            |],
            0
        )
        |> ignore)

[<Fact>]
let ``a view of nine axes that do not merge is copied, and other kernels refuse it naming the op and device`` () =
    let rng = Random 31
    let dims = Array.create 9 2
    // Reversing the axes leaves no two neighbours contiguous with each other.
    let x =
        upload (randomData rng DType.Float32 512) dims
        |> map (fun b t -> b.Permute(t, Array.rev [| 0..8 |]))

    expectBoth exact "contiguous of nine axes" (x |> map (fun b t -> b.Contiguous t))
    expectBoth exact "reshape of nine axes" (x |> map (fun b t -> b.Reshape(t, Shape [| 512 |])))

    let ex =
        Assert.Throws<NotSupportedException>(fun () -> (gpu ()).Unary(UnaryOp.Exp, x.Gpu) |> ignore)

    Assert.StartsWith("exp on cuda:0: expected views of at most 8 axes", ex.Message)
