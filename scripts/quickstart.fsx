// The first ten minutes with Functional: tensors, gradients, a regression by gradient descent, a figure, a network on
// MNIST digits and a classic estimator. Run: dotnet build -c Release && dotnet fsi scripts/quickstart.fsx
#r "../src/Functional.FSharp/bin/Release/net10.0/Functional.Core.dll"
#r "../src/Functional.FSharp/bin/Release/net10.0/Functional.dll"

open System
open System.IO
open Functional
open Functional.Nn

let repoRoot = Path.GetFullPath(Path.Combine(__SOURCE_DIRECTORY__, ".."))
let clock = Diagnostics.Stopwatch.StartNew()

let step (title: string) =
    printfn ""
    printfn "== %s (%.1f s)" title clock.Elapsed.TotalSeconds

/// Stops the script with a message when something a step shows is not true.
let expect (what: string) (ok: bool) =
    if not ok then
        eprintfn "quickstart: FAILED: %s" what
        exit 1

// ---- 1. tensors: float64 from F# floats, NumPy broadcasting, matrix products ----
step "1. tensors"
let a = Tensor.ofList2D [ [ 1.0; 2.0; 3.0 ]; [ 4.0; 5.0; 6.0 ] ] // float64, shape 2x3
let row = Tensor.ofList [ 10.0; 20.0; 30.0 ] // shape 3: added to every row of a
printfn "a =\n%O" a
printfn "a + row =\n%O" (a + row)
printfn "a · aᵀ =\n%O" (Tensor.matmul a (Tensor.transpose a))
printfn "column sums: %O" (a |> Tensor.sumDim 0 false)

expect
    "a · aᵀ = [[14, 32], [32, 77]]"
    (Tensor.toArray (Tensor.matmul a (Tensor.transpose a)) = [| 14.0; 32.0; 32.0; 77.0 |])

// ---- 2. gradients: reverse-mode autodiff, nested ----
step "2. gradients"
let f (x: Tensor) = (x * x * x).Sum() // f(x) = Σ xᵢ³, so ∇f = 3x²
let x = Tensor.ofList [ 1.0; -2.0; 3.0 ]
printfn "∇ Σx³ at [1, -2, 3] = %O (3x² = [3, 12, 27])" (Diff.grad f x)
let second = Diff.diff (Diff.diff (fun t -> t ** 3.0)) (Tensor.scalar 2.0)
printfn "d²/dx² x³ at 2 = %g (6x = 12)" (Tensor.toScalar second)
expect "∇ Σx³ = 3x²" (Tensor.toArray (Diff.grad f x) = [| 3.0; 12.0; 27.0 |])
expect "d²/dx² x³ at 2 = 12" (abs (Tensor.toScalar second - 12.0) < 1e-12)

// ---- 3. a regression by gradient descent: y = 3x − 2 + noise, fitted with Diff.grad, checked by least squares ----
step "3. linear regression by gradient descent"
let rng = Random 0
let xs = Array.init 50 (fun i -> float i / 49.0 * 4.0 - 2.0) // 50 points in [−2, 2]
let ys = xs |> Array.map (fun v -> 3.0 * v - 2.0 + (rng.NextDouble() - 0.5)) // noise uniform in [−½, ½]
let design = Tensor.ofArrayShaped [ 50; 1 ] xs
let targets = Tensor.ofArrayShaped [ 50; 1 ] ys

/// Mean squared error of the line y = w x + b, parameters packed as [w; b].
let loss (p: Tensor) =
    let w, b = p[0], p[1]
    Loss.mse (design * w + b) targets

let mutable p = Tensor.ofList [ 0.0; 0.0 ]

for i in 0..199 do
    let value, gradient = Diff.gradv loss p

    if i % 50 = 0 then
        printfn "iteration %3d: loss %.6f" i (Tensor.toScalar value)

    p <- p - 0.1 * gradient

let fitted = Tensor.toArray p
let w, b = fitted[0], fitted[1]
let exact = LeastSquares.fitTensor LeastSquares.defaults design (Tensor.ofArray ys)
printfn "gradient descent: y = %.6f x %+.6f" w b
printfn "least squares:    y = %.6f x %+.6f (closed form, SVD)" exact.Coefficients[0] exact.Intercept

expect
    "gradient descent reaches the least-squares line"
    (abs (w - exact.Coefficients[0]) < 1e-6 && abs (b - exact.Intercept) < 1e-6)

// ---- 4. a figure: the points and the fitted line, as a PNG ----
step "4. a figure"

let outDir =
    Directory.CreateDirectory(Path.Combine(repoRoot, "out", "quickstart")).FullName

let figure =
    Plot.scatterWithLine
        {
            Plot.defaults with
                Title = "quickstart: y = 3x − 2 + noise, fitted by gradient descent"
                XLabel = "x"
                YLabel = "y"
        }
        xs
        ys
        [| -2.0; 2.0 |]
        [| -2.0 * w + b; 2.0 * w + b |]
        (Path.Combine(outDir, "regression.png"))

printfn "wrote %s" figure
expect "the figure was written" (File.Exists figure && FileInfo(figure).Length > 0L)

// ---- 5. a network on the shipped MNIST digits: 784 → 128 → 10, Adam, 2 epochs ----
step "5. a network on MNIST digits"
let digits = Mnist.subset (Path.Combine(repoRoot, "data", "mnist")) 1 // 8,000 training / 2,000 test digits

let flat (d: Mnist.Digits) =
    d.Images.Reshape [ d.Images.Dims[0]; 784 ]

let trainX, testX = flat digits.Train, flat digits.Test
let model = Linear(784, 128, Random 1) --> Relu() --> Linear(128, 10, Random 2)
printfn "%s" (Model.summary [ 784 ] model)

let settings =
    FitSettings(
        Epochs = 2,
        BatchSize = 128,
        Seed = 1,
        Metrics = [| Metric.Accuracy |],
        ValidationInputs = testX,
        ValidationTargets = digits.Test.Labels
    )

let history =
    Train.fit model Loss.crossEntropy (Adam 1e-3) settings trainX digits.Train.Labels

let networkAccuracy = Array.last (history.ValidationMetric "accuracy")
printfn "%O" history
printfn "test accuracy after 2 epochs: %.4f" networkAccuracy
let firstTest = (Model.predict model testX[0..4]).ArgMax(1)
printfn "first five test digits: predicted %O, true %O" firstTest digits.Test.Labels[0..4]
expect "the network beats 85 % on the test digits" (networkAccuracy > 0.85)

// ---- 6. a classic estimator on the same digits: k-nearest neighbours, k = 3 ----
step "6. a classic estimator: kNN"
let knn = Knn.fit { Knn.defaults with K = 3 } trainX digits.Train.Labels
let knnPredicted = Knn.classify knn testX

// eq gives 1 where the labels agree: its mean is the accuracy.
let knnAccuracy =
    Tensor.eq knnPredicted digits.Test.Labels
    |> Tensor.toFloat64
    |> Tensor.mean
    |> Tensor.toScalar

printfn "kNN (k = 3) test accuracy: %.4f (the network: %.4f)" knnAccuracy networkAccuracy
expect "kNN beats 85 % on the test digits" (knnAccuracy > 0.85)

step "done"
printfn "quickstart: OK"
