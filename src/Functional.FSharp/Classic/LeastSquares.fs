// Linear least squares: the shared LinearFit result, input checks for the linear solvers, and the QR solver.
namespace Functional

open System
open Functional.Core.Tensors
open MathNet.Numerics.LinearAlgebra

/// <summary>How a <see cref="T:Functional.LinearFit"/> was computed.</summary>
[<RequireQualifiedAccess>]
type LinearSolver =
    /// Householder QR of X, solving R w = Qᵀ y (X of full column rank).
    | Qr
    /// Batch gradient descent on L(w) = mean((X w − y)²) / 2: an approximation that improves with iterations.
    | GradientDescent

/// <summary>A linear model y ≈ X w fitted to m observations. Every linear solver (QR, gradient descent, and later
/// SVD, minimum norm, ridge) returns this record, so fits from different solvers compare directly.</summary>
/// <remarks>No intercept is added implicitly: include a column of ones in X for one.</remarks>
type LinearFit = {
    /// The weights w, one per column of X.
    Coefficients: float[]
    /// The solver that produced the weights.
    Solver: LinearSolver
    /// ‖X w − y‖², the sum of squared residuals on the data the model was fitted to.
    ResidualSumOfSquares: float
    /// m, the number of observations (rows of X) fitted.
    Observations: int
}

/// Functions of a fitted linear model.
[<RequireQualifiedAccess>]
module LinearFit =
    /// <summary>The predictions X w, one per row of <paramref name="x"/>.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x does not have one column per coefficient.</exception>
    [<CompiledName("Predict")>]
    let predict (fit: LinearFit) (x: float[,]) : float[] =
        if isNull (box x) then
            nullArg (nameof x)

        let n = fit.Coefficients.Length

        if Array2D.length2 x <> n then
            ShapeRules.Fail(
                "predict",
                $"x with {n} columns, one per coefficient",
                $"x {Array2D.length1 x}x{Array2D.length2 x}"
            )

        Array.init (Array2D.length1 x) (fun i -> Seq.sum (seq { for j in 0 .. n - 1 -> x[i, j] * fit.Coefficients[j] }))

    /// <summary>The mean-squared-error loss the deck minimises, L = ‖X w − y‖² / (2m): half the mean squared residual.</summary>
    [<CompiledName("HalfMeanSquaredError")>]
    let halfMeanSquaredError (fit: LinearFit) : float =
        fit.ResidualSumOfSquares / (2.0 * float fit.Observations)

/// Checks shared by the linear solvers: validation happens at the public boundary, named after the calling op.
module internal LinearData =
    /// Throws unless x is a non-empty m×n matrix of finite values and y holds m finite values.
    let validate (op: string) (x: float[,]) (y: float[]) =
        if isNull (box x) then
            nullArg (nameof x)

        if isNull (box y) then
            nullArg (nameof y)

        let m, n = Array2D.length1 x, Array2D.length2 x

        if m = 0 || n = 0 then
            raise (
                ArgumentException(
                    $"{op}: expected x with at least one row and one column, received x {m}x{n}",
                    nameof x
                )
            )

        if y.Length <> m then
            ShapeRules.Fail(op, "y with one value per row of x", $"x {m}x{n}, y of length {y.Length}")

        for i in 0 .. m - 1 do
            for j in 0 .. n - 1 do
                if not (Double.IsFinite x[i, j]) then
                    raise (
                        ArgumentException(
                            $"{op}: expected finite values in x, received {x[i, j]} at row {i}, column {j}",
                            nameof x
                        )
                    )

        y
        |> Array.iteri (fun i v ->
            if not (Double.IsFinite v) then
                raise (ArgumentException($"{op}: expected finite values in y, received {v} at index {i}", nameof y)))

    /// ‖X w − y‖².
    let residualSumOfSquares (x: float[,]) (y: float[]) (w: float[]) =
        let mutable total = 0.0

        for i in 0 .. y.Length - 1 do
            let mutable prediction = 0.0

            for j in 0 .. w.Length - 1 do
                prediction <- prediction + x[i, j] * w[j]

            total <- total + (prediction - y[i]) * (prediction - y[i])

        total

/// Ordinary least squares: the w minimising ‖X w − y‖².
[<RequireQualifiedAccess>]
module LeastSquares =
    /// 2⁻⁵², the gap between 1 and the next float64 (NumPy's finfo(float).eps).
    let private machineEpsilon = Math.BitIncrement 1.0 - 1.0

    /// <summary>Fits y ≈ X w by Householder QR (Math.NET): X = Q R, then R w = Qᵀ y. Needs at least as many rows as
    /// columns and full column rank.</summary>
    /// <remarks>Include a column of ones in X for an intercept. Rank is judged as NumPy's matrix_rank does:
    /// |Rᵢᵢ| ≤ max |Rⱼⱼ| · max(m, n) · ε counts as zero.</remarks>
    /// <example><c>LeastSquares.fit (array2D [ [ 1.0; 0.0 ]; [ 1.0; 1.0 ]; [ 1.0; 2.0 ] ]) [| 1.0; 3.0; 5.0 |]</c> has
    /// coefficients [1; 2].</example>
    /// <exception cref="T:System.ArgumentException">x is empty, fewer rows than columns, rank-deficient, or holds NaN or
    /// infinity; y holds NaN or infinity.</exception>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">y does not have one value per row of x.</exception>
    [<CompiledName("Fit")>]
    let fit (x: float[,]) (y: float[]) : LinearFit =
        LinearData.validate "leastSquares" x y
        let m, n = Array2D.length1 x, Array2D.length2 x

        if m < n then
            raise (
                ArgumentException(
                    $"leastSquares: expected at least as many rows as columns, received x {m}x{n}",
                    nameof x
                )
            )

        let qr = Matrix<float>.Build.DenseOfArray(x).QR(Factorization.QRMethod.Thin)
        let diagonal = qr.R.Diagonal().PointwiseAbs()
        let tolerance = diagonal.Maximum() * float (max m n) * machineEpsilon
        let rank = diagonal |> Seq.filter (fun d -> d > tolerance) |> Seq.length

        if rank < n then
            raise (
                ArgumentException(
                    $"leastSquares: expected x of full column rank {n}, received rank {rank} (collinear columns)",
                    nameof x
                )
            )

        let w = qr.Solve(Vector<float>.Build.DenseOfArray y).ToArray()

        {
            Coefficients = w
            Solver = LinearSolver.Qr
            ResidualSumOfSquares = LinearData.residualSumOfSquares x y w
            Observations = m
        }
