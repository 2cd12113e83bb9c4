// Error against the number of features (e.g. polynomial degree): too few underfit, too many overfit.
namespace Functional

/// <summary>One point of a feature curve: the model with <c>Features</c> features, fitted to the training set.</summary>
type FeatureCurvePoint = {
    /// The number of features (or the polynomial degree) the learner used.
    Features: int
    /// J_train with that many features.
    TrainingError: float
    /// J_cv with that many features.
    ValidationError: float
}

/// <summary>Training and validation error as features are added: training error falls, validation error is
/// U-shaped. Its best point is the number of features to keep.</summary>
type FeatureCurve = {
    /// One point per count, in the order given.
    Points: FeatureCurvePoint[]
    /// The point of lowest validation error (the first of equals).
    Best: FeatureCurvePoint
}

/// Computing error against the number of features.
[<RequireQualifiedAccess>]
module FeatureCurve =
    let private point (p: ValidationCurvePoint<int>) = {
        Features = p.Value
        TrainingError = p.TrainingError
        ValidationError = p.ValidationError
    }

    /// <summary>For each count, fits <c>learnerFor count</c> (a learner whose fit builds that many features, e.g. the
    /// polynomial features of that degree normalised on the training set) and records its training and validation
    /// error.</summary>
    /// <example><c>FeatureCurve.compute [ 1 .. 8 ] (fun degree -> polynomialLearner degree 0.0) (Train train) (Validation validation)</c></example>
    /// <exception cref="T:System.ArgumentException">No count is given.</exception>
    /// <exception cref="T:System.InvalidOperationException">An error came out NaN or infinite.</exception>
    [<CompiledName("Compute")>]
    let compute
        (counts: int seq)
        (learnerFor: int -> Learner<'Input, 'Target, 'Model>)
        (train: Train<Examples<'Input, 'Target>>)
        (validation: Validation<Examples<'Input, 'Target>>)
        : FeatureCurve =
        let curve = ValidationCurve.compute counts learnerFor train validation

        {
            Points = Array.map point curve.Points
            Best = point curve.Best
        }

    /// The counts, as floats for plotting.
    [<CompiledName("Counts")>]
    let counts (curve: FeatureCurve) : float[] =
        curve.Points |> Array.map (fun p -> float p.Features)

    /// J_train at each count.
    [<CompiledName("TrainingErrors")>]
    let trainingErrors (curve: FeatureCurve) : float[] =
        curve.Points |> Array.map (fun p -> p.TrainingError)

    /// J_cv at each count.
    [<CompiledName("ValidationErrors")>]
    let validationErrors (curve: FeatureCurve) : float[] =
        curve.Points |> Array.map (fun p -> p.ValidationError)
