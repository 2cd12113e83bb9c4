// Error analysis (Ng, ML week 6): look at the validation examples the model gets wrong, count them by category, and
// measure one change at a time by its validation error.
namespace Functional

open System

/// <summary>A validation example the model got wrong.</summary>
type Mistake<'Input, 'Label> = {
    /// Its position in the validation set.
    Index: int
    /// Its input.
    Input: 'Input
    /// The true label.
    Target: 'Label
    /// The model's label.
    Predicted: 'Label
}

/// <summary>The mistakes that fall into one user-given category.</summary>
type CategoryCount<'Input, 'Label> = {
    /// The category's name.
    Category: string
    /// How many mistakes it holds.
    Count: int
    /// Count / number of mistakes (0 when there are none).
    ShareOfMistakes: float
    /// The mistakes themselves, to read.
    Mistakes: Mistake<'Input, 'Label>[]
}

/// <summary>The misclassified validation examples, grouped by category. A mistake may fall into several categories
/// (they need not be exclusive), or into none.</summary>
type ErrorAnalysis<'Input, 'Label> = {
    /// The number of validation examples.
    Examples: int
    /// Every misclassified example, in validation order.
    Mistakes: Mistake<'Input, 'Label>[]
    /// Mistakes / examples.
    ErrorRate: float
    /// One count per category, in the order given.
    Categories: CategoryCount<'Input, 'Label>[]
    /// The mistakes in no category: a sign that a category is missing.
    Uncategorised: Mistake<'Input, 'Label>[]
}

/// <summary>One row of a one-change-at-a-time comparison.</summary>
type ChangeEffect = {
    /// The change's name ("baseline" first).
    Change: string
    /// The validation error with this change alone.
    ValidationError: float
    /// ValidationError minus the baseline's: negative means the change helps.
    Difference: float
}

/// Error analysis on the validation set.
[<RequireQualifiedAccess>]
module ErrorAnalysis =
    /// <summary>The validation examples whose predicted label differs from the target.</summary>
    /// <exception cref="T:System.ArgumentException">predict returns a different number of labels than inputs.</exception>
    [<CompiledName("Mistakes")>]
    let mistakes
        (predict: 'Input[] -> 'Label[])
        (validation: Validation<Examples<'Input, 'Label>>)
        : Mistake<'Input, 'Label>[] when 'Label: equality =
        let examples = validation.Value
        let predicted = predict examples.Inputs

        if isNull (box predicted) || predicted.Length <> examples.Inputs.Length then
            raise (
                ArgumentException(
                    $"errorAnalysis: expected one prediction per validation example ({examples.Inputs.Length}), received {(if isNull (box predicted) then 0 else predicted.Length)}",
                    nameof predict
                )
            )

        [|
            for i in 0 .. predicted.Length - 1 do
                if predicted[i] <> examples.Targets[i] then
                    {
                        Index = i
                        Input = examples.Inputs[i]
                        Target = examples.Targets[i]
                        Predicted = predicted[i]
                    }
        |]

    /// <summary>Predicts the validation set, keeps the mistakes and counts them in each named category (a predicate on
    /// a mistake, which sees its input, target and prediction), as the deck sorts misclassified e-mails into pharma,
    /// replica, phishing … to see where the effort should go.</summary>
    /// <example><c>ErrorAnalysis.byCategory [ "false positive", fun m -> m.Predicted = 1; "false negative", fun m -> m.Predicted = 0 ] predict validation</c></example>
    /// <exception cref="T:System.ArgumentException">Two categories share a name, or predict returns the wrong count.</exception>
    [<CompiledName("ByCategory")>]
    let byCategory
        (categories: (string * (Mistake<'Input, 'Label> -> bool)) list)
        (predict: 'Input[] -> 'Label[])
        (validation: Validation<Examples<'Input, 'Label>>)
        : ErrorAnalysis<'Input, 'Label> when 'Label: equality =
        if isNull (box categories) then
            nullArg (nameof categories)

        match categories |> List.countBy fst |> List.tryFind (fun (_, n) -> n > 1) with
        | Some(name, _) ->
            raise (
                ArgumentException(
                    $"errorAnalysis: expected distinct category names, received \"{name}\" twice",
                    nameof categories
                )
            )
        | None -> ()

        let wrong = mistakes predict validation
        let total = validation.Value.Inputs.Length

        let counts =
            categories
            |> List.map (fun (name, inCategory) ->
                let members = wrong |> Array.filter inCategory

                {
                    Category = name
                    Count = members.Length
                    ShareOfMistakes =
                        if wrong.Length = 0 then
                            0.0
                        else
                            float members.Length / float wrong.Length
                    Mistakes = members
                })
            |> List.toArray

        {
            Examples = total
            Mistakes = wrong
            ErrorRate = if total = 0 then 0.0 else float wrong.Length / float total
            Categories = counts
            Uncategorised =
                wrong
                |> Array.filter (fun m -> categories |> List.forall (fun (_, inside) -> not (inside m)))
        }

    /// <summary>The deck's "one change at a time": fits the baseline and each changed learner (each differing from the
    /// baseline in one respect: stemming or not, a feature added, another C …) on the training set and tabulates
    /// their validation errors, baseline first, with each change's difference from the baseline.</summary>
    /// <exception cref="T:System.InvalidOperationException">An error came out NaN or infinite (named by its change).</exception>
    [<CompiledName("OneChangeAtATime")>]
    let oneChangeAtATime
        (baseline: Learner<'Input, 'Target, 'Model>)
        (changes: (string * Learner<'Input, 'Target, 'Model>) list)
        (train: Train<Examples<'Input, 'Target>>)
        (validation: Validation<Examples<'Input, 'Target>>)
        : ChangeEffect[] =
        if isNull (box changes) then
            nullArg (nameof changes)

        let error (name: string) (learner: Learner<'Input, 'Target, 'Model>) =
            Learner.checkedError
                "oneChangeAtATime"
                $"change \"{name}\""
                learner
                (learner.Fit train.Value)
                validation.Value

        let reference = error "baseline" baseline

        [|
            {
                Change = "baseline"
                ValidationError = reference
                Difference = 0.0
            }
            for name, learner in changes do
                let e = error name learner

                {
                    Change = name
                    ValidationError = e
                    Difference = e - reference
                }
        |]
