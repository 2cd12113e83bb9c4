/// Least squares by QR (Classic/LeastSquares.fs) and the shared LinearFit: exact fits, agreement with the normal
/// equations, predictions and bad input.
module Functional.Tests.LeastSquaresTests

open System
open Expecto
open Functional
open Functional.Core.Tensors
open MathNet.Numerics.LinearAlgebra

/// m rows: a column of ones, then n − 1 columns in [−1, 1], drawn from a seed.
let private design (seed: int) (m: int) (n: int) =
    let rng = Random seed
    Array2D.init m n (fun _ j -> if j = 0 then 1.0 else rng.NextDouble() * 2.0 - 1.0)

let private rowTimes (x: float[,]) (w: float[]) (i: int) =
    Seq.sum (seq { for j in 0 .. w.Length - 1 -> x[i, j] * w[j] })

let private fits =
    testList "fits" [
        test "noiseless data y = 1 + 2a − 3b is fitted exactly: coefficients [1, 2, −3], zero residual" {
            let x = design 1 12 3
            let truth = [| 1.0; 2.0; -3.0 |] // oracle: the generating coefficients
            let y = Array.init 12 (rowTimes x truth)
            let fit = LeastSquares.fit x y

            for j in 0..2 do
                Expect.floatClose Accuracy.veryHigh fit.Coefficients[j] truth[j] $"w{j}"

            Expect.isLessThan fit.ResidualSumOfSquares 1e-24 "residual sum of squares"
            Expect.equal (fit.Solver, fit.Observations) (LinearSolver.Qr, 12) "solver and observation count"
        }
        test "a line through (0, 1), (1, 3), (2, 5) has intercept 1 and slope 2" {
            let fit =
                LeastSquares.fit (array2D [ [ 1.0; 0.0 ]; [ 1.0; 1.0 ]; [ 1.0; 2.0 ] ]) [| 1.0; 3.0; 5.0 |]

            Expect.floatClose Accuracy.veryHigh fit.Coefficients[0] 1.0 "intercept" // oracle: by hand
            Expect.floatClose Accuracy.veryHigh fit.Coefficients[1] 2.0 "slope" // oracle: by hand
        }
        testPropertyWithConfig
            GradCheck.config
            "on noisy data the fit solves the normal equations XᵀX w = Xᵀy"
            (fun (seed: int) ->
                let x = design seed 15 4
                let rng = Random(seed + 1)
                let y = Array.init 15 (fun _ -> rng.NextDouble() * 10.0 - 5.0)
                let fit = LeastSquares.fit x y
                // oracle: Math.NET Cholesky solve of the normal equations, an independent route to the same minimiser.
                let xm = Matrix<float>.Build.DenseOfArray x

                let normal =
                    (xm.TransposeThisAndMultiply xm)
                        .Cholesky()
                        .Solve(xm.TransposeThisAndMultiply(Vector<float>.Build.DenseOfArray y))

                for j in 0..3 do
                    Expect.floatClose { absolute = 1e-9; relative = 1e-9 } fit.Coefficients[j] normal[j] $"w{j}")
        test "predict gives X w for new rows" {
            let fit =
                LeastSquares.fit (array2D [ [ 1.0; 0.0 ]; [ 1.0; 1.0 ]; [ 1.0; 2.0 ] ]) [| 1.0; 3.0; 5.0 |]

            let predicted = LinearFit.predict fit (array2D [ [ 1.0; 10.0 ]; [ 1.0; -1.0 ] ])
            Expect.floatClose Accuracy.veryHigh predicted[0] 21.0 "at t = 10" // oracle: 1 + 2·10
            Expect.floatClose Accuracy.veryHigh predicted[1] -1.0 "at t = −1" // oracle: 1 − 2
        }
        test "halfMeanSquaredError is the residual sum of squares over 2m" {
            // y = [0, 0, 3] on [1, t]: the fitted line leaves residuals whose squares sum to RSS; L = RSS / 6.
            let fit =
                LeastSquares.fit (array2D [ [ 1.0; 0.0 ]; [ 1.0; 1.0 ]; [ 1.0; 2.0 ] ]) [| 0.0; 0.0; 3.0 |]
            // oracle: by hand, slope 1.5, intercept −0.5, residuals [0.5, −1, 0.5], RSS 1.5.
            Expect.floatClose Accuracy.veryHigh fit.ResidualSumOfSquares 1.5 "RSS"
            Expect.floatClose Accuracy.veryHigh (LinearFit.halfMeanSquaredError fit) 0.25 "L"
        }
    ]

let private badInput =
    let ones = array2D [ [ 1.0; 0.0 ]; [ 1.0; 1.0 ]; [ 1.0; 2.0 ] ]

    testList "bad input" [
        test "collinear columns throw ArgumentException naming leastSquares and the rank" {
            let x = array2D [ [ 1.0; 2.0 ]; [ 1.0; 2.0 ]; [ 1.0; 2.0 ] ]

            Expect.throwsWith<ArgumentException>
                (fun () -> LeastSquares.fit x [| 1.0; 2.0; 3.0 |] |> ignore)
                [ "leastSquares"; "rank 1" ]
                "rank"
        }
        test "fewer rows than columns throws ArgumentException naming leastSquares and the shape" {
            Expect.throwsWith<ArgumentException>
                (fun () -> LeastSquares.fit (array2D [ [ 1.0; 2.0 ] ]) [| 1.0 |] |> ignore)
                [ "leastSquares"; "1x2" ]
                "wide"
        }
        test "y of the wrong length throws ShapeMismatchException naming leastSquares and both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> LeastSquares.fit ones [| 1.0 |] |> ignore)
                [ "leastSquares"; "x 3x2"; "y of length 1" ]
                "shapes"
        }
        test "empty data throws ArgumentException naming leastSquares" {
            Expect.throwsWith<ArgumentException>
                (fun () -> LeastSquares.fit (Array2D.zeroCreate 0 1) [||] |> ignore)
                [ "leastSquares"; "0x1" ]
                "empty"
        }
        test "NaN in y throws ArgumentException naming leastSquares and the index" {
            Expect.throwsWith<ArgumentException>
                (fun () -> LeastSquares.fit ones [| 1.0; nan; 3.0 |] |> ignore)
                [ "leastSquares"; "NaN"; "index 1" ]
                "NaN"
        }
        test "predict with the wrong number of columns throws ShapeMismatchException naming predict" {
            let fit = LeastSquares.fit ones [| 1.0; 3.0; 5.0 |]

            Expect.throwsWith<ShapeMismatchException>
                (fun () -> LinearFit.predict fit (array2D [ [ 1.0 ] ]) |> ignore)
                [ "predict"; "2 columns" ]
                "columns"
        }
    ]

[<Tests>]
let tests = testList "LeastSquares" [ fits; badInput ]
