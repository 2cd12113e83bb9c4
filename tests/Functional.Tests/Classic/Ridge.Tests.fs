/// Ridge regression (Classic/Ridge.fs): scikit-learn's coefficients, the normal equations, the λ → 0 limit and bad
/// input.
module Functional.Tests.RidgeTests

open System
open Expecto
open Functional
open MathNet.Numerics.LinearAlgebra

/// Five points in two features; the data of the scikit-learn oracle below.
let private x =
    array2D [ [ 1.0; 2.0 ]; [ 2.0; 1.0 ]; [ 3.0; 4.0 ]; [ 4.0; 3.0 ]; [ 5.0; 5.0 ] ]

let private y = [| 3.0; 2.5; 7.0; 6.0; 10.5 |]

let private ridge penalty intercept (x: float[,]) (y: float[]) =
    Ridge.fit
        {
            Penalty = penalty
            Intercept = intercept
        }
        (Tensor.ofArray2D x)
        (Tensor.ofArray y)

let private randomProblem (seed: int) (m: int) (n: int) =
    let rng = Random seed
    Array2D.init m n (fun _ _ -> rng.NextDouble() * 2.0 - 1.0), Array.init m (fun _ -> rng.NextDouble() * 2.0 - 1.0)

let private oracle =
    testList "scikit-learn" [
        // oracle: scikit-learn 1.2.1 Ridge(alpha) on these five points, coef_ and intercept_ printed with repr.
        for penalty, intercept, w0, w1, b in
            [
                1.0, true, 0.7631578947, 1.2631578947, -0.2789473684210533
                10.0, true, 0.625, 0.75, 1.6749999999999998
                1.0, false, 0.7247706422, 1.2247706422, 0.0
                10.0, false, 0.8379237288, 0.9629237288, 0.0
            ] ->
            test $"λ = {penalty}, intercept {intercept}: w = [{w0}, {w1}], b = {b}" {
                let fit = ridge penalty intercept x y
                let tol = { absolute = 1e-9; relative = 1e-9 }
                Expect.floatClose tol fit.Coefficients[0] w0 "w0"
                Expect.floatClose tol fit.Coefficients[1] w1 "w1"
                Expect.floatClose tol fit.Intercept b "b"
                Expect.equal fit.Solver (LinearSolver.Ridge penalty) "solver"
            }
    ]

let private properties =
    testList "properties" [
        testPropertyWithConfig
            GradCheck.config
            "the fit solves (XcᵀXc + λI) w = Xcᵀ yc on centred data"
            (fun (seed: int) ->
                let x, y = randomProblem seed 8 3
                let lambda = 0.1 + float (abs seed % 10)
                let fit = ridge lambda true x y
                // oracle: Math.NET Cholesky of the regularised normal equations, an independent route.
                let xm = Matrix<float>.Build.DenseOfArray x
                let means = xm.ColumnSums() / 8.0
                let xc = xm - Matrix<float>.Build.Dense(8, 3, fun _ j -> means[j])
                let yc = Vector<float>.Build.DenseOfArray y - Array.average y

                let w =
                    (xc.TransposeThisAndMultiply xc + lambda * Matrix<float>.Build.DenseIdentity 3)
                        .Cholesky()
                        .Solve(xc.TransposeThisAndMultiply yc)

                for j in 0..2 do
                    Expect.floatClose { absolute = 1e-10; relative = 1e-9 } fit.Coefficients[j] w[j] $"w{j}")
        testPropertyWithConfig
            GradCheck.config
            "as λ → 0 ridge approaches least squares, also on a rank-deficient design (minimum norm)"
            (fun (seed: int) ->
                let x, y = randomProblem seed 7 3
                // A fourth column equal to the sum of the first two makes the design rank-deficient.
                let deficient =
                    Array2D.init 7 4 (fun i j -> if j < 3 then x[i, j] else x[i, 0] + x[i, 1])

                for design in [ x; deficient ] do
                    let ls =
                        LeastSquares.fitTensor LeastSquares.defaults (Tensor.ofArray2D design) (Tensor.ofArray y)

                    for lambda in [ 1e-6; 1e-9 ] do
                        let r = ridge lambda true design y

                        let gap =
                            Array.map2 (fun a b -> abs (a - b)) r.Coefficients ls.Coefficients |> Array.max

                        Expect.isLessThan gap (1e3 * lambda) $"λ = {lambda}, {Array2D.length2 design} columns")
        test "λ = 0 is exactly the minimum-norm least-squares fit" {
            let deficient = array2D [ [ 1.0; 1.0 ]; [ 2.0; 2.0 ]; [ 3.0; 3.0 ] ]
            let r = ridge 0.0 false deficient [| 2.0; 4.0; 6.0 |]
            // oracle: by hand, w0 + w1 = 2 with the smallest norm: w = [1, 1].
            Expect.floatClose Accuracy.high r.Coefficients[0] 1.0 "w0"
            Expect.floatClose Accuracy.high r.Coefficients[1] 1.0 "w1"
        }
        test "a larger penalty shrinks the weights" {
            let norm (fit: LinearFit) =
                fit.Coefficients |> Array.sumBy (fun w -> w * w)

            let norms = [ 0.1; 1.0; 10.0; 100.0 ] |> List.map (fun l -> norm (ridge l true x y))
            Expect.isTrue (List.pairwise norms |> List.forall (fun (a, b) -> b < a)) $"‖w‖² falls: {norms}"
        }
    ]

let private badInput =
    testList "bad input" [
        test "a negative penalty throws ArgumentException naming ridge and the value" {
            Expect.throwsWith<ArgumentException>
                (fun () -> ridge -1.0 true x y |> ignore)
                [ "ridge"; "penalty >= 0"; "-1" ]
                "penalty"
        }
        test "a NaN penalty throws ArgumentException naming ridge" {
            Expect.throwsWith<ArgumentException> (fun () -> ridge nan true x y |> ignore) [ "ridge"; "NaN" ] "NaN"
        }
        test "y of the wrong length throws ShapeMismatchException naming ridge" {
            Expect.throwsWith<Functional.Core.Tensors.ShapeMismatchException>
                (fun () -> ridge 1.0 true x [| 1.0 |] |> ignore)
                [ "ridge"; "y of shape [5] or [5, 1]" ]
                "length"
        }
    ]

[<Tests>]
let tests = testList "Ridge" [ oracle; properties; badInput ]
