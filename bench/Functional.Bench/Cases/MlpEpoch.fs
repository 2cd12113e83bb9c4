// mlp-epoch: one training epoch of an MLP 784 → 256 (ReLU) → 10 through the library's Train.fit, Adam, batch 128.
module Functional.Bench.Cases.MlpEpoch

open Functional
open Functional.Nn
open Functional.Bench
open Functional.Bench.Measure

let private rows, features, hidden, classes, batch = 60_000, 784, 256, 10, 128

/// <summary>X 60000×784 float32 uniform in [0, 1) (stream 20), labels ⌊10u⌋ (stream 21), as softmax-epoch;
/// W₁ = sym(23)/√784 [784, 256], W₂ = sym(24)/√256 [256, 10], biases 0. Each run starts from these weights with a
/// fresh Adam (lr 1e-3) and fits one epoch, batches in order (no shuffle): 469 steps, the last of 96 rows. The check
/// is the mean of the steps' losses.</summary>
let prepare () : Outcome =
    let x =
        Tensor.ofArrayShaped [ rows; features ] (Recipe.uniforms 20 (rows * features) |> Array.map float32)

    let labels =
        Tensor.ofArray (Recipe.uniforms 21 rows |> Array.map (fun u -> int64 (floor (10.0 * u))))

    let weights stream fanIn count =
        Recipe.symmetric stream count
        |> Array.map (fun u -> float32 (u / sqrt (float fanIn)))

    let w1, w2 =
        weights 23 features (features * hidden), weights 24 hidden (hidden * classes)

    let first, second =
        Linear(features, hidden, System.Random 0), Linear(hidden, classes, System.Random 0)

    let model = first --> Relu() --> second

    let settings =
        FitSettings(Epochs = 1, BatchSize = batch, Shuffle = false, Progress = ProgressMode.Silent)

    let mutable check = nan

    Ready {
        Run =
            fun () ->
                first.Weight.Value <- Tensor.ofArrayShaped [ features; hidden ] w1
                (nonNull first.Bias).Value <- Tensor.Zeros [ hidden ]
                second.Weight.Value <- Tensor.ofArrayShaped [ hidden; classes ] w2
                (nonNull second.Bias).Value <- Tensor.Zeros [ classes ]
                let history = Train.fit model Loss.crossEntropy (Adam 1e-3) settings x labels
                check <- history.Steps |> Seq.averageBy (fun s -> s.Loss)
        Units = 1
        Flops = None
        Check = fun () -> check
    }
