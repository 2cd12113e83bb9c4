namespace Functional.CSharp

open System
open System.Runtime.CompilerServices
open Functional

/// <summary>C# for F#'s <c>{ settings with Field = value }</c> on the classic algorithms' settings records:
/// <c>KMeans.Defaults.WithK(3).WithRestarts(1)</c>. Each returns a copy with one field changed and leaves the original
/// as it was; an F# option field takes a nullable, null meaning None. The fits check the values.</summary>
[<AbstractClass; Sealed; Extension>]
type ClassicSettings =
    static member private Copy(settings: 'S, change: 'S -> 'S) : 'S =
        Arguments.withChange "settings" settings change

    /// <summary>A copy that solves with <paramref name="decomposition"/> (QR or SVD).</summary>
    [<Extension>]
    static member WithDecomposition(settings: LeastSquares.Settings, decomposition: Decomposition) =
        ClassicSettings.Copy(settings, fun s -> { s with Decomposition = decomposition })

    /// <summary>A copy that fits an intercept, or not.</summary>
    [<Extension>]
    static member WithIntercept(settings: LeastSquares.Settings, intercept: bool) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    LeastSquares.Settings.Intercept = intercept
            }
        )

    /// <summary>A copy with the penalty λ ≥ 0 on ‖w‖².</summary>
    [<Extension>]
    static member WithPenalty(settings: Ridge.Settings, penalty: float) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    Ridge.Settings.Penalty = penalty
            }
        )

    /// <summary>A copy that fits an unpenalised intercept, or not.</summary>
    [<Extension>]
    static member WithIntercept(settings: Ridge.Settings, intercept: bool) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    Ridge.Settings.Intercept = intercept
            }
        )

    /// <summary>A copy with the step size α.</summary>
    [<Extension>]
    static member WithLearningRate(settings: GradientDescent.Settings, learningRate: float) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    GradientDescent.Settings.LearningRate = learningRate
            }
        )

    /// <summary>A copy that makes <paramref name="iterations"/> updates.</summary>
    [<Extension>]
    static member WithIterations(settings: GradientDescent.Settings, iterations: int) =
        ClassicSettings.Copy(settings, fun s -> { s with Iterations = iterations })

    /// <summary>A copy starting from <paramref name="weights"/> (one per column of X); null starts from
    /// zeros.</summary>
    [<Extension>]
    static member WithInitialWeights(settings: GradientDescent.Settings, weights: float[] | null) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    InitialWeights = Option.ofObj weights
            }
        )

    /// <summary>A copy solved by <paramref name="solver"/> (Newton, or gradient descent with a learning
    /// rate).</summary>
    [<Extension>]
    static member WithSolver(settings: LogisticRegression.Settings, solver: LogisticSolver) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    LogisticRegression.Settings.Solver = solver
            }
        )

    /// <summary>A copy with the penalty λ ≥ 0 on ‖w‖² / 2.</summary>
    [<Extension>]
    static member WithPenalty(settings: LogisticRegression.Settings, penalty: float) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    LogisticRegression.Settings.Penalty = penalty
            }
        )

    /// <summary>A copy that fits an unpenalised intercept, or not.</summary>
    [<Extension>]
    static member WithIntercept(settings: LogisticRegression.Settings, intercept: bool) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    LogisticRegression.Settings.Intercept = intercept
            }
        )

    /// <summary>A copy that makes at most <paramref name="maxIterations"/> iterations.</summary>
    [<Extension>]
    static member WithMaxIterations(settings: LogisticRegression.Settings, maxIterations: int) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    LogisticRegression.Settings.MaxIterations = maxIterations
            }
        )

    /// <summary>A copy that stops when the largest mean-gradient component is at most
    /// <paramref name="tolerance"/>.</summary>
    [<Extension>]
    static member WithTolerance(settings: LogisticRegression.Settings, tolerance: float) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    LogisticRegression.Settings.Tolerance = tolerance
            }
        )

    /// <summary>A copy with the penalty λ ≥ 0 on ‖W‖² / 2.</summary>
    [<Extension>]
    static member WithPenalty(settings: SoftmaxRegression.Settings, penalty: float) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    SoftmaxRegression.Settings.Penalty = penalty
            }
        )

    /// <summary>A copy that fits unpenalised intercepts, or not.</summary>
    [<Extension>]
    static member WithIntercept(settings: SoftmaxRegression.Settings, intercept: bool) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    SoftmaxRegression.Settings.Intercept = intercept
            }
        )

    /// <summary>A copy with the step α on the mean objective.</summary>
    [<Extension>]
    static member WithLearningRate(settings: SoftmaxRegression.Settings, learningRate: float) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    SoftmaxRegression.Settings.LearningRate = learningRate
            }
        )

    /// <summary>A copy that makes at most <paramref name="maxIterations"/> iterations.</summary>
    [<Extension>]
    static member WithMaxIterations(settings: SoftmaxRegression.Settings, maxIterations: int) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    SoftmaxRegression.Settings.MaxIterations = maxIterations
            }
        )

    /// <summary>A copy that stops when the largest mean-gradient component is at most
    /// <paramref name="tolerance"/>.</summary>
    [<Extension>]
    static member WithTolerance(settings: SoftmaxRegression.Settings, tolerance: float) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    SoftmaxRegression.Settings.Tolerance = tolerance
            }
        )

    /// <summary>A copy with K classes; null takes 1 + the largest label.</summary>
    [<Extension>]
    static member WithClasses(settings: SoftmaxRegression.Settings, classes: Nullable<int>) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    Classes = Option.ofNullable classes
            }
        )

    /// <summary>A copy with k clusters.</summary>
    [<Extension>]
    static member WithK(settings: KMeans.Settings, k: int) =
        ClassicSettings.Copy(settings, fun s -> { s with KMeans.Settings.K = k })

    /// <summary>A copy whose runs pick their initial centres by <paramref name="seeding"/>.</summary>
    [<Extension>]
    static member WithSeeding(settings: KMeans.Settings, seeding: KMeans.Seeding) =
        ClassicSettings.Copy(settings, fun s -> { s with Seeding = seeding })

    /// <summary>A copy that makes <paramref name="restarts"/> runs and keeps the one of lowest inertia.</summary>
    [<Extension>]
    static member WithRestarts(settings: KMeans.Settings, restarts: int) =
        ClassicSettings.Copy(settings, fun s -> { s with Restarts = restarts })

    /// <summary>A copy that makes at most <paramref name="maxIterations"/> Lloyd iterations per run.</summary>
    [<Extension>]
    static member WithMaxIterations(settings: KMeans.Settings, maxIterations: int) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    KMeans.Settings.MaxIterations = maxIterations
            }
        )

    /// <summary>A copy whose runs stop when Σ ‖Δcⱼ‖² ≤ <paramref name="tolerance"/> · the mean feature
    /// variance.</summary>
    [<Extension>]
    static member WithTolerance(settings: KMeans.Settings, tolerance: float) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    KMeans.Settings.Tolerance = tolerance
            }
        )

    /// <summary>A copy that consults k neighbours.</summary>
    [<Extension>]
    static member WithK(settings: Knn.Settings, k: int) =
        ClassicSettings.Copy(settings, fun s -> { s with Knn.Settings.K = k })

    /// <summary>A copy that answers <paramref name="batchSize"/> queries per GEMM.</summary>
    [<Extension>]
    static member WithBatchSize(settings: Knn.Settings, batchSize: int) =
        ClassicSettings.Copy(settings, fun s -> { s with BatchSize = batchSize })

    /// <summary>A copy keeping <paramref name="components"/> components; null keeps min(n, d).</summary>
    [<Extension>]
    static member WithComponents(settings: Pca.Settings, components: Nullable<int>) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    Pca.Settings.Components = Option.ofNullable components
            }
        )

    /// <summary>A copy that computes the axes with <paramref name="solver"/>.</summary>
    [<Extension>]
    static member WithSolver(settings: Pca.Settings, solver: Pca.Solver) =
        ClassicSettings.Copy(settings, fun s -> { s with Pca.Settings.Solver = solver })

    /// <summary>A copy with the kernel k.</summary>
    [<Extension>]
    static member WithKernel(settings: KernelPca.Settings, kernel: Kernel) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    KernelPca.Settings.Kernel = kernel
            }
        )

    /// <summary>A copy keeping <paramref name="components"/> components; null keeps every one with a positive
    /// eigenvalue.</summary>
    [<Extension>]
    static member WithComponents(settings: KernelPca.Settings, components: Nullable<int>) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    KernelPca.Settings.Components = Option.ofNullable components
            }
        )

    /// <summary>A copy with the kernel k(a, b).</summary>
    [<Extension>]
    static member WithKernel(settings: Svm.Settings, kernel: Kernel) =
        ClassicSettings.Copy(settings, fun s -> { s with Svm.Settings.Kernel = kernel })

    /// <summary>A copy with the box constraint C &gt; 0.</summary>
    [<Extension>]
    static member WithC(settings: Svm.Settings, c: float) =
        ClassicSettings.Copy(settings, fun s -> { s with C = c })

    /// <summary>A copy that stops when the largest KKT violation falls below <paramref name="tolerance"/>.</summary>
    [<Extension>]
    static member WithTolerance(settings: Svm.Settings, tolerance: float) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    Svm.Settings.Tolerance = tolerance
            }
        )

    /// <summary>A copy that makes at most <paramref name="maxIterations"/> SMO iterations.</summary>
    [<Extension>]
    static member WithMaxIterations(settings: Svm.Settings, maxIterations: int) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    Svm.Settings.MaxIterations = maxIterations
            }
        )

    /// <summary>A copy with <paramref name="cacheMegabytes"/> MiB for kernel values.</summary>
    [<Extension>]
    static member WithCacheMegabytes(settings: Svm.Settings, cacheMegabytes: float) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    CacheMegabytes = cacheMegabytes
            }
        )

    /// <summary>A copy with the highest power p ≥ 0.</summary>
    [<Extension>]
    static member WithDegree(settings: PolynomialFeatures.Settings, degree: int) =
        ClassicSettings.Copy(settings, fun s -> { s with Degree = degree })

    /// <summary>A copy that puts the column x⁰ = 1 first, or not.</summary>
    [<Extension>]
    static member WithIncludeBias(settings: PolynomialFeatures.Settings, includeBias: bool) =
        ClassicSettings.Copy(settings, fun s -> { s with IncludeBias = includeBias })

    /// <summary>A copy with the prior precision α &gt; 0.</summary>
    [<Extension>]
    static member WithAlpha(settings: BayesianLinearRegression.Settings, alpha: float) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    BayesianLinearRegression.Settings.Alpha = alpha
            }
        )

    /// <summary>A copy with the noise precision β &gt; 0.</summary>
    [<Extension>]
    static member WithBeta(settings: BayesianLinearRegression.Settings, beta: float) =
        ClassicSettings.Copy(settings, fun s -> { s with Beta = beta })

    /// <summary>A copy adding <paramref name="varSmoothing"/> · the largest feature variance to every
    /// variance.</summary>
    [<Extension>]
    static member WithVarSmoothing(settings: NaiveBayes.GaussianSettings, varSmoothing: float) =
        ClassicSettings.Copy(settings, fun s -> { s with VarSmoothing = varSmoothing })

    /// <summary>A copy with class priors (one per class, in sorted class order, summing to 1); null uses the class
    /// frequencies.</summary>
    [<Extension>]
    static member WithPriors(settings: NaiveBayes.GaussianSettings, priors: float[] | null) =
        ClassicSettings.Copy(settings, fun s -> { s with Priors = Option.ofObj priors })

    /// <summary>A copy with the additive smoothing α ≥ 0.</summary>
    [<Extension>]
    static member WithAlpha(settings: NaiveBayes.BernoulliSettings, alpha: float) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    NaiveBayes.BernoulliSettings.Alpha = alpha
            }
        )

    /// <summary>A copy that turns a feature on where x &gt; <paramref name="threshold"/>; null requires 0/1
    /// data.</summary>
    [<Extension>]
    static member WithBinarize(settings: NaiveBayes.BernoulliSettings, threshold: Nullable<float>) =
        ClassicSettings.Copy(
            settings,
            fun s -> {
                s with
                    Binarize = Option.ofNullable threshold
            }
        )

    /// <summary>A copy with priors from the class frequencies (true) or uniform (false).</summary>
    [<Extension>]
    static member WithFitPrior(settings: NaiveBayes.BernoulliSettings, fitPrior: bool) =
        ClassicSettings.Copy(settings, fun s -> { s with FitPrior = fitPrior })
