namespace Functional.Nn

open System
open Functional
open Functional.Core.Tensors

/// Identities for parameters, unique in the process.
module internal ParameterIds =
    let mutable private last = 0L
    let next () = Threading.Interlocked.Increment(&last)

/// <summary>A named tensor a model owns: a weight the optimizer trains, or a buffer it does not (BatchNorm's running
/// statistics). Its value is replaced or updated in place by training; read it, do not keep views of it.</summary>
[<Sealed; StructuredFormatDisplay("{Display}")>]
type Parameter(name: string, value: Tensor, trainable: bool) =
    do
        if String.IsNullOrEmpty name then
            invalidArg (nameof name) "parameter: expected a non-empty name, received none"

        if isNull (box value) then
            nullArg (nameof value)

    let mutable current = value
    let id = ParameterIds.next ()

    /// A process-wide identity: optimizers key their state by it.
    member internal _.Id = id

    /// The name within its layer ("weight", "bias", "runningMean").
    member _.Name = name

    /// The current value.
    member _.Value
        with get () = current
        and set (v: Tensor) =
            if isNull (box v) then
                nullArg "value"

            if v.Shape <> current.Shape || v.DType <> current.DType then
                invalidArg
                    "value"
                    $"parameter {name}: expected a {current.DType.Name()} tensor of shape {current.Shape}, received {v.DType.Name()} {v.Shape}"

            current <- v

    /// True when an optimizer updates it; false for buffers such as running statistics.
    member _.Trainable = trainable

    /// The number of scalars it holds.
    member _.Count = current.NumElements

    override _.ToString() =
        let kind = if trainable then "" else ", not trainable"
        $"Parameter {name} {current.Shape} {current.DType.Name()}{kind}"

    /// What FSI shows: the name, shape, dtype and values.
    member p.Display = $"{p}\n{current}"
