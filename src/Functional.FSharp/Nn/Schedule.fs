namespace Functional.Nn

open System

/// <summary>A learning-rate schedule: the rate for each epoch (counted from 1) from the optimizer's initial rate
/// (<c>Optimizer.InitialLearningRate</c>). Training sets it at the start of every epoch.</summary>
[<Sealed>]
type Schedule private (name: string, rate: int -> float -> float) =
    /// The rate for an epoch, given the initial rate.
    member _.Rate(epoch: int, initial: float) = rate epoch initial

    override _.ToString() = name

    /// The initial rate throughout.
    static member Constant = Schedule("constant", fun _ r -> r)

    /// <summary>Multiplies the rate by <paramref name="factor"/> every <paramref name="every"/> epochs (PyTorch's
    /// StepLR).</summary>
    static member Step(every: int, factor: float) =
        if every < 1 then
            invalidArg (nameof every) $"schedule.step: expected every >= 1, received {every}"

        Schedule($"step(every {every}, x{factor})", fun e r -> r * Math.Pow(factor, float ((e - 1) / every)))

    /// <summary>r·γ^(epoch − 1) (PyTorch's ExponentialLR).</summary>
    static member Exponential(gamma: float) =
        Schedule($"exponential({gamma})", fun e r -> r * Math.Pow(gamma, float (e - 1)))

    /// <summary>Cosine annealing from the initial rate to <paramref name="minimum"/> over <paramref name="epochs"/>
    /// epochs (PyTorch's CosineAnnealingLR, per epoch).</summary>
    static member Cosine(epochs: int, minimum: float) =
        if epochs < 1 then
            invalidArg (nameof epochs) $"schedule.cosine: expected epochs >= 1, received {epochs}"

        Schedule(
            $"cosine({epochs}, min {minimum})",
            fun e r ->
                let t = float (min (e - 1) epochs) / float epochs
                minimum + (r - minimum) * (1.0 + cos (Math.PI * t)) / 2.0
        )

    /// <summary>Any rule: (epoch, initial rate) → rate.</summary>
    static member Custom(name: string, rate: Func<int, float, float>) =
        if isNull (box rate) then
            nullArg (nameof rate)

        Schedule(name, fun e r -> rate.Invoke(e, r))
