/// Loss functions: each maps predictions and targets to a scalar mean over the batch.
[<RequireQualifiedAccess>]
module Functional.Loss

open Functional.Core.Tensors

let private sameShape (op: string) (a: Tensor) (b: Tensor) =
    if a.Shape <> b.Shape then
        ShapeRules.Fail(op, "predictions and targets of one shape", $"predictions {a.Shape}, targets {b.Shape}")

    if a.DType <> b.DType then
        raise (
            DTypeMismatchException(
                op,
                "predictions and targets of one dtype",
                $"predictions {a.DType.Name()}, targets {b.DType.Name()}"
            )
        )

/// <summary>Mean squared error mean((ŷ − y)²).</summary>
[<CompiledName("Mse")>]
let mse (predicted: Tensor) (target: Tensor) : Tensor =
    sameShape "mse" predicted target
    let d = predicted - target
    (d * d).Mean()

/// <summary>Binary cross-entropy −mean(y ln p + (1 − y) ln(1 − p)) of probabilities p; each log is clamped at
/// −100 as in PyTorch, so p = 0 or 1 gives a large finite loss rather than inf.</summary>
[<CompiledName("Bce")>]
let bce (probability: Tensor) (target: Tensor) : Tensor =
    sameShape "bce" probability target

    let clampedLog (t: Tensor) =
        let floor = Tensor.ScalarLike(-100.0, t)
        // At t = 0, log 1 stands in for log 0 = −inf before the clamp: otherwise the reverse rule of log gives
        // 0 · ∞ = NaN even where the clamp discards the log. NaN and negative t still give NaN.
        let zero = Tensor.Eq(t, Tensor.ScalarLike(0.0, t))
        let l = Tensor.Where(zero, floor, Tensor.Where(zero, t.OnesLike(), t).Log())
        Tensor.Where(Tensor.Lt(l, floor), floor, l)

    -(target * clampedLog probability
      + (1.0 - target) * clampedLog (1.0 - probability))
        .Mean()

/// <summary>Binary cross-entropy of logits z: mean(softplus(z) − z·y), stable for any z (σ is never formed).</summary>
[<CompiledName("BceWithLogits")>]
let bceWithLogits (logits: Tensor) (target: Tensor) : Tensor =
    sameShape "bceWithLogits" logits target
    (logits.Softplus() - logits * target).Mean()

/// <summary>Softmax cross-entropy of logits [N, C] against integer labels [N] (int32/int64 in [0, C)) or one-hot /
/// probability targets [N, C]: −mean over rows of log softmax(z)[label].</summary>
/// <exception cref="ShapeMismatchException">Shapes do not match either form.</exception>
/// <exception cref="System.ArgumentException">A label is outside [0, C).</exception>
[<CompiledName("CrossEntropy")>]
let crossEntropy (logits: Tensor) (target: Tensor) : Tensor =
    if logits.Rank <> 2 then
        ShapeRules.Fail("crossEntropy", "logits of shape [N, C]", $"logits {logits.Shape}")

    let logp = logits.LogSoftmax 1

    if target.DType.IsFloatingPoint() then
        sameShape "crossEntropy" logits target
        -(target * logp).Sum(1).Mean()
    else
        if target.Rank <> 1 || target.Shape[0] <> logits.Shape[0] then
            ShapeRules.Fail(
                "crossEntropy",
                "labels of shape [N] for logits [N, C]",
                $"logits {logits.Shape}, labels {target.Shape}"
            )

        let classes = logits.Shape[1]
        let labels = target.ToFloatArray()

        labels
        |> Array.iteri (fun i v ->
            if v < 0.0 || v >= float classes then
                raise (
                    System.ArgumentException(
                        $"crossEntropy: expected labels in [0, {classes}), received {v} at row {i}",
                        nameof target
                    )
                ))

        -(logp.Gather(1, target.Unsqueeze 1)).Mean()
