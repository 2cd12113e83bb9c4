// §5.9 minibatch SGD: gradients from m′ rows are unbiased estimates of the full gradient, variance ∝ 1/m′.
// A section of ../003-deep-learning-ch5.fsx, which loads common.fsx and setup.fsx first: #load nothing here.

open System.IO
open Common
open Functional
open Setup

say "== minibatch SGD =="
// Linear regression on 10,000 points; at a fixed w, minibatch gradients (m′ rows drawn with replacement) are unbiased
// estimates of the full gradient with variance ∝ 1/m′.
let sgdN = 10_000

let sgdX =
    Tensor.ofArrayShaped [ sgdN; 2 ] (Array.init sgdN (fun _ -> [| 1.0; normal rng 0.0 1.0 |]) |> Array.concat)

let sgdY =
    Tensor.matmul sgdX (Tensor.ofArrayShaped [ 2; 1 ] [| 0.5; -2.0 |])
    + Tensor.ofArrayShaped [ sgdN; 1 ] (Array.init sgdN (fun _ -> normal rng 0.0 1.0))

let sgdW = Tensor.ofArrayShaped [ 2; 1 ] [| 0.0; 0.0 |]
let lossOn (x: Tensor) (y: Tensor) (w: Tensor) = Loss.mse (Tensor.matmul x w) y / 2.0
let fullGradient = Diff.grad (lossOn sgdX sgdY) sgdW |> Tensor.toArray
let xRows, yRows = Tensor.toArray sgdX, Tensor.toArray sgdY
let sizes = [| 1; 4; 16; 64; 256; 1024 |]

let variances =
    sizes
    |> Array.map (fun size ->
        let draws =
            Array.init 400 (fun _ ->
                let pick = Array.init size (fun _ -> rng.Next sgdN)

                let xb =
                    Tensor.ofArrayShaped [ size; 2 ] (pick |> Array.collect (fun i -> xRows[2 * i .. 2 * i + 1]))

                let yb = Tensor.ofArrayShaped [ size; 1 ] (pick |> Array.map (fun i -> yRows[i]))
                Diff.grad (lossOn xb yb) sgdW |> Tensor.toArray)

        let mean = Array.init 2 (fun j -> draws |> Array.averageBy (fun g -> g[j]))

        let variance =
            draws
            |> Array.averageBy (fun g -> Array.init 2 (fun j -> (g[j] - fullGradient[j]) ** 2.0) |> Array.sum)

        size, mean, variance)

for size, mean, variance in variances do
    say
        $"m′ = {size, 5}: mean estimate [{mean[0]:F4}, {mean[1]:F4}] (full [{fullGradient[0]:F4}, {fullGradient[1]:F4}]), E‖g − ∇‖² = {variance:F5}, × m′ = {variance * float size:F3}"

let scaled = variances |> Array.map (fun (s, _, v) -> v * float s)
let meanScaled = Array.average scaled

checkThat
    "variance × m′ is constant within 25 % (variance ∝ 1/m′)"
    (scaled |> Array.forall (fun v -> abs (v - meanScaled) < 0.25 * meanScaled))

let _, mean1024, _ = variances[5]
checkClose "the minibatch gradient is unbiased (m′ = 1024, slope component)" fullGradient[1] 0.02 mean1024[1]

PlotClassic.lines
    (figure "§5.9 minibatch gradient: log₁₀ E‖g − ∇L‖² against log₁₀ m′ (slope −1)" "log10 m′" "log10 variance")
    [
        "measured", sizes |> Array.map (float >> log10), variances |> Array.map (fun (_, _, v) -> log10 v)
        "c / m′", sizes |> Array.map (float >> log10), sizes |> Array.map (fun s -> log10 (meanScaled / float s))
    ]
    (Path.Combine(dir, "sgd-gradient-variance.png"))
|> wrote
