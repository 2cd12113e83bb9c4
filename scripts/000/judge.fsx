// Lecture 000, (e) part 1: the judge of the DCGAN's digits. A small CNN trained on the training digits stands in
// for Inception in the inception score, as the MNIST GAN literature does; real held-out digits give the ceiling.
// Loaded by ../000-simple-ml.fsx after common.fsx and setup.fsx: #load nothing here.
open System
open System.IO
open Common
open Functional
open Functional.Nn
open Setup

let digits = Mnist.subset (dataFile "mnist") 1

/// The digits as images [N, 1, 28, 28], pixels in [0, 1].
let asImages (flat: Tensor) =
    flat.Reshape [ flat.Dims[0]; 1; 28; 28 ]

/// conv 3×3 (32) → ReLU → max-pool 2 → conv 3×3 (64) → ReLU → max-pool 2 → dense 128 → dense 10, with dropout.
let mnistCnn (rng: Random) =
    Conv2d.Same(1, 32, 3, rng)
    --> Relu()
    --> MaxPool2d 2
    --> Conv2d.Same(32, 64, 3, rng)
    --> Relu()
    --> MaxPool2d 2
    --> Flatten()
    --> Dropout(0.25, rng)
    --> Linear(64 * 7 * 7, 128, rng)
    --> Relu()
    --> Dropout(0.25, rng)
    --> Linear(128, 10, rng)

let judge = mnistCnn (Random 21)
let judgeFile = Path.Combine(dir, "mnist-cnn.safetensors")
// The smoke run in check mode trains one epoch: enough to tell digits from noise, not for the 98 %.
let judgeEpochs = if checkMode then 1 else 8
let judgeClock = Diagnostics.Stopwatch.StartNew()

Train.fit
    judge
    Loss.crossEntropy
    (Adam 1e-3)
    (FitSettings(Epochs = judgeEpochs, BatchSize = 64, Seed = 1, Progress = ProgressMode.Lines))
    (asImages digits.Train.Images)
    digits.Train.Labels
|> ignore

Checkpoint.save judgeFile judge None judgeEpochs

say
    $"MNIST CNN judge: {judgeEpochs} epochs on {digits.Train.Labels.Dims[0]} digits in {judgeClock.Elapsed.TotalSeconds:F0} s, saved to {judgeFile}"

let testImages = asImages digits.Test.Images

let judgeAccuracy =
    Metric.Accuracy.Compute(Model.predict judge testImages, digits.Test.Labels)

// The saved judge is the judge: a fresh network loaded from the file predicts the same.
let reloaded = mnistCnn (Random 0)
Checkpoint.load judgeFile reloaded None |> ignore

checkThat
    "the judge reloaded from its checkpoint predicts the same"
    ((Model.predict reloaded testImages[0..99]).ToFloatArray() = (Model.predict judge testImages[0..99]).ToFloatArray())

/// The score's ceiling: real held-out digits, as many as the DCGAN's samples will be.
let realScore = Gan.inceptionScore judge testImages[0..999]

let noiseScore =
    Gan.inceptionScore judge (Tensor.Rand(Random 13, [ 1000; 1; 28; 28 ]))

say
    $"judge: test accuracy {judgeAccuracy:F4}; inception score of 1,000 real test digits {realScore:F3}, of 1,000 uniform noise images {noiseScore:F3}"

checkThat "real digits score far above noise" (realScore > 2.0 * noiseScore)

if not checkMode then
    checkThat "the judge classifies ≥ 98 % of the held-out digits" (judgeAccuracy >= 0.98)
    checkThat "real digits score ≥ 9.0 (the ceiling)" (realScore >= 9.0)
