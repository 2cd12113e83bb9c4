/// Convolution (Ops/Op.Unfold.fs, Op.Conv2d.fs, Op.ConvTranspose2d.fs): values against PyTorch, im2col/col2im
/// adjointness, gradients of input, weight and bias against central differences, and shape errors.
module Functional.Tests.OpConv2dTests

open System
open Expecto
open FsCheck
open FsCheck.FSharp
open Functional
open Functional.Core.Tensors
open Functional.Tests.Generators
open Functional.Tests.GradCheck

/// The deterministic inputs the PyTorch oracle used: x[i] = sin(0.3 i), w[i] = cos(0.7 i), wt[i] = cos(0.4 i).
let private x () =
    Tensor.ofArrayShaped [ 2; 2; 5; 4 ] (Array.init 80 (fun i -> sin (0.3 * float i)))

let private w () =
    Tensor.ofArrayShaped [ 3; 2; 3; 3 ] (Array.init 54 (fun i -> cos (0.7 * float i)))

let private wt () =
    Tensor.ofArrayShaped [ 2; 3; 3; 3 ] (Array.init 54 (fun i -> cos (0.4 * float i)))

let private bias () = Tensor.ofList [ 0.1; -0.2; 0.3 ]
let private stride2pad1 = ConvGeometry.Square(3, 2, 1)

let private close (expected: float) (actual: float) (what: string) =
    Expect.floatClose Accuracy.high actual expected what

/// Geometries and input shapes small enough for finite differences, including stride, padding and dilation.
let private convCases =
    gen {
        let! k = Gen.choose (1, 3)
        let! s = Gen.choose (1, 2)
        let! p = Gen.choose (0, 1)
        let! d = Gen.choose (1, 2)
        let g = ConvGeometry(k, k, s, s, p, p, d, d)
        let span = d * (k - 1) + 1
        let! h = Gen.choose (max 1 (span - 2 * p), 5)
        let! w = Gen.choose (max 1 (span - 2 * p), 5)
        let! n = Gen.choose (1, 2)
        let! c = Gen.choose (1, 2)
        let! cout = Gen.choose (1, 2)
        let! x = tensorOf Real [ n; c; h; w ]
        let! weight = tensorOf Real [ cout; c; k; k ]
        let! b = tensorOf Real [ cout ]
        return g, x, weight, b
    }

let private transposeCases =
    gen {
        let! k = Gen.choose (1, 3)
        let! s = Gen.choose (1, 2)
        let! p = Gen.choose (0, (k - 1) / 2)
        let! op = Gen.choose (0, s - 1)
        let g = ConvGeometry.Square(k, s, p)
        let! h = Gen.choose (1, 3)
        let! w = Gen.choose (1, 3)
        let! n = Gen.choose (1, 2)
        let! cin = Gen.choose (1, 2)
        let! cout = Gen.choose (1, 2)
        let! x = tensorOf Real [ n; cin; h; w ]
        let! weight = tensorOf Real [ cin; cout; k; k ]
        let! b = tensorOf Real [ cout ]
        return (g, op), x, weight, b
    }

[<Tests>]
let tests =
    testList "Op.Conv2d" [
        test "conv2d with stride 2 and padding 1 matches PyTorch" {
            let y = Tensor.Conv2d(x (), w (), Some(bias ()), stride2pad1)
            Expect.equal y.Dims [| 2; 3; 3; 2 |] "shape" // oracle: PyTorch 1.13 conv2d → (2, 3, 3, 2)
            close 40.19695970779165 (y.Sum().ToScalar()) "sum" // oracle: PyTorch 1.13 conv2d(...).sum()

            close
                -2.381586190495864
                (y.Index([| Index.At 1; Index.At 2; Index.At 1; Index.At 0 |]).ToScalar())
                "y[1,2,1,0]" // oracle: PyTorch 1.13

            close
                1.9183343851635488
                (y.Index([| Index.At 0; Index.At 0; Index.At 0; Index.At 0 |]).ToScalar())
                "y[0,0,0,0]" // oracle: PyTorch 1.13
        }
        test "convTranspose2d with stride 2, padding 1 and output padding 1 matches PyTorch" {
            let z = Tensor.ConvTranspose2d(x (), wt (), Some(bias ()), stride2pad1, 1, 1)
            Expect.equal z.Dims [| 2; 3; 10; 8 |] "shape" // oracle: PyTorch 1.13 conv_transpose2d → (2, 3, 10, 8)
            close 33.53107213051919 (z.Sum().ToScalar()) "sum" // oracle: PyTorch 1.13

            close
                0.12354667399604186
                (z.Index([| Index.At 1; Index.At 2; Index.At 3; Index.At 4 |]).ToScalar())
                "z[1,2,3,4]" // oracle: PyTorch 1.13

            close
                -0.17555741346119438
                (z.Index([| Index.At 0; Index.At 0; Index.At 0; Index.At 0 |]).ToScalar())
                "z[0,0,0,0]" // oracle: PyTorch 1.13
        }
        test "conv2d in float32 agrees with float64" {
            let y64 = Tensor.Conv2d(x (), w (), Some(bias ()), stride2pad1)

            let y32 =
                Tensor.Conv2d(
                    Tensor.toFloat32 (x ()),
                    Tensor.toFloat32 (w ()),
                    Some(Tensor.toFloat32 (bias ())),
                    stride2pad1
                )

            Expect.equal y32.DType DType.Float32 "dtype"
            Expect.tensorClose { Absolute = 1e-5; Relative = 1e-5 } y32 y64 "float32 vs float64"
        }
        testPropertyWithConfig
            config
            "im2col and col2im are adjoint: <im2col x, y> = <x, col2im y>"
            (Prop.forAll (Arb.fromGen convCases) (fun (g, x, _, _) ->
                let cols = x.Im2Col g
                let y = Tensor.randn (Random 3) cols.Dims |> Tensor.toFloat64
                let left = (cols * y).Sum().ToScalar()
                let right = (x * y.Col2Im(x.Shape, g)).Sum().ToScalar()
                Expect.floatClose Accuracy.high left right "inner products"))
        gradientAgreesFor "conv2d input" (convCases |> Gen.map (fun (g, x, w, b) -> (g, w, b), x)) (fun (g, w, b) x ->
            Tensor.Conv2d(x, w, Some b, g))
        gradientAgreesFor "conv2d weight" (convCases |> Gen.map (fun (g, x, w, b) -> (g, x, b), w)) (fun (g, x, b) w ->
            Tensor.Conv2d(x, w, Some b, g))
        gradientAgreesFor "conv2d bias" (convCases |> Gen.map (fun (g, x, w, b) -> (g, x, w), b)) (fun (g, x, w) b ->
            Tensor.Conv2d(x, w, Some b, g))
        gradientAgreesFor
            "convTranspose2d input"
            (transposeCases |> Gen.map (fun (g, x, w, b) -> (g, w, b), x))
            (fun ((g, op), w, b) x -> Tensor.ConvTranspose2d(x, w, Some b, g, op, op))
        gradientAgreesFor
            "convTranspose2d weight"
            (transposeCases |> Gen.map (fun (g, x, w, b) -> (g, x, b), w))
            (fun ((g, op), x, b) w -> Tensor.ConvTranspose2d(x, w, Some b, g, op, op))
        testPropertyWithConfig
            config
            "convTranspose2d is the gradient of conv2d with respect to its input"
            (Prop.forAll (Arb.fromGen transposeCases) (fun ((g, _), x, w, _) ->
                // conv2d maps [N, Cout, H', W'] → [N, Cin, H, W] with weight [Cin, Cout, k, k]; its input gradient at
                // seed x is convT(x, w). Take an input size that conv2d maps to x's size exactly (output padding 0).
                let n, h, wd = x.Dims[0], x.Dims[2], x.Dims[3]
                let cout = w.Dims[1]
                let inH = (h - 1) * g.StrideH - 2 * g.PadH + g.KernelH
                let inW = (wd - 1) * g.StrideW - 2 * g.PadW + g.KernelW
                let u = Tensor.zeros [ n; cout; inH; inW ] |> Tensor.toFloat64
                let gradient = Diff.grad (fun u -> (Tensor.Conv2d(u, w, None, g) * x).Sum()) u
                Expect.tensorClose Tolerance.tight gradient (Tensor.ConvTranspose2d(x, w, None, g, 0, 0)) "adjoint"))
        test "conv2d of a 3-D input names the op and both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () ->
                    Tensor.Conv2d(Tensor.zeros [ 2; 5; 4 ], Tensor.zeros [ 3; 2; 3; 3 ], None, stride2pad1)
                    |> ignore)
                [ "conv2d"; "x 2x5x4"; "weight 3x2x3x3" ]
                "rank"
        }
        test "conv2d with a channel mismatch names the expected weight" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () ->
                    Tensor.Conv2d(Tensor.zeros [ 1; 4; 5; 5 ], Tensor.zeros [ 3; 2; 3; 3 ], None, stride2pad1)
                    |> ignore)
                [ "conv2d"; "weight [Cout, 4, 3, 3]"; "weight 3x2x3x3" ]
                "channels"
        }
        test "a kernel larger than the padded image is an error naming im2col" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () ->
                    Tensor.Conv2d(
                        Tensor.zeros [ 1; 1; 2; 2 ],
                        Tensor.zeros [ 1; 1; 5; 5 ],
                        None,
                        ConvGeometry.Square(5, 1, 0)
                    )
                    |> ignore)
                [ "im2col"; "window" ]
                "window"
        }
        test "convTranspose2d rejects an output padding not below the stride" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () ->
                    Tensor.ConvTranspose2d(
                        Tensor.zeros [ 1; 1; 2; 2 ],
                        Tensor.zeros [ 1; 1; 3; 3 ],
                        None,
                        ConvGeometry.Square(3, 2, 1),
                        2,
                        2
                    )
                    |> ignore)
                [ "convTranspose2d"; "output padding 2x2" ]
                "output padding"
        }
    ]
