// Bayesian linear regression with a Gaussian prior w ~ N(0, α⁻¹I) and Gaussian noise of precision β: the posterior
// over weights and the predictive distribution, in closed form (Bishop, Pattern Recognition and ML, §3.3, eqs 3.53–3.59).
namespace Functional

open System
open MathNet.Numerics.LinearAlgebra

/// <summary>The Gaussian posterior N(m_N, S_N) over the weights of y = w · φ(x) + ε.</summary>
type BayesianLinearPosterior = {
    /// m_N = β S_N Φᵀ y, [d]: also the ridge solution with λ = α / β.
    Mean: Tensor
    /// S_N = (α I + β ΦᵀΦ)⁻¹, [d, d].
    Covariance: Tensor
    /// α, the prior precision of each weight.
    Alpha: float
    /// β, the noise precision (1 / noise variance).
    Beta: float
    /// n, the number of observations the posterior has seen.
    Observations: int
}

/// <summary>The predictive distribution N(mean, variance) of y at new inputs.</summary>
type BayesianPrediction = {
    /// m_Nᵀ φ(x) for each row, [m].
    Mean: Tensor
    /// 1/β + φ(x)ᵀ S_N φ(x) for each row, [m]: noise plus the weights' uncertainty.
    Variance: Tensor
    /// φ(x)ᵀ S_N φ(x) alone, [m]: the uncertainty about the mean, which shrinks with more data.
    MeanVariance: Tensor
}

/// <summary>Bayesian linear regression on a design matrix Φ [n, d] (include a column of ones for an intercept and
/// any basis functions yourself).</summary>
[<RequireQualifiedAccess>]
module BayesianLinearRegression =

    /// <summary>Settings; start from <c>BayesianLinearRegression.defaults</c>.</summary>
    type Settings = {
        /// α &gt; 0, the precision of the prior N(0, α⁻¹I) on the weights.
        Alpha: float
        /// β &gt; 0, the precision of the Gaussian noise on y.
        Beta: float
    }

    /// α = 2, β = 25: Bishop's Figure 3.7 (noise standard deviation 0.2).
    [<CompiledName("Defaults")>]
    let defaults = { Alpha = 2.0; Beta = 25.0 }

    let private op = "bayesianLinearRegression"

    /// <summary>The posterior over weights after seeing Φ [n, d] and targets y [n]:
    /// S_N = (α I + β ΦᵀΦ)⁻¹ and m_N = β S_N Φᵀ y (Bishop eqs 3.53–3.54).</summary>
    /// <example><c>BayesianLinearRegression.fit { BayesianLinearRegression.defaults with Alpha = 1.0; Beta = 1.0 } phi y</c></example>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix, or y has not one value per row.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or a value is NaN or infinite; α or β is not finite and positive.</exception>
    [<CompiledName("Fit")>]
    let fit (settings: Settings) (x: Tensor) (y: Tensor) : BayesianLinearPosterior =
        ClassicInput.notNull (nameof settings) settings
        ClassicInput.positive op "α" settings.Alpha
        ClassicInput.positive op "β" settings.Beta
        let rows = ClassicInput.matrix op (nameof x) x
        let targets = ClassicInput.vector op (nameof y) rows.Count y
        let d = rows.Width
        let phi = Matrix<float>.Build.Dense(d, rows.Count, rows.Data).Transpose()
        let precision = settings.Beta * phi.TransposeThisAndMultiply phi
        precision.SetDiagonal(precision.Diagonal() + settings.Alpha)
        let covariance = precision.Cholesky().Solve(Matrix<float>.Build.DenseIdentity d)
        // Symmetrise: the solve leaves rounding-level asymmetry.
        let covariance = (covariance + covariance.Transpose()) / 2.0

        let mean =
            settings.Beta
            * covariance.Multiply(phi.TransposeThisAndMultiply(Vector<float>.Build.Dense targets))

        {
            Mean = ClassicInput.tensorVector (mean.ToArray())
            Covariance = ClassicInput.tensor d d (covariance.ToRowMajorArray())
            Alpha = settings.Alpha
            Beta = settings.Beta
            Observations = rows.Count
        }

    /// <summary>The prior N(0, α⁻¹I) as a posterior that has seen no data, for d weights.</summary>
    /// <exception cref="T:System.ArgumentException">d &lt; 1, or α or β is not finite and positive.</exception>
    [<CompiledName("Prior")>]
    let prior (settings: Settings) (d: int) : BayesianLinearPosterior =
        ClassicInput.notNull (nameof settings) settings
        ClassicInput.positive op "α" settings.Alpha
        ClassicInput.positive op "β" settings.Beta

        if d < 1 then
            raise (ArgumentException($"{op}: expected at least one weight, received d = {d}", nameof d))

        {
            Mean = ClassicInput.tensorVector (Array.zeroCreate d)
            Covariance =
                ClassicInput.tensor
                    d
                    d
                    (Array.init (d * d) (fun k -> if k / d = k % d then 1.0 / settings.Alpha else 0.0))
            Alpha = settings.Alpha
            Beta = settings.Beta
            Observations = 0
        }

    /// <summary>The predictive distribution at rows φ(x) of <paramref name="x"/> [m, d]: mean m_Nᵀ φ and variance
    /// 1/β + φᵀ S_N φ (Bishop eqs 3.58–3.59).</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix with d columns.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or holds NaN or infinity.</exception>
    [<CompiledName("Predict")>]
    let predict (posterior: BayesianLinearPosterior) (x: Tensor) : BayesianPrediction =
        ClassicInput.notNull (nameof posterior) posterior
        let d = posterior.Mean.Dims[0]
        let rows = ClassicInput.matrixOfWidth $"{op} predict" (nameof x) d x
        let m = posterior.Mean.ToFloatArray()

        let s =
            Matrix<float>.Build.DenseOfRowMajor(d, d, posterior.Covariance.ToFloatArray())

        let means =
            Array.init rows.Count (fun i -> System.Numerics.Tensors.TensorPrimitives.Dot(rows.Row i, ReadOnlySpan m))

        let uncertainty =
            Array.init rows.Count (fun i ->
                let phi = Vector<float>.Build.Dense(rows.Row(i).ToArray())
                phi.DotProduct(s.Multiply phi))

        {
            Mean = ClassicInput.tensorVector means
            Variance = ClassicInput.tensorVector (uncertainty |> Array.map (fun u -> u + 1.0 / posterior.Beta))
            MeanVariance = ClassicInput.tensorVector uncertainty
        }

    /// <summary>Draws <paramref name="count"/> weight vectors from the posterior, [count, d]: w = m_N + L z with
    /// S_N = L Lᵀ (Cholesky) and z standard normal from <paramref name="rng"/>.</summary>
    /// <exception cref="T:System.ArgumentException">count &lt; 0.</exception>
    [<CompiledName("Sample")>]
    let sample (rng: Random) (count: int) (posterior: BayesianLinearPosterior) : Tensor =
        ClassicInput.notNull (nameof rng) rng
        ClassicInput.notNull (nameof posterior) posterior

        if count < 0 then
            raise (ArgumentException($"{op} sample: expected count >= 0, received {count}", nameof count))

        let d = posterior.Mean.Dims[0]
        let m = posterior.Mean.ToFloatArray()

        let l =
            Matrix<float>.Build.DenseOfRowMajor(d, d, posterior.Covariance.ToFloatArray()).Cholesky().Factor

        let draws =
            Array.init count (fun _ ->
                let z =
                    Vector<float>.Build.Dense(d, fun _ -> MathNet.Numerics.Distributions.Normal.Sample(rng, 0.0, 1.0))

                (l.Multiply z).ToArray() |> Array.mapi (fun j v -> v + m[j]))

        ClassicInput.tensor count d (Array.concat draws)

    /// <summary>The log marginal likelihood (evidence) log p(y | α, β) = d/2 log α + n/2 log β − E(m_N) − ½ log|A| −
    /// n/2 log 2π, with A = α I + β ΦᵀΦ and E(m) = β/2 ‖y − Φ m‖² + α/2 ‖m‖² (Bishop eq 3.86): compare α, β by it.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix, or y has not one value per row.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or a value is NaN or infinite; α or β is not finite and positive.</exception>
    [<CompiledName("LogEvidence")>]
    let logEvidence (settings: Settings) (x: Tensor) (y: Tensor) : float =
        let posterior = fit settings x y
        let rows = ClassicInput.matrix op (nameof x) x
        let targets = ClassicInput.vector op (nameof y) rows.Count y
        let n, d = float rows.Count, float rows.Width
        let m = posterior.Mean.ToFloatArray()

        let residual =
            targets
            |> Array.mapi (fun i t -> t - System.Numerics.Tensors.TensorPrimitives.Dot(rows.Row i, ReadOnlySpan m))
            |> Array.sumBy (fun r -> r * r)

        let energy =
            settings.Beta / 2.0 * residual
            + settings.Alpha / 2.0 * (m |> Array.sumBy (fun v -> v * v))

        // log|A| = −log|S_N|.
        let logDetA =
            -Matrix<float>
                .Build.DenseOfRowMajor(rows.Width, rows.Width, posterior.Covariance.ToFloatArray())
                .Cholesky()
                .DeterminantLn

        d / 2.0 * log settings.Alpha + n / 2.0 * log settings.Beta
        - energy
        - logDetA / 2.0
        - n / 2.0 * log (2.0 * Math.PI)

/// <summary>A Bayesian linear posterior as a Core predictor: predicts the predictive mean m_Nᵀ φ(x).</summary>
[<Sealed>]
type BayesianLinearModel(posterior: BayesianLinearPosterior) =
    /// The posterior over the weights.
    member _.Result = posterior

    /// <summary>The predictive mean and variance; see <c>BayesianLinearRegression.predict</c>.</summary>
    member _.PredictDistribution(x: Tensor) =
        BayesianLinearRegression.predict posterior x

    /// <summary>The predictive mean of each row.</summary>
    member _.Predict(x: Tensor) =
        (BayesianLinearRegression.predict posterior x).Mean

    interface Functional.Core.Models.IPredictor<Tensor, Tensor> with
        member this.Predict x = this.Predict x

/// <summary>Bayesian linear regression as a Core estimator: <c>BayesianLinearRegressor(settings).Fit(phi, y)</c>.</summary>
[<Sealed>]
type BayesianLinearRegressor(settings: BayesianLinearRegression.Settings) =
    /// With <c>BayesianLinearRegression.defaults</c> (α = 2, β = 25).
    new() = BayesianLinearRegressor(BayesianLinearRegression.defaults)

    /// The prior and noise precisions every fit uses.
    member _.Settings = settings

    /// <summary>The posterior after seeing the data; see <c>BayesianLinearRegression.fit</c>.</summary>
    member _.Fit(x: Tensor, y: Tensor) =
        BayesianLinearModel(BayesianLinearRegression.fit settings x y)

    interface Functional.Core.Models.IEstimator<Tensor, Tensor, Tensor> with
        member this.Fit(x, y) =
            this.Fit(x, y) :> Functional.Core.Models.IPredictor<Tensor, Tensor>
