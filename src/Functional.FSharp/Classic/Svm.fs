// Soft-margin support vector classification solved by SMO with LIBSVM's second-order working-set selection (Fan, Chen &
// Lin 2005, "Working set selection using second order information for training SVM", JMLR 6; Chang & Lin, LIBSVM).
namespace Functional

open System
open Functional.Core.Models
open Functional.Core.Tensors

/// <summary>A fitted two-class soft-margin SVM: f(x) = Σₛ dualₛ k(svₛ, x) + b, predicting the second class where
/// f(x) &gt; 0. The fields follow scikit-learn's SVC (support_, dual_coef_, intercept_, coef_).</summary>
type SvmFit = {
    /// The kernel k.
    Kernel: Kernel
    /// The box constraint C: 0 ≤ αᵢ ≤ C.
    C: float
    /// The two class values, sorted: Classes[0] is coded −1, Classes[1] is coded +1.
    Classes: float[]
    /// The dtype of the training labels; predictions come back in it.
    LabelType: DType
    /// The support vectors (training rows with αᵢ &gt; 0), [s, d], in training order.
    SupportVectors: Tensor
    /// The training row index of each support vector.
    SupportIndices: int[]
    /// αᵢ yᵢ for each support vector, yᵢ = ±1 (scikit-learn's dual_coef_).
    DualCoefficients: float[]
    /// The bias b (scikit-learn's intercept_; LIBSVM's −ρ).
    Bias: float
    /// w = Σ αᵢ yᵢ xᵢ, [d], for the linear kernel; None for other kernels.
    Weights: Tensor option
    /// The width 2 / ‖w‖ of the margin, measured in the kernel's feature space (‖w‖² = Σₛₜ dualₛ dualₜ k(svₛ, svₜ));
    /// infinity when w = 0.
    Margin: float
    /// The dual objective ½ αᵀQα − Σ αᵢ at the solution (Qᵢⱼ = yᵢ yⱼ k(xᵢ, xⱼ)), as LIBSVM reports it.
    Objective: float
    /// SMO iterations (pair updates) made.
    Iterations: int
    /// True when the maximal violating pair satisfied the tolerance before the iteration limit.
    Converged: bool
}

/// <summary>Soft-margin SVM classification: minimise ½ αᵀQα − Σ αᵢ subject to 0 ≤ αᵢ ≤ C and Σ yᵢ αᵢ = 0, where
/// Qᵢⱼ = yᵢ yⱼ k(xᵢ, xⱼ) — the dual of min ½‖w‖² + C Σ max(0, 1 − yᵢ f(xᵢ)), the hinge loss.</summary>
/// <remarks>The solver is SMO (Platt 1998) with the working-set selection of Fan, Chen &amp; Lin 2005 (WSS 2, second
/// order) and LIBSVM's update, clipping and bias rules, without shrinking; the stopping rule is LIBSVM's
/// m(α) − M(α) &lt; tolerance. scikit-learn's SVC runs the same algorithm, so fits agree to about the tolerance.</remarks>
[<RequireQualifiedAccess>]
module Svm =

    /// <summary>Settings; start from <c>Svm.defaults</c>.</summary>
    type Settings = {
        /// The kernel k(a, b).
        Kernel: Kernel
        /// The box constraint C &gt; 0: the price of each unit of hinge loss.
        C: float
        /// Stop when the maximal KKT violation m(α) − M(α) falls below this (LIBSVM's eps).
        Tolerance: float
        /// The most SMO iterations (pair updates) to make.
        MaxIterations: int
        /// Memory for kernel values, in MiB: the whole Gram matrix is computed (one GEMM) when n² doubles fit,
        /// otherwise rows are cached.
        CacheMegabytes: float
    }

    /// Linear kernel, C = 1, tolerance 1e-3, at most 10⁷ iterations, a 200 MiB kernel cache (scikit-learn's SVC
    /// defaults but for the kernel).
    [<CompiledName("Defaults")>]
    let defaults = {
        Kernel = Kernel.Linear
        C = 1.0
        Tolerance = 1e-3
        MaxIterations = 10_000_000
        CacheMegabytes = 200.0
    }

    let private op = "svm"

    let private checkSettings (settings: Settings) =
        ClassicInput.notNull (nameof settings) settings
        Kernel.validate settings.Kernel
        ClassicInput.positive op "C" settings.C
        ClassicInput.positive op "tolerance" settings.Tolerance
        ClassicInput.atLeast op "max iterations" 0 settings.MaxIterations
        ClassicInput.positive op "cache size (MiB)" settings.CacheMegabytes

    /// <summary>Fits a soft-margin SVM to the rows of <paramref name="x"/> [n, d] and their labels
    /// <paramref name="y"/> [n] (two distinct values, int or float: the smaller is coded −1, the larger +1).</summary>
    /// <example><c>Svm.fit { Svm.defaults with Kernel = Kernel.rbfOfSigma 0.1 } x y |> Svm.predict &lt;| x</c></example>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix, or y has not one label per row.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or holds NaN or infinity; the labels are not integers or
    /// not of exactly two classes; a setting is out of range.</exception>
    [<CompiledName("Fit")>]
    let fit (settings: Settings) (x: Tensor) (y: Tensor) : SvmFit =
        checkSettings settings
        let rows = ClassicInput.matrix op (nameof x) x
        let labels, classes = ClassicInput.labels op (nameof y) rows.Count y

        if classes.Length <> 2 then
            let shown = classes |> Array.truncate 5 |> Array.map string |> String.concat ", "

            raise (
                ArgumentException(
                    $"{op}: expected labels of exactly two classes, received {classes.Length} ({shown})",
                    nameof y
                )
            )

        let coded = labels |> Array.map (fun v -> if v = classes[1] then 1.0 else -1.0)

        let kernelRows =
            KernelRows(settings.Kernel, rows, settings.CacheMegabytes * 1048576.0)

        let solution =
            SmoSolver.solve settings.C settings.Tolerance settings.MaxIterations kernelRows coded

        let support = [|
            for i in 0 .. rows.Count - 1 do
                if solution.Alpha[i] > 0.0 then
                    i
        |]

        let dual = support |> Array.map (fun i -> solution.Alpha[i] * coded[i])
        let supportRows = ClassicInput.pick rows support

        // ‖w‖² = αᵀQα = Σ αᵢ (∇ᵢ + 1), since ∇ = Qα − 1.
        let wSquared =
            Array.fold2 (fun acc a gi -> acc + a * (gi + 1.0)) 0.0 solution.Alpha solution.Gradient

        let weights =
            if Kernel.isLinear settings.Kernel then
                let w = Array.zeroCreate rows.Width

                dual
                |> Array.iteri (fun s a ->
                    let row = supportRows.Row s

                    for f in 0 .. rows.Width - 1 do
                        w[f] <- w[f] + a * row[f])

                Some(ClassicInput.tensorVector w)
            else
                None

        {
            Kernel = settings.Kernel
            C = settings.C
            Classes = classes
            LabelType = y.DType
            SupportVectors = ClassicInput.tensor support.Length rows.Width supportRows.Data
            SupportIndices = support
            DualCoefficients = dual
            Bias = -solution.Rho
            Weights = weights
            Margin =
                if wSquared > 0.0 then
                    2.0 / sqrt wSquared
                else
                    Double.PositiveInfinity
            Objective = 0.5 * wSquared - Array.sum solution.Alpha
            Iterations = solution.Iterations
            Converged = solution.Converged
        }

    /// <summary>The decision values f(x) = Σₛ dualₛ k(svₛ, x) + b for each row of <paramref name="x"/> [m, d], as a
    /// float64 vector [m] (w · x + b for the linear kernel). Positive means the second class.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix of the training width.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or holds NaN or infinity.</exception>
    [<CompiledName("DecisionFunction")>]
    let decisionFunction (fit: SvmFit) (x: Tensor) : Tensor =
        ClassicInput.notNull (nameof fit) fit
        let width = fit.SupportVectors.Dims[1]
        let rows = ClassicInput.matrixOfWidth "svm decisionFunction" (nameof x) width x

        let values =
            match fit.Weights with
            | Some w ->
                let wv = w.ToFloatArray()

                Array.init rows.Count (fun i ->
                    System.Numerics.Tensors.TensorPrimitives.Dot(rows.Row i, ReadOnlySpan<float> wv)
                    + fit.Bias)
            | None when fit.SupportIndices.Length = 0 -> Array.create rows.Count fit.Bias
            | None ->
                let sv =
                    ClassicInput.matrix "svm decisionFunction" "support vectors" fit.SupportVectors

                let s = sv.Count
                let gram = Kernel.gramRows fit.Kernel rows sv

                Array.init rows.Count (fun i ->
                    System.Numerics.Tensors.TensorPrimitives.Dot(
                        ReadOnlySpan<float>(gram, i * s, s),
                        ReadOnlySpan<float> fit.DualCoefficients
                    )
                    + fit.Bias)

        ClassicInput.tensorVector values

    /// <summary>The predicted class of each row of <paramref name="x"/>: Classes[1] where f(x) &gt; 0, else
    /// Classes[0], in the training labels' dtype.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix of the training width.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or holds NaN or infinity.</exception>
    [<CompiledName("Predict")>]
    let predict (fit: SvmFit) (x: Tensor) : Tensor =
        decisionFunction fit x
        |> Tensor.toArray
        |> Array.map (fun f -> if f > 0.0 then fit.Classes[1] else fit.Classes[0])
        |> ClassicInput.labelTensor fit.LabelType

    /// <summary>The share of rows whose predicted class equals the label: a convenience for the lecture checks.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix of the training width, or
    /// y has not one label per row.</exception>
    [<CompiledName("Accuracy")>]
    let accuracy (fit: SvmFit) (x: Tensor) (y: Tensor) : float =
        let predicted = predict fit x |> Tensor.toArray
        let labels = ClassicInput.vector "svm accuracy" (nameof y) predicted.Length y

        float (Array.fold2 (fun n p l -> if p = l then n + 1 else n) 0 predicted labels)
        / float predicted.Length

    /// <summary>The outcome of <c>Svm.selectOnValidation</c>: the pair (C, kernel parameter) with the lowest
    /// validation error, its SVM, and the error of every pair tried.</summary>
    type Selection<'Parameter> = {
        /// The chosen C.
        C: float
        /// The chosen kernel parameter (σ for <c>Kernel.rbfOfSigma</c>).
        Parameter: 'Parameter
        /// The kernel built from the chosen parameter.
        Kernel: Kernel
        /// The validation error 1 − accuracy of the chosen pair.
        ValidationError: float
        /// The SVM fitted on the training set with the chosen pair.
        Fit: SvmFit
        /// The C values tried, in the order given: the rows of Errors.
        Cs: float[]
        /// The kernel parameters tried, in the order given: the columns of Errors.
        Parameters: 'Parameter[]
        /// Errors[i, j]: the validation error with Cs[i] and Parameters[j] (the table behind a heat map).
        Errors: float[,]
    }

    /// <summary>Model selection on a validation set, as in Ng's exercise 6: fits an SVM on the training set for every C
    /// in <paramref name="cs"/> and every kernel parameter p in <paramref name="parameters"/> (kernel
    /// <c>kernelOf p</c>, the other settings from <paramref name="settings"/>), and keeps the pair with the lowest
    /// validation error 1 − accuracy. A tie goes to the first pair in grid order (C outer, p inner).</summary>
    /// <remarks>The validation set chooses the hyper-parameters, so its error is an optimistic estimate: report a test
    /// set's. Every setting and both data sets are checked before the first fit.</remarks>
    /// <example><c>Svm.selectOnValidation Svm.defaults Kernel.rbfOfSigma [ 0.1; 1.0; 10.0 ] [ 0.03; 0.1; 0.3 ] (x, y)
    /// (xVal, yVal)</c></example>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">xTrain or xVal is not a matrix, their widths
    /// differ, or a label vector has not one label per row.</exception>
    /// <exception cref="T:System.ArgumentException">cs or parameters is empty; a C, a kernel or another setting is out of
    /// range; the data are empty or hold NaN or infinity; the training labels are not of exactly two classes; a
    /// validation label is not one of them.</exception>
    [<CompiledName("SelectOnValidation")>]
    let selectOnValidation
        (settings: Settings)
        (kernelOf: 'Parameter -> Kernel)
        (cs: float list)
        (parameters: 'Parameter list)
        (xTrain: Tensor, yTrain: Tensor)
        (xVal: Tensor, yVal: Tensor)
        : Selection<'Parameter> =
        let op = "svm selectOnValidation"
        ClassicInput.notNull (nameof settings) settings
        ClassicInput.notNull (nameof kernelOf) kernelOf

        if List.isEmpty cs then
            raise (ArgumentException($"{op}: expected at least one C, received none", nameof cs))

        if List.isEmpty parameters then
            raise (ArgumentException($"{op}: expected at least one kernel parameter, received none", nameof parameters))

        let cValues = Array.ofList cs
        let parameterValues = Array.ofList parameters
        let kernels = parameterValues |> Array.map kernelOf

        let candidate i j = {
            settings with
                C = cValues[i]
                Kernel = kernels[j]
        }

        for i in 0 .. cValues.Length - 1 do
            for j in 0 .. kernels.Length - 1 do
                checkSettings (candidate i j)

        let train = ClassicInput.matrix op (nameof xTrain) xTrain
        let _, classes = ClassicInput.labels op (nameof yTrain) train.Count yTrain

        if classes.Length <> 2 then
            raise (
                ArgumentException(
                    $"{op}: expected yTrain of exactly two classes, received {classes.Length}",
                    nameof yTrain
                )
            )

        let validation = ClassicInput.matrixOfWidth op (nameof xVal) train.Width xVal
        let validationLabels = ClassicInput.vector op (nameof yVal) validation.Count yVal

        let isClass v = v = classes[0] || v = classes[1]

        match Array.tryFindIndex (isClass >> not) validationLabels with
        | Some k ->
            let expected = $"yVal of the training classes {classes[0]} and {classes[1]}"

            raise (
                ArgumentException(
                    $"{op}: expected {expected}, received {validationLabels[k]} at index {k}",
                    nameof yVal
                )
            )
        | None -> ()

        let errors = Array2D.zeroCreate cValues.Length kernels.Length
        let mutable best = None

        for i in 0 .. cValues.Length - 1 do
            for j in 0 .. kernels.Length - 1 do
                let fitted = fit (candidate i j) xTrain yTrain
                errors[i, j] <- 1.0 - accuracy fitted xVal yVal

                // Strictly lower replaces: the first pair in grid order keeps a tie.
                match best with
                | Some(bi, bj, _) when errors[bi, bj] <= errors[i, j] -> ()
                | _ -> best <- Some(i, j, fitted)

        let bi, bj, bestFit = Option.get best

        {
            C = cValues[bi]
            Parameter = parameterValues[bj]
            Kernel = kernels[bj]
            ValidationError = errors[bi, bj]
            Fit = bestFit
            Cs = cValues
            Parameters = parameterValues
            Errors = errors
        }

/// <summary>A fitted SVM as a Core predictor (layer two over <see cref="T:Functional.SvmFit"/>).</summary>
[<Sealed>]
type SvmModel(fit: SvmFit) =
    /// The fitted SVM: support vectors, dual coefficients, bias, margin.
    member _.Result = fit

    /// <summary>The decision values f(x), one per row; see <c>Svm.decisionFunction</c>.</summary>
    member _.DecisionFunction(x: Tensor) = Svm.decisionFunction fit x

    /// <summary>The predicted class of each row; see <c>Svm.predict</c>.</summary>
    member _.Predict(x: Tensor) = Svm.predict fit x

    interface IPredictor<Tensor, Tensor> with
        member _.Predict x = Svm.predict fit x

/// <summary>The SVM as a Core estimator: <c>SvmClassifier(settings).Fit(x, y)</c> gives an <see cref="T:Functional.SvmModel"/>.</summary>
[<Sealed>]
type SvmClassifier(settings: Svm.Settings) =
    /// With <c>Svm.defaults</c> (linear kernel, C = 1).
    new() = SvmClassifier(Svm.defaults)

    /// The settings every fit uses.
    member _.Settings = settings

    /// <summary>Fits the SVM; see <c>Svm.fit</c>.</summary>
    member _.Fit(x: Tensor, y: Tensor) = SvmModel(Svm.fit settings x y)

    interface IEstimator<Tensor, Tensor, Tensor> with
        member this.Fit(x, y) =
            this.Fit(x, y) :> IPredictor<Tensor, Tensor>
