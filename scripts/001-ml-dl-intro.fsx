#load "common.fsx"
// Lecture 001 (Nakai, ML & DL introduction): logistic regression as a one-neuron network on 35 points, then MNIST with
// a linear softmax classifier and an MLP, compared with PyTorch trained on the same split.
// Run: dotnet build -c Release && dotnet fsi scripts/001-ml-dl-intro.fsx

open System
open System.Globalization
open System.IO
open Common
open Functional
open Functional.Nn
open Functional.Core.Tensors

let out = outDir "001"

// ---- 1. logistic regression: Dense(1, sigmoid), BCE, full batch, 5000 epochs ----
/// The lecture's recipe: class 0 = 20 points from N([10, 11], 20·I), class 1 = 15 points from N([18, 20], 22·I).
let generate35 (seed: int) =
    let rng = Random seed

    let cloud (n: int) (mean: float list) (variance: float) =
        Tensor.Randn(rng, [ n; 2 ], DType.Float64) * sqrt variance + Tensor.ofList mean

    let x =
        Tensor.Concat([| cloud 20 [ 10.0; 11.0 ] 20.0; cloud 15 [ 18.0; 20.0 ] 22.0 |], 0)

    let y =
        Tensor.FromArray(Array.init 35 (fun i -> if i < 20 then 0.0 else 1.0), [ 35; 1 ])

    x, y

/// Trains the one-neuron network from zero weights; Adam with rate 0.01 (Keras's default 0.001 stops far from the
/// optimum within 5000 epochs on these unscaled features).
let logistic (epochs: int) (x: Tensor) (y: Tensor) =
    let model =
        Linear(2, 1, Random 0, init = Init.Zeros, dtype = DType.Float64) --> Sigmoid()

    let settings =
        FitSettings(Epochs = epochs, BatchSize = 0, Progress = ProgressMode.Silent)

    let history = Train.fit model Loss.bce (Adam 0.01) settings x y
    model, history

let weightsOf (model: Model) =
    let ps = model.Parameters
    ps[0].Value.ToFloatArray(), ps[1].Value.ToScalar()

let correct (model: Model) (x: Tensor) (y: Tensor) =
    let p = (Model.predict model x).ToFloatArray()

    Array.map2 (fun p t -> if (p >= 0.5) = (t = 1.0) then 1 else 0) p (y.ToFloatArray())
    |> Array.sum

let plotBoundary (model: Model) (x: Tensor) (y: Tensor) (title: string) (file: string) =
    PlotClassic.decisionBoundary
        {
            Plot.defaults with
                Title = title
                XLabel = "x1"
                YLabel = "x2"
        }
        [ 0.0 ]
        x
        (y.Reshape [ 35 ])
        (fun grid -> (Model.predict model grid).Reshape([ grid.Dims[0] ]) - 0.5)
        (Path.Combine(out, file))
    |> ignore

let x35, y35 = generate35 20190220
let own, ownHistory = logistic 5000 x35 y35
let w, b = weightsOf own

say
    $"generated 35 points (seed 20190220): w = [{w[0]:F6}, {w[1]:F6}], b = {b:F6}, BCE {Array.last ownHistory.Losses:F6}, {correct own x35 y35}/35 correct"

checkThat "training lowers the BCE on the generated points" (Array.last ownHistory.Losses < ownHistory.Losses[0] / 2.0)
plotBoundary own x35 y35 "logistic regression: 35 generated points" "logistic-boundary.png"

Plot.learningCurve
    {
        Plot.defaults with
            Title = "BCE per epoch"
            XLabel = "epoch"
            YLabel = "BCE"
    }
    ownHistory.Losses
    (Path.Combine(out, "logistic-loss.png"))
|> ignore

// The shared set is the notebook's own 35 points; its maximum-likelihood optimum (computed) is the golden number.
match sharedData "enakai00-colab_tfbook/logreg_train_35.csv" with
| None -> say "SKIP shared logreg_train_35.csv: ../shared/data is absent (the generated set above stands in)"
| Some path ->
    let rows =
        File.ReadAllLines path
        |> Array.skip 1
        |> Array.map (fun l ->
            l.Split ','
            |> Array.map (fun c -> Double.Parse(c, CultureInfo.InvariantCulture)))

    let x = Tensor.FromArray(rows |> Array.collect (fun r -> r[0..1]), [ 35; 2 ])
    let y = Tensor.FromArray(rows |> Array.map (fun r -> r[2]), [ 35; 1 ])
    let model, history = logistic 5000 x y
    let w, b = weightsOf model
    say $"shared 35 points, 5000 epochs: w = [{w[0]:F6}, {w[1]:F6}], b = {b:F6}"
    checkClose "mean BCE after 5000 epochs (optimum 0.300717)" 0.300717 1e-5 (Array.last history.Losses)
    checkClose "correct after 5000 epochs" 29.0 0.0 (float (correct model x y))
    // Newton's method reaches the optimum itself: the golden weights to 1e-4.
    let newton = LogisticRegression.fit LogisticRegression.defaults x (y.Reshape [ 35 ])
    checkClose "Newton w1" 0.297328 1e-4 newton.Coefficients[0]
    checkClose "Newton w2" 0.430587 1e-4 newton.Coefficients[1]
    checkClose "Newton b" -11.060277 1e-4 newton.Intercept
    checkClose "network w1 vs Newton" newton.Coefficients[0] 1e-3 w[0]
    checkClose "network b vs Newton" newton.Intercept 5e-2 b
    plotBoundary model x y "logistic regression: the notebook's 35 points" "logistic-boundary-shared.png"

// ---- 2. MNIST: softmax regression 784 → 10 and an MLP 784 → 256 → 10; Adam 1e-3, batch 128, 10 epochs ----
let mnist = Mnist.subset (dataFile "mnist") 1

let flat (d: Mnist.Digits) =
    d.Images.Reshape [ d.Images.Dims[0]; 784 ]

let trainX, testX = flat mnist.Train, flat mnist.Test
say $"MNIST subset: {trainX.Dims[0]} training and {testX.Dims[0]} test digits (data/mnist, stratified, seed 1)"

/// PyTorch's mean test accuracy over five seeds for the same model, split and Glorot start (scripts/reference).
let torchReference (model: string) =
    let prefix = $"{model} epochs 10 init glorot: mean "

    File.ReadLines(Path.Combine(repoRoot, "scripts", "reference", "torch-mnist.txt"))
    |> Seq.find (fun l -> l.StartsWith prefix)
    |> fun l -> Double.Parse(l.Substring(prefix.Length).Split(' ')[0], CultureInfo.InvariantCulture)

let trainMnist (name: string) (model: Model) =
    let settings =
        FitSettings(
            Epochs = 10,
            BatchSize = 128,
            Seed = 1,
            ValidationInputs = testX,
            ValidationTargets = mnist.Test.Labels,
            Metrics = [| Metric.Accuracy |]
        )

    printfn "training %s" name

    let history =
        Train.fit model Loss.crossEntropy (Adam 1e-3) settings trainX mnist.Train.Labels

    let accuracy = Array.last (history.ValidationMetric "accuracy")
    let reference = torchReference name
    say $"{name}: test accuracy {accuracy:F4}; PyTorch on the same split {reference:F4}"
    checkClose $"{name} test accuracy within 1 pp of PyTorch" reference 0.01 accuracy
    history

let softmax = Linear(784, 10, Random 1)
let softmaxHistory = trainMnist "softmax" softmax
let mlp = Linear(784, 256, Random 2) --> Relu() --> Linear(256, 10, Random 3)
let mlpHistory = trainMnist "mlp" mlp
say (Model.summary [ 784 ] mlp)

PlotClassic.lines
    {
        Plot.defaults with
            Title = "MNIST: test loss per epoch"
            XLabel = "epoch"
            YLabel = "cross-entropy"
    }
    [
        for name, h in [ "softmax", softmaxHistory; "mlp", mlpHistory ] do
            let epochs = Array.init h.Epochs.Count (fun i -> float (i + 1))
            $"{name} train", epochs, h.Losses
            $"{name} test", epochs, h.ValidationLosses
    ]
    (Path.Combine(out, "mnist-loss.png"))
|> ignore

// ---- correct and incorrect test digits per predicted class ----
let predictions =
    (Model.predict softmax testX).ArgMax(1).ToFloatArray() |> Array.map int

let truth = mnist.Test.Labels.ToFloatArray() |> Array.map int
let pixels = testX.ToFloatArray() |> Array.map float32 |> Array.chunkBySize 784

let grid (title: string) (wanted: int -> int -> bool) (file: string) =
    let rows = [
        for digit in 0..9 ->
            let picks =
                [| 0 .. truth.Length - 1 |]
                |> Array.filter (fun i -> predictions[i] = digit && wanted predictions[i] truth[i])
                |> Array.truncate 8

            {
                PlotImages.Label = $"predicted {digit}"
                PlotImages.Images = picks |> Array.map (fun i -> pixels[i])
                PlotImages.Captions = picks |> Array.map (fun i -> $"true {truth[i]}")
            }
    ]

    PlotImages.imageGrid title 28 2 rows (Path.Combine(out, file)) |> ignore

grid "softmax regression: correct test digits per predicted class" (=) "mnist-correct.png"
grid "softmax regression: incorrect test digits per predicted class" (<>) "mnist-incorrect.png"

let wrong =
    Array.fold2 (fun n p t -> if p <> t then n + 1 else n) 0 predictions truth

checkThat "the figures show both correct and incorrect digits" (wrong > 0 && wrong < truth.Length)

finish "001"
