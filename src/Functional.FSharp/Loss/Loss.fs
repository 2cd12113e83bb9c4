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
/// −100 as in PyTorch, so p = 0 or 1 gives a large finite loss rather than inf. NaN stays NaN.</summary>
/// <remarks>One fused op, as PyTorch's binary_cross_entropy: the forward pass is a handful of kernels with no tape
/// nodes. Reverse (PyTorch's binary_cross_entropy_backward): dp = dy · (p − y) / max(p(1 − p), 1e-12) / n,
/// dy_target = dy · (ln(1 − p) − ln p) / n; both are written in differentiable ops, so they nest.</remarks>
[<CompiledName("Bce")>]
let bce (probability: Tensor) (target: Tensor) : Tensor =
    sameShape "bce" probability target
    let p, y = probability, target
    let backend = Tensor.BackendOf("bce", p, y)
    let floor = backend.Full(Shape.Scalar, p.DType, -100.0)
    // Max lets NaN through, and turns log 0 = −inf into −100.
    let clampedLog raw =
        backend.Binary(BinaryOp.Max, backend.Unary(UnaryOp.Log, raw), floor)

    let logP = clampedLog p.Raw

    let logQ =
        clampedLog (backend.Scalar(ScalarOp.Add, backend.Scalar(ScalarOp.Mul, p.Raw, -1.0), 1.0))
    // y·ln p + (1 − y)·ln(1 − p) = y·(ln p − ln(1 − p)) + ln(1 − p)
    let terms =
        backend.Binary(
            BinaryOp.Add,
            backend.Binary(BinaryOp.Mul, y.Raw, backend.Binary(BinaryOp.Sub, logP, logQ)),
            logQ
        )

    let n = float p.NumElements

    let total =
        backend.Reduce(ReduceOp.Sum, backend.Reshape(terms, Shape [| p.NumElements |]), 0, false)

    /// The clamped log in differentiable ops, for the reverse rule of the target.
    let clampedLogT (t: Tensor) =
        let l = t.Log()
        let f = Tensor.ScalarLike(-100.0, l)
        Tensor.Where(Tensor.Lt(l, f), f, l)

    Tensor.RecordEach(
        "bce",
        backend.Scalar(ScalarOp.Mul, total, -1.0 / n),
        [| p; y |],
        [|
            (fun dy ->
                let variance = p * (1.0 - p)
                let eps = Tensor.ScalarLike(1e-12, variance)
                dy * (p - y) / Tensor.Where(Tensor.Lt(variance, eps), eps, variance) / n)
            (fun dy -> dy * (clampedLogT (1.0 - p) - clampedLogT p) / n)
        |]
    )

/// <summary>Binary cross-entropy of logits z: mean(softplus(z) − z·y), stable for any z (σ is never formed).</summary>
[<CompiledName("BceWithLogits")>]
let bceWithLogits (logits: Tensor) (target: Tensor) : Tensor =
    sameShape "bceWithLogits" logits target
    (logits.Softplus() - logits * target).Mean()

/// <summary>Hinge loss of scores s against labels y ∈ {−1, 1}: mean(max(0, 1 − y·s)), the SVM's loss. Labels 0/1 are
/// read as −1/1, as Keras does.</summary>
/// <exception cref="ShapeMismatchException">Scores and labels differ in shape.</exception>
/// <exception cref="System.ArgumentException">A label is not −1, 0 or 1 (or mixes −1 with 0).</exception>
[<CompiledName("Hinge")>]
let hinge (scores: Tensor) (target: Tensor) : Tensor =
    sameShape "hinge" scores target
    let labels = target.ToFloatArray()

    match labels |> Array.tryFindIndex (fun v -> v <> -1.0 && v <> 0.0 && v <> 1.0) with
    | Some i ->
        raise (
            System.ArgumentException($"hinge: expected labels -1/1 or 0/1, received {labels[i]} at {i}", nameof target)
        )
    | None -> ()

    if Array.contains -1.0 labels && Array.contains 0.0 labels then
        raise (System.ArgumentException("hinge: expected labels -1/1 or 0/1, received both -1 and 0", nameof target))

    let signs =
        if Array.contains 0.0 labels then
            target * 2.0 - 1.0
        else
            target

    (1.0 - signs * scores).Relu().Mean()

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
