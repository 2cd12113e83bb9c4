/// Soft-margin SVM by SMO (Classic/Svm.fs): hand-checked margins, KKT conditions, the kernel trick, the kernel cache,
/// scikit-learn's numbers on ex6 and the spam data (shared data), and bad input (selection: SvmSelection.Tests.fs).
module Functional.Tests.SvmTests

open System
open System.Globalization
open System.IO
open Expecto
open Functional
open Functional.Core.Models
open Functional.Core.Tensors


/// Runs the check on the path of coursera-ml-ex6/name from the shared lecture data; skipped when it is absent.
let private withShared (name: string) (check: string -> unit) =
    check (Repository.requireShared (Path.Combine("coursera-ml-ex6", name)))

/// x1,x2,y rows of an ex6 CSV file (header first).
let private readCsv (path: string) =
    let rows =
        File.ReadAllLines path
        |> Array.skip 1
        |> Array.filter (String.IsNullOrWhiteSpace >> not)
        |> Array.map (fun line ->
            line.Split ','
            |> Array.map (fun c -> Double.Parse(c, CultureInfo.InvariantCulture)))

    Tensor.ofArrayShaped [ rows.Length; 2 ] (rows |> Array.collect (fun r -> r[0..1])),
    Tensor.ofArray (rows |> Array.map (fun r -> r[2]))

/// spamTrain.txt / spamTest.txt: a label, then the 1-based indices of the features that are 1, of 1899.
let private readSpam (path: string) =
    let lines =
        File.ReadAllLines path |> Array.filter (String.IsNullOrWhiteSpace >> not)

    let x = Array.zeroCreate (lines.Length * 1899)

    let y =
        lines
        |> Array.mapi (fun i line ->
            let cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)

            for c in cells[1..] do
                x[i * 1899 + int c - 1] <- 1.0

            float cells[0])

    Tensor.ofArrayShaped [ lines.Length; 1899 ] x, Tensor.ofArray y

/// n points per class on either side of the line x₁ + x₂ = 0, at least gap / √2 away from it, drawn from a seed.
let private separable (seed: int) (n: int) (gap: float) =
    let rng = Random seed

    let rows = [|
        for i in 0 .. 2 * n - 1 do
            let label = if i < n then 1.0 else -1.0
            let along = rng.NextDouble() * 6.0 - 3.0
            let away = (gap + rng.NextDouble() * 2.0) * label
            // (along, away) in the rotated frame: u = (1, −1)/√2 along the line, v = (1, 1)/√2 across it.
            yield (along + away) / sqrt 2.0, (away - along) / sqrt 2.0, label
    |]

    Tensor.ofArrayShaped [ 2 * n; 2 ] (rows |> Array.collect (fun (a, b, _) -> [| a; b |])),
    Tensor.ofArray (rows |> Array.map (fun (_, _, l) -> l))

/// αᵢ for every training row (0 off the support).
let private alphas (fit: SvmFit) (n: int) =
    let a = Array.zeroCreate n

    fit.SupportIndices
    |> Array.iteri (fun s i -> a[i] <- abs fit.DualCoefficients[s])

    a

/// The KKT conditions of the soft-margin dual within tol: yf ≥ 1 at α = 0, yf = 1 for 0 &lt; α &lt; C, yf ≤ 1 at α = C;
/// and Σ αᵢ yᵢ = 0.
let private expectKkt (tol: float) (fit: SvmFit) (x: Tensor) (y: Tensor) =
    let n = x.Dims[0]
    let f = Svm.decisionFunction fit x |> Tensor.toArray

    let labels =
        Tensor.toArray y
        |> Array.map (fun v -> if v = fit.Classes[1] then 1.0 else -1.0)

    let a = alphas fit n

    for i in 0 .. n - 1 do
        let margin = labels[i] * f[i]

        if a[i] = 0.0 then
            Expect.isGreaterThanOrEqual margin (1.0 - tol) $"row {i}: α = 0 needs y f ≥ 1"
        elif a[i] >= fit.C then
            Expect.isLessThanOrEqual margin (1.0 + tol) $"row {i}: α = C needs y f ≤ 1"
        else
            Expect.floatClose { absolute = tol; relative = 0.0 } margin 1.0 $"row {i}: 0 < α < C needs y f = 1"

        Expect.isTrue (a[i] >= 0.0 && a[i] <= fit.C) $"row {i}: 0 ≤ α ≤ C"

    Expect.floatClose { absolute = 1e-9; relative = 0.0 } (Array.sum fit.DualCoefficients) 0.0 "Σ αᵢ yᵢ = 0"

let private handChecked =
    testList "hand-checked" [
        test "two points (0, 0) → −1 and (2, 0) → +1 give w = [1, 0], b = −1, margin 2" {
            let x = Tensor.ofList2D [ [ 0.0; 0.0 ]; [ 2.0; 0.0 ] ]
            let fit = Svm.fit { Svm.defaults with C = 1000.0 } x (Tensor.ofList [ -1.0; 1.0 ])
            // oracle: by hand (the perpendicular bisector x₁ = 1, margins at 0 and 2); scikit-learn 1.2.1
            // SVC(kernel="linear", C=1000) → coef_ [[1, 0]], intercept_ [−1].
            Expect.tensorValuesWithin Tolerance.tight fit.Weights.Value [ 2 ] [ 1.0; 0.0 ] "w"
            Expect.floatClose Accuracy.veryHigh fit.Bias -1.0 "b"
            Expect.floatClose Accuracy.veryHigh fit.Margin 2.0 "margin 2/‖w‖"
            Expect.equal fit.SupportIndices [| 0; 1 |] "both points are support vectors"
            Expect.isTrue fit.Converged "converged"
        }
        test "predictions come back in the labels' dtype and values (int32 classes 3 and 7)" {
            let x = Tensor.ofList2D [ [ 0.0; 0.0 ]; [ 0.5; 0.0 ]; [ 2.0; 0.0 ]; [ 2.5; 0.0 ] ]
            let fit = Svm.fit Svm.defaults x (Tensor.ofList [ 3; 3; 7; 7 ])
            let predicted = Svm.predict fit (Tensor.ofList2D [ [ -1.0; 0.0 ]; [ 3.0; 0.0 ] ])
            Expect.equal predicted.DType DType.Int32 "dtype"
            Expect.equal (predicted.ToArray() :?> int[]) [| 3; 7 |] "classes"
            Expect.equal fit.Classes [| 3.0; 7.0 |] "classes, sorted"
        }
        test "an RBF kernel separates XOR, which no line can" {
            let x = Tensor.ofList2D [ [ 0.0; 0.0 ]; [ 1.0; 1.0 ]; [ 0.0; 1.0 ]; [ 1.0; 0.0 ] ]

            let y = Tensor.ofList [ 0.0; 0.0; 1.0; 1.0 ]

            let rbf =
                Svm.fit
                    {
                        Svm.defaults with
                            Kernel = Kernel.rbf 2.0
                            C = 10.0
                    }
                    x
                    y

            let linear = Svm.fit { Svm.defaults with C = 10.0 } x y
            Expect.equal (Svm.accuracy rbf x y) 1.0 "RBF: all four right"
            Expect.isLessThan (Svm.accuracy linear x y) 1.0 "linear: at least one wrong"
            Expect.isNone rbf.Weights "no explicit w for RBF"
        }
    ]

let private properties =
    testList "properties" [
        testPropertyWithConfig
            GradCheck.config
            "on linearly separable data a large-C SVM classifies every training point and satisfies the KKT conditions"
            (fun (seed: int) ->
                let x, y = separable seed 15 0.5
                let fit = Svm.fit { Svm.defaults with C = 100.0 } x y
                Expect.equal (Svm.accuracy fit x y) 1.0 "training accuracy"
                Expect.isTrue fit.Converged "converged"
                // LIBSVM stops when the largest KKT violation m(α) − M(α) < 1e-3.
                expectKkt 2e-3 fit x y)
        testPropertyWithConfig
            GradCheck.config
            "on overlapping data with C = 1 and an RBF kernel the KKT conditions hold within the tolerance"
            (fun (seed: int) ->
                let rng = Random seed

                let x =
                    Tensor.ofArrayShaped [ 40; 2 ] (Array.init 80 (fun _ -> rng.NextDouble() * 2.0 - 1.0))

                let y = Tensor.ofArray (Array.init 40 (fun i -> if i % 3 = 0 then 1.0 else 0.0))

                let fit =
                    Svm.fit
                        {
                            Svm.defaults with
                                Kernel = Kernel.rbf 3.0
                        }
                        x
                        y

                expectKkt 2e-3 fit x y)
        testPropertyWithConfig
            GradCheck.config
            "for the linear kernel w equals Σ dualₛ svₛ and the decision function equals x · w + b"
            (fun (seed: int) ->
                let x, y = separable seed 10 0.1
                let fit = Svm.fit { Svm.defaults with C = 0.5 } x y
                let sv = Tensor.toArray fit.SupportVectors
                let w = Tensor.toArray fit.Weights.Value

                for f in 0..1 do
                    let expected =
                        fit.DualCoefficients |> Array.mapi (fun s a -> a * sv[2 * s + f]) |> Array.sum

                    Expect.floatClose Accuracy.high w[f] expected $"w{f}"

                let generic =
                    Svm.fit
                        {
                            Svm.defaults with
                                C = 0.5
                                Kernel = Kernel.scale 1.0 Kernel.linear
                        }
                        x
                        y
                // oracle: the kernel expansion Σ dualₛ k(svₛ, x) + b, computed without the explicit w.
                Expect.tensorClose
                    { Absolute = 1e-9; Relative = 1e-9 }
                    (Svm.decisionFunction fit x)
                    (Svm.decisionFunction generic x)
                    "decision function")
        test "a tiny kernel cache (rows computed on demand) gives the fit of the whole Gram matrix" {
            let rng = Random 5
            let x = Tensor.ofArrayShaped [ 120; 2 ] (Array.init 240 (fun _ -> rng.NextDouble()))
            let y = Tensor.ofArray (Array.init 120 (fun i -> if (i * 7) % 5 < 2 then 1 else 0))

            let settings = {
                Svm.defaults with
                    Kernel = Kernel.rbf 10.0
            }

            let whole = Svm.fit settings x y
            let cached = Svm.fit { settings with CacheMegabytes = 0.01 } x y
            // Kernel rows by dot products round differently from the GEMM, so SMO may take other pairs: both solutions
            // are optimal to the tolerance 1e-3.
            Expect.floatClose { absolute = 1e-3; relative = 0.0 } cached.Bias whole.Bias "bias"
            Expect.floatClose { absolute = 1e-3; relative = 1e-4 } cached.Objective whole.Objective "objective"

            Expect.tensorClose
                { Absolute = 5e-3; Relative = 0.0 }
                (Svm.decisionFunction cached x)
                (Svm.decisionFunction whole x)
                "decision values"
        }
        test "the Core estimator contract gives the same predictions as the functions" {
            let x, y = separable 3 8 0.5

            let estimator =
                SvmClassifier { Svm.defaults with C = 2.0 } :> IEstimator<Tensor, Tensor, Tensor>

            let predictor = estimator.Fit(x, y)
            let direct = Svm.fit { Svm.defaults with C = 2.0 } x y
            Expect.equal (predictor.Predict x |> Tensor.toArray) (Svm.predict direct x |> Tensor.toArray) "predictions"
        }
        test "hitting the iteration limit is reported as not converged" {
            let x, y = separable 4 20 0.0
            let fit = Svm.fit { Svm.defaults with MaxIterations = 1 } x y
            Expect.equal fit.Iterations 1 "iterations"
            Expect.isFalse fit.Converged "converged"
        }
    ]

let private sharedData =
    testList "shared data" [
        test
            "ex6data1, linear kernel, C = 1: 50 of 51 right with scikit-learn's w, b and 12 support vectors (shared data)" {
            withShared "ex6data1.csv" (fun path ->
                let x, y = readCsv path
                let fit = Svm.fit Svm.defaults x y
                // oracle: scikit-learn 1.2.1 SVC(kernel="linear", C=1) on ex6data1 → 50/51 correct,
                // coef_ [1.4071856278, 2.1339805168], intercept_ −10.3488977799, n_support_ [6, 6], 2/‖w‖ 0.78241823.
                // Both solvers stop at a KKT violation below 1e-3, so weights agree to a few 1e-3.
                Expect.equal (Svm.accuracy fit x y * 51.0 |> round) 50.0 "correct"
                let w = Tensor.toArray fit.Weights.Value
                Expect.floatClose { absolute = 5e-3; relative = 0.0 } w[0] 1.4071856278 "w0"
                Expect.floatClose { absolute = 5e-3; relative = 0.0 } w[1] 2.1339805168 "w1"
                Expect.floatClose { absolute = 2e-2; relative = 0.0 } fit.Bias -10.3488977799 "b"
                Expect.floatClose { absolute = 2e-3; relative = 0.0 } fit.Margin 0.78241823 "margin"
                Expect.equal fit.SupportIndices.Length 12 "support vectors")
        }
        test "ex6data1, linear kernel, C = 100: all 51 right, the outlier too (shared data)" {
            withShared "ex6data1.csv" (fun path ->
                let x, y = readCsv path
                let fit = Svm.fit { Svm.defaults with C = 100.0 } x y
                // oracle: scikit-learn 1.2.1 SVC(kernel="linear", C=100) on ex6data1 → 51/51, n_support_ [1, 2].
                Expect.equal (Svm.accuracy fit x y) 1.0 "accuracy"
                Expect.equal fit.SupportIndices.Length 3 "support vectors")
        }
        test "ex6data2, RBF σ = 0.1 (γ = 50), C = 1: training accuracy 0.98957 with 185 support vectors (shared data)" {
            withShared "ex6data2.csv" (fun path ->
                let x, y = readCsv path

                let fit =
                    Svm.fit
                        {
                            Svm.defaults with
                                Kernel = Kernel.rbfOfSigma 0.1
                        }
                        x
                        y
                // oracle: scikit-learn 1.2.1 SVC(kernel="rbf", gamma=50, C=1) on ex6data2 → accuracy 0.9895712630
                // (854/863), n_support_ [92, 93], intercept_ 0.40353678, decision_function(first row) 1.7380466501.
                Expect.floatClose { absolute = 1e-9; relative = 0.0 } (Svm.accuracy fit x y) (854.0 / 863.0) "accuracy"
                Expect.equal fit.SupportIndices.Length 185 "support vectors"
                Expect.floatClose { absolute = 2e-3; relative = 0.0 } fit.Bias 0.40353678 "b"
                let first = Svm.decisionFunction fit x |> Tensor.toArray
                Expect.floatClose { absolute = 2e-3; relative = 0.0 } first[0] 1.7380466501 "f(x₀)")
        }
        test "ex6data3: the validation grid over C, σ ∈ {0.01 … 30} picks C = 1, σ = 0.1 with error 0.035 (shared data)" {
            withShared "ex6data3.csv" (fun path ->
                withShared "ex6data3_val.csv" (fun valPath ->
                    let x, y = readCsv path
                    let xv, yv = readCsv valPath
                    let grid = [ 0.01; 0.03; 0.1; 0.3; 1.0; 3.0; 10.0; 30.0 ]

                    let selection =
                        Svm.selectOnValidation Svm.defaults Kernel.rbfOfSigma grid grid (x, y) (xv, yv)

                    // oracle: scikit-learn 1.2.1 SVC grid on ex6data3 (SOURCE.md) → best C = 1, sigma = 0.1, error 0.035.
                    Expect.floatClose
                        { absolute = 1e-9; relative = 0.0 }
                        selection.ValidationError
                        0.035
                        "validation error"

                    Expect.equal (selection.C, selection.Parameter) (1.0, 0.1) "C, σ"))
        }
        test "spam, linear kernel, C = 0.1: training accuracy 99.825 %, test 98.9 % (shared data)" {
            withShared "spamTrain.txt" (fun path ->
                withShared "spamTest.txt" (fun testPath ->
                    let x, y = readSpam path
                    let xt, yt = readSpam testPath
                    let fit = Svm.fit { Svm.defaults with C = 0.1 } x y
                    // oracle: scikit-learn 1.2.1 SVC(kernel="linear", C=0.1) (SOURCE.md) → train 0.99825, test 0.989.
                    Expect.floatClose { absolute = 1e-9; relative = 0.0 } (Svm.accuracy fit x y) 0.99825 "train"
                    Expect.floatClose { absolute = 1e-9; relative = 0.0 } (Svm.accuracy fit xt yt) 0.989 "test"
                    Expect.isTrue fit.Converged "converged"))
        }
    ]

let private badInput =
    let x = Tensor.ofList2D [ [ 0.0; 0.0 ]; [ 1.0; 1.0 ]; [ 2.0; 2.0 ] ]

    testList "bad input" [
        test "labels of one class throw ArgumentException naming svm and the class count" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Svm.fit Svm.defaults x (Tensor.ofList [ 1.0; 1.0; 1.0 ]) |> ignore)
                [ "svm"; "exactly two classes"; "received 1" ]
                "one class"
        }
        test "three classes throw ArgumentException" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Svm.fit Svm.defaults x (Tensor.ofList [ 0; 1; 2 ]) |> ignore)
                [ "svm"; "exactly two classes"; "received 3" ]
                "three classes"
        }
        test "fractional labels throw ArgumentException naming the index" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Svm.fit Svm.defaults x (Tensor.ofList [ 0.0; 0.5; 1.0 ]) |> ignore)
                [ "svm"; "integer class labels"; "0.5 at index 1" ]
                "labels"
        }
        test "NaN in x throws ArgumentException naming the row and column" {
            let bad = Tensor.ofList2D [ [ 0.0; 0.0 ]; [ 1.0; nan ]; [ 2.0; 2.0 ] ]

            Expect.throwsWith<ArgumentException>
                (fun () -> Svm.fit Svm.defaults bad (Tensor.ofList [ 0; 1; 1 ]) |> ignore)
                [ "svm"; "finite values in x"; "row 1, column 1" ]
                "NaN"
        }
        test "labels of the wrong length throw ShapeMismatchException naming both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Svm.fit Svm.defaults x (Tensor.ofList [ 0; 1 ]) |> ignore)
                [ "svm"; "y of shape [3]"; "y 2" ]
                "length"
        }
        test "an empty x throws ArgumentException" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    Svm.fit Svm.defaults (Tensor.Zeros([ 0; 2 ], DType.Float64)) (Tensor.ofList ([]: float list))
                    |> ignore)
                [ "svm"; "at least one row" ]
                "empty"
        }
        test "C = 0 throws ArgumentException naming C" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Svm.fit { Svm.defaults with C = 0.0 } x (Tensor.ofList [ 0; 1; 1 ]) |> ignore)
                [ "svm"; "C > 0"; "received 0" ]
                "C"
        }
        test "decisionFunction with the wrong width throws ShapeMismatchException" {
            let fit = Svm.fit Svm.defaults x (Tensor.ofList [ 0; 1; 1 ])

            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Svm.decisionFunction fit (Tensor.ofList2D [ [ 1.0; 2.0; 3.0 ] ]) |> ignore)
                [ "svm decisionFunction"; "2 columns"; "1x3" ]
                "width"
        }
    ]

[<Tests>]
let tests = testList "Svm" [ handChecked; properties; sharedData; badInput ]
