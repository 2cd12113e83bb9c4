namespace Functional.CSharp

open System
open System.Diagnostics.CodeAnalysis
open System.Runtime.CompilerServices
open System.Runtime.InteropServices
open Functional

/// <summary>Standardisation for C#: <c>Standardize.fitTransform</c> with a named value tuple,
/// <c>var (standardizer, z) = Standardization.FitTransform(x)</c>. <c>Standardize.Fit</c>, <c>Transform</c> and
/// <c>Inverse</c> are already plain static methods.</summary>
[<AbstractClass; Sealed>]
type Standardization =
    /// <summary>Fits μ and σ to the columns of <paramref name="x"/> and standardises it, z = (x − μ) / σ:
    /// Standardize.fitTransform.</summary>
    /// <exception cref="T:System.ArgumentException">As <c>Standardize.Fit</c>.</exception>
    [<return: TupleElementNames([| "Standardizer"; "Standardized" |])>]
    static member FitTransform(x: Tensor) : struct (Standardizer * Tensor) =
        let standardizer, z = Standardize.fitTransform x
        struct (standardizer, z)

/// <summary>The classic fits' results as C# reads them: value tuples for F# pairs and <c>TryGet…(out …)</c> for F#
/// options. Each forwards to the F# module or reads the record.</summary>
[<AbstractClass; Sealed; Extension>]
type ClassicExtensions =
    /// <summary>The k nearest training rows of each query row of x [m, d]: their indices (int64 [m, k], nearest
    /// first) and Euclidean distances (float64 [m, k]): Knn.neighbours.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix of the training
    /// width.</exception>
    [<Extension>]
    [<return: TupleElementNames([| "Indices"; "Distances" |])>]
    static member Neighbours(fit: KnnFit, x: Tensor) : struct (Tensor * Tensor) =
        Arguments.notNull (nameof fit) fit
        let indices, distances = Knn.neighbours fit x
        struct (indices, distances)

    /// <summary>w = Σ αᵢ yᵢ xᵢ, [d], when the kernel is linear; false for other kernels (the F# field
    /// <c>Weights</c> is None).</summary>
    [<Extension>]
    static member TryGetWeights(fit: SvmFit, [<Out; MaybeNullWhen(false)>] weights: byref<Tensor>) : bool =
        Arguments.notNull (nameof fit) fit

        match fit.Weights with
        | Some w ->
            weights <- w
            true
        | None ->
            weights <- Unchecked.defaultof<Tensor>
            false

    /// <summary>The threshold above which a feature counts as on; false when the model was fitted on 0/1 data
    /// without one (the F# field <c>Binarize</c> is None).</summary>
    [<Extension>]
    static member TryGetBinarize(fit: BernoulliNaiveBayes, [<Out>] threshold: byref<float>) : bool =
        Arguments.notNull (nameof fit) fit

        match fit.Binarize with
        | Some t ->
            threshold <- t
            true
        | None ->
            threshold <- 0.0
            false

/// <summary>Cost functions as delegates, for <c>Differentiation.Grad</c> and optimisers.</summary>
[<AbstractClass; Sealed>]
type CostFunctions =
    /// <summary>The deck's regularised linear-regression cost J(θ) on X (column 0 holds ones) and y, as a
    /// differentiable function of θ: RegularizedLinearRegression.costTensor.</summary>
    /// <exception cref="T:System.ArgumentException">Shapes disagree, X is empty, or λ is negative or not
    /// finite.</exception>
    static member RegularizedLinearRegression(lambda: float, x: float[,], y: float[]) : Func<Tensor, Tensor> =
        Func<Tensor, Tensor>(RegularizedLinearRegression.costTensor lambda x y)

/// <summary>Model selection for SVMs from C#.</summary>
[<AbstractClass; Sealed>]
type SvmSelection =
    /// <summary>The C and kernel parameter (e.g. σ) with the lowest error on the validation set, with the whole
    /// table of errors: Svm.selectOnValidation with arrays and a delegate.</summary>
    /// <param name="settings">SVM settings (C is taken from <paramref name="cs"/>).</param>
    /// <param name="kernelOf">Builds the kernel of a parameter, e.g. <c>Kernel.RbfOfSigma</c>.</param>
    /// <param name="cs">The C values to try.</param>
    /// <param name="parameters">The kernel parameters to try.</param>
    /// <param name="xTrain">Training inputs.</param>
    /// <param name="yTrain">Training labels.</param>
    /// <param name="xVal">Validation inputs.</param>
    /// <param name="yVal">Validation labels.</param>
    static member SelectOnValidation
        (
            settings: Svm.Settings,
            kernelOf: Func<'Parameter, Kernel>,
            cs: float[],
            parameters: 'Parameter[],
            xTrain: Tensor,
            yTrain: Tensor,
            xVal: Tensor,
            yVal: Tensor
        ) : Svm.Selection<'Parameter> =
        Arguments.notNull (nameof kernelOf) kernelOf
        Arguments.notNull (nameof cs) cs
        Arguments.notNull (nameof parameters) parameters

        Svm.selectOnValidation
            settings
            kernelOf.Invoke
            (List.ofArray cs)
            (List.ofArray parameters)
            (xTrain, yTrain)
            (xVal, yVal)
