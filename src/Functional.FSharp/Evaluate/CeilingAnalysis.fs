// Ceiling analysis (Ng, ML week 11): replace a pipeline's stages by ground truth one after another and see how much
// each raises the overall accuracy; the largest rise marks the stage worth improving.
namespace Functional

open System

/// <summary>A named stage of a pipeline that works on a shared state: <c>Run</c> is the stage as built,
/// <c>Truth</c> writes the ground truth for its part of the state instead (from the labelled example).</summary>
/// <remarks>For photo OCR the state holds the detected text regions, the character boxes and the characters; text
/// detection's Truth puts the labelled regions there.</remarks>
type PipelineStage<'Example, 'State> = {
    /// The stage's name, e.g. "text detection".
    Name: string
    /// The stage as built.
    Run: 'Example -> 'State -> 'State
    /// The stage replaced by ground truth.
    Truth: 'Example -> 'State -> 'State
}

/// <summary>One row of a ceiling analysis: this stage and every stage before it give ground truth.</summary>
type CeilingRow = {
    /// The stage made perfect in this row.
    Stage: string
    /// The overall accuracy with it and the stages before it perfect.
    Accuracy: float
    /// Accuracy minus the row before's (minus the overall system's for the first row): the ceiling on what improving
    /// this stage can add.
    Gain: float
}

/// <summary>The overall accuracy, then the accuracy as each stage in turn is replaced by ground truth
/// (cumulatively, as in the deck's table), and the stage whose replacement gains the most.</summary>
type CeilingAnalysis = {
    /// The accuracy of the pipeline as built.
    Overall: float
    /// One row per stage, in pipeline order.
    Rows: CeilingRow[]
    /// The stage with the largest gain (the first of equals): where effort pays off most.
    WorthImprovingMost: string
}

/// Ceiling analysis of a staged pipeline.
[<RequireQualifiedAccess>]
module CeilingAnalysis =
    /// <summary>A ceiling analysis from measured accuracies: the overall system's, then one per stage with that stage
    /// and all before it replaced by ground truth. Accuracies are shares in [0, 1] (or percentages, consistently).</summary>
    /// <example>The deck's photo OCR: <c>CeilingAnalysis.ofAccuracies 0.70 [ "text detection", 0.75; "character
    /// segmentation", 0.90; "character recognition", 1.00 ]</c> says character segmentation (+15 points).</example>
    /// <exception cref="T:System.ArgumentException">No stage is given, or an accuracy is NaN, infinite or
    /// negative.</exception>
    [<CompiledName("OfAccuracies")>]
    let ofAccuracies (overall: float) (stages: (string * float) list) : CeilingAnalysis =
        if isNull (box stages) || List.isEmpty stages then
            raise (ArgumentException("ceilingAnalysis: expected at least one stage, received none", nameof stages))

        for name, a in ("overall system", overall) :: stages do
            if not (Double.IsFinite a && a >= 0.0) then
                raise (
                    ArgumentException(
                        $"ceilingAnalysis: expected finite, non-negative accuracies, received {a} for \"{name}\"",
                        nameof stages
                    )
                )

        let rows =
            stages
            |> List.toArray
            |> Array.mapFold
                (fun previous (name, accuracy) ->
                    {
                        Stage = name
                        Accuracy = accuracy
                        Gain = accuracy - previous
                    },
                    accuracy)
                overall
            |> fst

        {
            Overall = overall
            Rows = rows
            WorthImprovingMost = (rows |> Array.maxBy (fun r -> r.Gain)).Stage
        }

    /// <summary>Runs the pipeline on every example from <c>start example</c>, first as built, then with stages
    /// 1 … k replaced by their ground truth for k = 1 … n, scoring each run by the share of examples whose final state
    /// is <c>correct</c>.</summary>
    /// <exception cref="T:System.ArgumentException">No stage or no example is given.</exception>
    [<CompiledName("Run")>]
    let run
        (stages: PipelineStage<'Example, 'State> list)
        (start: 'Example -> 'State)
        (correct: 'Example -> 'State -> bool)
        (examples: 'Example[])
        : CeilingAnalysis =
        if isNull (box stages) || List.isEmpty stages then
            raise (ArgumentException("ceilingAnalysis: expected at least one stage, received none", nameof stages))

        if isNull (box examples) || Array.isEmpty examples then
            raise (ArgumentException("ceilingAnalysis: expected at least one example, received none", nameof examples))

        let stages = List.toArray stages

        /// The accuracy with the first k stages replaced by ground truth.
        let accuracy k =
            let right =
                examples
                |> Array.filter (fun example ->
                    let final =
                        stages
                        |> Array.indexed
                        |> Array.fold
                            (fun state (i, stage) ->
                                if i < k then
                                    stage.Truth example state
                                else
                                    stage.Run example state)
                            (start example)

                    correct example final)

            float right.Length / float examples.Length

        ofAccuracies (accuracy 0) [ for k in 1 .. stages.Length -> stages[k - 1].Name, accuracy k ]
