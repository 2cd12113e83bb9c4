/// Batch gradient descent for a linear model (Classic/GradientDescent.fs): the update rule, the trace, convergence and
/// bad input.
module Functional.Tests.GradientDescentTests

open System
open Expecto
open Functional
open Functional.Core.Tensors

/// x = [1, t] for t = 0, 1, 2 and y = 1 + 2t: a line through three points.
let private x3 = array2D [ [ 1.0; 0.0 ]; [ 1.0; 1.0 ]; [ 1.0; 2.0 ] ]
let private y3 = [| 1.0; 3.0; 5.0 |]

/// m rows of n values in [−1, 1] and targets with noise, drawn from a seed.
let private randomProblem (seed: int) (m: int) (n: int) =
    let rng = Random seed
    let x = Array2D.init m n (fun _ _ -> rng.NextDouble() * 2.0 - 1.0)

    let y =
        Array.init m (fun i ->
            Seq.sum (seq { for j in 0 .. n - 1 -> float (j + 1) * x[i, j] })
            + rng.NextDouble()
            - 0.5)

    x, y

let private settings alpha iterations = {
    GradientDescent.defaults with
        LearningRate = alpha
        Iterations = iterations
}

let private updateRule =
    testList "update rule" [
        test "the first iteration from zeros with α = 0.1 matches a hand computation" {
            let run = GradientDescent.fit (settings 0.1 1) x3 y3
            let step = run.Trace[0]
            // oracle: by hand. Residual Xw − y = [−1, −3, −5]; L = (1 + 9 + 25) / 3 / 2 = 35/6;
            // ∇L = Xᵀ r / 3 = [−9/3, −13/3]; w = 0 − 0.1 ∇L = [0.3, 13/30].
            Expect.equal step.Iteration 0 "iteration"
            Expect.floatClose Accuracy.veryHigh step.Loss (35.0 / 6.0) "loss before the update"
            Expect.floatClose Accuracy.veryHigh step.Weights[0] 0.3 "w0 after the update"
            Expect.floatClose Accuracy.veryHigh step.Weights[1] (13.0 / 30.0) "w1 after the update"
            Expect.equal run.Weights step.Weights "the final weights are the last step's"
            Expect.equal run.Fit.Solver LinearSolver.GradientDescent "solver"
        }
        test "each step's loss is the loss of the previous step's weights" {
            let run = GradientDescent.fit (settings 0.1 5) x3 y3

            for k in 1..4 do
                let previous = {
                    run.Fit with
                        Coefficients = run.Trace[k - 1].Weights
                }

                let residuals = Array.map2 (-) (LinearFit.predict previous x3) y3
                let expected = (residuals |> Array.sumBy (fun r -> r * r)) / 3.0 / 2.0
                Expect.floatClose Accuracy.veryHigh run.Trace[k].Loss expected $"loss at iteration {k}"
        }
        test "zero iterations give an empty trace and the initial weights" {
            let run =
                GradientDescent.fit
                    {
                        settings 0.1 0 with
                            InitialWeights = Some [| 2.0; -1.0 |]
                    }
                    x3
                    y3

            Expect.isEmpty run.Trace "trace"
            Expect.equal run.Weights [| 2.0; -1.0 |] "weights"
        }
        test "the tensor entry point gives the same trace as the array one, for y of shape [m] and [m, 1]" {
            let fromArrays = GradientDescent.fit (settings 0.1 10) x3 y3
            let xs = Tensor.ofArray2D x3

            for y in [ Tensor.ofArray y3; Tensor.ofArray y3 |> Tensor.reshape [ 3; 1 ] ] do
                let fromTensors = GradientDescent.fitTensor (settings 0.1 10) xs y
                Expect.equal fromTensors.Trace fromArrays.Trace $"trace for y of shape {y.Shape}"
        }
        test "the initial weights are copied: changing the array afterwards changes nothing" {
            let initial = [| 2.0; -1.0 |]

            let s = {
                settings 0.1 3 with
                    InitialWeights = Some initial
            }

            let before = GradientDescent.fit s x3 y3
            initial[0] <- 100.0

            Expect.equal
                (GradientDescent.fit
                    {
                        s with
                            InitialWeights = Some [| 2.0; -1.0 |]
                    }
                    x3
                    y3)
                    .Trace
                before.Trace
                "trace"
        }
    ]

let private convergence =
    testList "convergence" [
        testPropertyWithConfig
            GradCheck.config
            "on a convex problem with α ≤ 1/λmax the loss never increases"
            (fun (seed: int) ->
                // Entries in [−1, 1] with 3 columns: λmax(XᵀX/m) ≤ max row norm² ≤ 3, so α = 0.3 ≤ 1/3.
                let x, y = randomProblem seed 20 3

                let losses =
                    (GradientDescent.fit (settings 0.3 50) x y).Trace |> Array.map (fun s -> s.Loss)

                for k in 1 .. losses.Length - 1 do
                    Expect.isLessThanOrEqual
                        losses[k]
                        (losses[k - 1] + 1e-12)
                        $"loss at iteration {k} after {losses[k - 1]}")
        test "many iterations reach the least-squares solution" {
            let x, y = randomProblem 7 30 3
            let run = GradientDescent.fit (settings 0.3 3000) x y
            let exact = LeastSquares.fit x y

            for j in 0..2 do
                Expect.floatClose { absolute = 1e-9; relative = 1e-9 } run.Weights[j] exact.Coefficients[j] $"w{j}"

            Expect.floatClose
                { absolute = 1e-9; relative = 1e-9 }
                run.Fit.ResidualSumOfSquares
                exact.ResidualSumOfSquares
                "RSS"
        }
    ]

let private badInput =
    let fit x y =
        GradientDescent.fit (settings 0.1 10) x y |> ignore

    testList "bad input" [
        test "x with 3 rows and y of length 2 throws ShapeMismatchException naming gradientDescent and both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> fit x3 [| 1.0; 2.0 |])
                [ "gradientDescent"; "x 3x2"; "y of length 2" ]
                "shapes"
        }
        test "tensors x 3x2 and y 4 throw ShapeMismatchException naming gradientDescent and both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () ->
                    GradientDescent.fitTensor
                        GradientDescent.defaults
                        (Tensor.ofArray2D x3)
                        (Tensor.ofList [ 1.0; 2.0; 3.0; 4.0 ])
                    |> ignore)
                [ "gradientDescent"; "x 3x2"; "y 4" ]
                "shapes"
        }
        test "empty data throws ArgumentException naming gradientDescent and the shape 0x2" {
            Expect.throwsWith<ArgumentException>
                (fun () -> fit (Array2D.zeroCreate 0 2) [||])
                [ "gradientDescent"; "0x2" ]
                "empty"
        }
        test "NaN in x throws ArgumentException naming gradientDescent, the value and its position, for parameter x" {
            let x = Array2D.copy x3
            x[1, 0] <- nan

            Expect.throwsWith<ArgumentException>
                (fun () -> fit x y3)
                [ "gradientDescent"; "NaN"; "row 1, column 0" ]
                "NaN in x"

            let parameter =
                try
                    fit x y3
                    ""
                with :? ArgumentException as e ->
                    string e.ParamName

            Expect.equal parameter "x" "parameter name"
        }
        test "infinity in y throws ArgumentException naming gradientDescent and the index" {
            Expect.throwsWith<ArgumentException>
                (fun () -> fit x3 [| 1.0; infinity; 5.0 |])
                [ "gradientDescent"; "in y"; "index 1" ]
                "inf in y"
        }
        test "NaN in a tensor x throws ArgumentException naming gradientDescent" {
            let x = Tensor.ofList2D [ [ 1.0; nan ]; [ 1.0; 1.0 ] ]

            Expect.throwsWith<ArgumentException>
                (fun () ->
                    GradientDescent.fitTensor GradientDescent.defaults x (Tensor.ofList [ 1.0; 2.0 ])
                    |> ignore)
                [ "gradientDescent"; "NaN" ]
                "NaN"
        }
        test "float32 tensors throw DTypeMismatchException naming gradientDescent and float64" {
            let x = Tensor.ofList2D [ [ 1.0f; 0.0f ]; [ 1.0f; 1.0f ] ]

            Expect.throwsWith<DTypeMismatchException>
                (fun () ->
                    GradientDescent.fitTensor GradientDescent.defaults x (Tensor.ofList [ 1.0f; 2.0f ])
                    |> ignore)
                [ "gradientDescent"; "float64" ]
                "dtype"
        }
        test "NaN initial weights throw ArgumentException naming gradientDescent and showing the weights" {
            let nanStart = {
                settings 0.1 1 with
                    InitialWeights = Some [| nan; 1.0 |]
            }

            Expect.throwsWith<ArgumentException>
                (fun () -> GradientDescent.fit nanStart x3 y3 |> ignore)
                [ "gradientDescent"; "initial weights"; "[NaN; 1]" ]
                "NaN start"
        }
        test "initial weights of the wrong length throw ShapeMismatchException naming gradientDescent" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () ->
                    GradientDescent.fit
                        {
                            settings 0.1 1 with
                                InitialWeights = Some [| 1.0 |]
                        }
                        x3
                        y3
                    |> ignore)
                [ "gradientDescent"; "2 initial weights" ]
                "weights"
        }
        test "a learning rate of 0 or a negative iteration count throws ArgumentException naming gradientDescent" {
            Expect.throwsWith<ArgumentException>
                (fun () -> GradientDescent.fit (settings 0.0 1) x3 y3 |> ignore)
                [ "gradientDescent"; "learning rate" ]
                "α = 0"

            Expect.throwsWith<ArgumentException>
                (fun () -> GradientDescent.fit (settings 0.1 -1) x3 y3 |> ignore)
                [ "gradientDescent"; "iterations" ]
                "−1 iterations"
        }
        test "a diverging run stops with NotFiniteNumberException naming gradientDescent and the iteration" {
            // λmax(XᵀX/3) ≈ 2.39 here, so α = 10 multiplies the error by about 23 per step until it overflows.
            Expect.throwsWith<NotFiniteNumberException>
                (fun () -> GradientDescent.fit (settings 10.0 2000) x3 y3 |> ignore)
                [ "gradientDescent"; "iteration" ]
                "divergence"
        }
    ]

[<Tests>]
let tests = testList "GradientDescent" [ updateRule; convergence; badInput ]
