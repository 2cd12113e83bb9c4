module Functional.Tests.OpMaxMinTests

open Expecto
open FsCheck.FSharp
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

/// A tensor of rank 1..3 with distinct values (so the maximum is unique) and an axis.
let private distinctWithAxis =
    gen {
        let! dims = shapeAtLeast 1
        let! axis = axisOf dims.Length
        let! x = distinctTensorOf dims
        return axis, x
    }

let private distinct = shape |> Gen.bind distinctTensorOf

[<Tests>]
let tests =
    testList "Op.MaxMin" [
        // oracle for the values in this list: by hand
        test "max and min of [[1, 5, 3], [7, 0, 2]] overall and over each axis" {
            for dtype in [ DType.Float64; DType.Float32 ] do
                let x =
                    Tensor.ofList2D [ [ 1.0; 5.0; 3.0 ]; [ 7.0; 0.0; 2.0 ] ] |> Tensor.cast dtype

                Expect.tensorValues (Tensor.max x) [] [ 7.0 ] "max"
                Expect.tensorValues (Tensor.min x) [] [ 0.0 ] "min"
                Expect.tensorValues (Tensor.maxDim 0 false x) [ 3 ] [ 7.0; 5.0; 3.0 ] "max axis 0"
                Expect.tensorValues (Tensor.maxDim 1 true x) [ 2; 1 ] [ 5.0; 7.0 ] "max axis 1, keepDim"
                Expect.tensorValues (Tensor.minDim -1 false x) [ 2 ] [ 1.0; 0.0 ] "min axis −1"
                Expect.equal (Tensor.max x).DType dtype "dtype"
        }
        test "a NaN wins max and min over its line and leaves other lines alone" {
            let x = Tensor.ofList2D [ [ 1.0; nan; 3.0 ]; [ 4.0; 5.0; 6.0 ] ]
            Expect.tensorValues (x.Max 1) [ 2 ] [ nan; 6.0 ] "max"
            Expect.tensorValues (x.Min 1) [ 2 ] [ nan; 4.0 ] "min"
        }
        test "the gradient of max goes to the first maximal element only (PyTorch's convention)" {
            let g = Diff.grad Tensor.max (vec64 [ 1.0; 3.0; 3.0 ])
            Expect.tensorValues g [ 3 ] [ 0.0; 1.0; 0.0 ] "d max"
        }
        gradientAgrees "max of all elements" distinct Tensor.max
        secondOrderAgrees "max over axis 0, squared" (shapeAtLeast 1 |> Gen.bind distinctTensorOf) (fun x ->
            x.Max(0) ** 2.0)
        gradientAgrees "min of all elements" distinct Tensor.min
        gradientAgreesFor "max over an axis" distinctWithAxis (fun axis x -> x.Max axis)
        gradientAgreesFor "max over an axis, keepDim" distinctWithAxis (fun axis x -> x.Max(axis, true))
        gradientAgreesFor "min over an axis" distinctWithAxis (fun axis x -> x.Min axis)
        gradientAgreesFor "min over an axis, keepDim" distinctWithAxis (fun axis x -> x.Min(axis, true))
        test "max over an empty axis throws ShapeMismatchException naming max and the shape" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (Tensor.zeros [ 2; 0 ]).Max 1 |> ignore)
                [ "max"; "non-empty axis"; "shape 2x0" ]
                "empty"
        }
        test "max over axis 3 of a matrix throws ShapeMismatchException naming max, the axis and the rank" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (Tensor.zeros [ 2; 2 ]).Max 3 |> ignore)
                [ "max: expected an axis in [-2, 1]"; "axis 3 for rank 2" ]
                "axis 3"
        }
        test "min over axis −3 of a matrix throws ShapeMismatchException naming min" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (Tensor.zeros [ 2; 2 ]).Min -3 |> ignore)
                [ "min: expected"; "axis -3 for rank 2" ]
                "axis −3"
        }
    ]
