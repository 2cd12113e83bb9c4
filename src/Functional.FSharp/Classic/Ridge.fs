// Ridge regression in closed form, through the SVD shared with least squares.
namespace Functional

open System

/// Ridge regression: the closed-form minimiser of ‖y − b − X w‖² + λ ‖w‖² (scikit-learn's Ridge with alpha = λ).
[<RequireQualifiedAccess>]
module Ridge =

    /// <summary>Settings; start from <c>Ridge.defaults</c>.</summary>
    type Settings = {
        /// λ ≥ 0, the weight of ‖w‖²; 0 gives the minimum-norm least-squares solution.
        Penalty: float
        /// Fit an unpenalised intercept b by centring X and y (b = ȳ − x̄ · w). Without it every coefficient is
        /// penalised, a column of ones included.
        Intercept: bool
    }

    /// λ = 1 with an unpenalised intercept, as scikit-learn's Ridge.
    [<CompiledName("Defaults")>]
    let defaults = { Penalty = 1.0; Intercept = true }

    let private op = "ridge"

    /// <summary>Fits ridge regression on tensors: <paramref name="x"/> [m, n], <paramref name="y"/> [m] or [m, 1],
    /// float64 (float32 is converted). Solved through the SVD, w = V diag(sᵢ / (sᵢ² + λ)) Uᵀ y, so λ = 0 is the
    /// minimum-norm least-squares solution and small λ approach it continuously.</summary>
    /// <example><c>Ridge.fit { Ridge.defaults with Penalty = 3.0 } x y</c></example>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix, or y does not have one
    /// value per row of x.</exception>
    /// <exception cref="T:Functional.Core.Tensors.DTypeMismatchException">x or y is not float64 or float32.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty; x or y holds NaN or infinity; the penalty is negative
    /// or not finite.</exception>
    [<CompiledName("Fit")>]
    let fit (settings: Settings) (x: Tensor) (y: Tensor) : LinearFit =
        if not (Double.IsFinite settings.Penalty) || settings.Penalty < 0.0 then
            raise (
                ArgumentException($"{op}: expected a finite penalty >= 0, received {settings.Penalty}", nameof settings)
            )

        let xs = FitInput.matrix op (nameof x) false x
        let ys = FitInput.vector op (nameof y) (Array2D.length1 xs) y
        let lambda = settings.Penalty

        // Singular values at or below the cutoff count as zero, as in least squares, so λ → 0 meets its solution.
        let filter cutoff s =
            if s <= cutoff then 0.0 else s / (s * s + lambda)

        let w, b =
            LeastSquares.solve settings.Intercept (fun x y -> LinearAlgebra.svdSolve x y filter) xs ys

        {
            Coefficients = w
            Intercept = b
            Solver = LinearSolver.Ridge lambda
            ResidualSumOfSquares = LinearData.residualSumOfSquares xs ys w b
            Observations = Array2D.length1 xs
        }
