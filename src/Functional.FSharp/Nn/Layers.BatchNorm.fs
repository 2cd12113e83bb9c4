namespace Functional.Nn

open System.Runtime.InteropServices
open Functional
open Functional.Core.Tensors

/// <summary>Batch normalisation over the batch (and spatial) axes of each feature or channel:
/// y = (x − μ) / √(σ² + ε) · γ + β. Training uses the batch's μ and σ² (biased) and updates the running statistics
/// r ← (1 − momentum)·r + momentum·batch (the variance unbiased, as PyTorch); evaluation uses the running ones.</summary>
/// <remarks>momentum follows PyTorch (the weight of the new batch, 0.1); Keras's momentum 0.99 is PyTorch's 0.01.
/// Parameters: weight γ and bias β (trainable); runningMean and runningVar (buffers, counted as non-trainable, as
/// Keras's summary counts them).</remarks>
[<AbstractClass>]
type BatchNorm internal (features: int, rank: int, momentum: float, epsilon: float, dtype: DType) =
    inherit Model()

    do
        if features < 1 then
            invalidArg (nameof features) $"batchNorm: expected at least one feature, received {features}"

        if not (momentum >= 0.0 && momentum <= 1.0) then
            invalidArg (nameof momentum) $"batchNorm: expected 0 <= momentum <= 1, received {momentum}"

        if not (epsilon > 0.0) then
            invalidArg (nameof epsilon) $"batchNorm: expected epsilon > 0, received {epsilon}"

    let gamma = Parameter("weight", Tensor.Ones([ features ], dtype), true)
    let beta = Parameter("bias", Tensor.Zeros([ features ], dtype), true)
    let runningMean = Parameter("runningMean", Tensor.Zeros([ features ], dtype), false)
    let runningVar = Parameter("runningVar", Tensor.Ones([ features ], dtype), false)
    // Statistics are taken over every axis but 1: [1, C] or [1, C, 1, 1].
    let statShape = List.init rank (fun i -> if i = 1 then features else 1)
    let reduced = [ 0 .. rank - 1 ] |> List.filter (fun a -> a <> 1)

    let meanOver (x: Tensor) =
        reduced |> List.fold (fun (t: Tensor) a -> t.Mean(a, true)) x

    /// γ, one per feature.
    member _.Weight = gamma
    /// β, one per feature.
    member _.Bias = beta
    /// The running mean used in evaluation.
    member _.RunningMean = runningMean
    /// The running (unbiased) variance used in evaluation.
    member _.RunningVar = runningVar

    override _.OwnParameters = [| gamma; beta; runningMean; runningVar |]

    override _.Describe() = $"{features}"

    override m.Forward x =
        let op = if rank = 2 then "batchNorm1d" else "batchNorm2d"
        m.ExpectDType(x, gamma.Value.DType)

        if x.Rank <> rank || x.Dims[1] <> features then
            let expected =
                if rank = 2 then
                    $"[N, {features}]"
                else
                    $"[N, {features}, H, W]"

            ShapeRules.Fail(op, $"inputs {expected}", $"{x.Shape}")

        let shaped (p: Parameter) = p.Value.Reshape statShape

        if m.IsTraining then
            let count = x.NumElements / features

            if count < 2 then
                ShapeRules.Fail(op, "at least two values per feature in training mode", $"{x.Shape}")

            let mean = meanOver x
            let centred = x - mean
            let var = meanOver (centred * centred)

            Diff.noGrad (fun () ->
                let update (r: Parameter) (batch: Tensor) =
                    r.Value <- ((1.0 - momentum) * r.Value + momentum * batch.Detach().Reshape [ features ])

                update runningMean mean
                update runningVar (var * (float count / float (count - 1))))

            centred / (var + epsilon).Sqrt() * shaped gamma + shaped beta
        else
            (x - shaped runningMean) / (shaped runningVar + epsilon).Sqrt() * shaped gamma
            + shaped beta

/// <summary>Batch normalisation of features: x [N, C] (PyTorch's BatchNorm1d, Keras's BatchNormalization after a
/// Dense layer).</summary>
[<Sealed>]
type BatchNorm1d
    (
        features: int,
        [<Optional; DefaultParameterValue(0.1)>] momentum: float,
        [<Optional; DefaultParameterValue(1e-5)>] epsilon: float,
        [<Optional; DefaultParameterValue(DType.Float32)>] dtype: DType
    ) =
    inherit BatchNorm(features, 2, momentum, epsilon, dtype)

/// <summary>Batch normalisation of channels: x [N, C, H, W] (PyTorch's BatchNorm2d).</summary>
[<Sealed>]
type BatchNorm2d
    (
        channels: int,
        [<Optional; DefaultParameterValue(0.1)>] momentum: float,
        [<Optional; DefaultParameterValue(1e-5)>] epsilon: float,
        [<Optional; DefaultParameterValue(DType.Float32)>] dtype: DType
    ) =
    inherit BatchNorm(channels, 4, momentum, epsilon, dtype)
