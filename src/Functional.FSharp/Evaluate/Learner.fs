// A learner as evaluation tools see it: how to fit a model to examples and how to measure its error on examples.
namespace Functional

open System
open Functional.Core.Models

/// <summary>What evaluation tools need of any model, classic or neural: fit it to examples, and measure a fitted
/// model's error on examples (lower is better). Build one with <c>Learner.create</c> from fit / predict / error
/// functions, or with <c>Learner.ofEstimator</c> from a Core <c>IEstimator</c>.</summary>
/// <remarks>The error need not be the training objective: the deck fits with the regularised cost but reports
/// J_train and J_cv without the penalty.</remarks>
type Learner<'Input, 'Target, 'Model> = {
    /// Fits a model to the examples.
    Fit: Examples<'Input, 'Target> -> 'Model
    /// The model's error on the examples.
    Error: 'Model -> Examples<'Input, 'Target> -> float
}

/// Error measures between targets and predictions, for <c>Learner.create</c>.
[<RequireQualifiedAccess>]
module ErrorMeasure =
    let private sameLength (op: string) (targets: 'A[]) (predictions: 'B[]) =
        if isNull (box targets) then
            nullArg (nameof targets)

        if isNull (box predictions) then
            nullArg (nameof predictions)

        if targets.Length <> predictions.Length then
            raise (
                ArgumentException(
                    $"{op}: expected one prediction per target, received {targets.Length} targets and {predictions.Length} predictions",
                    nameof predictions
                )
            )

    /// <summary>The deck's J without regularisation: Σ(ŷ − y)² / (2m). Zero examples give 0.</summary>
    /// <exception cref="T:System.ArgumentException">The arrays differ in length.</exception>
    [<CompiledName("HalfMeanSquaredError")>]
    let halfMeanSquaredError (targets: float[]) (predictions: float[]) : float =
        sameLength "halfMeanSquaredError" targets predictions

        if targets.Length = 0 then
            0.0
        else
            Array.fold2 (fun s (y: float) p -> s + (p - y) * (p - y)) 0.0 targets predictions
            / (2.0 * float targets.Length)

    /// <summary>The share of predictions that differ from their targets, 1 − accuracy. Zero examples give 0.</summary>
    /// <exception cref="T:System.ArgumentException">The arrays differ in length.</exception>
    [<CompiledName("MisclassificationRate")>]
    let misclassificationRate (targets: 'Label[]) (predictions: 'Label[]) : float =
        sameLength "misclassificationRate" targets predictions

        if targets.Length = 0 then
            0.0
        else
            float (Array.fold2 (fun n y p -> if y = p then n else n + 1) 0 targets predictions)
            / float targets.Length

/// Building learners.
[<RequireQualifiedAccess>]
module Learner =
    /// <summary>A learner from a fit function, a predict function and an error measure of targets and predictions.</summary>
    /// <example><c>Learner.create (fun ex -> RegularizedLinearRegression.fit 1.0 ex) RegularizedLinearRegression.predict ErrorMeasure.halfMeanSquaredError</c></example>
    [<CompiledName("Create")>]
    let create
        (fit: Examples<'Input, 'Target> -> 'Model)
        (predict: 'Model -> 'Input[] -> 'Prediction)
        (error: 'Target[] -> 'Prediction -> float)
        : Learner<'Input, 'Target, 'Model> = {
        Fit = fit
        Error = fun model examples -> error examples.Targets (predict model examples.Inputs)
    }

    /// <summary>A learner from a Core estimator that takes a batch of inputs as an array (the fitted model is the
    /// estimator's <c>IPredictor</c>).</summary>
    [<CompiledName("OfEstimator")>]
    let ofEstimator
        (estimator: IEstimator<'Input[], 'Target[], 'Prediction>)
        (error: 'Target[] -> 'Prediction -> float)
        : Learner<'Input, 'Target, IPredictor<'Input[], 'Prediction>> =
        if isNull (box estimator) then
            nullArg (nameof estimator)

        create
            (fun examples -> estimator.Fit(examples.Inputs, examples.Targets))
            (fun predictor inputs -> predictor.Predict inputs)
            error

    /// <summary>A learner from a Core estimator that takes a feature matrix (one row per example), as classic
    /// estimators do.</summary>
    [<CompiledName("OfMatrixEstimator")>]
    let ofMatrixEstimator
        (estimator: IEstimator<float[,], 'Target[], 'Prediction>)
        (error: 'Target[] -> 'Prediction -> float)
        : Learner<float[], 'Target, IPredictor<float[,], 'Prediction>> =
        if isNull (box estimator) then
            nullArg (nameof estimator)

        create
            (fun examples -> estimator.Fit(Examples.inputMatrix examples, examples.Targets))
            (fun predictor inputs -> predictor.Predict(Examples.matrixOfRows "predict" inputs))
            error

    /// <summary>A learner from a Core estimator on tensors, as neural models and the classic estimators on tensors
    /// (e.g. <c>SvmClassifier</c>) implement it: inputs go in as a float64 matrix [m, n], targets as a vector [m]
    /// (labels as floats), and the predictions come back flattened to m floats for the error measure.</summary>
    /// <example><c>Learner.ofTensorEstimator (SvmClassifier { Svm.defaults with C = 0.1 }) ErrorMeasure.misclassificationRate</c></example>
    [<CompiledName("OfTensorEstimator")>]
    let ofTensorEstimator
        (estimator: IEstimator<Tensor, Tensor, Tensor>)
        (error: float[] -> float[] -> float)
        : Learner<float[], float, IPredictor<Tensor, Tensor>> =
        if isNull (box estimator) then
            nullArg (nameof estimator)

        create
            (fun examples ->
                estimator.Fit(Tensor.ofArray2D (Examples.inputMatrix examples), Tensor.ofArray examples.Targets))
            (fun predictor inputs ->
                predictor.Predict(Tensor.ofArray2D (Examples.matrixOfRows "predict" inputs))
                |> Tensor.toArray)
            error

    /// <summary>The learner on transformed inputs: f maps every input before fitting and before measuring, so a
    /// feature change (a dropped word, polynomial terms) is one learner among others in a comparison.</summary>
    /// <example><c>baseline |> Learner.mapInputs (Array.truncate 100)</c> uses the first 100 features only.</example>
    [<CompiledName("MapInputs")>]
    let mapInputs
        (f: 'Input -> 'Mapped)
        (learner: Learner<'Mapped, 'Target, 'Model>)
        : Learner<'Input, 'Target, 'Model> = {
        Fit = fun examples -> learner.Fit(Examples.mapInputs f examples)
        Error = fun model examples -> learner.Error model (Examples.mapInputs f examples)
    }

    /// <summary>The model's error on the examples, checked: NaN or infinity is an error naming the tool and the
    /// point, never a number to plot.</summary>
    let internal checkedError
        (op: string)
        (point: string)
        (learner: Learner<'Input, 'Target, 'Model>)
        (model: 'Model)
        (examples: Examples<'Input, 'Target>)
        =
        let e = learner.Error model examples

        if not (Double.IsFinite e) then
            raise (InvalidOperationException($"{op}: the error at {point} is {e}, expected a finite number"))

        e
