// softmax-epoch: one epoch of a linear softmax classifier 784 → 10 on MNIST-sized random data, Adam, batch 128.
module Functional.Bench.Cases.SoftmaxEpoch

open Functional
open Functional.Core.Tensors
open Functional.Bench
open Functional.Bench.Measure

let private rows, features, classes, batch = 60_000, 784, 10, 128

/// <summary>Adam (Kingma &amp; Ba 2015, Alg. 1) written as PyTorch 1.13's torch.optim.Adam computes it:
/// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
/// Inline with tensor ops because the optimizer library (issue 5) does not exist yet; swap in Optim.adam then.</summary>
let private adamStep (lr: float) (t: int) (p: Tensor) (g: Tensor) (m: Tensor) (v: Tensor) =
    let beta1, beta2, eps = 0.9, 0.999, 1e-8
    let m = beta1 * m + (1.0 - beta1) * g
    let v = beta2 * v + (1.0 - beta2) * (g * g)
    let bias1, bias2 = 1.0 - beta1 ** float t, 1.0 - beta2 ** float t
    let p = p - (lr / bias1) * m / (Tensor.sqrt v / sqrt bias2 + eps)
    p, m, v

/// <summary>X 60000×784 float32 uniform in [0, 1) (stream 20), labels ⌊10u⌋ as int64 (stream 21), W₀ = (2u − 1)/28
/// (stream 22, 784×10), b₀ = 0. Per batch of 128 rows in order (the last has 96): logits = X_b·W + b,
/// L = Loss.crossEntropy, gradients by Diff.gradsv, one Adam step with lr 1e-3. The check is the last batch's L.</summary>
let prepare () : Outcome =
    let x =
        Tensor.ofArrayShaped [ rows; features ] (Recipe.uniforms 20 (rows * features) |> Array.map float32)

    let labels =
        Tensor.ofArray (Recipe.uniforms 21 rows |> Array.map (fun u -> int64 (floor (10.0 * u))))

    let w0 =
        Recipe.symmetric 22 (features * classes)
        |> Array.map (fun u -> float32 (u / 28.0))

    let mutable last = nan

    Ready {
        Run =
            fun () ->
                let mutable w = Tensor.ofArrayShaped [ features; classes ] w0
                let mutable b = Tensor.Zeros([ classes ], DType.Float32)

                let mutable mw, vw, mb, vb =
                    w.ZerosLike(), w.ZerosLike(), b.ZerosLike(), b.ZerosLike()

                let mutable l = Unchecked.defaultof<Tensor>
                let mutable t = 0

                for start in 0..batch .. rows - 1 do
                    let stop = min rows (start + batch)
                    let xb = x.Slice([| start; 0 |], [| stop; features |], [| 1; 1 |])
                    let yb = labels.Slice([| start |], [| stop |], [| 1 |])

                    let value, g =
                        Diff.gradsv (fun p -> Loss.crossEntropy (Tensor.matmul xb p[0] + p[1]) yb) [| w; b |]

                    l <- value
                    t <- t + 1
                    let w', mw', vw' = adamStep 1e-3 t w g[0] mw vw
                    let b', mb', vb' = adamStep 1e-3 t b g[1] mb vb
                    w <- w'
                    mw <- mw'
                    vw <- vw'
                    b <- b'
                    mb <- mb'
                    vb <- vb'

                last <- Tensor.toScalar l
        Units = 1
        Flops = None
        Check = fun () -> last
    }
