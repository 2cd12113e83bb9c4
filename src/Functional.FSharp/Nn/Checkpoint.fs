namespace Functional.Nn

open System
open System.Collections.Generic
open System.Globalization
open System.IO
open Functional
open Functional.Core.Models
open Functional.Core.Tensors

/// <summary>What a checkpoint held besides the weights: the epoch it was written after and the optimizer's step
/// count (0 when it was saved without an optimizer).</summary>
type CheckpointInfo = {
    /// The epoch the checkpoint was written after.
    Epoch: int
    /// Optimizer steps taken before it was written.
    OptimizerSteps: int
}

/// <summary>Saving and restoring a model (and its optimizer's state, to resume training) in the safetensors layout:
/// parameters under their paths ("0.weight"), optimizer state under "optimizer/PATH/i", and the epoch in the
/// metadata. Files are written atomically and read back bit-exact.</summary>
[<RequireQualifiedAccess>]
module Checkpoint =
    let private optimizerKey (path: string) (i: int) = $"optimizer/{path}/{i}"

    /// <summary>Writes the model's parameters and buffers, and the optimizer's state when given, to
    /// <paramref name="path"/> (a temporary file renamed into place, so an interrupted save never leaves a broken
    /// file).</summary>
    [<CompiledName("Save")>]
    let save (path: string) (model: Model) (optimizer: Optimizer option) (epoch: int) =
        let tensors = List<KeyValuePair<string, RawTensor>>()
        let counts = Dictionary<string, string>()

        for name, p in model.NamedParameters do
            tensors.Add(KeyValuePair(name, p.Value.Raw))

        let steps =
            match optimizer with
            | Some o ->
                for name, p in model.NamedParameters do
                    let buffers, count = o.StateOf p

                    buffers
                    |> Array.iteri (fun i s -> tensors.Add(KeyValuePair(optimizerKey name i, s)))

                    if count > 0 then
                        counts.Add($"updates/{name}", string count)

                o.Steps
            | None -> 0

        let metadata = Dictionary<string, string>(counts)
        metadata["format"] <- "functional"
        metadata["epoch"] <- string epoch
        metadata["optimizerSteps"] <- string steps
        metadata["model"] <- model.Kind
        Safetensors.Write(path, tensors, metadata)

    let private invalid (path: string) (expected: string) (received: string) =
        raise (InvalidDataException($"checkpoint: expected {expected}, received {received} in {path}"))

    /// <summary>Reads a checkpoint into <paramref name="model"/> (every parameter must be present with its shape
    /// and dtype) and, when given, the optimizer's state; returns the epoch and step count it was saved at.</summary>
    /// <exception cref="T:System.IO.InvalidDataException">The file is malformed or truncated, or a parameter is
    /// missing or of another shape or dtype.</exception>
    [<CompiledName("Load")>]
    let load (path: string) (model: Model) (optimizer: Optimizer option) : CheckpointInfo =
        let file = Safetensors.Read path

        let find name =
            file.Tensors
            |> Seq.tryFind (fun kv -> kv.Key = name)
            |> Option.map (fun kv -> kv.Value)

        let expectedNames = model.NamedParameters |> Array.map fst |> set

        let unknown =
            file.Tensors
            |> Seq.map (fun kv -> kv.Key)
            |> Seq.filter (fun k ->
                // optimizer/PATH/i belongs to parameter PATH, which must exist too.
                let owner =
                    if k.StartsWith "optimizer/" && k.LastIndexOf '/' > 10 then
                        k.Substring(10, k.LastIndexOf '/' - 10)
                    else
                        k

                not (expectedNames.Contains owner))
            |> Seq.toList

        if not unknown.IsEmpty then
            invalid path $"the parameters of this {model.Kind}" $"""unknown tensors {String.Join(", ", unknown)}"""

        let loaded = [|
            for name, p in model.NamedParameters ->
                match find name with
                | None -> invalid path $"a tensor \"{name}\"" "none"
                | Some raw when raw.Shape <> p.Value.Shape || raw.DType <> p.Value.DType ->
                    invalid
                        path
                        $"\"{name}\" as {p.Value.DType.Name()} {p.Value.Shape}"
                        $"{raw.DType.Name()} {raw.Shape}"
                | Some raw -> p, raw
        |]

        let number key =
            match file.Metadata.TryGetValue key with
            | true, v ->
                match Int32.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture) with
                | true, n when n >= 0 -> n
                | _ -> invalid path $"a non-negative integer \"{key}\" in the metadata" v
            | _ -> 0

        let epoch, steps = number "epoch", number "optimizerSteps"

        // Each parameter's optimizer buffers, checked against the parameter (shape, dtype) and the optimizer's rule.
        let restored =
            match optimizer with
            | None -> [||]
            | Some o ->
                let expected = (o.Rule 1).StateCount

                [|
                    for name, p in model.NamedParameters do
                        let buffers =
                            Seq.initInfinite (fun i -> find (optimizerKey name i))
                            |> Seq.takeWhile Option.isSome
                            |> Seq.choose id
                            |> Seq.toArray

                        if buffers.Length > 0 then
                            if buffers.Length <> expected then
                                invalid
                                    path
                                    $"{expected} optimizer buffers for \"{name}\" ({o.GetType().Name})"
                                    $"{buffers.Length}"

                            buffers
                            |> Array.iteri (fun i b ->
                                if b.Shape <> p.Value.Shape || b.DType <> p.Value.DType then
                                    invalid
                                        path
                                        $"\"{optimizerKey name i}\" as {p.Value.DType.Name()} {p.Value.Shape}, like its parameter"
                                        $"{b.DType.Name()} {b.Shape}")

                            yield p, buffers, number $"updates/{name}"
                |]

        // Only once everything is checked do the model and the optimizer change.
        for p, raw in loaded do
            p.Value <- Tensor.OfRaw raw

        optimizer
        |> Option.iter (fun o ->
            o.Reset()

            for p, buffers, count in restored do
                o.Restore(p, buffers, count)

            o.Restore(steps))

        {
            Epoch = epoch
            OptimizerSteps = steps
        }
