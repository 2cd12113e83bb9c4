// Train / validation / test splits, seeded and optionally stratified, kept apart by their types.
namespace Functional

open System

/// <summary>Data to fit on. A distinct type from <see cref="T:Functional.Validation`1"/> and
/// <see cref="T:Functional.Test`1"/>, so the compiler keeps the three roles apart.</summary>
type Train<'T> =
    /// Wraps data meant for fitting.
    | Train of 'T

    /// The wrapped data.
    member this.Value =
        let (Train value) = this
        value

/// <summary>Data to choose models and hyper-parameters on (the deck's cross-validation set).</summary>
/// <remarks>Tools that choose (validation curves, error analysis) take <c>Validation</c>; the test set is a different
/// type, so using it to choose is a compile error rather than a silent leak. For example, with
/// <c>let split = Splits.split Splits.defaults data</c>,
/// <code>ValidationCurve.compute lambdas learnerFor split.Train split.Validation // compiles
/// ValidationCurve.compute lambdas learnerFor split.Train split.Test       // error FS0001: This expression was
///     // expected to have type 'Validation&lt;Examples&lt;…&gt;&gt;' but here has type 'Test&lt;Examples&lt;…&gt;&gt;'</code>
/// and <c>Validation test.Value</c> is the only way round it, visible in review.</remarks>
type Validation<'T> =
    /// Wraps data meant for choosing.
    | Validation of 'T

    /// The wrapped data.
    member this.Value =
        let (Validation value) = this
        value

/// <summary>Data held out to report the chosen model's error once, at the end. Only
/// <c>ValidationCurve.testError</c> and similar reporting functions take it.</summary>
type Test<'T> =
    /// Wraps data meant for the final report.
    | Test of 'T

    /// The wrapped data.
    member this.Value =
        let (Test value) = this
        value

/// <summary>The three disjoint parts of one data set.</summary>
type Split<'T> = {
    /// For fitting.
    Train: Train<'T>
    /// For choosing.
    Validation: Validation<'T>
    /// For the final report.
    Test: Test<'T>
}

/// <summary>How to split: the shares of the training and validation parts (the test part takes the rest) and the seed
/// of the shuffle. Start from <c>Splits.defaults</c>.</summary>
type SplitSettings = {
    /// The share of examples for training, in (0, 1].
    TrainFraction: float
    /// The share for validation, in [0, 1); TrainFraction + ValidationFraction ≤ 1.
    ValidationFraction: float
    /// Seeds the shuffle: the same seed gives the same split.
    Seed: int
}

/// Seeded train / validation / test splits.
[<RequireQualifiedAccess>]
module Splits =
    /// The deck's 60 % / 20 % / 20 %, seed 0.
    [<CompiledName("Defaults")>]
    let defaults = {
        TrainFraction = 0.6
        ValidationFraction = 0.2
        Seed = 0
    }

    let private check (settings: SplitSettings) =
        let t, v = settings.TrainFraction, settings.ValidationFraction

        if not (t > 0.0 && t <= 1.0 && v >= 0.0 && v < 1.0 && t + v <= 1.0 + 1e-12) then
            raise (
                ArgumentException(
                    $"split: expected 0 < TrainFraction ≤ 1, 0 ≤ ValidationFraction < 1 and a sum ≤ 1, received {t} and {v}",
                    nameof settings
                )
            )

    /// Fisher–Yates shuffle in place.
    let private shuffle (rng: Random) (items: int[]) =
        for i in items.Length - 1 .. -1 .. 1 do
            let j = rng.Next(i + 1)
            let t = items[i]
            items[i] <- items[j]
            items[j] <- t

    /// Part sizes for n items: training round(t·n), validation round(v·n) (capped by what is left), test the rest.
    let private sizes (settings: SplitSettings) (n: int) =
        let nTrain =
            int (Math.Round(settings.TrainFraction * float n, MidpointRounding.AwayFromZero))

        let nValidation =
            min (n - nTrain) (int (Math.Round(settings.ValidationFraction * float n, MidpointRounding.AwayFromZero)))

        nTrain, nValidation

    let private cut (settings: SplitSettings) (shuffled: int[]) =
        let nTrain, nValidation = sizes settings shuffled.Length
        shuffled[.. nTrain - 1], shuffled[nTrain .. nTrain + nValidation - 1], shuffled[nTrain + nValidation ..]

    /// <summary>Positions 0 … n − 1 shuffled with the seed and cut into training (round(TrainFraction·n)),
    /// validation (round(ValidationFraction·n)) and test (the rest) parts: disjoint, covering every position once.</summary>
    /// <example><c>Splits.indices Splits.defaults 10</c> gives 6, 2 and 2 positions.</example>
    /// <exception cref="T:System.ArgumentException">The fractions are out of range or n is negative.</exception>
    [<CompiledName("Indices")>]
    let indices (settings: SplitSettings) (n: int) : Split<int[]> =
        check settings

        if n < 0 then
            raise (ArgumentException($"split: expected a non-negative count, received {n}", nameof n))

        let positions = Array.init n id
        shuffle (Random settings.Seed) positions
        let train, validation, test = cut settings positions

        {
            Train = Train train
            Validation = Validation validation
            Test = Test test
        }

    /// <summary>Like <c>Splits.indices</c>, but each class (equal labels) is shuffled and cut in the same proportions,
    /// rounded per class, so every part keeps the class balance; each part is then shuffled so that classes mix (a
    /// learning curve trains on a part's first examples). Classes are taken in order of first appearance.</summary>
    /// <exception cref="T:System.ArgumentException">The fractions are out of range.</exception>
    [<CompiledName("StratifiedIndices")>]
    let stratifiedIndices (settings: SplitSettings) (labels: 'Label[]) : Split<int[]> =
        check settings

        if isNull (box labels) then
            nullArg (nameof labels)

        let rng = Random settings.Seed

        let parts =
            labels
            |> Array.indexed
            |> Array.groupBy snd
            |> Array.map (fun (_, members) ->
                let positions = Array.map fst members
                shuffle rng positions
                cut settings positions)

        let gather pick =
            let part = parts |> Array.collect pick
            shuffle rng part
            part

        {
            Train = Train(gather (fun (t, _, _) -> t))
            Validation = Validation(gather (fun (_, v, _) -> v))
            Test = Test(gather (fun (_, _, t) -> t))
        }

    /// Applies f to each part, keeping each part's role: e.g. positions to examples.
    [<CompiledName("Map")>]
    let map (f: 'T -> 'U) (split: Split<'T>) : Split<'U> = {
        Train = Train(f split.Train.Value)
        Validation = Validation(f split.Validation.Value)
        Test = Test(f split.Test.Value)
    }

    /// <summary>Shuffles the examples with the seed and cuts them into training, validation and test parts (see
    /// <c>Splits.indices</c>).</summary>
    /// <example><c>let split = Splits.split { Splits.defaults with Seed = 42 } examples</c></example>
    /// <exception cref="T:System.ArgumentException">The fractions are out of range.</exception>
    [<CompiledName("Split")>]
    let split (settings: SplitSettings) (examples: Examples<'Input, 'Target>) : Split<Examples<'Input, 'Target>> =
        indices settings (Examples.count examples)
        |> map (fun positions -> Examples.select positions examples)

    /// <summary>Like <c>Splits.split</c>, stratified by target: each part keeps the share of every class (see
    /// <c>Splits.stratifiedIndices</c>).</summary>
    /// <exception cref="T:System.ArgumentException">The fractions are out of range.</exception>
    [<CompiledName("Stratified")>]
    let stratified
        (settings: SplitSettings)
        (examples: Examples<'Input, 'Target>)
        : Split<Examples<'Input, 'Target>> when 'Target: equality =
        stratifiedIndices settings examples.Targets
        |> map (fun positions -> Examples.select positions examples)
