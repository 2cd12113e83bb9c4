namespace Functional.CSharp

open System
open System.Collections.Generic
open System.Runtime.CompilerServices
open System.Runtime.InteropServices
open Functional
open Functional.Core.Models

/// <summary>The three roles of a split's parts, for C# data that does not come from <c>Splits.Split</c>:
/// <c>Roles.Validation(examples)</c> is F#'s <c>Validation examples</c>. The roles are distinct types, so a tool that
/// chooses (takes <c>Validation</c>) does not compile with the test set.</summary>
[<AbstractClass; Sealed>]
type Roles =
    /// <summary>Marks data for fitting.</summary>
    static member Train(data: 'T) : Train<'T> = Train data

    /// <summary>Marks data for choosing models and hyper-parameters.</summary>
    static member Validation(data: 'T) : Validation<'T> = Validation data

    /// <summary>Marks data held out for the final report.</summary>
    static member Test(data: 'T) : Test<'T> = Test data

/// <summary>Learners (fit a model to examples, measure its error) from C# delegates and Core estimators: the
/// <c>Learner</c> module with <see cref="T:System.Func`2"/> in place of F# functions, and extension methods that call a
/// learner's F# function fields.</summary>
[<AbstractClass; Sealed; Extension>]
type Learners =
    /// <summary>A learner from a fit function, a predict function and an error measure of targets and predictions
    /// (e.g. <c>ErrorMeasure.HalfMeanSquaredError</c>): Learner.create.</summary>
    /// <param name="fit">Fits a model to examples.</param>
    /// <param name="predict">(model, inputs) → predictions.</param>
    /// <param name="error">(targets, predictions) → error, lower is better.</param>
    static member Create
        (
            fit: Func<Examples<'Input, 'Target>, 'Model>,
            predict: Func<'Model, 'Input[], 'Prediction>,
            error: Func<'Target[], 'Prediction, float>
        ) : Learner<'Input, 'Target, 'Model> =
        Arguments.notNull (nameof fit) fit
        Arguments.notNull (nameof predict) predict
        Arguments.notNull (nameof error) error
        Learner.create fit.Invoke (fun model inputs -> predict.Invoke(model, inputs)) (fun t p -> error.Invoke(t, p))

    /// <summary>A learner from a fit function and the error of a fitted model on examples.</summary>
    /// <param name="fit">Fits a model to examples.</param>
    /// <param name="error">(model, examples) → error, lower is better.</param>
    static member Create
        (fit: Func<Examples<'Input, 'Target>, 'Model>, error: Func<'Model, Examples<'Input, 'Target>, float>)
        : Learner<'Input, 'Target, 'Model> =
        Arguments.notNull (nameof fit) fit
        Arguments.notNull (nameof error) error

        {
            Fit = fit.Invoke
            Error = fun model examples -> error.Invoke(model, examples)
        }

    /// <summary>A learner from a Core estimator taking a batch of inputs as an array: Learner.ofEstimator.</summary>
    static member OfEstimator
        (estimator: IEstimator<'Input[], 'Target[], 'Prediction>, error: Func<'Target[], 'Prediction, float>)
        : Learner<'Input, 'Target, IPredictor<'Input[], 'Prediction>> =
        Arguments.notNull (nameof error) error
        Learner.ofEstimator estimator (fun t p -> error.Invoke(t, p))

    /// <summary>A learner from a Core estimator taking a feature matrix, as the classic estimators do (feature rows
    /// as <c>double[]</c>): Learner.ofMatrixEstimator.</summary>
    static member OfMatrixEstimator
        (estimator: IEstimator<float[,], 'Target[], 'Prediction>, error: Func<'Target[], 'Prediction, float>)
        : Learner<float[], 'Target, IPredictor<float[,], 'Prediction>> =
        Arguments.notNull (nameof error) error
        Learner.ofMatrixEstimator estimator (fun t p -> error.Invoke(t, p))

    /// <summary>A learner from a Core estimator on tensors (neural models, <c>SvmClassifier</c>): inputs go in as a
    /// float64 matrix, targets as a vector, predictions come back as m doubles: Learner.ofTensorEstimator.</summary>
    static member OfTensorEstimator
        (estimator: IEstimator<Tensor, Tensor, Tensor>, error: Func<float[], float[], float>)
        : Learner<float[], float, IPredictor<Tensor, Tensor>> =
        Arguments.notNull (nameof error) error
        Learner.ofTensorEstimator estimator (fun t p -> error.Invoke(t, p))

    /// <summary>The learner on transformed inputs: <paramref name="f"/> maps every input before fitting and
    /// measuring (a feature change as one learner among others): Learner.mapInputs.</summary>
    [<Extension>]
    static member MapInputs
        (learner: Learner<'Mapped, 'Target, 'Model>, f: Func<'Input, 'Mapped>)
        : Learner<'Input, 'Target, 'Model> =
        Arguments.notNull (nameof learner) learner
        Arguments.notNull (nameof f) f
        Learner.mapInputs f.Invoke learner

    /// <summary>Fits a model to the examples: the learner's <c>Fit</c> function.</summary>
    [<Extension>]
    static member FitTo(learner: Learner<'Input, 'Target, 'Model>, examples: Examples<'Input, 'Target>) : 'Model =
        Arguments.notNull (nameof learner) learner
        learner.Fit examples

    /// <summary>The fitted model's error on the examples: the learner's <c>Error</c> function.</summary>
    [<Extension>]
    static member ErrorOf
        (learner: Learner<'Input, 'Target, 'Model>, model: 'Model, examples: Examples<'Input, 'Target>)
        : float =
        Arguments.notNull (nameof learner) learner
        learner.Error model examples

/// <summary>Learning, validation and feature curves for C#: the <c>LearningCurve</c>, <c>ValidationCurve</c> and
/// <c>FeatureCurve</c> modules with <see cref="T:System.Func`2"/>, and overloads taking a whole
/// <see cref="T:Functional.Split`1"/> (its training and validation parts; never its test part).</summary>
[<AbstractClass; Sealed>]
type Curves =
    /// <summary>Training and validation error at every training size 1 … m: LearningCurve.compute.</summary>
    /// <exception cref="T:System.ArgumentException">The training set is empty.</exception>
    /// <exception cref="T:System.InvalidOperationException">An error came out NaN or infinite.</exception>
    static member LearningCurve
        (
            learner: Learner<'Input, 'Target, 'Model>,
            train: Train<Examples<'Input, 'Target>>,
            validation: Validation<Examples<'Input, 'Target>>
        ) : LearningCurve =
        Arguments.notNull (nameof learner) learner
        LearningCurve.compute learner train validation

    /// <summary>The learning curve on a split's training and validation parts.</summary>
    static member LearningCurve
        (learner: Learner<'Input, 'Target, 'Model>, split: Split<Examples<'Input, 'Target>>)
        : LearningCurve =
        Arguments.notNull (nameof learner) learner
        Arguments.notNull (nameof split) split
        LearningCurve.compute learner split.Train split.Validation

    /// <summary>Training and validation error at the given training sizes (each in 1 … m):
    /// LearningCurve.computeAt.</summary>
    /// <exception cref="T:System.ArgumentException">No size is given, or a size is outside 1 … m.</exception>
    static member LearningCurve
        (
            learner: Learner<'Input, 'Target, 'Model>,
            sizes: IEnumerable<int>,
            train: Train<Examples<'Input, 'Target>>,
            validation: Validation<Examples<'Input, 'Target>>
        ) : LearningCurve =
        Arguments.notNull (nameof learner) learner
        LearningCurve.computeAt sizes learner train validation

    /// <summary>For each value, fits <c>learnerFor(value)</c> to the training set and records its training and
    /// validation error; <c>Best</c> is the value of lowest validation error: ValidationCurve.compute.</summary>
    /// <exception cref="T:System.ArgumentException">No value is given.</exception>
    /// <exception cref="T:System.InvalidOperationException">An error came out NaN or infinite.</exception>
    static member ValidationCurve
        (
            values: IEnumerable<'Value>,
            learnerFor: Func<'Value, Learner<'Input, 'Target, 'Model>>,
            train: Train<Examples<'Input, 'Target>>,
            validation: Validation<Examples<'Input, 'Target>>
        ) : ValidationCurve<'Value> =
        Arguments.notNull (nameof learnerFor) learnerFor
        ValidationCurve.compute values learnerFor.Invoke train validation

    /// <summary>The validation curve on a split's training and validation parts.</summary>
    static member ValidationCurve
        (
            values: IEnumerable<'Value>,
            learnerFor: Func<'Value, Learner<'Input, 'Target, 'Model>>,
            split: Split<Examples<'Input, 'Target>>
        ) : ValidationCurve<'Value> =
        Arguments.notNull (nameof split) split
        Curves.ValidationCurve(values, learnerFor, split.Train, split.Validation)

    /// <summary>For each count, fits <c>learnerFor(count)</c> (a learner building that many features) and records
    /// its training and validation error: FeatureCurve.compute.</summary>
    /// <exception cref="T:System.ArgumentException">No count is given.</exception>
    /// <exception cref="T:System.InvalidOperationException">An error came out NaN or infinite.</exception>
    static member FeatureCurve
        (
            counts: IEnumerable<int>,
            learnerFor: Func<int, Learner<'Input, 'Target, 'Model>>,
            train: Train<Examples<'Input, 'Target>>,
            validation: Validation<Examples<'Input, 'Target>>
        ) : FeatureCurve =
        Arguments.notNull (nameof learnerFor) learnerFor
        FeatureCurve.compute counts learnerFor.Invoke train validation

    /// <summary>The feature curve on a split's training and validation parts.</summary>
    static member FeatureCurve
        (
            counts: IEnumerable<int>,
            learnerFor: Func<int, Learner<'Input, 'Target, 'Model>>,
            split: Split<Examples<'Input, 'Target>>
        ) : FeatureCurve =
        Arguments.notNull (nameof split) split
        Curves.FeatureCurve(counts, learnerFor, split.Train, split.Validation)

    /// <summary>The test error of the model at the curve's best value, fitted to the training set: the number to
    /// report once the choice is made: ValidationCurve.testError.</summary>
    static member TestError
        (
            learnerFor: Func<'Value, Learner<'Input, 'Target, 'Model>>,
            curve: ValidationCurve<'Value>,
            train: Train<Examples<'Input, 'Target>>,
            test: Test<Examples<'Input, 'Target>>
        ) : float =
        Arguments.notNull (nameof learnerFor) learnerFor
        ValidationCurve.testError learnerFor.Invoke curve train test

    /// <summary>The test error at the curve's best value on a split's training and test parts.</summary>
    static member TestError
        (
            learnerFor: Func<'Value, Learner<'Input, 'Target, 'Model>>,
            curve: ValidationCurve<'Value>,
            split: Split<Examples<'Input, 'Target>>
        ) : float =
        Arguments.notNull (nameof split) split
        Curves.TestError(learnerFor, curve, split.Train, split.Test)

/// <summary>Splits, examples and diagnoses for C#: F# functions as <see cref="T:System.Func`2"/>, lists as arrays,
/// options as <c>TryGet…(out …)</c>, and <c>With…</c> copies of the settings records.</summary>
[<AbstractClass; Sealed; Extension>]
type EvaluationExtensions =
    /// <summary>Applies <paramref name="f"/> to each part, keeping each part's role: Splits.map.</summary>
    [<Extension>]
    static member Map(split: Split<'T>, f: Func<'T, 'U>) : Split<'U> =
        Arguments.notNull (nameof split) split
        Arguments.notNull (nameof f) f
        Splits.map f.Invoke split

    /// <summary>Applies <paramref name="f"/> to every input, keeping the targets: Examples.mapInputs.</summary>
    [<Extension>]
    static member MapInputs
        (examples: Examples<'Input, 'Target>, f: Func<'Input, 'Mapped>)
        : Examples<'Mapped, 'Target> =
        Arguments.notNull (nameof examples) examples
        Arguments.notNull (nameof f) f
        Examples.mapInputs f.Invoke examples

    /// <summary>A copy with the training share, in (0, 1].</summary>
    [<Extension>]
    static member WithTrainFraction(settings: SplitSettings, trainFraction: float) : SplitSettings =
        Arguments.withChange (nameof settings) settings (fun s -> { s with TrainFraction = trainFraction })

    /// <summary>A copy with the validation share, in [0, 1).</summary>
    [<Extension>]
    static member WithValidationFraction(settings: SplitSettings, validationFraction: float) : SplitSettings =
        Arguments.withChange (nameof settings) settings (fun s -> {
            s with
                ValidationFraction = validationFraction
        })

    /// <summary>A copy whose shuffle is seeded with <paramref name="seed"/>.</summary>
    [<Extension>]
    static member WithSeed(settings: SplitSettings, seed: int) : SplitSettings =
        Arguments.withChange (nameof settings) settings (fun s -> { s with Seed = seed })

    /// <summary>A copy with the target error ε (make settings with <c>DiagnosisModule.WithTarget</c>).</summary>
    [<Extension>]
    static member WithTargetError(settings: DiagnosisSettings, targetError: float) : DiagnosisSettings =
        Arguments.withChange (nameof settings) settings (fun s -> { s with TargetError = targetError })

    /// <summary>A copy with the smallest gap share v − t ≥ share · v that counts as high variance.</summary>
    [<Extension>]
    static member WithMinGapShare(settings: DiagnosisSettings, minGapShare: float) : DiagnosisSettings =
        Arguments.withChange (nameof settings) settings (fun s -> { s with MinGapShare = minGapShare })

    /// <summary>The deck's remedies for the diagnosis' verdict (none when fine), as an array.</summary>
    [<Extension>]
    static member GetRemedies(diagnosis: Diagnosis) : Remedy[] =
        Arguments.notNull (nameof diagnosis) diagnosis
        List.toArray diagnosis.Remedies

    /// <summary>The deck's remedies for a verdict: Diagnosis.remedies.</summary>
    [<Extension>]
    static member Remedies(verdict: Verdict) : Remedy[] =
        Arguments.notNull (nameof verdict) verdict
        List.toArray (Diagnosis.remedies verdict)

    /// <summary>For a learning curve's diagnosis, J_cv at the middle training size minus J_cv at the largest (clearly
    /// positive: more data may still help); false for a diagnosis of two errors.</summary>
    [<Extension>]
    static member TryGetValidationDrop(evidence: DiagnosisEvidence, [<Out>] drop: byref<float>) : bool =
        Arguments.notNull (nameof evidence) evidence

        match evidence.ValidationDropOverSecondHalf with
        | Some d ->
            drop <- d
            true
        | None ->
            drop <- 0.0
            false
