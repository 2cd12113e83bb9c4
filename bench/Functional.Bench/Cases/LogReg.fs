// logreg-5000: lecture 001's 2-D logistic regression, 5000 full-batch gradient-descent epochs in float32.
module Functional.Bench.Cases.LogReg

open Functional
open Functional.Bench
open Functional.Bench.Measure

/// <summary>Full-batch epochs per timed run (one training).</summary>
let epochs = 5000

/// <summary>35 points (Recipe.logisticPoints), Dense(1, sigmoid): p = σ(X·w + b) from w = 0, b = 0; L = BCE(p, y)
/// (Loss.bce); gradients of (w, b) by Diff.gradsv; w ← w − 0.01·∇w, b ← b − 0.01·∇b. The check is the last L.</summary>
let prepare () : Outcome =
    let xs, ys = Recipe.logisticPoints ()
    let x = Tensor.ofArrayShaped [ 35; 2 ] (Array.map float32 xs)
    let y = Tensor.ofArrayShaped [ 35; 1 ] (Array.map float32 ys)

    let loss (p: Tensor[]) =
        Loss.bce (Tensor.sigmoid (Tensor.matmul x p[0] + p[1])) y

    let mutable last = nan

    Ready {
        Run =
            fun () ->
                let mutable w = Tensor.ofArrayShaped [ 2; 1 ] [| 0.0f; 0.0f |]
                let mutable b = Tensor.ofArrayShaped [ 1 ] [| 0.0f |]
                let mutable l = Unchecked.defaultof<Tensor>

                for _ in 1..epochs do
                    let value, g = Diff.gradsv loss [| w; b |]
                    l <- value
                    w <- w - 0.01 * g[0]
                    b <- b - 0.01 * g[1]

                last <- Tensor.toScalar l
        Units = 1
        Flops = None
        Check = fun () -> last
    }
