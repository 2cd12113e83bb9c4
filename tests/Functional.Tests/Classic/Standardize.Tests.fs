/// Standardisation with the training mean and sample standard deviation (Classic/Standardize.fs): hand-checked
/// values, the inverse, and bad input.
module Functional.Tests.StandardizeTests

open System
open Expecto
open Functional
open Functional.Core.Tensors

let private train = Tensor.ofList2D [ [ 1.0; 10.0 ]; [ 2.0; 20.0 ]; [ 3.0; 60.0 ] ]

let private values =
    testList "values" [
        test "mean and sample std (ddof = 1) of [1, 2, 3] and [10, 20, 60] are [2, 30] and [1, 26.4575…]" {
            let s = Standardize.fit train
            // oracle: by hand, var = Σ(x − μ)² / (m − 1): [2/2, (400 + 100 + 900)/2] = [1, 700].
            Expect.sequenceEqual s.Mean [| 2.0; 30.0 |] "mean"
            Expect.floatClose Accuracy.veryHigh s.StandardDeviation[0] 1.0 "σ0"
            Expect.floatClose Accuracy.veryHigh s.StandardDeviation[1] (sqrt 700.0) "σ1"
            Expect.equal s.Observations 3 "m"
        }
        test "transform centres and scales with the training statistics, also for new data" {
            let s = Standardize.fit train
            // oracle: by hand, (x − μ) / σ.
            Expect.tensorValuesWithin
                Tolerance.tight
                (Standardize.transform s (Tensor.ofList2D [ [ 4.0; 30.0 ] ]))
                [ 1; 2 ]
                [ 2.0; 0.0 ]
                "new row"

            let _, z = Standardize.fitTransform train
            let columnMeans = (Tensor.meanDim 0 false z).ToFloatArray()
            let columnVars = (Tensor.var 0 false 1 z).ToFloatArray()

            for j in 0..1 do
                Expect.floatClose Accuracy.veryHigh columnMeans[j] 0.0 $"mean of z{j}"
                Expect.floatClose Accuracy.veryHigh columnVars[j] 1.0 $"sample variance of z{j}"
        }
        testPropertyWithConfig GradCheck.config "inverse (transform x) = x" (fun (seed: int) ->
            let rng = Random seed
            let m, n = 2 + abs seed % 6, 1 + abs seed % 4

            let x =
                Tensor.ofArrayShaped [ m; n ] (Array.init (m * n) (fun _ -> rng.NextDouble() * 100.0 - 50.0))

            let s = Standardize.fit x
            Expect.tensorClose Tolerance.tight (Standardize.inverse s (Standardize.transform s x)) x "round trip")
        test "float32 data are fitted and transformed in float64" {
            let s = Standardize.fit (Tensor.toFloat32 train)
            Expect.equal (Standardize.transform s (Tensor.toFloat32 train)).DType DType.Float64 "dtype"
        }
    ]

let private badInput =
    testList "bad input" [
        test "a constant column throws ArgumentException naming standardize, the column and its value" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Standardize.fit (Tensor.ofList2D [ [ 1.0; 5.0 ]; [ 1.0; 6.0 ] ]) |> ignore)
                [
                    "standardize"
                    "sample standard deviation > 0"
                    "constant column 0 (value 1)"
                ]
                "constant"
        }
        test "one row throws ArgumentException naming standardize (no sample standard deviation)" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Standardize.fit (Tensor.ofList2D [ [ 1.0; 5.0 ] ]) |> ignore)
                [ "standardize"; "at least 2 rows"; "received x 1x2" ]
                "one row"
        }
        test "transform with another column count throws ShapeMismatchException" {
            let s = Standardize.fit train

            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Standardize.transform s (Tensor.ofList2D [ [ 1.0 ] ]) |> ignore)
                [ "standardize.transform"; "2 columns" ]
                "columns"
        }
        test "NaN in the training data throws ArgumentException naming standardize and the position" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Standardize.fit (Tensor.ofList2D [ [ 1.0 ]; [ nan ] ]) |> ignore)
                [ "standardize"; "NaN at row 1, column 0" ]
                "NaN"
        }
    ]

[<Tests>]
let tests = testList "Standardize" [ values; badInput ]
