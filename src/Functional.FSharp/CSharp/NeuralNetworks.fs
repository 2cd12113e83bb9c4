namespace Functional.CSharp

open System
open System.Collections.Generic
open System.Runtime.CompilerServices
open Functional
open Functional.Core.Models
open Functional.Core.Tensors
open Functional.Nn

/// <summary>A model's loss and metrics on some data, as <see cref="M:Functional.CSharp.ModelExtensions.Evaluate"/>
/// returns them.</summary>
[<Sealed>]
type Evaluation(loss: float, metrics: IReadOnlyDictionary<string, float>) =
    /// <summary>The loss over the whole data.</summary>
    member _.Loss = loss

    /// <summary>Each metric by its name ("accuracy").</summary>
    member _.Metrics = metrics

    /// <summary>"loss 0.1234, accuracy 0.9876".</summary>
    override _.ToString() =
        let inv (x: float) =
            x.ToString("0.####", Globalization.CultureInfo.InvariantCulture)

        String.Join(", ", Seq.append [ $"loss {inv loss}" ] (metrics |> Seq.map (fun kv -> $"{kv.Key} {inv kv.Value}")))

/// <summary>Training, prediction, evaluation and checkpoints as methods on a model, for C#:
/// <c>model.Fit(x, y, Losses.CrossEntropy, new Adam(0.01), settings)</c>. Each forwards to the F# modules
/// <c>Train</c>, <c>Model</c> and <c>Checkpoint</c>, which hold the logic.</summary>
[<AbstractClass; Sealed; Extension>]
type ModelExtensions =
    static member private NotNull(name: string, x: obj) =
        if isNull (box x) then
            nullArg name

    static member private Loss(loss: Func<Tensor, Tensor, Tensor>) =
        ModelExtensions.NotNull("loss", loss)
        fun (p: Tensor) (t: Tensor) -> loss.Invoke(p, t)

    /// <summary>Trains the model on inputs and targets (one sample per row) and returns the history: Train.fit.</summary>
    /// <param name="model">The model to train in place.</param>
    /// <param name="inputs">The training inputs, one sample per row.</param>
    /// <param name="targets">The training targets, one per input row.</param>
    /// <param name="loss">(predictions, targets) → scalar loss, e.g. <see cref="P:Functional.CSharp.Losses.Mse"/>.</param>
    /// <param name="optimizer">Updates the model's trainable parameters.</param>
    /// <param name="settings">Epochs, batch size, shuffling, validation data, metrics, schedule, early stopping,
    /// progress; null for the defaults.</param>
    /// <exception cref="T:Functional.Nn.TrainingDivergedException">A step's loss is NaN or infinite.</exception>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">Inputs and targets differ in sample count,
    /// or there are none.</exception>
    [<Extension>]
    static member Fit
        (
            model: Model,
            inputs: Tensor,
            targets: Tensor,
            loss: Func<Tensor, Tensor, Tensor>,
            optimizer: Optimizer,
            settings: FitSettings
        ) : TrainingHistory =
        ModelExtensions.NotNull("model", model)
        ModelExtensions.NotNull("optimizer", optimizer)
        Train.fit model (ModelExtensions.Loss loss) optimizer settings inputs targets

    /// <summary>Trains the model with the default <see cref="T:Functional.Nn.FitSettings"/> (one epoch, batches of
    /// 32, shuffled).</summary>
    /// <param name="model">The model to train in place.</param>
    /// <param name="inputs">The training inputs, one sample per row.</param>
    /// <param name="targets">The training targets, one per input row.</param>
    /// <param name="loss">(predictions, targets) → scalar loss.</param>
    /// <param name="optimizer">Updates the model's trainable parameters.</param>
    [<Extension>]
    static member Fit
        (model: Model, inputs: Tensor, targets: Tensor, loss: Func<Tensor, Tensor, Tensor>, optimizer: Optimizer)
        : TrainingHistory =
        ModelExtensions.Fit(model, inputs, targets, loss, optimizer, FitSettings())

    /// <summary>Trains the model on a dataset (any <see cref="T:Functional.Core.Data.IDataset`1"/> of input and
    /// target batches, e.g. a <see cref="T:Functional.Core.Data.TensorDataset"/>): Train.fitDataset.</summary>
    /// <param name="model">The model to train in place.</param>
    /// <param name="data">The training examples.</param>
    /// <param name="loss">(predictions, targets) → scalar loss.</param>
    /// <param name="optimizer">Updates the model's trainable parameters.</param>
    /// <param name="settings">Epochs, batch size, seed, validation data, metrics, callbacks.</param>
    [<Extension>]
    static member Fit
        (
            model: Model,
            data:
                Functional.Core.Data.IDataset<
                    struct (Functional.Core.Tensors.RawTensor * Functional.Core.Tensors.RawTensor)
                 >,
            loss: Func<Tensor, Tensor, Tensor>,
            optimizer: Optimizer,
            settings: FitSettings
        ) : TrainingHistory =
        ModelExtensions.NotNull("model", model)
        ModelExtensions.NotNull("optimizer", optimizer)
        Train.fitDataset model (ModelExtensions.Loss loss) optimizer settings data

    /// <summary>Applies the model to a batch in evaluation mode without recording gradients (the mode is restored
    /// afterwards): Model.predict.</summary>
    /// <param name="model">The model.</param>
    /// <param name="inputs">A batch of inputs.</param>
    [<Extension>]
    static member Predict(model: Model, inputs: Tensor) : Tensor =
        ModelExtensions.NotNull("model", model)
        Model.predict model inputs

    /// <summary>The loss and each metric of the model on data, in evaluation mode: Train.evaluateOn.</summary>
    /// <param name="model">The model.</param>
    /// <param name="inputs">The inputs, one sample per row.</param>
    /// <param name="targets">The targets, one per input row.</param>
    /// <param name="loss">(predictions, targets) → scalar loss.</param>
    /// <param name="metrics">Metrics to compute besides the loss (<see cref="P:Functional.Nn.Metric.Accuracy"/>).</param>
    [<Extension>]
    static member Evaluate
        (
            model: Model,
            inputs: Tensor,
            targets: Tensor,
            loss: Func<Tensor, Tensor, Tensor>,
            [<ParamArray>] metrics: Metric[]
        ) : Evaluation =
        ModelExtensions.NotNull("model", model)
        let metrics = if isNull (box metrics) then [||] else metrics

        let value, values =
            Train.evaluateOn model (ModelExtensions.Loss loss) metrics inputs targets

        Evaluation(value, values)

    /// <summary>One optimizer step on the model's trainable parameters; returns the loss before the update:
    /// Train.step. For hand-written loops.</summary>
    /// <param name="model">The model whose trainable parameters are updated.</param>
    /// <param name="optimizer">The optimizer taking the step.</param>
    /// <param name="loss">Computes the scalar loss from the model (called once, with gradients recorded).</param>
    [<Extension>]
    static member Step(model: Model, optimizer: Optimizer, loss: Func<Tensor>) : float =
        ModelExtensions.NotNull("model", model)
        ModelExtensions.NotNull("optimizer", optimizer)
        ModelExtensions.NotNull("loss", loss)
        Train.step model optimizer loss.Invoke

    /// <summary>Writes the model's parameters and buffers to a checkpoint (safetensors, written atomically), with
    /// epoch 0 and no optimizer state: Checkpoint.save.</summary>
    /// <param name="model">The model to save.</param>
    /// <param name="path">The file to create or replace.</param>
    [<Extension>]
    static member Save(model: Model, path: string) : unit =
        ModelExtensions.NotNull("model", model)
        Checkpoint.save path model None 0

    /// <summary>Writes the model's parameters and the epoch to a checkpoint, without optimizer state.</summary>
    /// <param name="model">The model to save.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="epoch">The epoch the checkpoint is written after.</param>
    [<Extension>]
    static member Save(model: Model, path: string, epoch: int) : unit =
        ModelExtensions.NotNull("model", model)
        Checkpoint.save path model None epoch

    /// <summary>Writes the model's parameters and the optimizer's state (to resume training), with epoch 0.</summary>
    /// <param name="model">The model to save.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="optimizer">The optimizer whose state to save; null for none.</param>
    [<Extension>]
    static member Save(model: Model, path: string, optimizer: Optimizer | null) : unit =
        ModelExtensions.Save(model, path, optimizer, 0)

    /// <summary>Writes the model's parameters, the optimizer's state (to resume training) and the epoch to a
    /// checkpoint: Checkpoint.save.</summary>
    /// <param name="model">The model to save.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="optimizer">The optimizer whose state to save; null for none.</param>
    /// <param name="epoch">The epoch the checkpoint is written after.</param>
    [<Extension>]
    static member Save(model: Model, path: string, optimizer: Optimizer | null, epoch: int) : unit =
        ModelExtensions.NotNull("model", model)

        match optimizer with
        | null -> Checkpoint.save path model None epoch
        | o -> Checkpoint.save path model (Some o) epoch

    /// <summary>Reads a checkpoint's parameters into the model (nothing changes unless every parameter is present
    /// with its shape and dtype): Checkpoint.load.</summary>
    /// <param name="model">A model of the same architecture as the saved one.</param>
    /// <param name="path">The checkpoint file.</param>
    /// <returns>The epoch and optimizer step count it was saved at.</returns>
    /// <exception cref="T:System.IO.InvalidDataException">The file is malformed or truncated, or a parameter is
    /// missing or of another shape or dtype.</exception>
    [<Extension>]
    static member Load(model: Model, path: string) : CheckpointInfo =
        ModelExtensions.NotNull("model", model)
        Checkpoint.load path model None

    /// <summary>Reads a checkpoint into the model and the optimizer (whose state it replaces), to resume training:
    /// Checkpoint.load.</summary>
    /// <param name="model">A model of the same architecture as the saved one.</param>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="optimizer">The optimizer to restore; null for none.</param>
    /// <returns>The epoch and optimizer step count it was saved at.</returns>
    /// <exception cref="T:System.IO.InvalidDataException">The file is malformed or truncated, or a parameter is
    /// missing or of another shape or dtype.</exception>
    [<Extension>]
    static member Load(model: Model, path: string, optimizer: Optimizer | null) : CheckpointInfo =
        ModelExtensions.NotNull("model", model)

        match optimizer with
        | null -> Checkpoint.load path model None
        | o -> Checkpoint.load path model (Some o)

/// <summary>The loss functions of <c>Loss</c> as delegates, to pass to <c>Fit</c> and <c>Evaluate</c>:
/// <c>model.Fit(x, y, Losses.CrossEntropy, optimizer, settings)</c>.</summary>
[<AbstractClass; Sealed>]
type Losses =
    /// <summary>Mean squared error mean((ŷ − y)²): Loss.mse.</summary>
    static member Mse = Func<Tensor, Tensor, Tensor>(fun p t -> Loss.mse p t)

    /// <summary>Binary cross-entropy of probabilities: Loss.bce.</summary>
    static member Bce = Func<Tensor, Tensor, Tensor>(fun p t -> Loss.bce p t)

    /// <summary>Binary cross-entropy of logits, stable for any logit: Loss.bceWithLogits.</summary>
    static member BceWithLogits = Func<Tensor, Tensor, Tensor>(fun z t -> Loss.bceWithLogits z t)

    /// <summary>Softmax cross-entropy of logits [N, C] against labels [N] or one-hot [N, C]: Loss.crossEntropy.</summary>
    static member CrossEntropy = Func<Tensor, Tensor, Tensor>(fun z t -> Loss.crossEntropy z t)

/// <summary>Gradients with respect to parameters, for C# training loops: the <c>Train</c> module's functions with
/// <see cref="T:System.Func`1"/> and value tuples.</summary>
[<AbstractClass; Sealed>]
type Training =
    /// <summary>The value of <paramref name="loss"/> and its gradient with respect to each parameter (same order):
    /// Train.valueAndGradients.</summary>
    /// <param name="parameters">The parameters to differentiate by.</param>
    /// <param name="loss">Computes a scalar loss from the parameters' current values.</param>
    static member ValueAndGradients(parameters: Parameter[], loss: Func<Tensor>) : struct (Tensor * Tensor[]) =
        if isNull (box loss) then
            nullArg (nameof loss)

        let value, gradients = Train.valueAndGradients parameters loss.Invoke
        struct (value, gradients)

    /// <summary>Several losses from one forward pass, loss i differentiated by <c>groups[i]</c> only (a GAN's
    /// discriminator and generator): Train.valuesAndGradients.</summary>
    /// <param name="groups">Disjoint groups of parameters, one per loss.</param>
    /// <param name="losses">Computes one scalar loss per group.</param>
    static member ValuesAndGradients(groups: Parameter[][], losses: Func<Tensor[]>) : struct (Tensor[] * Tensor[][]) =
        if isNull (box losses) then
            nullArg (nameof losses)

        let values, gradients = Train.valuesAndGradients groups losses.Invoke
        struct (values, gradients)

/// <summary>Optimizers run directly on a function, for C#: the <c>Optimize</c> module with
/// <see cref="T:System.Func`2"/>.</summary>
[<AbstractClass; Sealed>]
type Optimizers =
    /// <summary>Takes <paramref name="steps"/> steps of <paramref name="optimizer"/> on f from
    /// <paramref name="start"/> (which stays unchanged) and returns each point visited with its loss:
    /// Optimize.path.</summary>
    /// <param name="name">The name for legends.</param>
    /// <param name="optimizer">The optimizer taking the steps.</param>
    /// <param name="steps">How many steps, ≥ 0.</param>
    /// <param name="f">The scalar function to minimise.</param>
    /// <param name="start">The starting point.</param>
    /// <exception cref="T:System.ArgumentOutOfRangeException">steps is negative.</exception>
    static member Path
        (name: string, optimizer: Optimizer, steps: int, f: Func<Tensor, Tensor>, start: Tensor)
        : OptimizationPath =
        if isNull (box f) then
            nullArg (nameof f)

        Optimize.path name optimizer steps f.Invoke start

/// <summary>Initialisers with arrays for C#, where the F# members take lists.</summary>
[<AbstractClass; Sealed; Extension>]
type InitExtensions =
    /// <summary>Draws a weight tensor of the given dims (for a custom layer): Init.Weight.</summary>
    /// <param name="init">The initialiser.</param>
    /// <param name="rng">The source of randomness.</param>
    /// <param name="fanIn">Inputs per unit.</param>
    /// <param name="fanOut">Outputs per unit.</param>
    /// <param name="dims">The weight's dims.</param>
    /// <param name="dtype">Float32 or Float64.</param>
    [<Extension>]
    static member Weight(init: Init, rng: Random, fanIn: int, fanOut: int, dims: int[], dtype: DType) : Tensor =
        if isNull (box init) then
            nullArg (nameof init)

        if isNull (box dims) then
            nullArg (nameof dims)

        init.Weight(rng, fanIn, fanOut, List.ofArray dims, dtype)
