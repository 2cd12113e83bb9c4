namespace Functional.Nn

open System
open System.Runtime.InteropServices
open Functional

/// <summary>A number computed from a batch of predictions and targets (accuracy); an epoch's value is the mean over
/// its batches weighted by their sizes.</summary>
[<Sealed>]
type Metric(name: string, compute: Func<Tensor, Tensor, float>) =
    do
        if String.IsNullOrEmpty name then
            invalidArg (nameof name) "metric: expected a name, received none"

        if isNull (box compute) then
            nullArg (nameof compute)

    /// The key under which the history records it.
    member _.Name = name

    /// <summary>The metric of one batch.</summary>
    member _.Compute(predicted: Tensor, target: Tensor) = compute.Invoke(predicted, target)

    override _.ToString() = name

    /// <summary>The share of predictions of the right class. Predictions [N, C] (scores or probabilities) against
    /// labels [N] or one-hot [N, C] compare argmaxes; predictions [N] or [N, 1] are probabilities, thresholded at
    /// 0.5, against 0/1 targets (for logits use <see cref="M:Functional.Nn.Metric.BinaryAccuracy"/> with 0).</summary>
    static member Accuracy =
        Metric(
            "accuracy",
            fun p t ->
                if p.Rank = 2 && p.Dims[1] > 1 then
                    let predicted = Metric.RowArgMax p
                    // Labels [N] or [N, 1] (Keras's sparse labels) are class numbers; [N, C] rows are one-hot.
                    let actual =
                        if t.Rank = 2 && t.Dims[1] > 1 then
                            Metric.RowArgMax t
                        else
                            t.ToFloatArray() |> Array.map int

                    if predicted.Length <> actual.Length then
                        invalidArg "target" $"accuracy: expected {predicted.Length} targets, received {actual.Length}"

                    float (Array.fold2 (fun n a b -> if a = b && a >= 0 then n + 1 else n) 0 predicted actual)
                    / float (max 1 predicted.Length)
                else
                    Metric.Binary 0.5 p t
        )

    /// The column of each row's largest value; −1 for a row holding NaN (it counts as a miss).
    static member private RowArgMax(x: Tensor) =
        x.ToFloatArray()
        |> Array.chunkBySize x.Dims[1]
        |> Array.map (fun row ->
            if Array.exists Double.IsNaN row then
                -1
            else
                let mutable best = 0

                for j in 1 .. row.Length - 1 do
                    if row[j] > row[best] then
                        best <- j

                best)

    /// <summary>The share of p ≥ threshold matching targets of 1 (and p &lt; threshold matching 0).</summary>
    static member BinaryAccuracy(threshold: float) =
        Metric("accuracy", fun p t -> Metric.Binary threshold p t)

    static member private Binary (threshold: float) (p: Tensor) (t: Tensor) =
        let ps, ts = p.ToFloatArray(), t.ToFloatArray()

        if ps.Length <> ts.Length then
            invalidArg "target" $"accuracy: expected {ps.Length} targets, received {ts.Length}"

        let hits =
            Array.fold2 (fun n a b -> if (a >= threshold) = (b >= 0.5) then n + 1 else n) 0 ps ts

        float hits / float (max 1 ps.Length)

/// <summary>Stops training when the monitored loss (the validation loss when there is validation data, else the
/// training loss) has not improved by more than <c>MinDelta</c> for <c>Patience</c> epochs; with
/// <c>RestoreBest</c> it puts back the parameters of the best epoch.</summary>
[<Sealed>]
type EarlyStopping
    (
        patience: int,
        [<Optional; DefaultParameterValue(0.0)>] minDelta: float,
        [<Optional; DefaultParameterValue(true)>] restoreBest: bool
    ) =
    do
        if patience < 1 then
            invalidArg (nameof patience) $"earlyStopping: expected patience >= 1, received {patience}"

    /// Epochs without improvement before stopping.
    member _.Patience = patience
    /// The least decrease that counts as an improvement.
    member _.MinDelta = minDelta
    /// Whether to restore the best epoch's parameters when stopping (or at the end).
    member _.RestoreBest = restoreBest

/// <summary>How training reports progress.</summary>
type ProgressMode =
    /// A live bar on an interactive terminal, one plain line per epoch when output is redirected (CI logs).
    | Auto = 0
    /// Always the Spectre.Console live bar.
    | Bar = 1
    /// One plain line per epoch.
    | Lines = 2
    /// Nothing.
    | Silent = 3

/// <summary>The settings of <c>Train.fit</c>. Set what you need: <c>FitSettings(Epochs = 10, BatchSize = 128)</c>
/// in F#, an object initializer in C#.</summary>
[<Sealed; AllowNullLiteral>]
type FitSettings() =
    /// Passes over the training data (default 1).
    member val Epochs = 1 with get, set
    /// Samples per step (default 32); 0 means the whole training set (full batch).
    member val BatchSize = 32 with get, set
    /// Seeds the shuffles (default 0).
    member val Seed = 0 with get, set
    /// Shuffle the samples every epoch (default true).
    member val Shuffle = true with get, set
    /// Validation inputs, evaluated after each epoch (null for none).
    member val ValidationInputs: Tensor = Unchecked.defaultof<Tensor> with get, set
    /// Validation targets, with ValidationInputs.
    member val ValidationTargets: Tensor = Unchecked.defaultof<Tensor> with get, set
    /// Metrics computed on training batches and on validation data (the loss is always recorded).
    member val Metrics: Metric[] = [||] with get, set
    /// The learning rate per epoch (null: the optimizer's rate throughout).
    member val Schedule: Schedule = Unchecked.defaultof<Schedule> with get, set
    /// Early stopping (null for none).
    member val EarlyStopping: EarlyStopping = Unchecked.defaultof<EarlyStopping> with get, set
    /// Called after each epoch with its record; return true to stop training.
    member val Callbacks: Func<Functional.Core.Models.EpochRecord, bool>[] = [||] with get, set
    /// How to show progress (default Auto).
    member val Progress = ProgressMode.Auto with get, set
    /// Epochs already done (resuming from a checkpoint): training runs epochs InitialEpoch+1 .. Epochs.
    member val InitialEpoch = 0 with get, set
