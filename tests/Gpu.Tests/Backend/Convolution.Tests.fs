/// im2col and col2im against the CPU backend: strides, padding, dilation, strided inputs.
module Functional.Gpu.Tests.ConvolutionTests

open System
open Functional.Core.Tensors
open Functional.Gpu.Tests.Support
open Xunit

/// Windows of PyTorch's Conv2d: kernel, stride, padding and dilation per axis.
let private geometries = [
    ConvGeometry.Square(3, 1, 1)
    ConvGeometry.Square(5, 2, 2)
    ConvGeometry.Square(1, 1, 0)
    ConvGeometry(3, 2, 2, 1, 0, 1, 2, 1)
    ConvGeometry(2, 3, 1, 3, 1, 0, 1, 2)
]

[<Fact>]
let ``im2col matches the CPU for strides, padding and dilation, on contiguous and strided images`` () =
    let rng = Random 21

    for dtype in floats do
        for g in geometries do
            for layout in [ Contiguous; Transposed; Sliced ] do
                let image = build (randomData rng dtype) layout [| 2; 3; 7; 6 |]
                expectBoth exact $"im2col {g} {dtype} {layout}" (image |> map (fun b t -> b.Im2Col(t, g)))

[<Fact>]
let ``col2im matches the CPU bit for bit, on contiguous and transposed columns`` () =
    let rng = Random 22

    for dtype in floats do
        for g in geometries do
            let imageShape = Shape [| 2; 3; 7; 6 |]
            let columns = cpu.Im2Col(cpu.Full(imageShape, dtype, 0.0), g).Shape.ToArray()

            for layout in [ Contiguous; Transposed ] do
                let cols = build (randomData rng dtype) layout columns
                expectBoth exact $"col2im {g} {dtype} {layout}" (cols |> map (fun b t -> b.Col2Im(t, imageShape, g)))

[<Fact>]
let ``im2col and col2im fail as on the CPU for windows that do not fit and mismatched columns`` () =
    expectSameError "im2col of a window larger than the image" (fun b ->
        b.Im2Col(b.Full(Shape [| 1; 1; 2; 2 |], DType.Float32, 1.0), ConvGeometry.Square(5, 1, 0))
        |> ignore)

    expectSameError "im2col of a rank-3 input" (fun b ->
        b.Im2Col(b.Full(Shape [| 1; 2; 2 |], DType.Float32, 1.0), ConvGeometry.Square(1, 1, 0))
        |> ignore)

    expectSameError "col2im of columns of the wrong shape" (fun b ->
        b.Col2Im(b.Full(Shape [| 4; 5 |], DType.Float32, 1.0), Shape [| 1; 1; 3; 3 |], ConvGeometry.Square(2, 1, 0))
        |> ignore)
