// Batch gradient descent for a linear model, with its full trace: lecture 002's algorithm as a library function.
namespace Functional

open System
open Functional.Core.Tensors

/// <summary>Batch gradient descent for y ≈ X w on L(w) = mean((X w − y)²) / 2, whose gradient is
/// ∇L(w) = Xᵀ (X w − y) / m; each step is w ← w − α ∇L(w). No autodiff: the gradient is the closed form above,
/// computed with tensor ops (matmul, transpose, mean) in float64.</summary>
[<RequireQualifiedAccess>]
module GradientDescent =

    /// <summary>Settings; start from <c>GradientDescent.defaults</c>.</summary>
    type Settings = {
        /// α, the step size.
        LearningRate: float
        /// How many updates to make.
        Iterations: int
        /// The weights to start from, one per column of X; None starts from zeros.
        InitialWeights: float[] option
    }

    /// One iteration of the trace.
    type Step = {
        /// 0 for the first update.
        Iteration: int
        /// L(w) of the weights before this iteration's update.
        Loss: float
        /// The weights after this iteration's update.
        Weights: float[]
    }

    /// The outcome of a run: every iteration, and the final weights as a <see cref="T:Functional.LinearFit"/>.
    type Descent = {
        /// One record per iteration, in order.
        Trace: Step[]
        /// The final weights, with ‖X w − y‖² at them.
        Fit: LinearFit
    } with

        /// The final weights (the last step's, or the initial weights after 0 iterations).
        member d.Weights = d.Fit.Coefficients

    /// α = 0.01, 200 iterations, starting from zeros (lecture 002's step size and length).
    [<CompiledName("Defaults")>]
    let defaults = {
        LearningRate = 0.01
        Iterations = 200
        InitialWeights = None
    }

    let private op = "gradientDescent"

    let private checkSettings (settings: Settings) (n: int) =
        if not (Double.IsFinite settings.LearningRate) || settings.LearningRate <= 0.0 then
            raise (
                ArgumentException(
                    $"{op}: expected a finite learning rate > 0, received {settings.LearningRate}",
                    nameof settings
                )
            )

        if settings.Iterations < 0 then
            raise (
                ArgumentException($"{op}: expected iterations >= 0, received {settings.Iterations}", nameof settings)
            )

        match settings.InitialWeights with
        | None -> Array.zeroCreate n
        | Some w ->
            if isNull (box w) then
                nullArg (nameof settings)

            if w.Length <> n then
                ShapeRules.Fail(op, $"{n} initial weights, one per column of x", $"{w.Length} weights")

            if not (Array.forall Double.IsFinite w) then
                let shown = w |> Array.map string |> String.concat "; "
                raise (ArgumentException($"{op}: expected finite initial weights, received [{shown}]", nameof settings))

            Array.copy w

    /// The descent itself, on validated float64 inputs: x [m, n], y [m, 1], w0 of length n.
    let private descend (settings: Settings) (x: Tensor) (y: Tensor) (w0: float[]) : Step[] * float[] * float =
        let m, n = x.Shape[0], x.Shape[1]
        let xt = Tensor.transpose x

        let halfMeanSquare (residual: Tensor) =
            (Tensor.mean (residual * residual)).ToScalar() / 2.0

        let mutable w = Tensor.ofArrayShaped [ n; 1 ] w0

        let trace =
            Array.init settings.Iterations (fun k ->
                let residual = Tensor.matmul x w - y
                let loss = halfMeanSquare residual
                w <- w - settings.LearningRate * (Tensor.matmul xt residual / float m)
                let weights = w.ToFloatArray()
                // A run that diverges stops here, naming the step, rather than carrying NaN to the end.
                if not (Double.IsFinite loss && Array.forall Double.IsFinite weights) then
                    raise (
                        NotFiniteNumberException(
                            $"{op}: the loss or weights stopped being finite at iteration {k} (loss {loss}); lower the learning rate {settings.LearningRate}",
                            loss
                        )
                    )

                {
                    Iteration = k
                    Loss = loss
                    Weights = weights
                })

        let residual = Tensor.matmul x w - y
        trace, w.ToFloatArray(), 2.0 * float m * halfMeanSquare residual

    /// <summary>Runs batch gradient descent on tensors: <paramref name="x"/> float64 [m, n], <paramref name="y"/>
    /// float64 [m] or [m, 1].</summary>
    /// <returns>The trace (loss before, weights after each update) and the final fit.</returns>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix, y does not have one value per
    /// row of x, or the initial weights do not have one value per column.</exception>
    /// <exception cref="T:Functional.Core.Tensors.DTypeMismatchException">x or y is not float64.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty; x, y or the initial weights hold NaN or infinity; the
    /// learning rate is not positive or the iteration count is negative.</exception>
    /// <exception cref="T:System.NotFiniteNumberException">The run diverged (the message names the iteration).</exception>
    [<CompiledName("FitTensor")>]
    let fitTensor (settings: Settings) (x: Tensor) (y: Tensor) : Descent =
        if isNull (box x) then
            nullArg (nameof x)

        if isNull (box y) then
            nullArg (nameof y)

        if x.Rank <> 2 then
            ShapeRules.Fail(op, "x of shape [m, n]", $"x {x.Shape}")

        let m, n = x.Shape[0], x.Shape[1]

        if not (y.Rank = 1 && y.Shape[0] = m || y.Rank = 2 && y.Shape[0] = m && y.Shape[1] = 1) then
            ShapeRules.Fail(op, "y of shape [m] or [m, 1] for x [m, n]", $"x {x.Shape}, y {y.Shape}")

        if x.DType <> DType.Float64 || y.DType <> DType.Float64 then
            raise (DTypeMismatchException(op, "float64 x and y", $"x {x.DType}, y {y.DType}"))
        // Validation of values reuses the array checks, so both entry points fail with the same messages.
        let xs = Array2D.init m n (let v = x.ToFloatArray() in fun i j -> v[i * n + j])
        LinearData.validate op xs (y.ToFloatArray())
        let w0 = checkSettings settings n

        let trace, w, rss =
            descend settings (x.Detach()) (y.Detach() |> Tensor.reshape [ m; 1 ]) w0

        {
            Trace = trace
            Fit = {
                Coefficients = w
                Intercept = 0.0
                Solver = LinearSolver.GradientDescent
                ResidualSumOfSquares = rss
                Observations = m
            }
        }

    /// <summary>Runs batch gradient descent for y ≈ X w, with X an m×n array and y of length m.</summary>
    /// <returns>The trace (loss before, weights after each update) and the final fit.</returns>
    /// <example><c>GradientDescent.fit { GradientDescent.defaults with InitialWeights = Some [| 2.0; -1.0 |] } x y</c></example>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">y does not have one value per row of x, or the
    /// initial weights do not have one value per column.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty; x, y or the initial weights hold NaN or infinity; the
    /// learning rate is not positive or the iteration count is negative.</exception>
    /// <exception cref="T:System.NotFiniteNumberException">The run diverged (the message names the iteration).</exception>
    [<CompiledName("Fit")>]
    let fit (settings: Settings) (x: float[,]) (y: float[]) : Descent =
        LinearData.validate op x y
        fitTensor settings (Tensor.ofArray2D x) (Tensor.ofArray y)
