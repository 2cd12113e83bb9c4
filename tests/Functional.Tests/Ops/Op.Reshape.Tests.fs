module Functional.Tests.OpReshapeTests

open Expecto
open FsCheck
open FsCheck.FSharp
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

/// A tensor and a new shape with its element count: reversed dims, all in one axis, or with a −1 to infer.
let private reshaped =
    gen {
        let! dims = shape
        let! x = tensorOf Real dims
        let n = List.fold (*) 1 dims

        let! target =
            Gen.elements [ List.rev dims; [ n ]; [ -1 ]; [ 1; n ]; [ n; -1 ]; dims @ [ 1 ] ]

        return target, x
    }

/// A tensor with a size-1 axis at a random position, and that axis.
let private withUnitAxis =
    gen {
        let! dims = shape
        let! axis = Gen.choose (0, dims.Length)
        let! x = tensorOf Real (List.insertAt axis 1 dims)
        return axis, x
    }

let private expanded =
    gen {
        let! small, big = expandPair
        let! x = tensorOf Real small
        return big, x
    }

[<Tests>]
let tests =
    testList "Op.Reshape" [
        test "reshape of the 2x3 [[1, 2, 3], [4, 5, 6]] to 3x2 keeps row-major order" {
            let y =
                Tensor.ofList2D [ [ 1.0f; 2.0f; 3.0f ]; [ 4.0f; 5.0f; 6.0f ] ]
                |> Tensor.reshape [ 3; 2 ]

            Expect.tensorValues y [ 3; 2 ] [ 1.0; 2.0; 3.0; 4.0; 5.0; 6.0 ] "values" // oracle: by hand
        }
        test "reshape infers one −1: 2x3x4 to [−1, 4] is 6x4" {
            Expect.equal (Tensor.zeros [ 2; 3; 4 ] |> Tensor.reshape [ -1; 4 ]).Dims [| 6; 4 |] "shape"
        }
        test "reshape of a transposed (non-contiguous) matrix reads it in its new row-major order" {
            let y =
                Tensor.ofList2D [ [ 1.0; 2.0; 3.0 ]; [ 4.0; 5.0; 6.0 ] ]
                |> Tensor.transpose
                |> Tensor.flatten

            Expect.tensorValues y [ 6 ] [ 1.0; 4.0; 2.0; 5.0; 3.0; 6.0 ] "values" // oracle: by hand
        }
        test "flatten, unsqueeze and squeeze give 6, 1x2x3 and 2x3" {
            let x = Tensor.zeros [ 2; 3 ]
            Expect.equal (Tensor.flatten x).Dims [| 6 |] "flatten"
            Expect.equal (Tensor.unsqueeze 0 x).Dims [| 1; 2; 3 |] "unsqueeze 0"
            Expect.equal (Tensor.unsqueeze -1 x).Dims [| 2; 3; 1 |] "unsqueeze −1"
            Expect.equal (Tensor.squeeze 0 (Tensor.unsqueeze 0 x)).Dims [| 2; 3 |] "squeeze"
        }
        test "expand of the column [1, 2] to 2x3 repeats each row" {
            let y = Tensor.ofList2D [ [ 1.0 ]; [ 2.0 ] ] |> Tensor.expand [ 2; 3 ]
            Expect.tensorValues y [ 2; 3 ] [ 1.0; 1.0; 1.0; 2.0; 2.0; 2.0 ] "values" // oracle: by hand
        }
        testPropertyWithConfig
            config
            "reshaping and reshaping back restores the tensor"
            (Prop.forAll (arb reshaped) (fun (target, x) ->
                Expect.tensorClose Tolerance.tight (x |> Tensor.reshape target |> Tensor.reshape x.Dims) x "round trip"))
        testPropertyWithConfig
            config
            "unsqueeze then squeeze of the same axis restores the tensor"
            (Prop.forAll (arb (tensor Real)) (fun x ->
                for axis in 0 .. x.Rank do
                    Expect.tensorClose
                        Tolerance.tight
                        (x |> Tensor.unsqueeze axis |> Tensor.squeeze axis)
                        x
                        $"axis {axis}"))
        gradientAgreesFor "reshape" reshaped (fun target x -> Tensor.reshape target x)
        gradientAgrees "flatten" (tensor Real) Tensor.flatten
        gradientAgreesFor "squeeze" withUnitAxis (fun axis x -> Tensor.squeeze axis x)
        gradientAgreesFor "unsqueeze" withUnitAxis (fun axis x -> Tensor.unsqueeze axis x)
        testPropertyWithConfig
            config
            "ops on an expanded (stride-0) view give what they give on a contiguous copy"
            (Prop.forAll (arb expanded) (fun (big, x) ->
                if not big.IsEmpty then
                    viewMatchesCopy (Tensor.expand big x)))
        gradientAgreesFor "expand" expanded (fun big x -> Tensor.expand big x)
        secondOrderAgrees "reshape and expand" (tensor Real) (fun x ->
            (x.Reshape [ -1 ] |> Tensor.expand [ 2; x.NumElements ]) ** 3.0)
        test "the gradient of expand sums over the repeated axis" {
            let g =
                Diff.grad (fun x -> (Tensor.expand [ 3; 2 ] x * vec64 [ 1.0; 10.0 ]).Sum()) (vec64 [ 0.0; 0.0 ])

            Expect.tensorValues g [ 2 ] [ 3.0; 30.0 ] "d expand" // oracle: by hand
        }
        test "reshape of 2x3 to 4x2 throws ShapeMismatchException naming reshape, the count and both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Tensor.zeros [ 2; 3 ] |> Tensor.reshape [ 4; 2 ] |> ignore)
                [ "reshape"; "6 elements"; "2x3 to [4, 2]" ]
                "wrong count"
        }
        test "reshape with two −1 throws ShapeMismatchException naming reshape" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Tensor.zeros [ 2; 3 ] |> Tensor.reshape [ -1; -1 ] |> ignore)
                [ "reshape"; "at most one -1" ]
                "two −1"
        }
        test "squeeze of an axis of length 3 throws ShapeMismatchException naming squeeze, the axis and the shape" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Tensor.zeros [ 2; 3 ] |> Tensor.squeeze 1 |> ignore)
                [ "squeeze"; "axis 1 of length 1"; "shape 2x3" ]
                "non-1"
        }
        test "unsqueeze at axis 3 of a matrix throws ShapeMismatchException naming unsqueeze" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Tensor.zeros [ 2; 3 ] |> Tensor.unsqueeze 3 |> ignore)
                [ "unsqueeze"; "axis 3" ]
                "axis"
        }
        test "expand of 3 to 2x4 throws ShapeMismatchException naming expand and both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Tensor.zeros [ 3 ] |> Tensor.expand [ 2; 4 ] |> ignore)
                [ "expand"; "2x4"; "received 3" ]
                "expand"
        }
    ]
