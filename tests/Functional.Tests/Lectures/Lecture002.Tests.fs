/// Lecture 002 (Akaishi): linear regression of weight on height by gradient descent, least squares and autodiff, on
/// the five facts in data/heights-weights.csv. The numbers are DESIGN.md §5's; the full trace is shared data.
module Functional.Tests.Lecture002Tests

open System
open System.Globalization
open System.IO
open Expecto
open Functional


let private parse (s: string) =
    Double.Parse(s, CultureInfo.InvariantCulture)

/// The deck's setup: both columns centred (means 171 and 65.4), x = [1, height − 171], y = weight − 65.4.
let private problem =
    lazy
        (let rows =
            File.ReadAllLines(Path.Combine(Repository.root.Value, "data", "heights-weights.csv"))
            |> Array.skip 1
            |> Array.map (fun line -> let c = line.Split ',' in parse c[0], parse c[1])

         let heights, weights = Array.unzip rows
         let hMean, wMean = Array.average heights, Array.average weights

         Array2D.init rows.Length 2 (fun i j -> if j = 0 then 1.0 else heights[i] - hMean),
         weights |> Array.map (fun w -> w - wMean))

/// w = [2, −1], α = 0.01, 200 iterations, as the deck runs it.
let private deckRun =
    lazy
        (let x, y = problem.Value

         GradientDescent.fit
             {
                 GradientDescent.defaults with
                     LearningRate = 0.01
                     Iterations = 200
                     InitialWeights = Some [| 2.0; -1.0 |]
             }
             x
             y)

let private expectStep (tolerance: float) (step: GradientDescent.Step) (loss: float) (w0: float) (w1: float) =
    let close name actual expected =
        if abs (actual - expected) > tolerance then
            failtestf "iter %d: %s is %.9f, expected %.6f (tolerance %g)" step.Iteration name actual expected tolerance

    close "L" step.Loss loss
    close "w0" step.Weights[0] w0
    close "w1" step.Weights[1] w1

/// The shared trace file (columns iter,L,w0,w1); the test is skipped when it is absent.
let private sharedTrace () =
    Repository.requireShared (Path.Combine("akaishi-xpython", "gd_trace.csv"))

[<Tests>]
let tests =
    testList "Lecture 002" [
        test "lecture 002 data file holds the five facts from the slides, with means 171 and 65.4" {
            let lines =
                File.ReadAllLines(Path.Combine(Repository.root.Value, "data", "heights-weights.csv"))
            // oracle: the deck's slides, (166,58.7) (176,75.7) (171,62.1) (173,70.4) (169,60.1).
            Expect.equal
                lines
                [|
                    "height_cm,weight_kg"
                    "166,58.7"
                    "176,75.7"
                    "171,62.1"
                    "173,70.4"
                    "169,60.1"
                |]
                "file"

            let x, y = problem.Value
            Expect.floatClose Accuracy.veryHigh (Array.sum y) 0.0 "weights centred on 65.4"

            Expect.floatClose
                Accuracy.veryHigh
                (Seq.sum (seq { for i in 0..4 -> x[i, 1] }))
                0.0
                "heights centred on 171"
        }
        test "lecture 002 first and last iterations match the deck's printed lines" {
            let trace = deckRun.Value.Trace
            Expect.equal trace.Length 200 "iterations"
            // oracle: the deck prints "iter = 0  L = 50.416000  w0 = 1.980000  w1 = -0.672800" (6 decimals → 5e-7).
            expectStep 5e-7 trace[0] 50.416000 1.980000 -0.672800
            // oracle: the deck's last line, "iter = 199  L = 2.306147  w0 = 0.267959  w1 = 1.820690".
            expectStep 5e-7 trace[199] 2.306147 0.267959 1.820690
        }
        test "lecture 002 trace matches the deck's 200 printed lines (shared data)" {
            let path = sharedTrace ()
            // oracle: the notebook's printed output, parsed into iter,L,w0,w1 at 6 decimals (see its SOURCE.md).
            let rows =
                File.ReadAllLines path
                |> Array.skip 1
                |> Array.filter (String.IsNullOrWhiteSpace >> not)

            let trace = deckRun.Value.Trace
            Expect.equal rows.Length trace.Length $"lines in {path}"

            for row, step in Array.zip rows trace do
                let c = row.Split ','
                Expect.equal (int c[0]) step.Iteration "iteration number"
                expectStep 1e-6 step (parse c[1]) (parse c[2]) (parse c[3])
        }
        test "lecture 002 least squares gives slope 1.8206896551724 and minimum L 2.2695172" {
            let x, y = problem.Value
            let fit = LeastSquares.fit x y
            // oracle: DESIGN.md §5, computed with NumPy: slope 1.8206896551724 (13 decimals), minimum L 2.2695172 (7).
            Expect.floatClose { absolute = 5e-14; relative = 0.0 } fit.Coefficients[1] 1.8206896551724 "slope"
            Expect.floatClose { absolute = 1e-12; relative = 0.0 } fit.Coefficients[0] 0.0 "intercept of centred data"

            Expect.floatClose
                { absolute = 5e-8; relative = 0.0 }
                (LinearFit.halfMeanSquaredError fit)
                2.2695172
                "minimum L"
        }
        test "lecture 002 gradient descent after 200 iterations has the least-squares slope to 6 decimals" {
            let x, y = problem.Value

            Expect.floatClose
                { absolute = 5e-7; relative = 0.0 }
                deckRun.Value.Weights[1]
                (LeastSquares.fit x y).Coefficients[1]
                "slope"
        }
        test "lecture 002 autodiff gradients with SGD steps agree with least squares within 1e-6" {
            let x, y = problem.Value
            let xs, ys = Tensor.ofArray2D x, Tensor.ofArray y |> Tensor.reshape [ 5; 1 ]
            let loss (w: Tensor) = Loss.mse (Tensor.matmul xs w) ys / 2.0
            let mutable w = Tensor.ofArrayShaped [ 2; 1 ] [| 2.0; -1.0 |]
            // α = 0.1 < 2 / λmax(XᵀX/5) = 2 / 11.6, so 300 steps shrink the error by 0.9³⁰⁰.
            for _ in 1..300 do
                w <- w - 0.1 * Diff.grad loss w

            let exact = (LeastSquares.fit x y).Coefficients
            let found = Tensor.toArray w

            for j in 0..1 do
                Expect.floatClose { absolute = 1e-6; relative = 0.0 } found[j] exact[j] $"w{j}"
        }
    ]
