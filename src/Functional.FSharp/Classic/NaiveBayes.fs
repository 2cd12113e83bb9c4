// Naive Bayes classifiers: features independent given the class, p(c | x) ∝ p(c) Πⱼ p(xⱼ | c), with Gaussian or
// Bernoulli feature likelihoods; smoothing as scikit-learn's GaussianNB (var_smoothing) and BernoulliNB (alpha).
namespace Functional

open System
open Functional.Core.Models

/// <summary>A fitted Gaussian naive Bayes: p(xⱼ | c) = N(xⱼ; μ_cj, σ²_cj).</summary>
type GaussianNaiveBayes = {
    /// The class values, sorted; row c of each matrix belongs to Classes[c].
    Classes: float[]
    /// The dtype of the training labels; predictions come back in it.
    LabelType: Functional.Core.Tensors.DType
    /// p(c), one per class.
    Priors: float[]
    /// μ_cj, the mean of feature j in class c, [k, d].
    Means: Tensor
    /// σ²_cj + ε: the biased variance of feature j in class c plus the smoothing ε, [k, d].
    Variances: Tensor
    /// ε = varSmoothing · maxⱼ var(xⱼ), added to every variance (scikit-learn's epsilon_).
    Epsilon: float
}

/// <summary>A fitted Bernoulli naive Bayes: p(xⱼ = 1 | c) = p_cj.</summary>
type BernoulliNaiveBayes = {
    /// The class values, sorted; row c of the matrix belongs to Classes[c].
    Classes: float[]
    /// The dtype of the training labels; predictions come back in it.
    LabelType: Functional.Core.Tensors.DType
    /// p(c), one per class.
    Priors: float[]
    /// p_cj = (N_cj + α) / (N_c + 2α), [k, d]: N_cj counts class-c rows with feature j on.
    FeatureProbabilities: Tensor
    /// α, the additive (Laplace) smoothing.
    Alpha: float
    /// Features are on where x &gt; threshold; None when the data must already be 0 or 1.
    Binarize: float option
}

/// <summary>A fitted naive Bayes classifier of either kind; <c>NaiveBayes.predictProba</c> and <c>predict</c> take
/// both.</summary>
[<RequireQualifiedAccess>]
type NaiveBayesFit =
    /// Gaussian feature likelihoods.
    | Gaussian of GaussianNaiveBayes
    /// Bernoulli feature likelihoods.
    | Bernoulli of BernoulliNaiveBayes

/// <summary>Naive Bayes: fit class priors and per-class feature distributions by maximum likelihood (with smoothing),
/// then classify by Bayes' rule.</summary>
[<RequireQualifiedAccess>]
module NaiveBayes =

    /// <summary>Gaussian settings; start from <c>NaiveBayes.gaussianDefaults</c>.</summary>
    type GaussianSettings = {
        /// ε = VarSmoothing · the largest feature variance is added to every variance, for stability.
        VarSmoothing: float
        /// Class priors (one per class, in sorted class order, summing to 1); None uses the class frequencies.
        Priors: float[] option
    }

    /// VarSmoothing = 1e-9, priors from the class frequencies (scikit-learn's GaussianNB defaults).
    [<CompiledName("GaussianDefaults")>]
    let gaussianDefaults = { VarSmoothing = 1e-9; Priors = None }

    /// <summary>Bernoulli settings; start from <c>NaiveBayes.bernoulliDefaults</c>.</summary>
    type BernoulliSettings = {
        /// α ≥ 0, added to each count (1 is Laplace smoothing).
        Alpha: float
        /// A feature is on where x &gt; this threshold; None requires 0/1 data.
        Binarize: float option
        /// True: priors from the class frequencies; false: uniform priors.
        FitPrior: bool
    }

    /// α = 1, binarize at 0, priors from the class frequencies (scikit-learn's BernoulliNB defaults).
    [<CompiledName("BernoulliDefaults")>]
    let bernoulliDefaults = {
        Alpha = 1.0
        Binarize = Some 0.0
        FitPrior = true
    }

    let private classData (op: string) (x: Tensor) (y: Tensor) =
        let rows = ClassicInput.matrix op (nameof x) x
        let labels, classes = ClassicInput.labels op (nameof y) rows.Count y
        rows, ClassicInput.classIndices classes labels, classes

    let private checkPriors (op: string) (k: int) (priors: float[]) =
        if isNull (box priors) then
            nullArg "settings"

        if
            priors.Length <> k
            || priors |> Array.exists (fun p -> not (p >= 0.0 && p <= 1.0))
            || abs (Array.sum priors - 1.0) > 1e-9
        then
            let shown = priors |> Array.map string |> String.concat "; "

            raise (
                ArgumentException(
                    $"{op}: expected {k} priors in [0, 1] summing to 1, one per class, received [{shown}]",
                    "settings"
                )
            )

        priors

    /// <summary>Fits Gaussian naive Bayes to x [n, d] and integer class labels y [n] (scikit-learn's GaussianNB):
    /// per-class feature means and biased variances, plus ε = varSmoothing · maxⱼ var(xⱼ).</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix or y has not one label per row.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or not finite, labels are not integers, a setting is out
    /// of range, or a variance is zero (every feature constant and no smoothing).</exception>
    [<CompiledName("FitGaussian")>]
    let fitGaussian (settings: GaussianSettings) (x: Tensor) (y: Tensor) : NaiveBayesFit =
        let op = "gaussianNaiveBayes"
        ClassicInput.notNull (nameof settings) settings

        if not (settings.VarSmoothing >= 0.0 && Double.IsFinite settings.VarSmoothing) then
            raise (
                ArgumentException(
                    $"{op}: expected a finite var smoothing >= 0, received {settings.VarSmoothing}",
                    nameof settings
                )
            )

        let rows, index, classes = classData op x y
        let n, d, k = rows.Count, rows.Width, classes.Length
        let counts = Array.zeroCreate k
        let means = Array.zeroCreate (k * d)
        let variances = Array.zeroCreate (k * d)

        for i in 0 .. n - 1 do
            let c = index[i]
            counts[c] <- counts[c] + 1
            let row = rows.Row i

            for j in 0 .. d - 1 do
                means[c * d + j] <- means[c * d + j] + row[j]

        for c in 0 .. k - 1 do
            for j in 0 .. d - 1 do
                means[c * d + j] <- means[c * d + j] / float counts[c]

        for i in 0 .. n - 1 do
            let c = index[i]
            let row = rows.Row i

            for j in 0 .. d - 1 do
                let dev = row[j] - means[c * d + j]
                variances[c * d + j] <- variances[c * d + j] + dev * dev

        // ε from the variance of each feature over all the data (ddof 0), as scikit-learn's epsilon_.
        let featureVariance j =
            let mean = Seq.averageBy (fun i -> rows.Data[i * d + j]) (seq { 0 .. n - 1 })
            Seq.averageBy (fun i -> (rows.Data[i * d + j] - mean) ** 2.0) (seq { 0 .. n - 1 })

        let epsilon = settings.VarSmoothing * (Seq.init d featureVariance |> Seq.max)

        for c in 0 .. k - 1 do
            for j in 0 .. d - 1 do
                variances[c * d + j] <- variances[c * d + j] / float counts[c] + epsilon

        match Array.tryFindIndex (fun v -> v <= 0.0) variances with
        | Some at ->
            raise (
                ArgumentException(
                    $"{op}: expected variances > 0, received 0 for feature {at % d} in class {classes[at / d]} (constant data and no smoothing)",
                    nameof x
                )
            )
        | None -> ()

        let priors =
            match settings.Priors with
            | Some p -> Array.copy (checkPriors op k p)
            | None -> counts |> Array.map (fun c -> float c / float n)

        NaiveBayesFit.Gaussian {
            Classes = classes
            LabelType = y.DType
            Priors = priors
            Means = ClassicInput.tensor k d means
            Variances = ClassicInput.tensor k d variances
            Epsilon = epsilon
        }

    let private binarise (op: string) (threshold: float option) (rows: Rows) : float[] =
        match threshold with
        | Some t -> rows.Data |> Array.map (fun v -> if v > t then 1.0 else 0.0)
        | None ->
            match Array.tryFindIndex (fun v -> v <> 0.0 && v <> 1.0) rows.Data with
            | Some at ->
                raise (
                    ArgumentException(
                        $"{op}: expected features 0 or 1 (Binarize = None), received {rows.Data[at]} at row {at / rows.Width}, column {at % rows.Width}",
                        "x"
                    )
                )
            | None -> rows.Data

    /// <summary>Fits Bernoulli naive Bayes to x [n, d] (binarised at the threshold) and integer class labels y [n]
    /// (scikit-learn's BernoulliNB): p_cj = (N_cj + α) / (N_c + 2α).</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix or y has not one label per row.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or not finite (or not 0/1 without a threshold), labels
    /// are not integers, or α is negative or not finite.</exception>
    [<CompiledName("FitBernoulli")>]
    let fitBernoulli (settings: BernoulliSettings) (x: Tensor) (y: Tensor) : NaiveBayesFit =
        let op = "bernoulliNaiveBayes"
        ClassicInput.notNull (nameof settings) settings

        if not (settings.Alpha >= 0.0 && Double.IsFinite settings.Alpha) then
            raise (ArgumentException($"{op}: expected a finite α >= 0, received {settings.Alpha}", nameof settings))

        let rows, index, classes = classData op x y
        let bits = binarise op settings.Binarize rows
        let n, d, k = rows.Count, rows.Width, classes.Length
        let counts = Array.zeroCreate k
        let on = Array.zeroCreate (k * d)

        for i in 0 .. n - 1 do
            let c = index[i]
            counts[c] <- counts[c] + 1

            for j in 0 .. d - 1 do
                on[c * d + j] <- on[c * d + j] + bits[i * d + j]

        let probabilities =
            Array.init (k * d) (fun cj -> (on[cj] + settings.Alpha) / (float counts[cj / d] + 2.0 * settings.Alpha))

        NaiveBayesFit.Bernoulli {
            Classes = classes
            LabelType = y.DType
            Priors =
                if settings.FitPrior then
                    counts |> Array.map (fun c -> float c / float n)
                else
                    Array.create k (1.0 / float k)
            FeatureProbabilities = ClassicInput.tensor k d probabilities
            Alpha = settings.Alpha
            Binarize = settings.Binarize
        }

    /// The classes of a fit.
    let private classesOf (fit: NaiveBayesFit) =
        match fit with
        | NaiveBayesFit.Gaussian g -> g.Classes, g.LabelType
        | NaiveBayesFit.Bernoulli b -> b.Classes, b.LabelType

    /// <summary>log p(c) + Σⱼ log p(xⱼ | c) for each row and class, [m, k] (the joint log-likelihood).</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix of the training width.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or holds NaN or infinity.</exception>
    [<CompiledName("JointLogLikelihood")>]
    let jointLogLikelihood (fit: NaiveBayesFit) (x: Tensor) : Tensor =
        ClassicInput.notNull (nameof fit) fit
        let op = "naiveBayes"

        let scores, m, k =
            match fit with
            | NaiveBayesFit.Gaussian g ->
                let k, d = g.Classes.Length, g.Means.Dims[1]
                let rows = ClassicInput.matrixOfWidth op (nameof x) d x
                let mu, var = g.Means.ToFloatArray(), g.Variances.ToFloatArray()

                Array.init (rows.Count * k) (fun ic ->
                    let i, c = ic / k, ic % k
                    let row = rows.Row i
                    let mutable s = log g.Priors[c]

                    for j in 0 .. d - 1 do
                        let v = var[c * d + j]
                        let dev = row[j] - mu[c * d + j]
                        s <- s - 0.5 * log (2.0 * Math.PI * v) - dev * dev / (2.0 * v)

                    s),
                rows.Count,
                k
            | NaiveBayesFit.Bernoulli b ->
                let k, d = b.Classes.Length, b.FeatureProbabilities.Dims[1]
                let rows = ClassicInput.matrixOfWidth op (nameof x) d x
                let bits = binarise op b.Binarize rows
                let p = b.FeatureProbabilities.ToFloatArray()

                Array.init (rows.Count * k) (fun ic ->
                    let i, c = ic / k, ic % k
                    let mutable s = log b.Priors[c]

                    for j in 0 .. d - 1 do
                        let pj = p[c * d + j]
                        s <- s + (if bits[i * d + j] > 0.0 then log pj else log (1.0 - pj))

                    s),
                rows.Count,
                k

        ClassicInput.tensor m k scores

    /// <summary>p(c | x) for each row and class, [m, k]: the joint log-likelihoods normalised by log-sum-exp.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix of the training width.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or holds NaN or infinity.</exception>
    [<CompiledName("PredictProba")>]
    let predictProba (fit: NaiveBayesFit) (x: Tensor) : Tensor = (jointLogLikelihood fit x).Softmax 1

    /// <summary>The most probable class of each row, in the training labels' dtype (ties: the smaller class).</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix of the training width.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or holds NaN or infinity.</exception>
    [<CompiledName("Predict")>]
    let predict (fit: NaiveBayesFit) (x: Tensor) : Tensor =
        let scores = jointLogLikelihood fit x
        let classes, dtype = classesOf fit
        let k = classes.Length
        let s = scores.ToFloatArray()

        Array.init scores.Dims[0] (fun i ->
            let mutable best = 0

            for c in 1 .. k - 1 do
                if s[i * k + c] > s[i * k + best] then
                    best <- c

            classes[best])
        |> ClassicInput.labelTensor dtype

/// <summary>A fitted naive Bayes classifier as a Core predictor.</summary>
[<Sealed>]
type NaiveBayesModel(fit: NaiveBayesFit) =
    /// The fitted classifier.
    member _.Result = fit

    /// <summary>p(c | x) for each row and class; see <c>NaiveBayes.predictProba</c>.</summary>
    member _.PredictProba(x: Tensor) = NaiveBayes.predictProba fit x

    /// <summary>The most probable class of each row; see <c>NaiveBayes.predict</c>.</summary>
    member _.Predict(x: Tensor) = NaiveBayes.predict fit x

    interface IPredictor<Tensor, Tensor> with
        member _.Predict x = NaiveBayes.predict fit x

/// <summary>Gaussian naive Bayes as a Core estimator.</summary>
[<Sealed>]
type GaussianNaiveBayesClassifier(settings: NaiveBayes.GaussianSettings) =
    /// With <c>NaiveBayes.gaussianDefaults</c>.
    new() = GaussianNaiveBayesClassifier(NaiveBayes.gaussianDefaults)

    /// The settings every fit uses.
    member _.Settings = settings

    /// <summary>Fits; see <c>NaiveBayes.fitGaussian</c>.</summary>
    member _.Fit(x: Tensor, y: Tensor) =
        NaiveBayesModel(NaiveBayes.fitGaussian settings x y)

    interface IEstimator<Tensor, Tensor, Tensor> with
        member this.Fit(x, y) =
            this.Fit(x, y) :> IPredictor<Tensor, Tensor>

/// <summary>Bernoulli naive Bayes as a Core estimator.</summary>
[<Sealed>]
type BernoulliNaiveBayesClassifier(settings: NaiveBayes.BernoulliSettings) =
    /// With <c>NaiveBayes.bernoulliDefaults</c>.
    new() = BernoulliNaiveBayesClassifier(NaiveBayes.bernoulliDefaults)

    /// The settings every fit uses.
    member _.Settings = settings

    /// <summary>Fits; see <c>NaiveBayes.fitBernoulli</c>.</summary>
    member _.Fit(x: Tensor, y: Tensor) =
        NaiveBayesModel(NaiveBayes.fitBernoulli settings x y)

    interface IEstimator<Tensor, Tensor, Tensor> with
        member this.Fit(x, y) =
            this.Fit(x, y) :> IPredictor<Tensor, Tensor>
