namespace Functional.Nn

open System
open System.Collections.Generic
open System.Diagnostics
open Functional
open Functional.Core.Data
open Functional.Core.Models
open Functional.Core.Tensors

/// <summary>Training produced a NaN or infinite loss; the message names the epoch and step.</summary>
type TrainingDivergedException(epoch: int, step: int, loss: float, learningRate: float) =
    inherit
        ArithmeticException(
            $"fit: the loss became {loss} at epoch {epoch}, step {step} (learning rate {learningRate}); lower the learning rate or check the inputs for NaN"
        )

    /// The epoch (from 1).
    member _.Epoch = epoch
    /// The step within the epoch (from 1).
    member _.Step = step
    /// The loss that was not finite.
    member _.Loss = loss

/// Training neural models: gradients of a loss with respect to parameters, optimizer steps, and fit.
[<RequireQualifiedAccess>]
module Train =
    /// Runs a derivative (Diff.gradsv or gradsEachv) of f over the parameters' values, with each parameter holding
    /// its traced value while f runs and its own value again afterwards, whatever happens.
    let private traced (parameters: Parameter[]) (derive: (Tensor[] -> 'Y) -> Tensor[] -> 'R) (f: unit -> 'Y) : 'R =
        let saved = parameters |> Array.map (fun p -> p.Value)

        let hold (values: Tensor[]) =
            Array.iter2 (fun (p: Parameter) v -> p.Value <- v) parameters values

        try
            derive
                (fun values ->
                    hold values
                    f ())
                saved
        finally
            hold saved

    /// <summary>The value of <paramref name="loss"/> and its gradient with respect to each parameter (same order),
    /// computed with the parameters traced; afterwards they hold their untraced values again.</summary>
    [<CompiledName("ValueAndGradients")>]
    let valueAndGradients (parameters: Parameter[]) (loss: unit -> Tensor) : Tensor * Tensor[] =
        traced parameters (fun f values -> Diff.gradsv f values) loss

    /// <summary>Several losses from one forward pass, each differentiated by its own group of parameters: loss i by
    /// groups[i]. Returns the losses and, per group, the gradients in its order. For a GAN: one pass yields the
    /// discriminator's and the generator's losses; each network gets the gradient of its own loss only.</summary>
    [<CompiledName("ValuesAndGradients")>]
    let valuesAndGradients (groups: Parameter[][]) (losses: unit -> Tensor[]) : Tensor[] * Tensor[][] =
        let parameters = Array.concat groups

        if (parameters |> Array.distinctBy (fun p -> p.Id)).Length <> parameters.Length then
            invalidArg
                (nameof groups)
                "valuesAndGradients: expected disjoint parameter groups, received a parameter in two groups"

        let starts = groups |> Array.scan (fun s g -> s + g.Length) 0

        let wrt =
            groups |> Array.mapi (fun i g -> Array.init g.Length (fun k -> starts[i] + k))

        traced parameters (fun f values -> Diff.gradsEachv f values wrt) losses

    /// <summary>One optimizer step on <paramref name="model"/>'s trainable parameters: computes the loss, its
    /// gradients, updates the parameters, and returns the loss (before the update). For hand-written loops such as
    /// a GAN's, where each network has its own optimizer.</summary>
    [<CompiledName("Step")>]
    let step (model: Model) (optimizer: Optimizer) (loss: unit -> Tensor) : float =
        let parameters = model.TrainableParameters
        let value, gradients = valueAndGradients parameters loss
        optimizer.Step(parameters, gradients)
        value.ToScalar()

    let private check (op: string) (x: Tensor) (y: Tensor) =
        if isNull (box x) || isNull (box y) then
            invalidArg "inputs" $"{op}: expected inputs and targets, received null"

        if x.Rank = 0 || y.Rank = 0 || x.Dims[0] <> y.Dims[0] then
            ShapeRules.Fail(
                op,
                "inputs and targets with one sample per row, as many of each",
                $"inputs {x.Shape}, targets {y.Shape}"
            )

        if x.Dims[0] = 0 then
            ShapeRules.Fail(op, "at least one sample", $"inputs {x.Shape}")

    let private copyOf (t: Tensor) = Tensor.FromArray(t.ToArray(), t.Dims)

    /// Loss and metrics of a model on whole data, in evaluation mode, without recording.
    let private evaluate (model: Model) (loss: Tensor -> Tensor -> Tensor) (metrics: Metric[]) (x: Tensor) (y: Tensor) =
        let predicted = Model.predict model x
        let value = Diff.noGrad (fun () -> loss predicted y)
        value.ToScalar(), metrics |> Array.map (fun m -> m.Name, m.Compute(predicted, y)) |> readOnlyDict

    /// <summary>The loss and each metric of a trained model on data, in evaluation mode.</summary>
    [<CompiledName("Evaluate")>]
    let evaluateOn
        (model: Model)
        (loss: Tensor -> Tensor -> Tensor)
        (metrics: Metric[])
        (inputs: Tensor)
        (targets: Tensor)
        =
        check "evaluate" inputs targets
        evaluate model loss metrics inputs targets

    /// <summary>Trains <paramref name="model"/> on a dataset (any <c>IDataset</c> of input and target batches: in
    /// memory, on disk, generated): for each epoch, seeded shuffled mini-batches, one optimizer step each; then
    /// validation, callbacks and early stopping. Returns the history (per epoch and per step). Progress shows as the
    /// settings say. The model ends in the mode it started in (Model.predict switches to evaluation by itself).</summary>
    /// <exception cref="T:Functional.Nn.TrainingDivergedException">A step's loss is NaN or infinite.</exception>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">The dataset is empty.</exception>
    [<CompiledName("FitDataset")>]
    let fitDataset
        (model: Model)
        (loss: Tensor -> Tensor -> Tensor)
        (optimizer: Optimizer)
        (settings: FitSettings)
        (data: IDataset<struct (RawTensor * RawTensor)>)
        : TrainingHistory =
        let settings = if isNull settings then FitSettings() else settings

        if isNull (box data) then
            nullArg (nameof data)

        if data.Count < 1 then
            ShapeRules.Fail("fit", "at least one example", $"a dataset of {data.Count}")

        if settings.Epochs < 0 || settings.BatchSize < 0 || settings.InitialEpoch < 0 then
            invalidArg
                (nameof settings)
                $"fit: expected epochs >= 0 and batch size >= 0, received epochs {settings.Epochs}, batch size {settings.BatchSize}"

        let validation =
            match settings.ValidationInputs, settings.ValidationTargets with
            | vx, vy when isNull (box vx) && isNull (box vy) -> None
            | vx, vy ->
                check "fit (validation data)" vx vy
                Some(vx, vy)

        let n = data.Count

        let batch =
            if settings.BatchSize = 0 then
                n
            else
                min settings.BatchSize n

        let stepsPerEpoch = (n + batch - 1) / batch
        let rng = Random settings.Seed

        // Resuming after InitialEpoch epochs: skip their shuffles, so epoch e sees the order it would have seen.
        if settings.Shuffle then
            for _ in 1 .. settings.InitialEpoch do
                Batching.Shuffle(n, rng) |> ignore

        let initialRate = optimizer.InitialLearningRate
        let history = TrainingHistory()
        let parameters = model.TrainableParameters
        let wasTraining = model.IsTraining

        let metrics =
            if isNull (box settings.Metrics) then
                [||]
            else
                settings.Metrics

        let stopping = settings.EarlyStopping
        let mutable best = Double.PositiveInfinity
        let mutable bestValues: Tensor[] = [||]
        let mutable sinceBest = 0
        let mutable stop = false

        let trainEpoch (report: Reporter) (epoch: int) =
            let clock = Stopwatch.StartNew()

            if not (isNull (box settings.Schedule)) then
                optimizer.LearningRate <- settings.Schedule.Rate(epoch, initialRate)

            let order =
                if settings.Shuffle then
                    Batching.Shuffle(n, rng)
                else
                    Array.init n id

            let sums = Array.zeroCreate<float> metrics.Length
            let mutable lossSum = 0.0
            model.Train()
            report.EpochStarted(epoch, stepsPerEpoch)

            for s in 0 .. stepsPerEpoch - 1 do
                let rows = Array.sub order (s * batch) (min batch (n - s * batch))
                let count = rows.Length
                let struct (xRaw, yRaw) = data.Batch rows
                let x, y = Tensor.OfRaw xRaw, Tensor.OfRaw yRaw
                let mutable predicted = Unchecked.defaultof<Tensor>

                let value, gradients =
                    valueAndGradients parameters (fun () ->
                        let p = model.Forward x
                        predicted <- p
                        loss p y)

                let l = value.ToScalar()

                if not (Double.IsFinite l) then
                    raise (TrainingDivergedException(epoch, s + 1, l, optimizer.LearningRate))

                optimizer.Step(parameters, gradients)
                lossSum <- lossSum + l * float count
                let detached = predicted.Detach()

                for i in 0 .. metrics.Length - 1 do
                    sums[i] <- sums[i] + metrics[i].Compute(detached, y) * float count

                history.Add(StepRecord(epoch, s + 1, l))
                report.StepDone(s + 1, l)

            let validationLoss, validationMetrics =
                match validation with
                | Some(vx, vy) ->
                    let v, m = evaluate model loss metrics vx vy
                    Nullable v, m
                | None -> Nullable(), readOnlyDict []

            let record =
                EpochRecord(
                    epoch,
                    lossSum / float n,
                    (metrics |> Array.mapi (fun i m -> m.Name, sums[i] / float n) |> readOnlyDict),
                    validationLoss,
                    validationMetrics,
                    optimizer.LearningRate,
                    clock.Elapsed
                )

            history.Add record
            report.EpochDone record
            record

        let afterEpoch (record: EpochRecord) =
            let callbacks =
                if isNull (box settings.Callbacks) then
                    [||]
                else
                    settings.Callbacks

            if callbacks |> Array.exists (fun c -> c.Invoke record) then
                history.StoppedEarly <- $"a callback asked to stop after epoch {record.Epoch}"
                stop <- true

            if not (isNull (box stopping)) then
                let monitored =
                    if record.ValidationLoss.HasValue then
                        record.ValidationLoss.Value
                    else
                        record.Loss

                if monitored < best - stopping.MinDelta then
                    best <- monitored
                    sinceBest <- 0

                    if stopping.RestoreBest then
                        bestValues <- model.Parameters |> Array.map (fun p -> copyOf p.Value)
                else
                    sinceBest <- sinceBest + 1

                    if sinceBest >= stopping.Patience && not stop then
                        history.StoppedEarly <-
                            $"early stopping after epoch {record.Epoch}: no improvement over {best} for {sinceBest} epochs"

                        stop <- true

        Progress.run settings.Progress settings.Epochs (fun report ->
            let mutable epoch = settings.InitialEpoch + 1

            while epoch <= settings.Epochs && not stop do
                trainEpoch report epoch |> afterEpoch
                epoch <- epoch + 1)

        // Every parameter and buffer (BatchNorm's running statistics too) goes back to the best epoch.
        if not (isNull (box stopping)) && stopping.RestoreBest && bestValues.Length > 0 then
            Array.iter2 (fun (p: Parameter) v -> p.Value <- v) model.Parameters bestValues

        model.SetTraining wasTraining
        history

    /// <summary>Trains <paramref name="model"/> on inputs and targets (one example per entry of axis 0): fitDataset
    /// over a <c>TensorDataset</c> of the two.</summary>
    /// <exception cref="T:Functional.Nn.TrainingDivergedException">A step's loss is NaN or infinite.</exception>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">Inputs and targets differ in sample count,
    /// or there are none.</exception>
    [<CompiledName("Fit")>]
    let fit
        (model: Model)
        (loss: Tensor -> Tensor -> Tensor)
        (optimizer: Optimizer)
        (settings: FitSettings)
        (inputs: Tensor)
        (targets: Tensor)
        : TrainingHistory =
        check "fit" inputs targets
        fitDataset model loss optimizer settings (TensorDataset(inputs.Raw, targets.Raw))
