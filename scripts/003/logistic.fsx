// §5.7.1 logistic regression by Newton/IRLS; the fit is a stationary point of the cross-entropy (autodiff).
// A section of ../003-deep-learning-ch5.fsx, which loads common.fsx and setup.fsx first: #load nothing here.

open System.IO
open Common
open Functional
open Setup

say "== logistic regression =="
// Lecture 001's recipe with our own seed: class 0, 20 points from N([10, 11], 20 I); class 1, 15 from N([18, 20], 22 I).
let logX =
    Array.init 35 (fun i ->
        if i < 20 then
            [| normal rng 10.0 (sqrt 20.0); normal rng 11.0 (sqrt 20.0) |]
        else
            [| normal rng 18.0 (sqrt 22.0); normal rng 20.0 (sqrt 22.0) |])

let logY = Array.init 35 (fun i -> if i < 20 then 0.0 else 1.0)
let logXs = Tensor.ofArrayShaped [ 35; 2 ] (Array.concat logX)
let logYs = Tensor.ofArray logY
let logistic = LogisticRegression.fit LogisticRegression.defaults logXs logYs

let logAccuracy =
    Array.map2
        (fun p y -> if float p = y then 1.0 else 0.0)
        (LogisticRegression.predict logistic logXs |> Tensor.toArray)
        logY
    |> Array.average

say
    $"Newton/IRLS: w = [{logistic.Coefficients[0]:F6}, {logistic.Coefficients[1]:F6}], b = {logistic.Intercept:F6}, {logistic.Iterations} iterations, training accuracy {logAccuracy:F4}"

checkThat "logistic regression converged" logistic.Converged
checkThat "logistic regression training accuracy ≥ 0.8" (logAccuracy >= 0.8)

// The MLE is where the gradient of the cross-entropy vanishes: check with autodiff at the fitted parameters.
let theta =
    Tensor.ofArrayShaped [ 3; 1 ] [| logistic.Intercept; logistic.Coefficients[0]; logistic.Coefficients[1] |]

let withOnes =
    Tensor.concat 1 [ Tensor.Ones([ 35; 1 ], Functional.Core.Tensors.DType.Float64); logXs ]

let crossEntropy (t: Tensor) =
    Loss.bceWithLogits (Tensor.matmul withOnes t |> Tensor.reshape [ 35 ]) logYs

let gradientNorm =
    Diff.grad crossEntropy theta
    |> Tensor.toArray
    |> Array.sumBy (fun v -> v * v)
    |> sqrt

say $"‖∇ mean BCE‖ at the fit (autodiff) = {gradientNorm:E2}"
checkThat "the fit is a stationary point of the cross-entropy (‖∇‖ < 1e-8)" (gradientNorm < 1e-8)

PlotClassic.decisionBoundary
    (figure "§5.7.1 logistic regression: P(y = 1 | x) = 0.5" "x1" "x2")
    [ 0.0 ]
    logXs
    logYs
    (fun grid -> LogisticRegression.predictProba logistic grid - 0.5)
    (Path.Combine(dir, "logistic-boundary.png"))
|> wrote
