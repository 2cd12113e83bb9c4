namespace Functional.Nn

open System
open Functional
open Functional.Core.Tensors

/// <summary>A neural network: a differentiable function Tensor → Tensor with the parameters it owns. Layers are
/// models; <c>a --> b</c> (C#: <c>a.Then(b)</c>) composes them into a <see cref="T:Functional.Nn.Sequential"/>.</summary>
/// <remarks>A model starts in training mode; <c>Eval()</c> switches Dropout off and BatchNorm to its running
/// statistics for the model and everything inside it.</remarks>
[<AbstractClass; StructuredFormatDisplay("{Display}")>]
type Model() =
    let mutable training = true

    /// The layer's kind as the summary shows it ("Linear", "Conv2d").
    abstract Kind: string
    default m.Kind = m.GetType().Name

    /// <summary>Applies the model to a batch.</summary>
    abstract Forward: Tensor -> Tensor

    /// The parameters this model holds itself (not those of the models inside it).
    abstract OwnParameters: Parameter[]
    default _.OwnParameters = [||]

    /// The models inside this one, with the names their parameters are filed under ("0", "1" in a Sequential).
    abstract Children: (string * Model)[]
    default _.Children = [||]

    /// A short description of the settings ("784 -> 256", "slope 0.3") for the summary.
    abstract Describe: unit -> string
    default _.Describe() = ""

    /// True in training mode (the default), false after Eval().
    member _.IsTraining = training

    /// <summary>Sets training (true) or evaluation (false) mode here and in every model inside.</summary>
    member m.SetTraining(on: bool) =
        training <- on

        for _, c in m.Children do
            c.SetTraining on

    /// <summary>Moves every parameter and buffer to <paramref name="device"/> (e.g. Device.Cuda after
    /// Functional.Gpu's Gpu.Use()) and returns the model. Move a model before its optimizer's first step: the
    /// optimizer keeps its state where the parameters were then.</summary>
    member m.ToDevice(device: Device) : Model =
        for p in m.Parameters do
            p.Value <- p.Value.ToDevice device

        m

    /// Training mode: Dropout drops, BatchNorm uses and updates batch statistics.
    member m.Train() = m.SetTraining true

    /// Evaluation mode: Dropout passes through, BatchNorm uses its running statistics.
    member m.Eval() = m.SetTraining false

    /// <summary>Every parameter with its path ("0.weight", "2.runningMean"), depth first in order. A layer used
    /// twice shares its parameters: they are listed once, under the first path.</summary>
    member m.NamedParameters: (string * Parameter)[] =
        [|
            for p in m.OwnParameters -> p.Name, p
            for name, c in m.Children do
                for path, p in c.NamedParameters -> $"{name}.{path}", p
        |]
        |> Array.distinctBy (fun (_, p) -> p.Id)

    /// Throws a DTypeMismatchException naming this layer when x is not of the layer's dtype.
    member internal m.ExpectDType(x: Tensor, dtype: Functional.Core.Tensors.DType) =
        if x.DType <> dtype then
            let op = string (Char.ToLowerInvariant m.Kind[0]) + m.Kind.Substring 1

            raise (
                Functional.Core.Tensors.DTypeMismatchException(
                    op,
                    $"{dtype.Name()} inputs, the dtype of its parameters",
                    $"{x.DType.Name()} inputs (convert with Cast)"
                )
            )

    /// Every parameter and buffer, in order.
    member m.Parameters: Parameter[] = m.NamedParameters |> Array.map snd

    /// The parameters an optimizer trains.
    member m.TrainableParameters: Parameter[] =
        m.Parameters |> Array.filter (fun p -> p.Trainable)

    /// The number of scalars in all parameters and buffers (Keras's "Total params").
    member m.ParameterCount = m.Parameters |> Array.sumBy (fun p -> int64 p.Count)

    /// The number of trainable scalars.
    member m.TrainableCount = m.TrainableParameters |> Array.sumBy (fun p -> int64 p.Count)

    /// The number of scalars no optimizer changes (running statistics).
    member m.NonTrainableCount = m.ParameterCount - m.TrainableCount

    /// <summary>Applies the model: the same as Forward.</summary>
    member m.Invoke(x: Tensor) = m.Forward x

    /// <summary>This model, then <paramref name="next"/>: a Sequential that flattens nested Sequentials.</summary>
    member m.Then(next: Model) : Model =
        if isNull (box next) then
            nullArg (nameof next)

        let layers (x: Model) =
            match x with
            | :? Sequential as s -> s.Layers
            | _ -> [| x |]

        Sequential(Array.append (layers m) (layers next))

    /// <summary>The Keras-like summary table for one sample of <paramref name="inputShape"/> (no batch axis): each
    /// layer's kind, output shape and parameter count, then the totals.</summary>
    member m.Summary(inputShape: int[]) : string = Summary.text m (Some inputShape)

    /// <summary>Composition: <c>a --> b</c> applies a, then b.</summary>
    static member (-->)(a: Model, b: Model) : Model = a.Then b

    override m.ToString() = Summary.text m None

    /// What FSI shows: the summary table (layers, parameter counts, totals), not a dump of every property.
    member m.Display = Summary.text m None

/// <summary>Layers applied one after another; what <c>--></c> builds. Its parameters are filed under the layer's
/// position: "0.weight", "1.bias".</summary>
and [<Sealed>] Sequential(layers: Model[]) =
    inherit Model()

    do
        if isNull (box layers) || layers.Length = 0 then
            invalidArg (nameof layers) "sequential: expected at least one layer, received none"

        layers
        |> Array.iteri (fun i l ->
            if isNull (box l) then
                invalidArg (nameof layers) $"sequential: expected a layer at position {i}, received null")

    let layers = Array.copy layers

    /// The layers in order.
    member _.Layers = Array.copy layers

    override _.Forward x =
        layers |> Array.fold (fun h l -> l.Forward h) x

    override _.Children = layers |> Array.mapi (fun i l -> string i, l)

    override _.Describe() = $"{layers.Length} layers"

/// Keras-like summary tables of a model.
and internal Summary =
    /// One row per layer (per child of a Sequential, else the model itself): kind, output shape, parameter count.
    static member text (model: Model) (inputShape: int[] option) : string =
        let rows: Model[] =
            match model with
            | :? Sequential as s -> s.Layers
            | m -> [| m |]

        let shapes =
            match inputShape with
            | None -> rows |> Array.map (fun _ -> "")
            | Some dims -> Summary.outputShapes model rows dims

        let count (m: Model) = m.ParameterCount

        let fmt (n: int64) =
            n.ToString("N0", Globalization.CultureInfo.InvariantCulture)

        let table = [|
            yield [| "Layer"; "Output shape"; "Param #" |]
            for i in 0 .. rows.Length - 1 do
                let r = rows[i]
                let d = r.Describe()
                let name = if d = "" then r.Kind else $"{r.Kind} ({d})"
                yield [| $"{i} {name}"; shapes[i]; fmt (count r) |]
        |]

        // Without an input shape there are no output shapes: the column is left out rather than left empty.
        let table =
            if inputShape.IsSome then
                table
            else
                table |> Array.map (fun row -> [| row[0]; row[2] |])

        let columns = table[0].Length

        let widths =
            Array.init columns (fun c -> table |> Array.map (fun row -> row[c].Length) |> Array.max)

        let line = String('─', Array.sum widths + 3 * (columns - 1))

        let render (row: string[]) =
            let last = columns - 1

            String.Join(
                "   ",
                row
                |> Array.mapi (fun c v ->
                    if c = last then
                        v.PadLeft widths[c]
                    else
                        v.PadRight widths[c])
            )

        let sb = Text.StringBuilder()

        sb.AppendLine($"Model: {model.Kind}").AppendLine(line).AppendLine(render table[0]).AppendLine(line)
        |> ignore

        for row in table[1..] do
            sb.AppendLine(render row) |> ignore

        sb
            .AppendLine(line)
            .AppendLine($"Total params: {fmt model.ParameterCount}")
            .AppendLine($"Trainable params: {fmt model.TrainableCount}")
            .Append($"Non-trainable params: {fmt model.NonTrainableCount}")
        |> ignore

        sb.ToString()

    /// The output shape after each row's layer for one sample of the given shape ("None" for the batch, as Keras).
    static member private outputShapes (model: Model) (rows: Model[]) (dims: int[]) =
        let dtype =
            model.Parameters
            |> Array.tryHead
            |> Option.map (fun p -> p.Value.DType)
            |> Option.defaultValue Functional.Core.Tensors.DType.Float32

        let wasTraining = model.IsTraining
        model.Eval()

        try
            Diff.noGrad (fun () ->
                let mutable h = Tensor.Zeros(Array.append [| 1 |] dims, dtype)

                rows
                |> Array.map (fun r ->
                    h <- r.Forward h
                    let tail = h.Dims[1..] |> Array.map string
                    "(" + String.Join(", ", Array.append [| "None" |] tail) + ")"))
        finally
            model.SetTraining wasTraining

/// Functions on models, for pipelines.
[<RequireQualifiedAccess>]
module Model =
    /// <summary>The Keras-like summary of a model for one sample of <paramref name="inputShape"/> (without the
    /// batch axis): each layer's kind, output shape and parameter count, and the totals.</summary>
    [<CompiledName("Summary")>]
    let summary (inputShape: int seq) (model: Model) : string =
        Summary.text model (Some(Seq.toArray inputShape))

    /// <summary>The named form of <c>--></c>: <c>Model.compose a b</c> applies a, then b (a Sequential).</summary>
    [<CompiledName("Compose")>]
    let compose (first: Model) (second: Model) : Model = first.Then second

    /// <summary>Applies a model to a batch without recording gradients, in evaluation mode (then restores the
    /// mode): what prediction wants.</summary>
    [<CompiledName("Predict")>]
    let predict (model: Model) (x: Tensor) : Tensor =
        let wasTraining = model.IsTraining
        model.Eval()

        try
            Diff.noGrad (fun () -> model.Forward x)
        finally
            model.SetTraining wasTraining
