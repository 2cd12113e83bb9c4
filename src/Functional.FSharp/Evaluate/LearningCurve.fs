// Learning curves: training and validation error against the number of training examples (Ng, ML week 6).
namespace Functional

open System

/// <summary>One point of a learning curve: the model fitted to the first <c>TrainingSize</c> training
/// examples.</summary>
type LearningCurvePoint = {
    /// i, the number of training examples fitted.
    TrainingSize: int
    /// J_train: the error on those i examples.
    TrainingError: float
    /// J_cv: the error on the whole validation set.
    ValidationError: float
}

/// <summary>Training and validation error as the training set grows. High bias: both errors end high and close
/// together; high variance: a low training error and a large gap (see <c>Diagnosis.ofLearningCurve</c>).</summary>
type LearningCurve = {
    /// One point per training size, in increasing size.
    Points: LearningCurvePoint[]
}

/// Computing learning curves.
[<RequireQualifiedAccess>]
module LearningCurve =
    /// <summary>For each size i (distinct, in 1 … m, taken in increasing order), fits the learner to the first i
    /// training examples, then records the error on those i examples and on the whole validation set, as the deck's
    /// learningCurve.m does.</summary>
    /// <exception cref="T:System.ArgumentException">No size is given, or a size is outside 1 … m.</exception>
    /// <exception cref="T:System.InvalidOperationException">An error came out NaN or infinite (named by its size).</exception>
    [<CompiledName("ComputeAt")>]
    let computeAt
        (sizes: int seq)
        (learner: Learner<'Input, 'Target, 'Model>)
        (train: Train<Examples<'Input, 'Target>>)
        (validation: Validation<Examples<'Input, 'Target>>)
        : LearningCurve =
        if isNull (box sizes) then
            nullArg (nameof sizes)

        let train, validation = train.Value, validation.Value
        let m = Examples.count train
        let sizes = sizes |> Seq.distinct |> Seq.sort |> Seq.toArray

        if sizes.Length = 0 then
            raise (ArgumentException("learningCurve: expected at least one training size, received none", nameof sizes))

        match Array.tryFind (fun i -> i < 1 || i > m) sizes with
        | Some i ->
            raise (
                ArgumentException(
                    $"learningCurve: expected training sizes in 1 … {m} (the training set's size), received {i}",
                    nameof sizes
                )
            )
        | None -> ()

        {
            Points =
                sizes
                |> Array.map (fun i ->
                    let subset = Examples.take i train
                    let model = learner.Fit subset
                    let point = $"training size {i}"

                    {
                        TrainingSize = i
                        TrainingError = Learner.checkedError "learningCurve" point learner model subset
                        ValidationError = Learner.checkedError "learningCurve" point learner model validation
                    })
        }

    /// <summary>The learning curve at every size 1 … m: train on the first i examples, validate on all.</summary>
    /// <example><c>LearningCurve.compute (RegularizedLinearRegression.learner 0.0) (Train train) (Validation validation)</c></example>
    /// <exception cref="T:System.ArgumentException">The training set is empty.</exception>
    /// <exception cref="T:System.InvalidOperationException">An error came out NaN or infinite (named by its size).</exception>
    [<CompiledName("Compute")>]
    let compute
        (learner: Learner<'Input, 'Target, 'Model>)
        (train: Train<Examples<'Input, 'Target>>)
        (validation: Validation<Examples<'Input, 'Target>>)
        : LearningCurve =
        computeAt [ 1 .. Examples.count train.Value ] learner train validation

    /// The training sizes, as floats for plotting.
    [<CompiledName("Sizes")>]
    let sizes (curve: LearningCurve) : float[] =
        curve.Points |> Array.map (fun p -> float p.TrainingSize)

    /// J_train at each size.
    [<CompiledName("TrainingErrors")>]
    let trainingErrors (curve: LearningCurve) : float[] =
        curve.Points |> Array.map (fun p -> p.TrainingError)

    /// J_cv at each size.
    [<CompiledName("ValidationErrors")>]
    let validationErrors (curve: LearningCurve) : float[] =
        curve.Points |> Array.map (fun p -> p.ValidationError)
