// The scikit-learn comparison (issue 6): k-means, PCA, kNN and SVMs of Classic/ on the data of Recipe.fs, the same
// work as bench/peers/sklearn_cases.py. Every input is float64, as scikit-learn computes.
module Functional.Bench.Cases.Classic

open System
open Functional
open Functional.Bench
open Functional.Bench.Measure

/// <summary>kmeans: 100 Lloyd iterations on 100,000 × 16 (Recipe.kmeansPoints), k = 8, one run from the first 8
/// rows, tolerance 0 (stops early only if no label changes). Check: the inertia; extra: iterations run.</summary>
let kmeans () : Outcome =
    let x = Tensor.ofArrayShaped [ 100_000; 16 ] (Recipe.kmeansPoints ())

    let settings = {
        KMeans.defaults with
            K = 8
            Seeding = KMeans.Seeding.Given(x.[0..7, *])
            Restarts = 1
            MaxIterations = 100
            Tolerance = 0.0
    }

    let mutable fit = Unchecked.defaultof<KMeansFit>

    ReadyWithExtra(
        {
            Run = fun () -> fit <- KMeans.fit settings (Random 0) x
            Units = 1
            Flops = None
            Check = fun () -> fit.Inertia
        },
        fun () -> [ "iters", float fit.Iterations ]
    )

/// <summary>pca: 50 components of 10,000 × 784 (Recipe.pcaPoints) with the default solver (Auto: for this tall matrix
/// the eigen-decomposition of XᵀX from our GEMM; exact, not randomised). Check: the sum of the explained variances.</summary>
let pca () : Outcome =
    let x = Tensor.ofArrayShaped [ 10_000; 784 ] (Recipe.pcaPoints ())

    let settings = {
        Pca.defaults with
            Components = Some 50
    }

    let mutable fit = Unchecked.defaultof<PcaFit>

    Ready {
        Run = fun () -> fit <- Pca.fit settings x
        Units = 1
        Flops = None
        Check = fun () -> Array.sum fit.ExplainedVariance
    }

/// <summary>knn: k = 3, fit on 8,000 × 784 and classify 2,000 queries (Recipe.knnPoints). Check: the accuracy of the
/// predictions; extra: queries whose 3 neighbours carry 3 different labels, the only place the two tie rules
/// (ours: the nearest; scikit-learn: the smallest label) can disagree.</summary>
let knn () : Outcome =
    let xs, ys, qs, ts = Recipe.knnPoints ()
    let x = Tensor.ofArrayShaped [ 8_000; 784 ] xs
    let y = Tensor.ofArrayShaped [ 8_000 ] ys
    let q = Tensor.ofArrayShaped [ 2_000; 784 ] qs
    let settings = { Knn.defaults with K = 3 }
    let mutable predicted = [||]

    ReadyWithExtra(
        {
            Run = fun () -> predicted <- Knn.classify (Knn.fit settings x y) q |> Tensor.toArray
            Units = 1
            Flops = None
            Check =
                fun () ->
                    float (Array.fold2 (fun n p t -> if p = t then n + 1 else n) 0 predicted ts)
                    / 2000.0
        },
        fun () ->
            let indices, _ = Knn.neighbours (Knn.fit settings x y) q
            let near = Tensor.toArray indices

            let ties =
                Array.init 2_000 (fun i -> Array.init 3 (fun j -> ys[int near[3 * i + j]]) |> Array.distinct)
                |> Array.filter (fun labels -> labels.Length = 3)
                |> Array.length

            [ "ties3", float ties ]
    )

/// <summary>svm-linear / svm-rbf: a soft-margin SVM on the spam-sized data (Recipe.spamPoints, 4,000 × 1,899
/// binary), linear with C = 0.1 or RBF with C = 1 and σ = 6 (γ = 1/72); other settings Svm.defaults (tolerance 1e-3,
/// 200 MiB of kernel cache, as SVC). Check: the training accuracy; extra: the number of support vectors.</summary>
let svm (kernel: Kernel) (c: float) : Outcome =
    let xs, ys = Recipe.spamPoints ()
    let x = Tensor.ofArrayShaped [ 4_000; 1_899 ] xs
    let y = Tensor.ofArrayShaped [ 4_000 ] ys

    let settings = {
        Svm.defaults with
            Kernel = kernel
            C = c
    }

    let mutable fit = Unchecked.defaultof<SvmFit>

    ReadyWithExtra(
        {
            Run = fun () -> fit <- Svm.fit settings x y
            Units = 1
            Flops = None
            Check = fun () -> Svm.accuracy fit x y
        },
        fun () -> [ "sv", float fit.SupportIndices.Length ]
    )

/// <summary>The penalised objective J(w, b) = Σᵢ [log(1 + e^zᵢ) − yᵢ zᵢ] + (λ/2) ‖w‖², zᵢ = b + xᵢ · w, in float64 on
/// row-major x: what logistic-fit's three sides minimise, and its check.</summary>
let logisticObjective (x: float[]) (y: float[]) (lambda: float) (w: float[]) (b: float) : float =
    let n = w.Length
    let mutable total = 0.0

    for i in 0 .. y.Length - 1 do
        let mutable z = b

        for j in 0 .. n - 1 do
            z <- z + x[i * n + j] * w[j]

        let softplus =
            if z > 0.0 then
                z + log (1.0 + exp -z)
            else
                log (1.0 + exp z)

        total <- total + softplus - y[i] * z

    total + 0.5 * lambda * Array.sumBy (fun v -> v * v) w

/// <summary>logistic-fit: binary logistic regression with an L2 penalty λ = 1 (scikit-learn's C = 1) and an
/// unpenalised intercept, fitted to convergence on 20,000 × 50 (Recipe.logisticFitPoints): ours
/// <c>LogisticRegression.fit</c> with its default solver, Newton's method (IRLS), to a mean gradient of 5e-9. Check:
/// the objective J at the fit (logisticObjective); extra: the iterations.</summary>
let logisticFit () : Outcome =
    let xs, ys = Recipe.logisticFitPoints ()
    let x = Tensor.ofArrayShaped [ 20_000; 50 ] xs
    let y = Tensor.ofArrayShaped [ 20_000 ] ys

    // Tolerance 5e-9 on the mean gradient is scikit-learn's default stopping rule (a gradient of 1e-4 on the
    // summed objective) over 20,000 rows; the library's default, 1e-10, lies below what float64 sums of 20,000 terms
    // resolve here, so Newton would run all 100 iterations at the optimum.
    let settings = {
        LogisticRegression.defaults with
            Penalty = 1.0
            Tolerance = 1e-4 / 20_000.0
    }

    let mutable fit = Unchecked.defaultof<LogisticFit>

    ReadyWithExtra(
        {
            Run = fun () -> fit <- LogisticRegression.fit settings x y
            Units = 1
            Flops = None
            Check = fun () -> logisticObjective xs ys 1.0 fit.Coefficients fit.Intercept
        },
        fun () -> [ "iters", float fit.Iterations ]
    )
