// gd-step: one step of lecture 002's gradient descent, the cost of a tiny op chain plus its backward pass.
module Functional.Bench.Cases.GdStep

open Functional
open Functional.Bench
open Functional.Bench.Measure

/// <summary>Steps per timed run; seconds are reported per step.</summary>
let steps = 10_000

/// <summary>X 5×2 and y 5×1 float64 (lecture 002, centred, dummy column); from w = [2, −1]: yp = X·w,
/// L = mean((yp − y)²)/2, (L, ∇L) by Diff.gradv, w ← w − 0.01·∇L. The check is the last L (it converges to the
/// least-squares minimum 2.2695172).</summary>
let prepare () : Outcome =
    let xs, ys = Recipe.lecture002 ()
    let x = Tensor.ofArrayShaped [ 5; 2 ] xs
    let y = Tensor.ofArrayShaped [ 5; 1 ] ys
    let start = Tensor.ofArrayShaped [ 2; 1 ] [| 2.0; -1.0 |]

    let loss (w: Tensor) =
        let d = Tensor.matmul x w - y
        (d * d).Mean() / 2.0

    let mutable last = nan

    Ready {
        Run =
            fun () ->
                let mutable w = start
                let mutable l = Unchecked.defaultof<Tensor>

                for _ in 1..steps do
                    let value, g = Diff.gradv loss w
                    l <- value
                    w <- w - 0.01 * g

                last <- Tensor.toScalar l
        Units = steps
        Flops = None
        Check = fun () -> last
    }
