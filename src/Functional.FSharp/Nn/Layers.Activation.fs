namespace Functional.Nn

open System
open Functional

/// <summary>max(x, 0).</summary>
[<Sealed>]
type Relu() =
    inherit Model()
    override _.Forward x = x.Relu()

/// <summary>x for x ≥ 0, slope·x below (PyTorch's default slope is 0.01, Keras's 0.3: say which you mean).</summary>
[<Sealed>]
type LeakyRelu(slope: float) =
    inherit Model()

    do
        if Double.IsNaN slope then
            invalidArg (nameof slope) "leakyRelu: expected a slope, received NaN"

    /// The slope below zero.
    member _.Slope = slope
    override _.Describe() = $"slope {slope}"
    override _.Forward x = x.LeakyRelu slope

/// <summary>1 / (1 + e^−x).</summary>
[<Sealed>]
type Sigmoid() =
    inherit Model()
    override _.Forward x = x.Sigmoid()

/// <summary>tanh x.</summary>
[<Sealed>]
type Tanh() =
    inherit Model()
    override _.Forward x = x.Tanh()

/// <summary>Softmax along the last axis (class probabilities from logits [N, C]).</summary>
[<Sealed>]
type Softmax() =
    inherit Model()
    override _.Forward x = x.Softmax(x.Rank - 1)

/// <summary>Log-softmax along the last axis.</summary>
[<Sealed>]
type LogSoftmax() =
    inherit Model()
    override _.Forward x = x.LogSoftmax(x.Rank - 1)

/// <summary>Any differentiable function as a layer, with a name for the summary.</summary>
[<Sealed>]
type Lambda(name: string, f: Func<Tensor, Tensor>) =
    inherit Model()

    do
        if isNull (box f) then
            nullArg (nameof f)

    override _.Kind = if String.IsNullOrEmpty name then "Lambda" else name
    override _.Forward x = f.Invoke x
