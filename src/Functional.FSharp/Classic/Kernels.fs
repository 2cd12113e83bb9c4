// Kernels k(a, b) for SVMs and kernel PCA as F# values: linear, polynomial, RBF, and their sums, products and positive
// scalings; Gram matrices from one GEMM. Every kernel here is a function of a · b, ‖a‖² and ‖b‖² alone.
namespace Functional

open System
open Functional.Core.Tensors

/// <summary>A positive semi-definite kernel k(a, b) = φ(a) · φ(b). Build kernels with the <c>Kernel</c> module
/// (<c>Kernel.rbf 50.0</c>, <c>Kernel.sum k1 k2</c>) or the operators <c>k1 + k2</c>, <c>k1 * k2</c>, <c>c * k</c>;
/// these check their parameters, so every value built that way is a valid kernel.</summary>
[<RequireQualifiedAccess>]
type Kernel =
    /// k(a, b) = a · b.
    | Linear
    /// k(a, b) = (γ a · b + coef0)^degree.
    | Polynomial of degree: int * gamma: float * coef0: float
    /// k(a, b) = exp(−γ ‖a − b‖²).
    | Rbf of gamma: float
    /// k(a, b) = k₁(a, b) + k₂(a, b): a kernel again (a sum of PSD Gram matrices is PSD).
    | Sum of Kernel * Kernel
    /// k(a, b) = k₁(a, b) · k₂(a, b): a kernel again (Schur product theorem).
    | Product of Kernel * Kernel
    /// k(a, b) = c · k₁(a, b) with c > 0.
    | Scaled of float * Kernel

    /// <summary>The sum of two kernels.</summary>
    static member (+)(k1: Kernel, k2: Kernel) = Kernel.Sum(k1, k2)

    /// <summary>The product of two kernels.</summary>
    static member (*)(k1: Kernel, k2: Kernel) = Kernel.Product(k1, k2)

    /// <summary>A kernel scaled by c > 0.</summary>
    /// <exception cref="T:System.ArgumentException">c is not finite and positive.</exception>
    static member (*)(c: float, k: Kernel) =
        if not (Double.IsFinite c) || c <= 0.0 then
            raise (ArgumentException($"kernel scale: expected a finite factor > 0, received {c}", nameof c))

        Kernel.Scaled(c, k)

    /// <summary>A readable formula, e.g. <c>rbf(γ=50)</c>.</summary>
    override k.ToString() =
        match k with
        | Kernel.Linear -> "linear"
        | Kernel.Polynomial(d, g, c) -> $"poly(degree={d}, γ={g}, coef0={c})"
        | Kernel.Rbf g -> $"rbf(γ={g})"
        | Kernel.Sum(a, b) -> $"({a} + {b})"
        | Kernel.Product(a, b) -> $"({a} · {b})"
        | Kernel.Scaled(c, a) -> $"{c}·{a}"

/// Kernel construction, evaluation and Gram matrices.
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module Kernel =

    /// <summary>Throws unless every parameter in the kernel is valid: degree ≥ 1, γ finite and > 0, coef0 finite,
    /// scale finite and > 0. (Union cases built directly bypass the constructors' checks; the solvers call this.)</summary>
    /// <exception cref="T:System.ArgumentException">A parameter is out of range.</exception>
    [<CompiledName("Validate")>]
    let rec validate (kernel: Kernel) : unit =
        let fail what (value: obj) =
            raise (ArgumentException($"kernel: expected {what}, received {value} in {kernel}", nameof kernel))

        match kernel with
        | Kernel.Linear -> ()
        | Kernel.Polynomial(d, g, c) ->
            if d < 1 then
                fail "degree >= 1" d

            if not (Double.IsFinite g) || g <= 0.0 then
                fail "a finite γ > 0" g

            if not (Double.IsFinite c) then
                fail "a finite coef0" c
        | Kernel.Rbf g ->
            if not (Double.IsFinite g) || g <= 0.0 then
                fail "a finite γ > 0" g
        | Kernel.Sum(a, b)
        | Kernel.Product(a, b) ->
            validate a
            validate b
        | Kernel.Scaled(c, a) ->
            if not (Double.IsFinite c) || c <= 0.0 then
                fail "a finite scale > 0" c

            validate a

    /// k(a, b) = a · b.
    [<CompiledName("Linear")>]
    let linear = Kernel.Linear

    /// <summary>k(a, b) = (γ a · b + coef0)^degree.</summary>
    /// <exception cref="T:System.ArgumentException">degree &lt; 1, γ ≤ 0 or not finite, or coef0 not finite.</exception>
    [<CompiledName("Polynomial")>]
    let polynomial (degree: int) (gamma: float) (coef0: float) : Kernel =
        let k = Kernel.Polynomial(degree, gamma, coef0)
        validate k
        k

    /// <summary>k(a, b) = exp(−γ ‖a − b‖²).</summary>
    /// <exception cref="T:System.ArgumentException">γ ≤ 0 or not finite.</exception>
    [<CompiledName("Rbf")>]
    let rbf (gamma: float) : Kernel =
        let k = Kernel.Rbf gamma
        validate k
        k

    /// <summary>γ = 1 / (2σ²): the RBF width of a Gaussian kernel exp(−‖a − b‖² / (2σ²)).</summary>
    /// <exception cref="T:System.ArgumentException">σ ≤ 0 or not finite.</exception>
    [<CompiledName("GammaOfSigma")>]
    let gammaOfSigma (sigma: float) : float =
        if not (Double.IsFinite sigma) || sigma <= 0.0 then
            raise (ArgumentException($"gammaOfSigma: expected a finite σ > 0, received {sigma}", nameof sigma))

        1.0 / (2.0 * sigma * sigma)

    /// <summary>The Gaussian kernel exp(−‖a − b‖² / (2σ²)), i.e. <c>rbf (1 / (2σ²))</c>.</summary>
    /// <example><c>Kernel.rbfOfSigma 0.1</c> is <c>Kernel.rbf 50.0</c>.</example>
    /// <exception cref="T:System.ArgumentException">σ ≤ 0 or not finite.</exception>
    [<CompiledName("RbfOfSigma")>]
    let rbfOfSigma (sigma: float) : Kernel = rbf (gammaOfSigma sigma)

    /// <summary>k₁ + k₂.</summary>
    [<CompiledName("Sum")>]
    let sum (k1: Kernel) (k2: Kernel) : Kernel = Kernel.Sum(k1, k2)

    /// <summary>k₁ · k₂.</summary>
    [<CompiledName("Product")>]
    let product (k1: Kernel) (k2: Kernel) : Kernel = Kernel.Product(k1, k2)

    /// <summary>c · k for c > 0.</summary>
    /// <exception cref="T:System.ArgumentException">c ≤ 0 or not finite.</exception>
    [<CompiledName("Scale")>]
    let scale (c: float) (k: Kernel) : Kernel = c * k

    /// True when the kernel is the plain linear one (solvers then keep w = Σ αᵢ yᵢ xᵢ explicitly).
    [<CompiledName("IsLinear")>]
    let isLinear (kernel: Kernel) = kernel = Kernel.Linear

    /// <summary>k(a, b) from a · b, ‖a‖² and ‖b‖²: the form in which every kernel here is evaluated.</summary>
    let rec internal ofParts (kernel: Kernel) (dot: float) (aa: float) (bb: float) : float =
        match kernel with
        | Kernel.Linear -> dot
        | Kernel.Polynomial(d, g, c) -> Math.Pow(g * dot + c, float d)
        | Kernel.Rbf g -> exp (-g * max 0.0 (aa + bb - 2.0 * dot))
        | Kernel.Sum(k1, k2) -> ofParts k1 dot aa bb + ofParts k2 dot aa bb
        | Kernel.Product(k1, k2) -> ofParts k1 dot aa bb * ofParts k2 dot aa bb
        | Kernel.Scaled(c, k1) -> c * ofParts k1 dot aa bb

    /// <summary>The Gram matrix of rows of a against rows of b, row-major: dot products by one GEMM, then the kernel
    /// applied element-wise.</summary>
    let internal gramRows (kernel: Kernel) (a: Rows) (b: Rows) : float[] =
        let d = ClassicInput.dots a b

        if not (isLinear kernel) then
            let an, bn = ClassicInput.rowNorms a, ClassicInput.rowNorms b
            let m = b.Count

            System.Threading.Tasks.Parallel.For(
                0,
                a.Count,
                Functional.Core.Kernels.CpuSettings.ParallelOptions,
                fun i ->
                    for j in 0 .. m - 1 do
                        d[i * m + j] <- ofParts kernel d[i * m + j] an[i] bn[j]
            )
            |> ignore

        d

    /// <summary>k(a, b) for two vectors of one length.</summary>
    /// <example><c>Kernel.evaluate (Kernel.polynomial 2 1.0 1.0) (Tensor.ofList [1.0; 2.0]) (Tensor.ofList [3.0; 0.0])</c> = (3 + 1)² = 16.</example>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">a and b are not vectors of one length.</exception>
    /// <exception cref="T:System.ArgumentException">A kernel parameter is out of range, or a value is not finite.</exception>
    [<CompiledName("Evaluate")>]
    let evaluate (kernel: Kernel) (a: Tensor) (b: Tensor) : float =
        ClassicInput.notNull (nameof a) a
        ClassicInput.notNull (nameof b) b
        validate kernel

        if a.Rank <> 1 || b.Rank <> 1 || a.Dims[0] <> b.Dims[0] then
            ShapeRules.Fail("kernel", "two vectors of one length", $"a {a.Shape}, b {b.Shape}")

        let ra = ClassicInput.matrix "kernel" (nameof a) (a.Reshape [ 1; -1 ])
        let rb = ClassicInput.matrix "kernel" (nameof b) (b.Reshape [ 1; -1 ])
        let av = ra.Row 0
        let bv = rb.Row 0

        ofParts
            kernel
            (System.Numerics.Tensors.TensorPrimitives.Dot(av, bv))
            (System.Numerics.Tensors.TensorPrimitives.Dot(av, av))
            (System.Numerics.Tensors.TensorPrimitives.Dot(bv, bv))

    /// <summary>The Gram matrix K[i, j] = k(aᵢ, bⱼ) of the rows of a [n, d] and b [m, d], as a float64 [n, m]
    /// tensor. All dot products come from one GEMM (a · bᵀ); the kernel is then applied element-wise.</summary>
    /// <example><c>Kernel.gram (Kernel.rbf 0.5) x x</c> is symmetric with ones on its diagonal.</example>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">a or b is not a matrix, or their widths differ.</exception>
    /// <exception cref="T:System.ArgumentException">A kernel parameter is out of range, a matrix is empty, or a value is
    /// not finite.</exception>
    [<CompiledName("Gram")>]
    let gram (kernel: Kernel) (a: Tensor) (b: Tensor) : Tensor =
        validate kernel
        let ra = ClassicInput.matrix "gram" (nameof a) a

        if not (isNull (box b)) && b.Rank = 2 && b.Dims[1] <> ra.Width then
            ShapeRules.Fail("gram", "a and b with one number of columns", $"a {a.Shape}, b {b.Shape}")

        let rb = ClassicInput.matrixOfWidth "gram" (nameof b) ra.Width b
        ClassicInput.tensor ra.Count rb.Count (gramRows kernel ra rb)
