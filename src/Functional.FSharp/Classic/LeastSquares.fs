// Linear least squares: the shared LinearFit result, input checks for the classic algorithms, and the QR and SVD
// solvers (minimum-norm when X is rank-deficient).
namespace Functional

open System
open Functional.Core.Metrics
open Functional.Core.Tensors
open MathNet.Numerics.LinearAlgebra

/// <summary>How a <see cref="T:Functional.LinearFit"/> was computed.</summary>
[<RequireQualifiedAccess>]
type LinearSolver =
    /// Householder QR with column pivoting (a complete orthogonal decomposition, as LAPACK's xGELSY): exact for full
    /// column rank, the minimum-norm solution when X is rank-deficient.
    | Qr
    /// Singular value decomposition: the minimum-norm solution X⁺ y (NumPy's lstsq, LAPACK's xGELSD).
    | Svd
    /// Batch gradient descent on L(w) = mean((X w − y)²) / 2: an approximation that improves with iterations.
    | GradientDescent
    /// Ridge regression, the closed-form minimiser of ‖y − b − X w‖² + penalty · ‖w‖².
    | Ridge of penalty: float

/// <summary>The matrix decomposition that solves a least-squares problem; both give the minimum-norm solution when X
/// is rank-deficient.</summary>
[<RequireQualifiedAccess>]
type Decomposition =
    /// Householder QR with column pivoting, completed to a complete orthogonal decomposition when rank-deficient.
    | Qr
    /// Thin SVD (through a QR of X first, so a tall X never needs its full U).
    | Svd

/// <summary>A linear model y ≈ b + X w fitted to m observations. Every linear solver (QR, SVD, gradient descent,
/// ridge) returns this record, so fits from different solvers compare directly.</summary>
/// <remarks>The intercept b is 0 unless the solver was asked to fit one; a column of ones in X is the other way to
/// get an intercept (then it is one of the coefficients, and penalised or counted in the norm like them).</remarks>
type LinearFit = {
    /// The weights w, one per column of X.
    Coefficients: float[]
    /// b, the fitted intercept; 0 when none was fitted.
    Intercept: float
    /// The solver that produced the weights.
    Solver: LinearSolver
    /// ‖b + X w − y‖², the sum of squared residuals on the data the model was fitted to.
    ResidualSumOfSquares: float
    /// m, the number of observations (rows of X) fitted.
    Observations: int
}

/// Checks of tensor inputs shared by the classic algorithms: validation happens at the public boundary, named after
/// the calling op, and float32 is converted to float64.
module internal FitInput =
    let private checkFloat (op: string) (name: string) (t: Tensor) =
        if t.DType <> DType.Float64 && t.DType <> DType.Float32 then
            raise (DTypeMismatchException(op, $"{name} of float64 or float32", $"{name} {t.DType}"))

    /// x as an m×n array, checked: a float matrix (m ≥ 1 unless allowNoRows, n ≥ 1) of finite values.
    let matrix (op: string) (name: string) (allowNoRows: bool) (x: Tensor) : float[,] =
        if isNull (box x) then
            nullArg name

        if x.Rank <> 2 then
            ShapeRules.Fail(op, $"{name} of shape [m, n]", $"{name} {x.Shape}")

        checkFloat op name x
        let m, n = x.Shape[0], x.Shape[1]

        if (m = 0 && not allowNoRows) || n = 0 then
            raise (
                ArgumentException(
                    $"{op}: expected {name} with at least one row and one column, received {name} {m}x{n}",
                    name
                )
            )

        let values = x.ToFloatArray()

        match Array.tryFindIndex (Double.IsFinite >> not) values with
        | Some k ->
            raise (
                ArgumentException(
                    $"{op}: expected finite values in {name}, received {values[k]} at row {k / n}, column {k % n}",
                    name
                )
            )
        | None -> Array2D.init m n (fun i j -> values[i * n + j])

    /// y as m values, checked: a float tensor of shape [m] or [m, 1] with finite values.
    let vector (op: string) (name: string) (m: int) (y: Tensor) : float[] =
        if isNull (box y) then
            nullArg name

        if not (y.Rank = 1 && y.Shape[0] = m || y.Rank = 2 && y.Shape[0] = m && y.Shape[1] = 1) then
            ShapeRules.Fail(op, $"{name} of shape [{m}] or [{m}, 1], one value per row of x", $"{name} {y.Shape}")

        checkFloat op name y
        let values = y.ToFloatArray()

        match Array.tryFindIndex (Double.IsFinite >> not) values with
        | Some i ->
            raise (
                ArgumentException($"{op}: expected finite values in {name}, received {values[i]} at index {i}", name)
            )
        | None -> values

    /// Column means of x.
    let columnMeans (x: float[,]) =
        Array.init (Array2D.length2 x) (fun j -> Seq.average (seq { for i in 0 .. Array2D.length1 x - 1 -> x[i, j] }))

/// Checks shared by the linear solvers on arrays, named after the calling op.
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

    /// ‖b + X w − y‖².
    let residualSumOfSquares (x: float[,]) (y: float[]) (w: float[]) (b: float) =
        let mutable total = 0.0

        for i in 0 .. y.Length - 1 do
            let mutable prediction = b

            for j in 0 .. w.Length - 1 do
                prediction <- prediction + x[i, j] * w[j]

            total <- total + (prediction - y[i]) * (prediction - y[i])

        total

/// Functions of a fitted linear model.
[<RequireQualifiedAccess>]
module LinearFit =
    /// <summary>The predictions b + X w, one per row of <paramref name="x"/>.</summary>
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

        Array.init (Array2D.length1 x) (fun i ->
            fit.Intercept
            + Seq.sum (seq { for j in 0 .. n - 1 -> x[i, j] * fit.Coefficients[j] }))

    /// <summary>The predictions b + X w for <paramref name="x"/> float64 or float32 [m, n]: a float64 tensor [m].</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix with one column per
    /// coefficient.</exception>
    /// <exception cref="T:System.ArgumentException">x holds NaN or infinity, or is not float.</exception>
    [<CompiledName("PredictTensor")>]
    let predictTensor (fit: LinearFit) (x: Tensor) : Tensor =
        let values = FitInput.matrix "predict" (nameof x) true x
        let m, n = Array2D.length1 values, fit.Coefficients.Length

        if Array2D.length2 values <> n then
            ShapeRules.Fail("predict", $"x with {n} columns, one per coefficient", $"x {x.Shape}")

        if m = 0 then
            Tensor.ofArray (Array.empty<float>)
        else
            let w = Tensor.ofArrayShaped [ n; 1 ] fit.Coefficients
            // The product runs on the tensor backend (GEMM): this is the path large test sets take.
            Tensor.matmul (Tensor.toFloat64 (x.Detach())) w + fit.Intercept
            |> Tensor.reshape [ m ]

    /// <summary>The mean-squared-error loss the deck minimises, L = ‖b + X w − y‖² / (2m): half the mean squared
    /// residual.</summary>
    [<CompiledName("HalfMeanSquaredError")>]
    let halfMeanSquaredError (fit: LinearFit) : float =
        fit.ResidualSumOfSquares / (2.0 * float fit.Observations)

    /// <summary>R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² of the fit's predictions on <paramref name="x"/>, <paramref name="y"/>
    /// (scikit-learn's r2_score, so 1 for a perfect fit of constant y).</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x does not have one column per coefficient,
    /// or y one value per row of x.</exception>
    /// <exception cref="T:System.ArgumentException">x or y is empty, not float, or holds NaN or infinity.</exception>
    [<CompiledName("RSquared")>]
    let rSquared (fit: LinearFit) (x: Tensor) (y: Tensor) : float =
        let predicted = (predictTensor fit x).ToFloatArray()
        let truth = FitInput.vector "rSquared" (nameof y) predicted.Length y
        RegressionMetrics.RSquared(ReadOnlySpan truth, ReadOnlySpan predicted)

/// The dense linear algebra behind the solvers, on validated arrays.
module internal LinearAlgebra =
    /// 2⁻⁵², the gap between 1 and the next float64 (NumPy's finfo(float).eps).
    let machineEpsilon = Math.BitIncrement 1.0 - 1.0

    /// Minimum-norm least squares by a complete orthogonal decomposition, as LAPACK's xGELSY: Householder QR with
    /// column pivoting, X P = Q [R11 R12; 0 0] (Golub & Van Loan, Matrix Computations, Alg. 5.4.1), the rank r read
    /// from |Rᵢᵢ| > |R₀₀| · max(m, n) · ε, then [R11 R12]ᵀ = Z T by a second QR, so X P = Q₁ Tᵀ Zᵀ and
    /// w = P Z T⁻ᵀ (Q₁ᵀ y). Math.NET has no pivoted QR, hence the first factorisation is written here.
    let qrMinimumNorm (x: float[,]) (y: float[]) : float[] =
        let m, n = Array2D.length1 x, Array2D.length2 x
        let a = Array2D.copy x
        let qty = Array.copy y
        let perm = Array.init n id
        let steps = min m n
        let mutable rank = steps
        let mutable largest = 0.0
        let mutable k = 0

        while k < steps do
            // Pivot: bring the remaining column of largest norm (below row k) to position k.
            let norm j =
                Seq.sum (seq { for i in k .. m - 1 -> a[i, j] * a[i, j] })

            let p = seq { k .. n - 1 } |> Seq.maxBy norm

            if p <> k then
                for i in 0 .. m - 1 do
                    let t = a[i, k]
                    a[i, k] <- a[i, p]
                    a[i, p] <- t

                let t = perm[k]
                perm[k] <- perm[p]
                perm[p] <- t

            // Householder reflector H = I − 2 v vᵀ / vᵀv mapping a[k.., k] onto −sign(a[k,k]) ‖a[k.., k]‖ e₁.
            let alpha = sqrt (norm k)

            if k = 0 then
                largest <- alpha

            if alpha <= largest * float (max m n) * machineEpsilon || alpha = 0.0 then
                rank <- k
                k <- steps
            else
                let beta = if a[k, k] > 0.0 then -alpha else alpha
                let v = Array.init (m - k) (fun i -> if i = 0 then a[k, k] - beta else a[k + i, k])
                let vv = Array.sumBy (fun e -> e * e) v

                let reflect (column: int -> float) (write: int -> float -> unit) =
                    let dot = Seq.sum (seq { for i in 0 .. m - k - 1 -> v[i] * column (k + i) })
                    let scale = 2.0 * dot / vv

                    for i in 0 .. m - k - 1 do
                        write (k + i) (column (k + i) - scale * v[i])

                for j in k + 1 .. n - 1 do
                    reflect (fun i -> a[i, j]) (fun i value -> a[i, j] <- value)

                reflect (fun i -> qty[i]) (fun i value -> qty[i] <- value)
                a[k, k] <- beta

                for i in k + 1 .. m - 1 do
                    a[i, k] <- 0.0

                k <- k + 1

        let z =
            if rank = 0 then
                Array.zeroCreate n
            elif rank = n then
                // Full column rank: back-substitute R w = Qᵀ y.
                let z = Array.zeroCreate n

                for i in n - 1 .. -1 .. 0 do
                    let s = Seq.sum (seq { for j in i + 1 .. n - 1 -> a[i, j] * z[j] })
                    z[i] <- (qty[i] - s) / a[i, i]

                z
            else
                // [R11 R12]ᵀ (n×r) = Z T; solve Tᵀ u = (Qᵀ y)[..r−1] forward, then z = Z u, the minimum-norm solution.
                let rt =
                    Matrix<float>.Build.Dense(n, rank, fun i j -> if i >= j then a[j, i] else 0.0)

                let qr = rt.QR(Factorization.QRMethod.Thin)
                let t = qr.R
                let u = Array.zeroCreate rank

                for i in 0 .. rank - 1 do
                    let s = Seq.sum (seq { for j in 0 .. i - 1 -> t[j, i] * u[j] })
                    u[i] <- (qty[i] - s) / t[i, i]

                (qr.Q * Vector<float>.Build.DenseOfArray u).ToArray()

        let w = Array.zeroCreate n

        for j in 0 .. n - 1 do
            w[perm[j]] <- z[j]

        w

    /// The thin SVD of X applied to y: singular values s (length k = min(m, n)), V (n×k) and c = Uᵀ y. A QR goes
    /// first, so only a k×k matrix is decomposed: for m ≥ n, X = Q R and R = U′ S Vᵀ; for m &lt; n, Xᵀ = Q R, so
    /// X = Rᵀ Qᵀ with Rᵀ = U′ S V′ᵀ and V = Q V′.
    let thinSvd (x: float[,]) (y: float[]) =
        let m, n = Array2D.length1 x, Array2D.length2 x
        let xm = Matrix<float>.Build.DenseOfArray x
        let yv = Vector<float>.Build.DenseOfArray y

        if m >= n then
            let qr = xm.QR(Factorization.QRMethod.Thin)
            let svd = qr.R.Svd(true)
            svd.S, svd.VT.Transpose(), svd.U.TransposeThisAndMultiply(qr.Q.TransposeThisAndMultiply yv)
        else
            let qr = xm.Transpose().QR(Factorization.QRMethod.Thin)
            let svd = qr.R.Transpose().Svd(true)
            svd.S, qr.Q * svd.VT.Transpose(), svd.U.TransposeThisAndMultiply yv

    /// w = V diag(f(sᵢ)) c: the SVD solution with filter factors f (1/s for least squares, s/(s² + λ) for ridge).
    let svdSolve (x: float[,]) (y: float[]) (filter: float -> float -> float) : float[] =
        let s, v, c = thinSvd x y

        let cutoff =
            (if s.Count = 0 then 0.0 else s.Maximum())
            * float (max (Array2D.length1 x) (Array2D.length2 x))
            * machineEpsilon

        let scaled = Vector<float>.Build.Dense(s.Count, fun i -> filter cutoff s[i] * c[i])
        (v * scaled).ToArray()

/// Ordinary least squares: the w (and intercept b) minimising ‖y − b − X w‖²; the minimum-norm w when several do.
[<RequireQualifiedAccess>]
module LeastSquares =

    /// <summary>Settings; start from <c>LeastSquares.defaults</c>.</summary>
    type Settings = {
        /// The decomposition that solves the problem.
        Decomposition: Decomposition
        /// Fit an intercept b by centring X and y first (scikit-learn's fit_intercept): b = ȳ − x̄ · w. The
        /// minimum norm then concerns w only, which is what makes one-hot designs match scikit-learn.
        Intercept: bool
    }

    /// SVD with an intercept, as scikit-learn's LinearRegression.
    [<CompiledName("Defaults")>]
    let defaults = {
        Decomposition = Decomposition.Svd
        Intercept = true
    }

    let private op = "leastSquares"

    /// Solves on validated arrays, centring first when an intercept is asked for.
    let internal solve (intercept: bool) (solveCentred: float[,] -> float[] -> float[]) (x: float[,]) (y: float[]) =
        if intercept then
            let xMeans = FitInput.columnMeans x
            let yMean = Array.average y
            let xc = x |> Array2D.mapi (fun _ j v -> v - xMeans[j])
            let w = solveCentred xc (y |> Array.map (fun v -> v - yMean))
            w, yMean - Array.fold2 (fun s a b -> s + a * b) 0.0 xMeans w
        else
            solveCentred x y, 0.0

    let private fitArrays (settings: Settings) (x: float[,]) (y: float[]) =
        let solver, decompose =
            match settings.Decomposition with
            | Decomposition.Qr -> LinearSolver.Qr, LinearAlgebra.qrMinimumNorm
            | Decomposition.Svd ->
                LinearSolver.Svd,
                fun x y -> LinearAlgebra.svdSolve x y (fun cutoff s -> if s > cutoff then 1.0 / s else 0.0)

        let w, b = solve settings.Intercept decompose x y

        {
            Coefficients = w
            Intercept = b
            Solver = solver
            ResidualSumOfSquares = LinearData.residualSumOfSquares x y w b
            Observations = Array2D.length1 x
        }

    /// <summary>Fits y ≈ X w by Householder QR with column pivoting: X an m×n array, y of length m, no intercept
    /// (include a column of ones in X for one). Rank-deficient or wide X gets the minimum-norm w.</summary>
    /// <remarks>Rank is judged as NumPy's matrix_rank does: a pivot |Rᵢᵢ| ≤ |R₀₀| · max(m, n) · ε counts as zero.</remarks>
    /// <example><c>LeastSquares.fit (array2D [ [ 1.0; 0.0 ]; [ 1.0; 1.0 ]; [ 1.0; 2.0 ] ]) [| 1.0; 3.0; 5.0 |]</c> has
    /// coefficients [1; 2].</example>
    /// <exception cref="T:System.ArgumentException">x is empty or holds NaN or infinity; y holds NaN or infinity.</exception>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">y does not have one value per row of x.</exception>
    [<CompiledName("Fit")>]
    let fit (x: float[,]) (y: float[]) : LinearFit =
        LinearData.validate op x y

        fitArrays
            {
                Decomposition = Decomposition.Qr
                Intercept = false
            }
            x
            y

    /// <summary>Fits y ≈ b + X w on tensors: <paramref name="x"/> [m, n], <paramref name="y"/> [m] or [m, 1], float64
    /// (float32 is converted). The minimum-norm w when X (centred, with an intercept) is rank-deficient.</summary>
    /// <example>Through the origin: <c>LeastSquares.fitTensor { LeastSquares.defaults with Intercept = false } x y</c>.</example>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix, or y does not have one
    /// value per row of x.</exception>
    /// <exception cref="T:Functional.Core.Tensors.DTypeMismatchException">x or y is not float64 or float32.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty; x or y holds NaN or infinity.</exception>
    [<CompiledName("FitTensor")>]
    let fitTensor (settings: Settings) (x: Tensor) (y: Tensor) : LinearFit =
        let xs = FitInput.matrix op (nameof x) false x
        let ys = FitInput.vector op (nameof y) (Array2D.length1 xs) y
        fitArrays settings xs ys
