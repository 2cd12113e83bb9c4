// Maximum-likelihood estimates of Gaussian, Bernoulli and categorical parameters, and the log-likelihoods they maximise
// (Goodfellow, Bengio & Courville, Deep Learning, §5.5).
namespace Functional

open System

/// <summary>The maximum-likelihood Gaussian N(μ, σ²) of a sample, with the unbiased variance beside it.</summary>
type GaussianMle = {
    /// μ̂ = Σ xᵢ / n, the MLE of the mean (unbiased).
    Mean: float
    /// σ̂² = Σ (xᵢ − μ̂)² / n: the MLE of the variance, biased (its expectation is (n − 1)/n · σ²).
    Variance: float
    /// s² = Σ (xᵢ − μ̂)² / (n − 1): the unbiased estimate (NaN when n = 1, as NumPy's var with ddof = 1).
    UnbiasedVariance: float
    /// n, the sample size.
    Count: int
}

/// <summary>The maximum-likelihood Bernoulli(p) of a sample of 0s and 1s.</summary>
type BernoulliMle = {
    /// p̂ = (number of ones) / n.
    P: float
    /// The number of ones.
    Ones: int
    /// n, the sample size.
    Count: int
}

/// <summary>The maximum-likelihood categorical distribution over classes 0 … k − 1 of a sample of labels.</summary>
type CategoricalMle = {
    /// p̂ⱼ = nⱼ / n for each class j.
    Probabilities: float[]
    /// nⱼ, the count of each class.
    Counts: int[]
    /// n, the sample size.
    Count: int
}

/// <summary>Maximum-likelihood estimation: the parameters θ maximising Σ log p(xᵢ; θ) of a sample, in closed form,
/// and the log-likelihoods themselves. Samples are vectors [n] (any numeric dtype).</summary>
[<RequireQualifiedAccess>]
module Mle =

    let private sample (op: string) (x: Tensor) : float[] =
        ClassicInput.notNull "x" x

        if x.Rank <> 1 then
            Functional.Core.Tensors.ShapeRules.Fail(op, "a sample vector x of shape [n]", $"x {x.Shape}")

        if x.Dims[0] = 0 then
            raise (ArgumentException($"{op}: expected at least one observation, received an empty sample", "x"))

        ClassicInput.vector op "x" x.Dims[0] x

    let private binary (op: string) (x: Tensor) : float[] =
        let values = sample op x

        match Array.tryFindIndex (fun v -> v <> 0.0 && v <> 1.0) values with
        | Some i -> raise (ArgumentException($"{op}: expected values 0 or 1, received {values[i]} at index {i}", "x"))
        | None -> values

    let private categories (op: string) (classes: int) (x: Tensor) : int[] =
        if classes < 1 then
            raise (ArgumentException($"{op}: expected at least one class, received {classes} classes", nameof classes))

        let values = sample op x

        values
        |> Array.mapi (fun i v ->
            if v <> Math.Round v || v < 0.0 || v >= float classes then
                raise (
                    ArgumentException(
                        $"{op}: expected integer labels in [0, {classes}), received {v} at index {i}",
                        "x"
                    )
                )

            int v)

    /// <summary>μ̂ = mean, σ̂² = Σ (xᵢ − μ̂)² / n (the MLE), and the unbiased s² = Σ (xᵢ − μ̂)² / (n − 1).</summary>
    /// <example><c>Mle.gaussian (Tensor.ofList [ 1.0; 2.0; 3.0; 6.0 ])</c> has mean 3, variance 3.5, unbiased 14/3.</example>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a vector.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or holds NaN or infinity.</exception>
    [<CompiledName("Gaussian")>]
    let gaussian (x: Tensor) : GaussianMle =
        let values = sample "mle gaussian" x
        let n = values.Length
        let mean = Array.average values
        let squares = values |> Array.sumBy (fun v -> (v - mean) * (v - mean))

        {
            Mean = mean
            Variance = squares / float n
            UnbiasedVariance = if n > 1 then squares / float (n - 1) else nan
            Count = n
        }

    /// <summary>p̂ = mean of a sample of 0s and 1s.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a vector.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or holds a value other than 0 and 1.</exception>
    [<CompiledName("Bernoulli")>]
    let bernoulli (x: Tensor) : BernoulliMle =
        let values = binary "mle bernoulli" x
        let ones = values |> Array.sumBy int

        {
            P = float ones / float values.Length
            Ones = ones
            Count = values.Length
        }

    /// <summary>p̂ⱼ = nⱼ / n over classes 0 … classes − 1, from integer labels.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a vector.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty, or a label is not an integer in [0, classes).</exception>
    [<CompiledName("Categorical")>]
    let categorical (classes: int) (x: Tensor) : CategoricalMle =
        let labels = categories "mle categorical" classes x
        let counts = Array.zeroCreate classes

        for l in labels do
            counts[l] <- counts[l] + 1

        {
            Probabilities = counts |> Array.map (fun c -> float c / float labels.Length)
            Counts = counts
            Count = labels.Length
        }

    /// <summary>Σᵢ log N(xᵢ; μ, σ²) = −n/2 · log(2πσ²) − Σ (xᵢ − μ)² / (2σ²).</summary>
    /// <exception cref="T:System.ArgumentException">σ² ≤ 0 or not finite, μ not finite, or x is empty or not finite.</exception>
    [<CompiledName("GaussianLogLikelihood")>]
    let gaussianLogLikelihood (mean: float) (variance: float) (x: Tensor) : float =
        if not (Double.IsFinite mean) then
            raise (ArgumentException($"gaussianLogLikelihood: expected a finite mean, received {mean}", nameof mean))

        if not (Double.IsFinite variance) || variance <= 0.0 then
            raise (
                ArgumentException(
                    $"gaussianLogLikelihood: expected a finite variance > 0, received {variance}",
                    nameof variance
                )
            )

        let values = sample "gaussianLogLikelihood" x
        let squares = values |> Array.sumBy (fun v -> (v - mean) * (v - mean))

        -0.5 * float values.Length * log (2.0 * Math.PI * variance)
        - squares / (2.0 * variance)

    /// <summary>Σᵢ log p^xᵢ (1 − p)^(1 − xᵢ) for xᵢ ∈ {0, 1}; −∞ when p is 0 or 1 and a sample contradicts it.</summary>
    /// <exception cref="T:System.ArgumentException">p is outside [0, 1], or x is empty or holds a value other than 0, 1.</exception>
    [<CompiledName("BernoulliLogLikelihood")>]
    let bernoulliLogLikelihood (p: float) (x: Tensor) : float =
        if not (p >= 0.0 && p <= 1.0) then
            raise (ArgumentException($"bernoulliLogLikelihood: expected p in [0, 1], received {p}", nameof p))

        let values = binary "bernoulliLogLikelihood" x
        let ones = values |> Array.sum
        let zeros = float values.Length - ones
        // 0 · log 0 counts as 0: a class that never occurs costs nothing.
        (if ones > 0.0 then ones * log p else 0.0)
        + (if zeros > 0.0 then zeros * log (1.0 - p) else 0.0)

    /// <summary>Σᵢ log p[xᵢ] for integer labels xᵢ ∈ [0, k), k = probabilities.Length.</summary>
    /// <exception cref="T:System.ArgumentException">The probabilities are negative, not finite or do not sum to 1
    /// (within 1e-9), or a label is not an integer in [0, k).</exception>
    [<CompiledName("CategoricalLogLikelihood")>]
    let categoricalLogLikelihood (probabilities: float[]) (x: Tensor) : float =
        ClassicInput.notNull (nameof probabilities) probabilities

        if
            probabilities |> Array.exists (fun p -> not (p >= 0.0 && p <= 1.0))
            || abs (Array.sum probabilities - 1.0) > 1e-9
        then
            let shown = probabilities |> Array.map string |> String.concat "; "

            raise (
                ArgumentException(
                    $"categoricalLogLikelihood: expected probabilities in [0, 1] summing to 1, received [{shown}]",
                    nameof probabilities
                )
            )

        categories "categoricalLogLikelihood" probabilities.Length x
        |> Array.sumBy (fun l -> log probabilities[l])
