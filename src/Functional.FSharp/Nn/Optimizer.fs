namespace Functional.Nn

open System
open System.Runtime.InteropServices
open System.Collections.Generic
open Functional
open Functional.Core.Optim
open Functional.Core.Tensors

/// <summary>Whose arithmetic an optimizer follows where PyTorch and Keras differ (ε inside or outside the square
/// root, Adam's bias correction, where SGD's learning rate enters the velocity).</summary>
type Convention =
    /// torch.optim: the default.
    | PyTorch = 0
    /// Keras 3 (keras.optimizers).
    | Keras = 1

/// <summary>An optimizer: turns gradients into in-place updates of parameters, keeping per-parameter state
/// (velocities, moving averages) across steps.</summary>
/// <remarks>Each parameter is updated by one fused kernel pass (<see cref="T:Functional.Core.Optim.UpdateRule"/>),
/// so a step allocates nothing but the first step's state.</remarks>
[<AbstractClass>]
type Optimizer(learningRate: float) =
    do
        if not (learningRate > 0.0) || Double.IsInfinity learningRate then
            invalidArg (nameof learningRate) $"optimizer: expected a learning rate > 0, received {learningRate}"

    // Per parameter, as PyTorch's state['step']: its buffers and how many updates it has had, so a parameter that
    // joins late (unfrozen) gets a true first step with its own bias corrections.
    let state = Dictionary<int64, RawTensor[] * int ref>()
    let mutable steps = 0
    let mutable rate = learningRate

    /// The learning rate of the next step (schedules change it).
    member _.LearningRate
        with get () = rate
        and set (v: float) =
            if not (v > 0.0) || Double.IsInfinity v then
                invalidArg "value" $"optimizer: expected a learning rate > 0, received {v}"

            rate <- v

    /// The learning rate the optimizer was created with: schedules scale it, so fitting again (resuming) with the
    /// same optimizer does not compound a schedule's decay.
    member _.InitialLearningRate = learningRate

    /// How many times Step has been called.
    member _.Steps = steps

    /// The arithmetic of a parameter's update number t (counted from 1) at the current learning rate.
    abstract Rule: step: int -> UpdateRule

    /// A parameter's state buffers and update count (for checkpoints); empty and 0 before its first update.
    member internal _.StateOf(p: Parameter) =
        match state.TryGetValue p.Id with
        | true, (buffers, count) -> buffers, count.Value
        | _ -> [||], 0

    /// Restores a parameter's state buffers and update count (resuming from a checkpoint).
    member internal _.Restore(p: Parameter, buffers: RawTensor[], count: int) = state[p.Id] <- (buffers, ref count)

    /// Restores the number of Step calls (resuming from a checkpoint).
    member internal _.Restore(stepCount: int) = steps <- stepCount

    /// <summary>Updates each parameter in place from its gradient (same order and shapes). Everything is checked
    /// before anything changes.</summary>
    /// <exception cref="T:System.ArgumentException">The arrays differ in length, a parameter is not trainable, or a
    /// gradient's shape or dtype differs from its parameter's.</exception>
    member o.Step(parameters: Parameter[], gradients: Tensor[]) =
        if isNull (box parameters) then
            nullArg (nameof parameters)

        if isNull (box gradients) then
            nullArg (nameof gradients)

        if parameters.Length <> gradients.Length then
            invalidArg
                (nameof gradients)
                $"optimizer.step: expected {parameters.Length} gradients, one per parameter, received {gradients.Length}"

        for i in 0 .. parameters.Length - 1 do
            let p, g = parameters[i], gradients[i]

            if not p.Trainable then
                invalidArg (nameof parameters) $"optimizer.step: expected trainable parameters, received {p}"

            if g.Shape <> p.Value.Shape || g.DType <> p.Value.DType then
                invalidArg
                    (nameof gradients)
                    $"optimizer.step: expected a gradient {p.Value.DType.Name()} {p.Value.Shape} for parameter {p.Name}, received {g.DType.Name()} {g.Shape}"

        steps <- steps + 1

        for i in 0 .. parameters.Length - 1 do
            let p, g = parameters[i], gradients[i]

            if not p.Value.Raw.IsContiguous then
                p.Value <- Tensor.OfRaw(Optimizer.Copy p.Value.Raw)

            let raw = p.Value.Raw

            let buffers, count =
                match state.TryGetValue p.Id with
                | true, s -> s
                | _ ->
                    let s =
                        Array.init (o.Rule 1).StateCount (fun _ -> raw.Backend.Full(raw.Shape, raw.DType, 0.0))

                    o.InitialState(s)
                    state[p.Id] <- (s, ref 0)
                    s, snd state[p.Id]

            count.Value <- count.Value + 1
            let rule = o.Rule count.Value

            // A gradient that shares the parameter's memory would change under the update.
            let gRaw =
                if Object.ReferenceEquals(g.Raw.Storage, raw.Storage) then
                    Optimizer.Copy g.Raw
                else
                    g.Raw

            raw.Backend.ApplyUpdate((if count.Value = 1 then rule.AsFirstStep() else rule), raw, gRaw, buffers)

    /// A fresh contiguous copy that shares no memory with x.
    static member internal Copy(x: RawTensor) =
        x.Backend.FromHostArray(x.Backend.ToHostArray x, x.Shape)

    /// Fills fresh state buffers (AdaGrad's initial accumulator); zeros by default.
    abstract InitialState: RawTensor[] -> unit
    default _.InitialState _ = ()

    /// <summary>Starts again: forgets every parameter's state and the step count.</summary>
    member _.Reset() =
        state.Clear()
        steps <- 0

/// <summary>Stochastic gradient descent with optional momentum (heavy ball or Nesterov), dampening and L2 weight
/// decay, as torch.optim.SGD (PyTorch: v = μv + (1 − dampening)g, p −= lr·v) or keras.optimizers.SGD (Keras:
/// v = μv − lr·g, p += v); the two agree while the learning rate is constant.</summary>
[<Sealed>]
type Sgd
    (
        learningRate: float,
        [<Optional; DefaultParameterValue(0.0)>] momentum: float,
        [<Optional; DefaultParameterValue(false)>] nesterov: bool,
        [<Optional; DefaultParameterValue(0.0)>] dampening: float,
        [<Optional; DefaultParameterValue(0.0)>] weightDecay: float,
        [<Optional; DefaultParameterValue(Convention.PyTorch)>] convention: Convention
    ) =
    inherit Optimizer(learningRate)

    do
        if not (momentum >= 0.0 && momentum < 1.0) then
            invalidArg (nameof momentum) $"sgd: expected 0 <= momentum < 1, received {momentum}"

        if nesterov && (momentum = 0.0 || dampening <> 0.0) then
            invalidArg (nameof nesterov) "sgd: Nesterov momentum needs momentum > 0 and no dampening"

    override o.Rule _ =
        UpdateRule(
            Kind = UpdateKind.Sgd,
            LearningRate = o.LearningRate,
            Momentum = momentum,
            Nesterov = nesterov,
            Dampening = dampening,
            WeightDecay = weightDecay,
            LearningRateInVelocity = (convention = Convention.Keras)
        )

/// <summary>AdaGrad: p −= lr_t·g / (√(Σg²) + ε) with lr_t = lr / (1 + (t − 1)·lrDecay), as torch.optim.Adagrad
/// (ε 1e-10, accumulator from 0); Keras (<see cref="M:Functional.Nn.AdaGrad.Keras"/>) starts the accumulator at 0.1
/// and divides by √(Σg² + ε), ε 1e-7.</summary>
[<Sealed>]
type AdaGrad
    (
        learningRate: float,
        [<Optional; DefaultParameterValue(0.0)>] learningRateDecay: float,
        [<Optional; DefaultParameterValue(0.0)>] weightDecay: float,
        [<Optional; DefaultParameterValue(0.0)>] initialAccumulator: float,
        [<Optional; DefaultParameterValue(1e-10)>] epsilon: float,
        [<Optional; DefaultParameterValue(Convention.PyTorch)>] convention: Convention
    ) =
    inherit Optimizer(learningRate)

    /// <summary>Keras's AdaGrad: accumulator from 0.1, ε = 1e-7 inside the square root.</summary>
    static member Keras(learningRate: float) =
        AdaGrad(learningRate, 0.0, 0.0, 0.1, 1e-7, Convention.Keras)

    override _.InitialState s =
        if initialAccumulator <> 0.0 then
            s[0] <- s[0].Backend.Full(s[0].Shape, s[0].DType, initialAccumulator)

    override o.Rule t =
        UpdateRule(
            Kind = UpdateKind.AdaGrad,
            LearningRate = o.LearningRate / (1.0 + float (t - 1) * learningRateDecay),
            WeightDecay = weightDecay,
            Epsilon = epsilon,
            EpsilonInsideSqrt = (convention = Convention.Keras)
        )

/// <summary>RMSProp: v = ρv + (1 − ρ)g², p −= lr·g / (√v + ε), with optional momentum and the centred form, as
/// torch.optim.RMSprop (ρ 0.99, ε 1e-8); Keras (<see cref="M:Functional.Nn.RmsProp.Keras"/>: ρ 0.9, ε 1e-7) divides
/// by √(v + ε).</summary>
[<Sealed>]
type RmsProp
    (
        learningRate: float,
        [<Optional; DefaultParameterValue(0.99)>] rho: float,
        [<Optional; DefaultParameterValue(1e-8)>] epsilon: float,
        [<Optional; DefaultParameterValue(0.0)>] momentum: float,
        [<Optional; DefaultParameterValue(false)>] centered: bool,
        [<Optional; DefaultParameterValue(0.0)>] weightDecay: float,
        [<Optional; DefaultParameterValue(Convention.PyTorch)>] convention: Convention
    ) =
    inherit Optimizer(learningRate)

    do
        if not (rho >= 0.0 && rho < 1.0) then
            invalidArg (nameof rho) $"rmsProp: expected 0 <= rho < 1, received {rho}"

    /// <summary>Keras's RMSProp defaults: ρ = 0.9, ε = 1e-7 inside the square root.</summary>
    static member Keras(learningRate: float) =
        RmsProp(learningRate, 0.9, 1e-7, 0.0, false, 0.0, Convention.Keras)

    override o.Rule _ =
        UpdateRule(
            Kind = UpdateKind.RmsProp,
            LearningRate = o.LearningRate,
            Beta1 = rho,
            Epsilon = epsilon,
            Momentum = momentum,
            Centered = centered,
            WeightDecay = weightDecay,
            EpsilonInsideSqrt = (convention = Convention.Keras),
            LearningRateInVelocity = (convention = Convention.Keras)
        )

/// <summary>Adam: moving averages m of g and v of g², bias-corrected, p −= lr·m̂ / (√v̂ + ε), as torch.optim.Adam
/// (β 0.9/0.999, ε 1e-8; weightDecay adds λp to g; <c>decoupled</c> makes it AdamW's p −= lr·λ·p; <c>amsGrad</c>
/// divides by the running maximum of v). Keras (<see cref="M:Functional.Nn.Adam.Keras"/>: ε 1e-7) scales the step by
/// √(1 − β₂ᵗ)/(1 − β₁ᵗ) and adds ε to the uncorrected √v.</summary>
[<Sealed>]
type Adam
    (
        learningRate: float,
        [<Optional; DefaultParameterValue(0.9)>] beta1: float,
        [<Optional; DefaultParameterValue(0.999)>] beta2: float,
        [<Optional; DefaultParameterValue(1e-8)>] epsilon: float,
        [<Optional; DefaultParameterValue(0.0)>] weightDecay: float,
        [<Optional; DefaultParameterValue(false)>] decoupled: bool,
        [<Optional; DefaultParameterValue(false)>] amsGrad: bool,
        [<Optional; DefaultParameterValue(Convention.PyTorch)>] convention: Convention
    ) =
    inherit Optimizer(learningRate)

    do
        if not (beta1 >= 0.0 && beta1 < 1.0 && beta2 >= 0.0 && beta2 < 1.0) then
            invalidArg (nameof beta1) $"adam: expected betas in [0, 1), received {beta1}, {beta2}"

    /// <summary>Keras's Adam: ε = 1e-7 added to the uncorrected √v.</summary>
    static member Keras(learningRate: float) =
        Adam(learningRate, 0.9, 0.999, 1e-7, 0.0, false, false, Convention.Keras)

    /// <summary>AdamW (torch.optim.AdamW): decoupled weight decay, default λ = 0.01.</summary>
    static member W(learningRate: float, weightDecay: float) =
        Adam(learningRate, 0.9, 0.999, 1e-8, weightDecay, true, false, Convention.PyTorch)

    override o.Rule t =
        UpdateRule(
            Kind = UpdateKind.Adam,
            LearningRate = o.LearningRate,
            Beta1 = beta1,
            Beta2 = beta2,
            Epsilon = epsilon,
            WeightDecay = (if decoupled then 0.0 else weightDecay),
            DecoupledWeightDecay = (if decoupled then weightDecay else 0.0),
            AmsGrad = amsGrad,
            BiasCorrection1 = 1.0 - Math.Pow(beta1, float t),
            BiasCorrection2 = 1.0 - Math.Pow(beta2, float t),
            EpsilonAfterCorrection = (convention = Convention.PyTorch)
        )
