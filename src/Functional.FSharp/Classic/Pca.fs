// Principal component analysis by the singular value decomposition of the centred data (Math.NET), or by the
// eigen-decomposition of XᵀX from our GEMM for tall data; signs fixed as scikit-learn's svd_flip does.
namespace Functional

open System
open MathNet.Numerics.LinearAlgebra

/// <summary>A fitted PCA: x ≈ mean + z · Components, with the components ordered by the variance they explain.</summary>
type PcaFit = {
    /// The feature means subtracted before projecting, [d].
    Mean: Tensor
    /// The principal axes, [k, d]: orthonormal rows, by decreasing explained variance. Each sign makes the largest
    /// |projection| of the training data positive (scikit-learn's svd_flip), so results are deterministic.
    Components: Tensor
    /// The variance of the data along each component, sᵢ² / (n − 1).
    ExplainedVariance: float[]
    /// ExplainedVariance divided by the total variance of the data (Σ over all features, ddof 1).
    ExplainedVarianceRatio: float[]
    /// The singular values sᵢ of the centred data for the kept components.
    SingularValues: float[]
    /// n, the number of rows fitted.
    Observations: int
}

/// <summary>Principal component analysis: <c>Pca.fit</c>, <c>transform</c>, <c>inverseTransform</c>,
/// <c>reconstructionError</c>.</summary>
[<RequireQualifiedAccess>]
module Pca =

    /// <summary>How the principal axes are computed.</summary>
    [<RequireQualifiedAccess>]
    type Solver =
        /// Svd for small problems, CovarianceEigh for tall data (n ≥ d, n · d² &gt; 2·10⁸).
        | Auto
        /// Thin QR then the SVD of the small triangular factor (Math.NET): exact, O(n d min(n, d)) in managed code.
        | Svd
        /// The eigenvectors of XᵀX (computed by our GEMM) with Math.NET's symmetric eigensolver: fast for n ≫ d,
        /// squares the condition number (fine for the leading components).
        | CovarianceEigh

    /// <summary>Settings; start from <c>Pca.defaults</c>.</summary>
    type Settings = {
        /// How many components to keep; None keeps min(n, d).
        Components: int option
        /// The decomposition used.
        Solver: Solver
    }

    /// All components, solver chosen by size.
    [<CompiledName("Defaults")>]
    let defaults = {
        Components = None
        Solver = Solver.Auto
    }

    let private op = "pca"

    /// The right singular vectors (as columns, by decreasing singular value) and singular values of xc.
    let private decompose (solver: Solver) (xc: Rows) : Matrix<float> * float[] =
        let n, d = xc.Count, xc.Width
        // Row-major n×d data read as column-major d×n is Xcᵀ.
        let xcT = Matrix<float>.Build.Dense(d, n, xc.Data)

        let solver =
            match solver with
            | Solver.Auto when n >= d && float n * float d * float d > 2e8 -> Solver.CovarianceEigh
            | Solver.Auto -> Solver.Svd
            | s -> s

        match solver with
        | Solver.CovarianceEigh ->
            let t = ClassicInput.wrap n d xc.Data
            let gram = Tensor.MatMul(t.Transpose(), t).ToFloatArray()

            let evd =
                Matrix<float>.Build.DenseOfRowMajor(d, d, gram).Evd(Symmetricity.Symmetric)

            let values = evd.EigenValues.ToArray() |> Array.map (fun v -> max 0.0 v.Real)
            let order = Array.init d id |> Array.sortBy (fun i -> -values[i])

            Matrix<float>.Build.DenseOfColumnVectors(order |> Array.map evd.EigenVectors.Column),
            order |> Array.map (fun i -> sqrt values[i])
        | _ when n >= d ->
            // Xc = Q R; R = U S Vᵀ, so Xc = (Q U) S Vᵀ.
            let r = xcT.Transpose().QR(Factorization.QRMethod.Thin).R
            let svd = r.Svd(true)
            svd.VT.Transpose(), svd.S.ToArray()
        | _ ->
            // Xcᵀ = Q R, so Xc = Rᵀ Qᵀ; Rᵀ = U S Wᵀ gives Xc = U S (Q W)ᵀ.
            let qr = xcT.QR(Factorization.QRMethod.Thin)
            let svd = qr.R.Transpose().Svd(true)
            qr.Q.Multiply(svd.VT.Transpose()), svd.S.ToArray()

    /// <summary>Fits PCA to x [n, d] (n ≥ 2): centres each feature, decomposes, keeps the leading components.</summary>
    /// <example><c>let fit = Pca.fit { Pca.defaults with Components = Some 2 } x in Pca.transform fit x</c></example>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix.</exception>
    /// <exception cref="T:System.ArgumentException">x has fewer than 2 rows, holds NaN or infinity, or has no variance;
    /// the component count is not in [1, min(n, d)].</exception>
    [<CompiledName("Fit")>]
    let fit (settings: Settings) (x: Tensor) : PcaFit =
        ClassicInput.notNull (nameof settings) settings
        let rows = ClassicInput.matrix op (nameof x) x
        let n, d = rows.Count, rows.Width

        if n < 2 then
            raise (ArgumentException($"{op}: expected at least 2 rows, received x {x.Shape}", nameof x))

        let k = defaultArg settings.Components (min n d)

        if k < 1 || k > min n d then
            raise (
                ArgumentException(
                    $"{op}: expected a component count in [1, {min n d}] (min(n, d)), received {k}",
                    nameof settings
                )
            )

        let mean =
            Array.init d (fun j -> Seq.averageBy (fun i -> rows.Data[i * d + j]) (seq { 0 .. n - 1 }))

        let centred = {
            rows with
                Data = rows.Data |> Array.mapi (fun at v -> v - mean[at % d])
        }

        let total = (centred.Data |> Array.sumBy (fun v -> v * v)) / float (n - 1)

        if total <= 0.0 then
            raise (ArgumentException($"{op}: expected data with non-zero variance, received constant rows", nameof x))

        let v, s = decompose settings.Solver centred
        let axes = Array.init k (fun c -> v.Column(c).ToArray())

        let basis = {
            Data = Array.concat axes
            Count = k
            Width = d
        }
        // svd_flip (u-based): the largest |uᵢⱼ| of each column of U = Xc V / s is made positive.
        let projections = ClassicInput.dots centred basis

        for c in 0 .. k - 1 do
            let mutable best = 0

            for i in 1 .. n - 1 do
                if abs projections[i * k + c] > abs projections[best * k + c] then
                    best <- i

            if projections[best * k + c] < 0.0 then
                for j in 0 .. d - 1 do
                    basis.Data[c * d + j] <- -basis.Data[c * d + j]

        let singular = Array.sub s 0 k
        let variance = singular |> Array.map (fun si -> si * si / float (n - 1))

        {
            Mean = ClassicInput.tensorVector mean
            Components = ClassicInput.tensor k d basis.Data
            ExplainedVariance = variance
            ExplainedVarianceRatio = variance |> Array.map (fun v -> v / total)
            SingularValues = singular
            Observations = n
        }

    /// <summary>The coordinates z = (x − mean) · Componentsᵀ of each row of x [m, d], [m, k].</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix of the training width.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or holds NaN or infinity.</exception>
    [<CompiledName("Transform")>]
    let transform (fit: PcaFit) (x: Tensor) : Tensor =
        ClassicInput.notNull (nameof fit) fit
        let k, d = fit.Components.Dims[0], fit.Components.Dims[1]
        let rows = ClassicInput.matrixOfWidth $"{op} transform" (nameof x) d x
        let mean = fit.Mean.ToFloatArray()

        let centred = {
            rows with
                Data = rows.Data |> Array.mapi (fun at v -> v - mean[at % d])
        }

        let basis = {
            Data = fit.Components.ToFloatArray()
            Count = k
            Width = d
        }

        ClassicInput.tensor rows.Count k (ClassicInput.dots centred basis)

    /// <summary>The points mean + z · Components for coordinates z [m, k], [m, d]: exact for the training data when
    /// every component is kept, otherwise the projection onto the kept subspace.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">z is not a matrix with one column per component.</exception>
    /// <exception cref="T:System.ArgumentException">z is empty or holds NaN or infinity.</exception>
    [<CompiledName("InverseTransform")>]
    let inverseTransform (fit: PcaFit) (z: Tensor) : Tensor =
        ClassicInput.notNull (nameof fit) fit
        let k, d = fit.Components.Dims[0], fit.Components.Dims[1]
        let coords = ClassicInput.matrixOfWidth $"{op} inverseTransform" (nameof z) k z
        let mean = fit.Mean.ToFloatArray()

        let x =
            Tensor.MatMul(ClassicInput.wrap coords.Count k coords.Data, fit.Components).ToFloatArray()

        ClassicInput.tensor coords.Count d (x |> Array.mapi (fun at v -> v + mean[at % d]))

    /// <summary>The mean squared reconstruction error (1/m) Σᵢ ‖xᵢ − x̂ᵢ‖² with x̂ = inverseTransform (transform x):
    /// on the training data, the sum of the discarded components' variances times (n − 1)/n.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix of the training width.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or holds NaN or infinity.</exception>
    [<CompiledName("ReconstructionError")>]
    let reconstructionError (fit: PcaFit) (x: Tensor) : float =
        let back = inverseTransform fit (transform fit x)
        let a, b = x.ToFloatArray(), back.ToFloatArray()
        (Array.fold2 (fun acc u v -> acc + (u - v) * (u - v)) 0.0 a b) / float x.Dims[0]
