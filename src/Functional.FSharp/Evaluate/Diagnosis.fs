// Bias / variance diagnosis from training and validation errors, and the remedies the deck lists for each verdict.
namespace Functional

open System

/// <summary>What limits the model (Ng, ML week 6, "Diagnosing bias vs. variance").</summary>
[<RequireQualifiedAccess>]
type Verdict =
    /// Underfitting: the training error itself misses the target; validation error sits close above it.
    | HighBias
    /// Overfitting: the training error meets the target but validation error is well above it.
    | HighVariance
    /// The validation error meets the target.
    | Fine

/// <summary>The deck's "debugging a learning algorithm" options.</summary>
[<RequireQualifiedAccess>]
type Remedy =
    /// Get more training examples (fixes high variance).
    | MoreTrainingExamples
    /// Try smaller sets of features (fixes high variance).
    | FewerFeatures
    /// Try increasing λ (fixes high variance).
    | IncreaseLambda
    /// Try getting additional features (fixes high bias).
    | MoreFeatures
    /// Try adding polynomial features x₁², x₂², x₁x₂ … (fixes high bias).
    | PolynomialFeatures
    /// Try decreasing λ (fixes high bias).
    | DecreaseLambda

    /// The deck's wording.
    override this.ToString() =
        match this with
        | MoreTrainingExamples -> "get more training examples"
        | FewerFeatures -> "try smaller sets of features"
        | IncreaseLambda -> "try increasing λ"
        | MoreFeatures -> "try getting additional features"
        | PolynomialFeatures -> "try adding polynomial features"
        | DecreaseLambda -> "try decreasing λ"

/// <summary>The numbers a verdict rests on.</summary>
type DiagnosisEvidence = {
    /// t = J_train (at the largest training size, for a learning curve).
    TrainingError: float
    /// v = J_cv.
    ValidationError: float
    /// v − t.
    Gap: float
    /// ε, the error the project needs.
    TargetError: float
    /// For a learning curve: J_cv at the middle training size minus J_cv at the largest. Clearly positive: validation
    /// error is still falling, so more data may still help; near zero: the curve has flattened. None otherwise.
    ValidationDropOverSecondHalf: float option
}

/// <summary>A verdict with its evidence and the remedies worth trying.</summary>
type Diagnosis = {
    /// High bias, high variance or fine.
    Verdict: Verdict
    /// The numbers it rests on.
    Evidence: DiagnosisEvidence
    /// The deck's remedies for this verdict (none when fine).
    Remedies: Remedy list
}

/// <summary>The thresholds of the diagnosis. Make them with <c>Diagnosis.withTarget</c>: the target error is the
/// project's own decision (the deck's "desired performance"), so there is no default for it.</summary>
type DiagnosisSettings = {
    /// ε: the error the project needs. t > ε is high bias; t ≤ ε &lt; v is high variance.
    TargetError: float
    /// A gap v − t below this share of v is too small to blame variance: with t ≤ ε &lt; v but (v − t) &lt; share · v,
    /// both errors sit just around the target, and the verdict is high bias. Default 0.2.
    MinGapShare: float
}

/// Bias / variance verdicts.
[<RequireQualifiedAccess>]
module Diagnosis =
    /// <summary>Settings with the target error ε and MinGapShare = 0.2.</summary>
    /// <exception cref="T:System.ArgumentException">ε is negative, NaN or infinite.</exception>
    [<CompiledName("WithTarget")>]
    let withTarget (targetError: float) : DiagnosisSettings =
        if not (Double.IsFinite targetError && targetError >= 0.0) then
            raise (
                ArgumentException(
                    $"diagnosis: expected a finite, non-negative target error, received {targetError}",
                    nameof targetError
                )
            )

        {
            TargetError = targetError
            MinGapShare = 0.2
        }

    /// The deck's remedies for a verdict.
    [<CompiledName("Remedies")>]
    let remedies (verdict: Verdict) : Remedy list =
        match verdict with
        | Verdict.HighVariance -> [ Remedy.MoreTrainingExamples; Remedy.FewerFeatures; Remedy.IncreaseLambda ]
        | Verdict.HighBias -> [ Remedy.MoreFeatures; Remedy.PolynomialFeatures; Remedy.DecreaseLambda ]
        | Verdict.Fine -> []

    let private diagnose (settings: DiagnosisSettings) (t: float) (v: float) (drop: float option) =
        if isNull (box settings) then
            nullArg (nameof settings)

        for name, e in [ "training error", t; "validation error", v ] do
            if not (Double.IsFinite e) then
                raise (ArgumentException($"diagnosis: expected a finite {name}, received {e}", name))

        let verdict =
            if t > settings.TargetError then
                Verdict.HighBias
            elif v <= settings.TargetError then
                Verdict.Fine
            elif v - t >= settings.MinGapShare * v then
                Verdict.HighVariance
            else
                Verdict.HighBias

        {
            Verdict = verdict
            Evidence = {
                TrainingError = t
                ValidationError = v
                Gap = v - t
                TargetError = settings.TargetError
                ValidationDropOverSecondHalf = drop
            }
            Remedies = remedies verdict
        }

    /// <summary>The verdict for a training error t and a validation error v against the target ε:
    /// t > ε → high bias; else v ≤ ε → fine; else a gap v − t of at least MinGapShare · v → high variance, and a
    /// smaller gap → high bias.</summary>
    /// <example><c>Diagnosis.ofErrors (Diagnosis.withTarget 5.0) 22.4 29.4</c> is high bias.</example>
    /// <exception cref="T:System.ArgumentException">An error is NaN or infinite.</exception>
    [<CompiledName("OfErrors")>]
    let ofErrors (settings: DiagnosisSettings) (trainingError: float) (validationError: float) : Diagnosis =
        diagnose settings trainingError validationError None

    /// <summary>The verdict at the largest training size of a learning curve, with the drop of the validation error
    /// over the curve's second half as evidence of whether more data still helps.</summary>
    /// <exception cref="T:System.ArgumentException">The curve has no points, or its last errors are not finite.</exception>
    [<CompiledName("OfLearningCurve")>]
    let ofLearningCurve (settings: DiagnosisSettings) (curve: LearningCurve) : Diagnosis =
        if isNull (box curve) || Array.isEmpty curve.Points then
            raise (ArgumentException("diagnosis: expected a learning curve with points, received none", nameof curve))

        let points = curve.Points
        let last = points[points.Length - 1]
        let middle = points[(points.Length - 1) / 2]
        let drop = middle.ValidationError - last.ValidationError
        diagnose settings last.TrainingError last.ValidationError (Some drop)

    /// <summary>The verdict at every value of a validation curve: small λ tends to high variance, large λ to high
    /// bias.</summary>
    [<CompiledName("OfValidationCurve")>]
    let ofValidationCurve (settings: DiagnosisSettings) (curve: ValidationCurve<'Value>) : ('Value * Diagnosis)[] =
        curve.Points
        |> Array.map (fun p -> p.Value, ofErrors settings p.TrainingError p.ValidationError)

    /// <summary>The verdict at every count of a feature curve: few features tend to high bias, many to high
    /// variance.</summary>
    [<CompiledName("OfFeatureCurve")>]
    let ofFeatureCurve (settings: DiagnosisSettings) (curve: FeatureCurve) : (int * Diagnosis)[] =
        curve.Points
        |> Array.map (fun p -> p.Features, ofErrors settings p.TrainingError p.ValidationError)

    /// A one-line summary: the verdict, its numbers and the remedies.
    [<CompiledName("Describe")>]
    let describe (diagnosis: Diagnosis) : string =
        let e = diagnosis.Evidence

        let verdict =
            match diagnosis.Verdict with
            | Verdict.HighBias -> "high bias (underfitting)"
            | Verdict.HighVariance -> "high variance (overfitting)"
            | Verdict.Fine -> "fine"

        let remedies =
            match diagnosis.Remedies with
            | [] -> "nothing to fix"
            | rs -> rs |> List.map string |> String.concat "; "

        let drop =
            match e.ValidationDropOverSecondHalf with
            | Some d -> $", J_cv fell {d:F3} over the second half"
            | None -> ""

        $"{verdict}: J_train {e.TrainingError:F6}, J_cv {e.ValidationError:F6}, gap {e.Gap:F6}, target {e.TargetError}{drop} → {remedies}"
