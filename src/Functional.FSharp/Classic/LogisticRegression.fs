// Binary logistic regression with an optional L2 penalty, fitted by Newton's method (IRLS) or by gradient descent.
namespace Functional

open System
open Functional.Core.Tensors
open MathNet.Numerics.LinearAlgebra

/// Checks of class-label targets, shared by logistic and softmax regression.
module internal LabelInput =
    /// y as m integer labels: a tensor of shape [m] or [m, 1], any numeric dtype, every value an integer in
    /// [0, classes) (classes = None: any integer ≥ 0).
    let read (op: string) (m: int) (classes: int option) (y: Tensor) : int[] =
        if isNull (box y) then
            nullArg "y"

        if not (y.Rank = 1 && y.Shape[0] = m || y.Rank = 2 && y.Shape[0] = m && y.Shape[1] = 1) then
            ShapeRules.Fail(op, $"y of shape [{m}] or [{m}, 1], one label per row of x", $"y {y.Shape}")

        let values = y.ToFloatArray()
        let upper = defaultArg classes Int32.MaxValue

        let range =
            if classes.IsSome then
                $"an integer from 0 to {upper - 1}"
            else
                "an integer >= 0"

        values
        |> Array.mapi (fun i v ->
            if not (Double.IsFinite v && v = Math.Round v && v >= 0.0 && v < float upper) then
                raise (ArgumentException($"{op}: expected labels in y, each {range}, received {v} at index {i}", "y"))

            int v)

/// <summary>How a <see cref="T:Functional.LogisticFit"/> was computed.</summary>
[<RequireQualifiedAccess>]
type LogisticSolver =
    /// Newton's method on the penalised log-likelihood, i.e. iteratively reweighted least squares: θ ← θ − t H⁻¹ g,
    /// with the step t halved until the objective decreases. Quadratic convergence; a few iterations suffice.
    | Newton
    /// Batch gradient descent θ ← θ − α g / m with a fixed learning rate α: the deck's algorithm, slower.
    | GradientDescent of learningRate: float

/// <summary>A fitted binary logistic model P(y = 1 | x) = σ(b + x · w). Both solvers return it.</summary>
type LogisticFit = {
    /// w, one weight per column of X.
    Coefficients: float[]
    /// b, the intercept; 0 when none was fitted.
    Intercept: float
    /// The solver that produced the weights.
    Solver: LogisticSolver
    /// λ, the L2 penalty it was fitted with (the intercept is never penalised).
    Penalty: float
    /// Iterations made.
    Iterations: int
    /// Whether the mean gradient fell to the tolerance within the iteration limit.
    Converged: bool
    /// The deviance −2 Σᵢ log P(yᵢ | xᵢ) on the fitted data (without the penalty).
    Deviance: float
    /// m, the number of observations fitted.
    Observations: int
}

/// <summary>Binary logistic regression: minimises J(w, b) = −Σᵢ [yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)] + (λ/2) ‖w‖², with
/// pᵢ = σ(b + xᵢ · w), the intercept unpenalised. This is scikit-learn's LogisticRegression with C = 1/λ
/// (penalty = None for λ = 0).</summary>
[<RequireQualifiedAccess>]
module LogisticRegression =

    /// <summary>Settings; start from <c>LogisticRegression.defaults</c>.</summary>
    type Settings = {
        /// Newton (IRLS) or gradient descent.
        Solver: LogisticSolver
        /// λ ≥ 0, the weight of ‖w‖² / 2.
        Penalty: float
        /// Fit an (unpenalised) intercept b.
        Intercept: bool
        /// The most iterations to make.
        MaxIterations: int
        /// Stop when the largest component of the mean gradient ∇J / m is at most this.
        Tolerance: float
    }

    /// Newton, no penalty, an intercept, at most 100 iterations, tolerance 1e-10.
    [<CompiledName("Defaults")>]
    let defaults = {
        Solver = LogisticSolver.Newton
        Penalty = 0.0
        Intercept = true
        MaxIterations = 100
        Tolerance = 1e-10
    }

    let private op = "logisticRegression"

    /// log(1 + eᶻ) without overflow.
    let private softplus (z: float) =
        if z > 0.0 then
            z + Math.Log(1.0 + Math.Exp -z)
        else
            Math.Log(1.0 + Math.Exp z)

    let private sigmoid (z: float) =
        if z >= 0.0 then
            1.0 / (1.0 + Math.Exp -z)
        else
            let e = Math.Exp z in e / (1.0 + e)

    /// The negative log-likelihood Σᵢ [log(1 + e^zᵢ) − yᵢ zᵢ], zᵢ = b + xᵢ · w.
    let private negativeLogLikelihood (z: Vector<float>) (y: float[]) =
        let mutable total = 0.0

        for i in 0 .. y.Length - 1 do
            total <- total + softplus z[i] - y[i] * z[i]

        total

    let private checkSettings (settings: Settings) =
        let fail (expected: string) (received: obj) =
            raise (ArgumentException($"{op}: expected {expected}, received {received}", nameof settings))

        if not (Double.IsFinite settings.Penalty) || settings.Penalty < 0.0 then
            fail "a finite penalty >= 0" settings.Penalty

        if settings.MaxIterations < 0 then
            fail "MaxIterations >= 0" settings.MaxIterations

        if not (settings.Tolerance >= 0.0) then
            fail "a tolerance >= 0" settings.Tolerance

        match settings.Solver with
        | LogisticSolver.GradientDescent rate when not (Double.IsFinite rate) || rate <= 0.0 ->
            fail "a finite learning rate > 0" rate
        | _ -> ()

    /// <summary>Fits the model to <paramref name="x"/> [m, n] (float64 or float32) and labels <paramref name="y"/> of
    /// shape [m] or [m, 1] holding 0 and 1 (any numeric dtype). Starts from zeros.</summary>
    /// <remarks>On linearly separable data without a penalty the likelihood has no maximum: the weights grow until
    /// the gradient vanishes in float64, and predictions are still right. Add a penalty for finite weights.</remarks>
    /// <example><c>LogisticRegression.fit { LogisticRegression.defaults with Penalty = 1.0 } x y</c></example>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix, or y does not have one
    /// label per row.</exception>
    /// <exception cref="T:Functional.Core.Tensors.DTypeMismatchException">x is not float64 or float32.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or holds NaN or infinity; a label is not 0 or 1, or one
    /// class is missing; a setting is out of range.</exception>
    /// <exception cref="T:System.NotFiniteNumberException">Gradient descent diverged (the message names the
    /// iteration).</exception>
    [<CompiledName("Fit")>]
    let fit (settings: Settings) (x: Tensor) (y: Tensor) : LogisticFit =
        checkSettings settings
        let xs = FitInput.matrix op (nameof x) false x
        let m, n = Array2D.length1 xs, Array2D.length2 xs
        let labels = LabelInput.read op m (Some 2) y

        if Array.forall ((=) labels[0]) labels then
            raise (
                ArgumentException(
                    $"{op}: expected both classes 0 and 1 in y, received only class {labels[0]}",
                    nameof y
                )
            )

        let targets = Array.map float labels
        // θ = [b; w] on the design [1 X] (or θ = w on X without an intercept); the penalty skips b.
        let offset = if settings.Intercept then 1 else 0
        let p = n + offset

        let design =
            Matrix<float>.Build.Dense(m, p, fun i j -> if j < offset then 1.0 else xs[i, j - offset])

        let penalty =
            Vector<float>.Build.Dense(p, fun j -> if j < offset then 0.0 else settings.Penalty)

        let yv = Vector<float>.Build.DenseOfArray targets

        let objective (theta: Vector<float>) =
            negativeLogLikelihood (design * theta) targets
            + 0.5 * (penalty.PointwiseMultiply(theta).DotProduct theta)

        let gradientAt (theta: Vector<float>) =
            let probabilities = (design * theta).Map sigmoid

            design.TransposeThisAndMultiply(probabilities - yv)
            + penalty.PointwiseMultiply theta,
            probabilities

        let converged (g: Vector<float>) =
            g.AbsoluteMaximum() / float m <= settings.Tolerance

        let mutable theta = Vector<float>.Build.Dense p
        let mutable iterations = 0
        let mutable finished = false

        while not finished && iterations < settings.MaxIterations do
            let g, probabilities = gradientAt theta

            if converged g then
                finished <- true
            else
                match settings.Solver with
                | LogisticSolver.Newton ->
                    // H = Xᵀ diag(p (1 − p)) X + diag(λ): the Hessian of J, positive definite unless X is
                    // rank-deficient and λ = 0; then the SVD gives the minimum-norm Newton step.
                    let weights = probabilities.Map(fun q -> q * (1.0 - q))

                    let hessian =
                        design.TransposeThisAndMultiply(design.MapIndexed(fun i _ v -> v * weights[i]))

                    let hessian = hessian + Matrix<float>.Build.DiagonalOfDiagonalVector penalty

                    let step =
                        try
                            hessian.Cholesky().Solve g
                        with :? ArgumentException ->
                            hessian.Svd(true).Solve g

                    let before = objective theta
                    let mutable t = 1.0
                    let mutable next = theta - step

                    while t > 1e-10 && not (objective next <= before) do
                        t <- t / 2.0
                        next <- theta - t * step

                    // No step lowers J any more: θ is as good as float64 can tell.
                    finished <- t <= 1e-10
                    theta <- if finished then theta else next
                | LogisticSolver.GradientDescent rate ->
                    theta <- theta - (rate / float m) * g

                    if not (theta.ForAll(fun v -> Double.IsFinite v)) then
                        raise (
                            NotFiniteNumberException(
                                $"{op}: the weights stopped being finite at iteration {iterations}; lower the learning rate {rate}",
                                0.0
                            )
                        )

                iterations <- iterations + 1

        let g, _ = gradientAt theta

        {
            Coefficients = theta.SubVector(offset, n).ToArray()
            Intercept = if settings.Intercept then theta[0] else 0.0
            Solver = settings.Solver
            Penalty = settings.Penalty
            Iterations = iterations
            Converged = converged g
            Deviance = 2.0 * negativeLogLikelihood (design * theta) targets
            Observations = m
        }

    /// z = b + X w on validated x, through the tensor backend's GEMM.
    let private decision (name: string) (fit: LogisticFit) (x: Tensor) : Tensor =
        let values = FitInput.matrix name (nameof x) true x
        let m, n = Array2D.length1 values, fit.Coefficients.Length

        if Array2D.length2 values <> n then
            ShapeRules.Fail(name, $"x with {n} columns, one per coefficient", $"x {x.Shape}")

        if m = 0 then
            Tensor.ofArray (Array.empty<float>)
        else
            Tensor.matmul (Tensor.toFloat64 (x.Detach())) (Tensor.ofArrayShaped [ n; 1 ] fit.Coefficients)
            + fit.Intercept
            |> Tensor.reshape [ m ]

    /// <summary>The decision function z = b + X w (the log-odds) for <paramref name="x"/> [k, n]: float64 [k].</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix with one column per
    /// coefficient.</exception>
    /// <exception cref="T:System.ArgumentException">x is not float or holds NaN or infinity.</exception>
    [<CompiledName("DecisionFunction")>]
    let decisionFunction (fit: LogisticFit) (x: Tensor) : Tensor = decision "decisionFunction" fit x

    /// <summary>P(y = 1 | x) = σ(b + x · w) for each row of <paramref name="x"/> [k, n]: float64 [k].</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix with one column per
    /// coefficient.</exception>
    /// <exception cref="T:System.ArgumentException">x is not float or holds NaN or infinity.</exception>
    [<CompiledName("PredictProba")>]
    let predictProba (fit: LogisticFit) (x: Tensor) : Tensor =
        decision "predictProba" fit x |> Tensor.sigmoid

    /// <summary>The predicted class of each row of <paramref name="x"/> [k, n]: int64 [k], 1 where P(y = 1 | x) ≥ 0.5
    /// (z ≥ 0), else 0.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix with one column per
    /// coefficient.</exception>
    /// <exception cref="T:System.ArgumentException">x is not float or holds NaN or infinity.</exception>
    [<CompiledName("Predict")>]
    let predict (fit: LogisticFit) (x: Tensor) : Tensor =
        (decision "predict" fit x).ToFloatArray()
        |> Array.map (fun z -> if z >= 0.0 then 1L else 0L)
        |> Tensor.ofArray

    /// <summary>The deviance −2 Σᵢ log P(yᵢ | xᵢ) of the fit on <paramref name="x"/> [k, n] and labels
    /// <paramref name="y"/> (0 or 1): twice the summed log-loss.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix with one column per
    /// coefficient, or y does not have one label per row.</exception>
    /// <exception cref="T:System.ArgumentException">x is not float or holds NaN or infinity; a label is not 0 or 1.</exception>
    [<CompiledName("Deviance")>]
    let deviance (fit: LogisticFit) (x: Tensor) (y: Tensor) : float =
        let z = (decision "deviance" fit x).ToFloatArray()
        let labels = LabelInput.read "deviance" z.Length (Some 2) y |> Array.map float
        2.0 * negativeLogLikelihood (Vector<float>.Build.DenseOfArray z) labels
