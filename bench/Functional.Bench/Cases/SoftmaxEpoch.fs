// softmax-epoch: one epoch of a linear softmax classifier 784 → 10 on MNIST-sized random data, Adam, batch 128,
// through the library's Train.fit.
module Functional.Bench.Cases.SoftmaxEpoch

open Functional
open Functional.Nn
open Functional.Bench
open Functional.Bench.Measure

let private rows, features, classes, batch = 60_000, 784, 10, 128

/// <summary>X 60000×784 float32 uniform in [0, 1) (stream 20), labels ⌊10u⌋ as int64 (stream 21), W₀ = (2u − 1)/28
/// (stream 22, 784×10), b₀ = 0. Each run starts from W₀, b₀ with a fresh Adam (lr 1e-3, PyTorch's convention) and
/// fits one epoch, batches of 128 in order (the last has 96). The check is the last batch's loss.</summary>
let prepare () : Outcome =
    let x =
        Tensor.ofArrayShaped [ rows; features ] (Recipe.uniforms 20 (rows * features) |> Array.map float32)

    let labels =
        Tensor.ofArray (Recipe.uniforms 21 rows |> Array.map (fun u -> int64 (floor (10.0 * u))))

    let w0 =
        Recipe.symmetric 22 (features * classes)
        |> Array.map (fun u -> float32 (u / 28.0))

    let model = Linear(features, classes, System.Random 0)

    let settings =
        FitSettings(Epochs = 1, BatchSize = batch, Shuffle = false, Progress = ProgressMode.Silent)

    let mutable last = nan

    Ready {
        Run =
            fun () ->
                model.Weight.Value <- Tensor.ofArrayShaped [ features; classes ] w0
                (nonNull model.Bias).Value <- Tensor.Zeros [ classes ]
                let history = Train.fit model Loss.crossEntropy (Adam 1e-3) settings x labels
                last <- history.Steps[history.Steps.Count - 1].Loss
        Units = 1
        Flops = None
        Check = fun () -> last
    }
