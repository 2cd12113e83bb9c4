module Functional.Tests.OpSumTests

open Expecto
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

/// The 2x3 matrix [[1, 2, 3], [4, 5, 6]] as float64 or float32.
let private m23 (dtype: DType) =
    Tensor.ofList2D [ [ 1.0; 2.0; 3.0 ]; [ 4.0; 5.0; 6.0 ] ] |> Tensor.cast dtype

[<Tests>]
let tests =
    testList "Op.Sum" [
        // oracle for the values in this list: by hand
        for dtype in [ DType.Float64; DType.Float32 ] do
            test $"sums and means of [[1, 2, 3], [4, 5, 6]] in {dtype}" {
                let x = m23 dtype
                Expect.tensorValues (x.Sum()) [] [ 21.0 ] "sum"
                Expect.tensorValues (x.Sum 0) [ 3 ] [ 5.0; 7.0; 9.0 ] "sum axis 0"
                Expect.tensorValues (x.Sum(1, true)) [ 2; 1 ] [ 6.0; 15.0 ] "sum axis 1, keepDim"
                Expect.tensorValues (x.Mean()) [] [ 3.5 ] "mean"
                Expect.tensorValues (x.Mean 1) [ 2 ] [ 2.0; 5.0 ] "mean axis 1"
                Expect.tensorValues (x.Mean(-2, true)) [ 1; 3 ] [ 2.5; 3.5; 4.5 ] "mean axis −2, keepDim"
                Expect.equal (x.Sum()).DType dtype "dtype"
            }
        test "the module functions sumDim and meanDim match the members" {
            let x = m23 DType.Float64
            Expect.tensorValues (Tensor.sumDim 0 true x) [ 1; 3 ] [ 5.0; 7.0; 9.0 ] "sumDim"
            Expect.tensorValues (Tensor.meanDim 0 false x) [ 3 ] [ 2.5; 3.5; 4.5 ] "meanDim"
        }
        test "a NaN makes its sum and mean NaN and leaves other lines alone" {
            let x = Tensor.ofList2D [ [ 1.0; nan ]; [ 2.0; 3.0 ] ]
            Expect.tensorValues (x.Sum 1) [ 2 ] [ nan; 5.0 ] "sum"
            Expect.tensorValues (x.Mean 1) [ 2 ] [ nan; 2.5 ] "mean"
            Expect.isTrue (System.Double.IsNaN(x.Sum().ToScalar())) "sum of all"
        }
        test "the sum of an empty tensor is 0" { Expect.tensorValues ((Tensor.zeros [ 0 ]).Sum()) [] [ 0.0 ] "sum" }
        test "the gradient of a mean over an axis of 4 is 1/4 everywhere" {
            let g =
                Diff.grad (fun x -> x.Mean(1).Sum()) (Tensor.zeros [ 2; 4 ] |> Tensor.toFloat64)

            Expect.tensorValues g [ 2; 4 ] (List.replicate 8 0.25) "d mean"
        }
        gradientAgrees "sum of all elements" (tensor Real) Tensor.sum
        gradientAgrees "mean of all elements" (tensor Real) Tensor.mean
        gradientAgreesFor "sum over an axis" (tensorWithAxis Real) (fun axis x -> x.Sum axis)
        gradientAgreesFor "sum over an axis, keepDim" (tensorWithAxis Real) (fun axis x -> x.Sum(axis, true))
        gradientAgreesFor "mean over an axis" (tensorWithAxis Real) (fun axis x -> x.Mean axis)
        gradientAgreesFor "mean over an axis, keepDim" (tensorWithAxis Real) (fun axis x -> x.Mean(axis, true))
        test "sum over axis 2 of a matrix throws ShapeMismatchException naming sum, the axis and the rank" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (m23 DType.Float64).Sum 2 |> ignore)
                [ "sum"; "[-2, 1]"; "axis 2 for rank 2" ]
                "axis 2"
        }
        test "mean over axis 2 of a matrix throws ShapeMismatchException naming mean, the axis and the rank" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (m23 DType.Float64).Mean 2 |> ignore)
                [ "mean: expected an axis in [-2, 1]"; "axis 2 for rank 2" ]
                "axis 2"
        }
    ]
