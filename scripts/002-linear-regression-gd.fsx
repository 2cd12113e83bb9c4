#load "common.fsx"
// Lecture 002 (Akaishi): fit weight ~ height by batch gradient descent, as the deck does, then by least squares and
// by autodiff gradients; all three agree. Run: dotnet build -c Release && dotnet fsi scripts/002-linear-regression-gd.fsx

open System
open System.Globalization
open System.IO
open Common
open Functional

// ---- data: the five (height cm, weight kg) facts from the slides ----
let rows =
    File.ReadAllLines(dataFile "heights-weights.csv")
    |> Array.skip 1
    |> Array.map (fun line ->
        let cells = line.Split ','
        Double.Parse(cells[0], CultureInfo.InvariantCulture), Double.Parse(cells[1], CultureInfo.InvariantCulture))

let heights, weights = Array.unzip rows
let m = rows.Length

// Centre both columns, as the deck does (means 171 and 65.4), then add the dummy column of ones: x = [1, height − 171].
let heightMean, weightMean = Array.average heights, Array.average weights
say $"means: height {heightMean}, weight {weightMean}"
checkClose "height mean" 171.0 1e-12 heightMean
checkClose "weight mean" 65.4 1e-12 weightMean
let x = Array2D.init m 2 (fun i j -> if j = 0 then 1.0 else heights[i] - heightMean)
let y = weights |> Array.map (fun w -> w - weightMean)

// ---- batch gradient descent: w = [2, −1], α = 0.01, 200 iterations, L = mean((yp − yt)²) / 2 ----
let settings = {
    GradientDescent.defaults with
        LearningRate = 0.01
        Iterations = 200
        InitialWeights = Some [| 2.0; -1.0 |]
}

let descent = GradientDescent.fit settings x y
// The deck prints the loss before each update and the weights after it, every iteration.
for step in descent.Trace do
    say (sprintf "iter = %d  L = %.6f  w0 = %.6f  w1 = %.6f" step.Iteration step.Loss step.Weights[0] step.Weights[1])

// oracle: the deck's printed trace (first and last lines), 6 decimals → tolerance 5e-7.
let first, last = descent.Trace[0], descent.Trace[199]
checkClose "iter 0 L" 50.416000 5e-7 first.Loss
checkClose "iter 0 w0" 1.980000 5e-7 first.Weights[0]
checkClose "iter 0 w1" -0.672800 5e-7 first.Weights[1]
checkClose "iter 199 L" 2.306147 5e-7 last.Loss
checkClose "iter 199 w0" 0.267959 5e-7 last.Weights[0]
checkClose "iter 199 w1" 1.820690 5e-7 last.Weights[1]

say "final predictions (gradient descent):"
let predicted = LinearFit.predict descent.Fit x

for i in 0 .. m - 1 do
    say (
        sprintf "  height %.0f cm  weight %.1f kg  predicted %.6f kg" heights[i] weights[i] (predicted[i] + weightMean)
    )

// ---- closed form: least squares by QR ----
let leastSquares = LeastSquares.fit x y
let intercept, slope = leastSquares.Coefficients[0], leastSquares.Coefficients[1]
let minimumLoss = LinearFit.halfMeanSquaredError leastSquares
say $"least squares: w0 = {intercept:G10}  w1 (slope) = {slope:R}  minimum L = {minimumLoss:G10}"
say $"  in original units: weight = {weightMean - slope * heightMean:G10} + {slope:G10} · height"
// oracle: DESIGN.md §5 lecture 002 (computed with NumPy): slope 1.8206896551724, minimum L 2.2695172.
checkClose "least-squares slope" 1.8206896551724 5e-14 slope
checkClose "least-squares intercept (centred data)" 0.0 1e-12 intercept
checkClose "least-squares minimum L" 2.2695172 5e-8 minimumLoss
// Our own loss function at the least-squares weights gives the same minimum.
let xs, ys = Tensor.ofArray2D x, Tensor.ofArray y |> Tensor.reshape [ m; 1 ]
let loss (w: Tensor) = Loss.mse (Tensor.matmul xs w) ys / 2.0

checkClose
    "Loss.mse / 2 at least squares"
    minimumLoss
    1e-12
    (loss (Tensor.ofArrayShaped [ 2; 1 ] leastSquares.Coefficients)
     |> Tensor.toScalar)

// ---- the same fit by autodiff: gradients from Diff.grad, plain SGD updates w ← w − α ∇L(w) (full batch) ----
// α = 0.1 (inside 2 / λmax = 2 / 11.6 for this data) so 300 steps converge far below 1e-6.
let mutable w = Tensor.ofArrayShaped [ 2; 1 ] [| 2.0; -1.0 |]

for _ in 1..300 do
    w <- w - 0.1 * Diff.grad loss w

let autodiff = Tensor.toArray w
say $"autodiff + SGD: w0 = {autodiff[0]:G10}  w1 = {autodiff[1]:G10}  L = {loss w |> Tensor.toScalar:G10}"
checkClose "autodiff w0 = least squares" intercept 1e-6 autodiff[0]
checkClose "autodiff w1 = least squares" slope 1e-6 autodiff[1]

// ---- figures ----
let dir = outDir "002"

let curve =
    Plot.learningCurve
        {
            Plot.defaults with
                Title = "Lecture 002: loss by iteration (α = 0.01)"
                XLabel = "iteration"
                YLabel = "L = mean((yp − yt)²) / 2"
        }
        (descent.Trace |> Array.map (fun s -> s.Loss))
        (Path.Combine(dir, "learning-curve.png"))

let lineHeights = [| 164.0; 178.0 |]

let scatter =
    Plot.scatterWithLine
        {
            Plot.defaults with
                Title = "Lecture 002: weight against height, gradient-descent fit"
                XLabel = "height (cm)"
                YLabel = "weight (kg)"
        }
        heights
        weights
        lineHeights
        (lineHeights
         |> Array.map (fun h -> weightMean + descent.Weights[0] + descent.Weights[1] * (h - heightMean)))
        (Path.Combine(dir, "scatter-fit.png"))

for path in [ curve; scatter ] do
    say $"wrote {path}"
    checkThat $"{Path.GetFileName path} exists and is not empty" (File.Exists path && FileInfo(path).Length > 0L)

finish "002"
