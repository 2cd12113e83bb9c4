/// Max and average pooling (Ops/Op.Pool2d.fs): hand-computed windows, −∞ padding that never wins, zero padding that
/// counts, gradients (and gradients of gradients) against central differences, and shape errors.
module Functional.Tests.OpPool2dTests

open Expecto
open FsCheck
open FsCheck.FSharp
open Functional
open Functional.Core.Tensors
open Functional.Tests.GradCheck

/// 0, 1, …, 15 as one 4x4 image [1, 1, 4, 4].
let private ramp () =
    Tensor.ofArrayShaped [ 1; 1; 4; 4 ] (Array.init 16 float)

/// Pooling geometries with inputs whose values are all distinct and 0.1 apart, so no window holds a tie within the
/// finite-difference step (at a tie the max is not differentiable).
let private poolCases =
    gen {
        let! k = Gen.choose (1, 3)
        let! s = Gen.choose (1, 2)
        let! p = Gen.choose (0, k / 2)
        let! h = Gen.choose (max 1 (k - 2 * p), 5)
        let! w = Gen.choose (max 1 (k - 2 * p), 5)
        let! n = Gen.choose (1, 2)
        let! c = Gen.choose (1, 2)
        let count = n * c * h * w

        let! values =
            Gen.shuffle (Array.init count (fun i -> 0.1 * float i - 0.05 * float count))

        return (k, s, p), Tensor.ofArrayShaped [ n; c; h; w ] values
    }

[<Tests>]
let tests =
    testList "Op.Pool2d" [
        test "2x2 max pooling keeps the largest of each window" {
            // oracle: by hand; windows {0,1,4,5} {2,3,6,7} {8,9,12,13} {10,11,14,15}.
            Expect.sequenceEqual ((ramp ()).MaxPool2d(2).ToFloatArray()) [| 5.0; 7.0; 13.0; 15.0 |] "max"
            Expect.equal ((ramp ()).MaxPool2d(2).Dims) [| 1; 1; 2; 2 |] "shape"
        }
        test "2x2 average pooling takes each window's mean" {
            Expect.sequenceEqual ((ramp ()).AvgPool2d(2).ToFloatArray()) [| 2.5; 4.5; 10.5; 12.5 |] "mean"
        }
        test "overlapping windows: kernel 3, stride 1 over 4x4 gives 2x2" {
            Expect.sequenceEqual ((ramp ()).MaxPool2d(3, 1, 0).ToFloatArray()) [| 10.0; 11.0; 14.0; 15.0 |] "max"
            Expect.sequenceEqual ((ramp ()).AvgPool2d(3, 1, 0).ToFloatArray()) [| 5.0; 6.0; 9.0; 10.0 |] "mean"
        }
        test "max pooling pads with −∞: all-negative images keep their own values at the border" {
            let x = (ramp ()) - 100.0
            let y = x.MaxPool2d(3, 1, 1)
            Expect.equal y.Dims [| 1; 1; 4; 4 |] "same size"
            // The top-left window covers {0, 1, 4, 5} − 100 and padding: its max is 5 − 100, not 0.
            Expect.floatClose Accuracy.veryHigh (y.ToFloatArray()[0]) -95.0 "corner"
        }
        test "average pooling counts the zero padding, as PyTorch's count_include_pad" {
            let y = (ramp ()).AvgPool2d(3, 1, 1)
            // oracle: by hand; the corner window holds 0 + 1 + 4 + 5 and five zeros: 10 / 9.
            Expect.floatClose Accuracy.veryHigh (y.ToFloatArray()[0]) (10.0 / 9.0) "corner"
        }
        test "channels and batch pool separately" {
            let x = Tensor.ofArrayShaped [ 2; 3; 2; 2 ] (Array.init 24 float)
            Expect.sequenceEqual (x.MaxPool2d(2).ToFloatArray()) [| 3.0; 7.0; 11.0; 15.0; 19.0; 23.0 |] "per plane"
            Expect.equal (x.MaxPool2d(2).Dims) [| 2; 3; 1; 1 |] "shape"
        }
        test "the max gradient goes to each window's largest element" {
            let g = Diff.grad (fun (x: Tensor) -> x.MaxPool2d(2).Sum()) (ramp ())

            let expected =
                Array.init 16 (fun i -> if List.contains i [ 5; 7; 13; 15 ] then 1.0 else 0.0)

            Expect.sequenceEqual (g.ToFloatArray()) expected "one per window"
        }
        gradientAgreesFor "max_pool2d" poolCases (fun (k, s, p) x -> x.MaxPool2d(k, s, p))
        gradientAgreesFor "avg_pool2d" poolCases (fun (k, s, p) x -> x.AvgPool2d(k, s, p))
        testPropertyWithConfig
            config
            "max_pool2d and avg_pool2d: gradients of gradients equal central differences"
            (Prop.forAll (Arb.fromGen poolCases) (fun ((k, s, p), x) ->
                secondOrderAgreesAt (fun x -> x.MaxPool2d(k, s, p) * x.MaxPool2d(k, s, p)) x
                secondOrderAgreesAt (fun x -> x.AvgPool2d(k, s, p) * x.AvgPool2d(k, s, p)) x))
        test "bad shapes and geometries are named" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (Tensor.Zeros [ 4; 4 ]).MaxPool2d(2) |> ignore)
                [ "max_pool2d: expected x [N, C, H, W], received x 4x4" ]
                "rank"

            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (ramp ()).AvgPool2d(2, 1, 2) |> ignore)
                [
                    "avg_pool2d: expected kernel ≥ 1, stride ≥ 1 and 0 ≤ padding ≤ kernel / 2"
                    "padding 2"
                ]
                "padding"

            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (ramp ()).MaxPool2d(5) |> ignore)
                [ "max_pool2d: expected an image of at least 5x5 after padding 0" ]
                "window"
        }

        test "the layers pool like the ops, stride defaulting to the kernel, and refuse bad geometry when built" {
            let x = ramp ()
            Expect.sequenceEqual ((Nn.MaxPool2d 2).Forward(x).ToFloatArray()) (x.MaxPool2d(2).ToFloatArray()) "max"

            Expect.sequenceEqual
                ((Nn.AvgPool2d(3, 1, 1)).Forward(x).ToFloatArray())
                (x.AvgPool2d(3, 1, 1).ToFloatArray())
                "mean"

            Expect.throwsWith<System.ArgumentException>
                (fun () -> Nn.MaxPool2d(2, -1) |> ignore)
                [ "MaxPool2d: expected kernel ≥ 1, stride ≥ 1"; "stride -1" ]
                "stride"
        }
    ]
