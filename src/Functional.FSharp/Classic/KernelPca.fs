// Kernel PCA (Schölkopf, Smola & Müller 1998): PCA in a kernel's feature space through the eigenvectors of the centred
// Gram matrix; centring, signs and scaling as scikit-learn's KernelPCA.
namespace Functional

open System
open MathNet.Numerics.LinearAlgebra

/// <summary>A fitted kernel PCA: projections onto the leading principal axes of φ(x) in the kernel's feature space.</summary>
type KernelPcaFit = {
    /// The kernel k.
    Kernel: Kernel
    /// The training rows, [n, d]: new points are projected through k(x, training row).
    TrainingData: Tensor
    /// The leading eigenvalues λ of the centred Gram matrix K̃ (not divided by n), descending.
    Eigenvalues: float[]
    /// The unit eigenvectors of K̃ as columns, [n, k]; each sign makes its largest |entry| positive.
    Eigenvectors: Tensor
    /// The training data's coordinates v · √λ, [n, k].
    Transformed: Tensor
    /// The mean of each column of the training Gram matrix K (for centring new rows), [n].
    ColumnMeans: Tensor
    /// The mean of all entries of K.
    GrandMean: float
}

/// <summary>Kernel PCA: <c>KernelPca.fit</c>, <c>transform</c>.</summary>
[<RequireQualifiedAccess>]
module KernelPca =

    /// <summary>Settings; start from <c>KernelPca.defaults</c>.</summary>
    type Settings = {
        /// The kernel k.
        Kernel: Kernel
        /// How many components to keep; None keeps every component with a positive eigenvalue.
        Components: int option
    }

    /// RBF kernel with γ = 1, all positive components.
    [<CompiledName("Defaults")>]
    let defaults = {
        Kernel = Kernel.Rbf 1.0
        Components = None
    }

    let private op = "kernelPca"

    /// <summary>Fits kernel PCA to x [n, d]: K = Gram(x, x), K̃ = K − 1K − K1 + 1K1 (centring in feature space), then
    /// the symmetric eigen-decomposition of K̃ (Math.NET); eigenvalues rounding below zero count as zero.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or not finite, a kernel parameter is out of range, or
    /// the component count is not in [1, n].</exception>
    [<CompiledName("Fit")>]
    let fit (settings: Settings) (x: Tensor) : KernelPcaFit =
        ClassicInput.notNull (nameof settings) settings
        Kernel.validate settings.Kernel
        let rows = ClassicInput.matrix op (nameof x) x
        let n = rows.Count

        match settings.Components with
        | Some k when k < 1 || k > n ->
            raise (ArgumentException($"{op}: expected a component count in [1, {n}], received {k}", nameof settings))
        | _ -> ()

        let gram = Kernel.gramRows settings.Kernel rows rows

        let columnMeans =
            Array.init n (fun j -> Seq.averageBy (fun i -> gram[i * n + j]) (seq { 0 .. n - 1 }))

        let grandMean = Array.average columnMeans
        // K is symmetric, so row means equal column means.
        let centred =
            Array.init (n * n) (fun at -> gram[at] - columnMeans[at / n] - columnMeans[at % n] + grandMean)

        let evd =
            Matrix<float>.Build.DenseOfRowMajor(n, n, centred).Evd(Symmetricity.Symmetric)

        let values = evd.EigenValues.ToArray() |> Array.map (fun v -> max 0.0 v.Real)
        let order = Array.init n id |> Array.sortBy (fun i -> -values[i])

        let kept =
            match settings.Components with
            | Some k -> Array.truncate k order
            | None -> order |> Array.filter (fun i -> values[i] > 0.0)

        let k = kept.Length

        let vectors =
            kept
            |> Array.map (fun c ->
                let v = evd.EigenVectors.Column(c).ToArray()
                let at = v |> Array.mapi (fun i e -> i, abs e) |> Array.maxBy snd |> fst
                if v[at] < 0.0 then Array.map (~-) v else v)

        let eigenvalues = kept |> Array.map (fun c -> values[c])

        let asRows (f: int -> int -> float) =
            Array.init (n * k) (fun at -> f (at / k) (at % k))

        {
            Kernel = settings.Kernel
            TrainingData = ClassicInput.tensor n rows.Width rows.Data
            Eigenvalues = eigenvalues
            Eigenvectors = ClassicInput.tensor n k (asRows (fun i c -> vectors[c][i]))
            Transformed = ClassicInput.tensor n k (asRows (fun i c -> vectors[c][i] * sqrt eigenvalues[c]))
            ColumnMeans = ClassicInput.tensorVector columnMeans
            GrandMean = grandMean
        }

    /// <summary>The coordinates of the rows of x [m, d] on the fitted components, [m, k]: K̃(x, training) · v / √λ,
    /// the new Gram rows centred with the training statistics. On the training data this gives <c>Transformed</c>.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix of the training width.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or holds NaN or infinity.</exception>
    [<CompiledName("Transform")>]
    let transform (fit: KernelPcaFit) (x: Tensor) : Tensor =
        ClassicInput.notNull (nameof fit) fit
        let training = ClassicInput.matrix op "training data" fit.TrainingData
        let rows = ClassicInput.matrixOfWidth $"{op} transform" (nameof x) training.Width x
        let n, m, k = training.Count, rows.Count, fit.Eigenvalues.Length
        let gram = Kernel.gramRows fit.Kernel rows training
        let columnMeans = fit.ColumnMeans.ToFloatArray()

        for i in 0 .. m - 1 do
            let rowMean = Seq.averageBy (fun j -> gram[i * n + j]) (seq { 0 .. n - 1 })

            for j in 0 .. n - 1 do
                gram[i * n + j] <- gram[i * n + j] - columnMeans[j] - rowMean + fit.GrandMean

        // v / √λ; a zero eigenvalue contributes 0 (scikit-learn's treatment of the null space).
        let vectors = fit.Eigenvectors.ToFloatArray()

        let scaled =
            vectors
            |> Array.mapi (fun at v ->
                let l = fit.Eigenvalues[at % k]
                if l > 0.0 then v / sqrt l else 0.0)

        Tensor.MatMul(ClassicInput.wrap m n gram, ClassicInput.wrap n k scaled)
