namespace Functional.CSharp

open System
open System.Collections.Generic
open Functional

/// <summary>Error analysis on the validation set for C#: the <c>ErrorAnalysis</c> module with
/// <see cref="T:System.Func`2"/> for F# functions and <c>params</c> arrays of (name, …) value tuples for F# lists:
/// <c>ErrorAnalyses.ByCategory(predict, split.Validation, ("missed spam", m => m.Target == 1))</c>.</summary>
[<AbstractClass; Sealed>]
type ErrorAnalyses =
    /// <summary>The validation examples whose predicted label differs from the target:
    /// ErrorAnalysis.mistakes.</summary>
    /// <exception cref="T:System.ArgumentException">predict returns a different number of labels than
    /// inputs.</exception>
    static member Mistakes
        (predict: Func<'Input[], 'Label[]>, validation: Validation<Examples<'Input, 'Label>>)
        : Mistake<'Input, 'Label>[] =
        Arguments.notNull (nameof predict) predict
        ErrorAnalysis.mistakes predict.Invoke validation

    /// <summary>Predicts the validation set, keeps the mistakes and counts them in each named category (a predicate
    /// on a mistake); categories need not be exclusive: ErrorAnalysis.byCategory.</summary>
    /// <param name="predict">Labels for a batch of inputs.</param>
    /// <param name="validation">The labelled validation examples.</param>
    /// <param name="categories">(name, is-in-category) pairs, in the order the result lists them.</param>
    /// <exception cref="T:System.ArgumentException">Two categories share a name, or predict returns the wrong
    /// count.</exception>
    static member ByCategory
        (
            predict: Func<'Input[], 'Label[]>,
            validation: Validation<Examples<'Input, 'Label>>,
            [<ParamArray>] categories: struct (string * Func<Mistake<'Input, 'Label>, bool>)[]
        ) : ErrorAnalysis<'Input, 'Label> =
        Arguments.notNull (nameof predict) predict
        Arguments.notNull (nameof categories) categories

        let categories =
            categories
            |> Array.map (fun (struct (name, inCategory)) ->
                Arguments.notNull (nameof categories) inCategory
                name, inCategory.Invoke)
            |> List.ofArray

        ErrorAnalysis.byCategory categories predict.Invoke validation

    /// <summary>The deck's "one change at a time": the validation error of the baseline and of each changed learner,
    /// all fitted on the training set, baseline first, with each change's difference from it:
    /// ErrorAnalysis.oneChangeAtATime.</summary>
    /// <param name="baseline">The learner as it is.</param>
    /// <param name="train">The examples to fit on.</param>
    /// <param name="validation">The examples to measure on.</param>
    /// <param name="changes">(name, learner) pairs, each differing from the baseline in one respect.</param>
    /// <exception cref="T:System.InvalidOperationException">An error came out NaN or infinite.</exception>
    static member OneChangeAtATime
        (
            baseline: Learner<'Input, 'Target, 'Model>,
            train: Train<Examples<'Input, 'Target>>,
            validation: Validation<Examples<'Input, 'Target>>,
            [<ParamArray>] changes: struct (string * Learner<'Input, 'Target, 'Model>)[]
        ) : ChangeEffect[] =
        Arguments.notNull (nameof baseline) baseline
        Arguments.notNull (nameof changes) changes

        let changes =
            changes
            |> Array.map (fun (struct (name, learner)) -> name, learner)
            |> List.ofArray

        ErrorAnalysis.oneChangeAtATime baseline changes train validation

    /// <summary>One change at a time on a split's training and validation parts.</summary>
    static member OneChangeAtATime
        (
            baseline: Learner<'Input, 'Target, 'Model>,
            split: Split<Examples<'Input, 'Target>>,
            [<ParamArray>] changes: struct (string * Learner<'Input, 'Target, 'Model>)[]
        ) : ChangeEffect[] =
        Arguments.notNull (nameof split) split
        ErrorAnalyses.OneChangeAtATime(baseline, split.Train, split.Validation, changes)

/// <summary>Ceiling analysis for C#: the <c>CeilingAnalysis</c> module with delegates and value tuples,
/// <c>CeilingAnalyses.OfAccuracies(0.70, ("text detection", 0.75), …)</c>.</summary>
[<AbstractClass; Sealed>]
type CeilingAnalyses =
    /// <summary>A pipeline stage: <paramref name="run"/> as built, <paramref name="truth"/> writing the ground
    /// truth for its part of the state instead; each maps (example, state) to the new state.</summary>
    static member Stage
        (name: string, run: Func<'Example, 'State, 'State>, truth: Func<'Example, 'State, 'State>)
        : PipelineStage<'Example, 'State> =
        Arguments.notNull (nameof run) run
        Arguments.notNull (nameof truth) truth

        {
            Name = name
            Run = fun example state -> run.Invoke(example, state)
            Truth = fun example state -> truth.Invoke(example, state)
        }

    /// <summary>Runs the pipeline on every example, first as built, then with stages 1 … k replaced by ground truth
    /// for k = 1 … n, scoring each run by the share of examples whose final state is correct:
    /// CeilingAnalysis.run.</summary>
    /// <param name="stages">The stages in pipeline order (make them with <c>Stage</c>).</param>
    /// <param name="start">The state a run starts from, per example.</param>
    /// <param name="correct">(example, final state) → whether the pipeline got it right.</param>
    /// <param name="examples">The labelled examples.</param>
    /// <exception cref="T:System.ArgumentException">No stage or no example is given.</exception>
    static member Run
        (
            stages: IEnumerable<PipelineStage<'Example, 'State>>,
            start: Func<'Example, 'State>,
            correct: Func<'Example, 'State, bool>,
            examples: 'Example[]
        ) : CeilingAnalysis =
        Arguments.notNull (nameof stages) stages
        Arguments.notNull (nameof start) start
        Arguments.notNull (nameof correct) correct
        CeilingAnalysis.run (List.ofSeq stages) start.Invoke (fun e s -> correct.Invoke(e, s)) examples

    /// <summary>A ceiling analysis from measured accuracies: the overall system's, then one per stage with it and all
    /// before it replaced by ground truth: CeilingAnalysis.ofAccuracies.</summary>
    /// <exception cref="T:System.ArgumentException">No stage is given, or an accuracy is NaN, infinite or
    /// negative.</exception>
    static member OfAccuracies(overall: float, [<ParamArray>] stages: struct (string * float)[]) : CeilingAnalysis =
        Arguments.notNull (nameof stages) stages

        stages
        |> Array.map (fun (struct (name, accuracy)) -> name, accuracy)
        |> List.ofArray
        |> CeilingAnalysis.ofAccuracies overall
