// Regularised linear regression as the deck (Coursera ML ex5) writes it: the cost with an unpenalised intercept, its
// gradient, and its exact minimiser (minimum-norm where the examples do not determine it).
namespace Functional

open System
open MathNet.Numerics.LinearAlgebra

/// <summary>θ minimising the deck's regularised cost on X (whose first column is the intercept's ones).</summary>
type RegularizedFit = {
    /// θ, one weight per column of X; θ₀ is the intercept.
    Theta: float[]
    /// λ, the penalty it was fitted with.
    Lambda: float
    /// J(θ) with that λ on the fitted data: the minimum.
    Cost: float
    /// m, the number of examples fitted.
    Observations: int
}

/// <summary>J(θ) = (1/2m) Σᵢ (xᵢ·θ − yᵢ)² + (λ/2m) Σ_{j≥1} θⱼ² on a design X whose column 0 holds ones (the
/// intercept θ₀ is not penalised), as in the deck's linearRegCostFunction.</summary>
[<RequireQualifiedAccess>]
module RegularizedLinearRegression =
    let private machineEpsilon = Math.BitIncrement 1.0 - 1.0

    let private check (op: string) (x: float[,]) (y: float[]) (lambda: float) =
        if isNull (box x) then
            nullArg (nameof x)

        if isNull (box y) then
            nullArg (nameof y)

        let m, n = Array2D.length1 x, Array2D.length2 x

        if m = 0 || n = 0 then
            raise (
                ArgumentException(
                    $"{op}: expected X with at least one row and one column, received X {m}x{n}",
                    nameof x
                )
            )

        if y.Length <> m then
            raise (
                ArgumentException(
                    $"{op}: expected one y per row of X, received X {m}x{n}, y of length {y.Length}",
                    nameof y
                )
            )

        if not (Double.IsFinite lambda && lambda >= 0.0) then
            raise (ArgumentException($"{op}: expected a finite λ ≥ 0, received {lambda}", nameof lambda))

    let private residuals (x: float[,]) (y: float[]) (theta: float[]) =
        Array.init y.Length (fun i ->
            let mutable h = 0.0

            for j in 0 .. theta.Length - 1 do
                h <- h + x[i, j] * theta[j]

            h - y[i])

    let private checkTheta (op: string) (x: float[,]) (theta: float[]) =
        if isNull (box theta) then
            nullArg (nameof theta)

        if theta.Length <> Array2D.length2 x then
            raise (
                ArgumentException(
                    $"{op}: expected one θ per column of X, received X {Array2D.length1 x}x{Array2D.length2 x}, θ of length {theta.Length}",
                    nameof theta
                )
            )

    /// <summary>J(θ) = (1/2m) Σ (Xθ − y)² + (λ/2m) Σ_{j≥1} θⱼ².</summary>
    /// <example>On ex5's training set with X = [1, x], <c>cost 1.0 x y [| 1.0; 1.0 |]</c> = 303.993192.</example>
    /// <exception cref="T:System.ArgumentException">Shapes disagree, X is empty, or λ is negative or not finite.</exception>
    [<CompiledName("Cost")>]
    let cost (lambda: float) (x: float[,]) (y: float[]) (theta: float[]) : float =
        check "cost" x y lambda
        checkTheta "cost" x theta
        let m = float y.Length
        let r = residuals x y theta
        let penalty = theta |> Array.skip 1 |> Array.sumBy (fun t -> t * t)
        Array.sumBy (fun e -> e * e) r / (2.0 * m) + lambda / (2.0 * m) * penalty

    /// <summary>∇J(θ) = (1/m) Xᵀ(Xθ − y) + (λ/m) [0, θ₁, …, θₙ₋₁].</summary>
    /// <example>On ex5's training set, <c>gradient 1.0 x y [| 1.0; 1.0 |]</c> = [−15.303016; 598.250744].</example>
    /// <exception cref="T:System.ArgumentException">Shapes disagree, X is empty, or λ is negative or not finite.</exception>
    [<CompiledName("Gradient")>]
    let gradient (lambda: float) (x: float[,]) (y: float[]) (theta: float[]) : float[] =
        check "gradient" x y lambda
        checkTheta "gradient" x theta
        let m = float y.Length
        let r = residuals x y theta

        Array.init theta.Length (fun j ->
            let mutable g = 0.0

            for i in 0 .. r.Length - 1 do
                g <- g + x[i, j] * r[i]

            g / m + (if j = 0 then 0.0 else lambda / m * theta[j]))

    /// <summary>The same J as a differentiable function of θ (a float64 tensor of n elements, any shape), so that
    /// <c>Diff.grad</c> can check <c>gradient</c> or a gradient-descent fit can use it.</summary>
    /// <exception cref="T:System.ArgumentException">Shapes disagree, X is empty, or λ is negative or not finite.</exception>
    [<CompiledName("CostTensor")>]
    let costTensor (lambda: float) (x: float[,]) (y: float[]) : Tensor -> Tensor =
        check "costTensor" x y lambda
        let m, n = Array2D.length1 x, Array2D.length2 x
        let xs = Tensor.ofArray2D x
        let ys = Tensor.ofArrayShaped [ m; 1 ] y

        let penalised =
            Tensor.ofArrayShaped [ n; 1 ] (Array.init n (fun j -> if j = 0 then 0.0 else 1.0))

        fun theta ->
            let theta = Tensor.reshape [ n; 1 ] theta
            let r = Tensor.matmul xs theta - ys
            let p = penalised * theta

            Tensor.sum (r * r) / (2.0 * float m)
            + lambda / (2.0 * float m) * Tensor.sum (p * p)

    /// <summary>The exact minimiser of J: least squares on X stacked over √λ·[0 | I] (the unpenalised intercept),
    /// solved by SVD with NumPy's rank cut-off (σ ≤ σ_max · max(rows, n) · ε counts as zero), so that where the
    /// examples do not determine θ (fewer examples than parameters and λ = 0) it is the minimum-norm θ, the one
    /// gradient descent from θ = 0 reaches.</summary>
    /// <example>With one example (1, x₁, y₁) and λ = 0: θ = y₁ [1, x₁] / (1 + x₁²), which fits it exactly.</example>
    /// <exception cref="T:System.ArgumentException">Shapes disagree, X is empty or holds NaN or infinity, or λ is
    /// negative or not finite.</exception>
    [<CompiledName("Fit")>]
    let fit (lambda: float) (x: float[,]) (y: float[]) : RegularizedFit =
        check "fit" x y lambda
        let m, n = Array2D.length1 x, Array2D.length2 x

        for i in 0 .. m - 1 do
            for j in 0 .. n - 1 do
                if not (Double.IsFinite x[i, j]) then
                    raise (
                        ArgumentException(
                            $"fit: expected finite values in X, received {x[i, j]} at row {i}, column {j}",
                            nameof x
                        )
                    )

        match Array.tryFindIndex (Double.IsFinite >> not) y with
        | Some i ->
            raise (ArgumentException($"fit: expected finite values in y, received {y[i]} at index {i}", nameof y))
        | None -> ()

        let root = sqrt lambda
        let extra = if lambda > 0.0 then n - 1 else 0

        let a =
            Matrix<float>
                .Build.Dense(
                    m + extra,
                    n,
                    fun i j ->
                        if i < m then x[i, j]
                        elif j = i - m + 1 then root
                        else 0.0
                )

        let b = Vector<float>.Build.Dense(m + extra, fun i -> if i < m then y[i] else 0.0)
        let svd = a.Svd(true)
        let s = svd.S

        let tolerance =
            (if s.Count = 0 then 0.0 else s.Maximum())
            * float (max (m + extra) n)
            * machineEpsilon

        let ub = svd.U.TransposeThisAndMultiply b

        let scaled =
            Vector<float>
                .Build.Dense(
                    n,
                    fun k ->
                        if k < s.Count && s[k] > tolerance then
                            ub[k] / s[k]
                        else
                            0.0
                )

        let theta = svd.VT.TransposeThisAndMultiply(scaled).ToArray()

        {
            Theta = theta
            Lambda = lambda
            Cost = cost lambda x y theta
            Observations = m
        }

    /// <summary>The predictions Xθ, one per row of X (whose column 0 holds ones).</summary>
    /// <exception cref="T:System.ArgumentException">X does not have one column per θ.</exception>
    [<CompiledName("Predict")>]
    let predict (fit: RegularizedFit) (x: float[,]) : float[] =
        if isNull (box x) then
            nullArg (nameof x)

        checkTheta "predict" x fit.Theta

        Array.init (Array2D.length1 x) (fun i ->
            Seq.sum (seq { for j in 0 .. fit.Theta.Length - 1 -> x[i, j] * fit.Theta[j] }))

    /// [1, row…] for each row: the deck's X = [ones(m, 1), X].
    let private withOnes (rows: float[][]) =
        let n = if rows.Length = 0 then 0 else rows[0].Length
        Array2D.init rows.Length (n + 1) (fun i j -> if j = 0 then 1.0 else rows[i][j - 1])

    /// <summary>A learner for evaluation tools: fits θ with λ on feature rows (the ones column is added for the
    /// intercept) and reports the error the deck plots, J with λ = 0, i.e. Σ(ŷ − y)² / (2m).</summary>
    /// <example><c>LearningCurve.compute (RegularizedLinearRegression.learner 0.0) (Train train) (Validation validation)</c></example>
    [<CompiledName("Learner")>]
    let learner (lambda: float) : Learner<float[], float, RegularizedFit> =
        Learner.create
            (fun examples -> fit lambda (withOnes examples.Inputs) examples.Targets)
            (fun model inputs -> predict model (withOnes inputs))
            ErrorMeasure.halfMeanSquaredError
