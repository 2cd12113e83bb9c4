/// Polynomial features of one column (Classic/PolynomialFeatures.fs): the powers, the bias column and bad input.
module Functional.Tests.PolynomialFeaturesTests

open System
open Expecto
open Functional
open Functional.Core.Tensors

let private poly degree bias =
    PolynomialFeatures.transform {
        PolynomialFeatures.Settings.Degree = degree
        IncludeBias = bias
    }

let private values =
    testList "values" [
        test "degree 3 of [2, −1] with the bias is [[1, 2, 4, 8], [1, −1, 1, −1]]" {
            // oracle: by hand (scikit-learn's PolynomialFeatures(3) gives the same for one feature).
            Expect.tensorValuesWithin
                Tolerance.tight
                (poly 3 true (Tensor.ofList [ 2.0; -1.0 ]))
                [ 2; 4 ]
                [ 1.0; 2.0; 4.0; 8.0; 1.0; -1.0; 1.0; -1.0 ]
                "features"
        }
        test "without the bias the first column is x itself" {
            Expect.tensorValuesWithin
                Tolerance.tight
                (poly 2 false (Tensor.ofList2D [ [ 3.0 ]; [ 0.5 ] ]))
                [ 2; 2 ]
                [ 3.0; 9.0; 0.5; 0.25 ]
                "features"
        }
        test "degree 0 with the bias is a column of ones" {
            Expect.tensorValuesWithin
                Tolerance.tight
                (poly 0 true (Tensor.ofList [ 7.0; 8.0 ]))
                [ 2; 1 ]
                [ 1.0; 1.0 ]
                "ones"
        }
        test "float32 input gives float64 features" {
            let f = poly 2 true (Tensor.ofArray [| 1.5f |])
            Expect.equal f.DType DType.Float64 "dtype"
            Expect.tensorValuesWithin Tolerance.tight f [ 1; 3 ] [ 1.0; 1.5; 2.25 ] "values"
        }
        testPropertyWithConfig GradCheck.config "column p holds xᵖ for every row and degree" (fun (seed: int) ->
            let rng = Random seed
            let degree = 1 + abs seed % 9
            let xs = Array.init 5 (fun _ -> rng.NextDouble() * 4.0 - 2.0)
            let f = (poly degree true (Tensor.ofArray xs)).ToFloatArray()

            for i in 0..4 do
                for p in 0..degree do
                    Expect.floatClose Accuracy.high f[i * (degree + 1) + p] (Math.Pow(xs[i], float p)) $"x{i}^{p}")
    ]

let private badInput =
    testList "bad input" [
        test "a negative degree throws ArgumentException naming polynomialFeatures" {
            Expect.throwsWith<ArgumentException>
                (fun () -> poly -1 true (Tensor.ofList [ 1.0 ]) |> ignore)
                [ "polynomialFeatures"; "degree >= 0"; "degree -1" ]
                "degree"
        }
        test "degree 0 without the bias (no columns) throws ArgumentException" {
            Expect.throwsWith<ArgumentException>
                (fun () -> poly 0 false (Tensor.ofList [ 1.0 ]) |> ignore)
                [ "polynomialFeatures"; "IncludeBias = False" ]
                "no columns"
        }
        test "two columns throw ShapeMismatchException naming polynomialFeatures and the shape" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> poly 2 true (Tensor.ofList2D [ [ 1.0; 2.0 ] ]) |> ignore)
                [ "polynomialFeatures"; "one column"; "received x 1x2" ]
                "shape"
        }
        test "NaN throws ArgumentException naming polynomialFeatures and the index" {
            Expect.throwsWith<ArgumentException>
                (fun () -> poly 2 true (Tensor.ofList [ 1.0; nan ]) |> ignore)
                [ "polynomialFeatures"; "NaN at index 1" ]
                "NaN"
        }
    ]

[<Tests>]
let tests = testList "PolynomialFeatures" [ values; badInput ]
