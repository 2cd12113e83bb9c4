// Lecture 000, (e) part 2: a DCGAN learns to draw digits against a discriminator (TensorFlow's tutorial networks and
// losses), trained until the judge's inception score of 1,000 samples reaches 8.0 with every digit drawn, or until the
// time budget runs out. Loaded by ../000-simple-ml.fsx after judge.fsx: #load nothing here.
open System
open System.IO
open Common
open Functional
open Functional.Nn
open Setup
open Judge

let generator, discriminator =
    Dcgan.generator (Random 7), Dcgan.discriminator (Random 8)

say (Model.summary [ Dcgan.NoiseSize ] generator)
say (Model.summary [ 1; 28; 28 ] discriminator)
checkClose "generator parameters" 2330944.0 0.0 (float generator.ParameterCount)
checkClose "generator trainable parameters" 2305472.0 0.0 (float generator.TrainableCount)
checkClose "discriminator parameters" 212865.0 0.0 (float discriminator.ParameterCount)

// Pixels in [−1, 1], as tanh draws them.
let realImages = asImages digits.Train.Images * 2.0 - 1.0

/// The target: the inception score of 1,000 samples and the classes they must cover.
let targetScore, targetClasses = 8.0, 10

// The tutorial's Adam(1e-4) needs more steps than a CPU budget allows; the DCGAN paper's Adam(2e-4, β₁ = 0.5) gets
// there in a few epochs (both runs' scores are in docs/lecture-000.md).
let learningRate, beta1 = 2e-4, 0.5
let batch = 32
let stepsPerEpoch = realImages.Dims[0] / batch

// CI's check mode takes a few steps and scores 200 samples; the full run trains for at most the budget.
let maxSteps, scoreEvery, scoreSamples, budget =
    if checkMode then
        8, 8, 200, TimeSpan.FromMinutes 5.0
    else
        40 * stepsPerEpoch, stepsPerEpoch, 1000, TimeSpan.FromMinutes 8.0

let ganRng = Random 9
let fixedNoise = Tensor.Randn(ganRng, [ 16; Dcgan.NoiseSize ])
let scoreNoise = Tensor.Randn(Random 12, [ scoreSamples; Dcgan.NoiseSize ])
let generatorOptimizer = Adam(learningRate, beta1)
let discriminatorOptimizer = Adam(learningRate, beta1)

/// Images [N, 1, 28, 28] in [−1, 1] as pixel rows in [0, 1].
let toPixels (images: Tensor) =
    ((images + 1.0) / 2.0).ToFloatArray()
    |> Array.map float32
    |> Array.chunkBySize 784

type Score = {
    Step: int
    Inception: float
    Coverage: ClassCoverage
}

let ganLosses = ResizeArray<Dcgan.Losses>()
let scores = ResizeArray<Score>()
/// The first eight fixed-noise samples after each epoch: one row of the per-epoch grid.
let epochRows = ResizeArray<PlotImages.ImageRow>()
let clock = Diagnostics.Stopwatch.StartNew()

let minutes (t: TimeSpan) =
    if t.TotalSeconds < 90.0 then
        $"{t.TotalSeconds:F0} s"
    else
        $"{t.TotalMinutes:F1} min"

let reached () =
    scores.Count > 0
    && scores[scores.Count - 1].Inception >= targetScore
    && scores[scores.Count - 1].Coverage.Covered >= targetClasses

let mutable order = [||]
let mutable step = 0

while step < maxSteps && clock.Elapsed < budget && not (reached ()) do
    let inEpoch = step % stepsPerEpoch

    if inEpoch = 0 then
        order <- Functional.Core.Data.Batching.Shuffle(realImages.Dims[0], ganRng)

    let real =
        Tensor.OfRaw(Functional.Core.Data.Batching.TakeRows(realImages.Raw, order.AsSpan(batch * inEpoch, batch)))

    let losses =
        Dcgan.step
            generator
            discriminator
            generatorOptimizer
            discriminatorOptimizer
            real
            (Tensor.Randn(ganRng, [ batch; Dcgan.NoiseSize ]))

    ganLosses.Add losses
    step <- step + 1

    if step % 50 = 0 && step % scoreEvery <> 0 then
        // The time left is the budget's unless the step cap comes first.
        let perStep = clock.Elapsed / float step
        let left = min (budget - clock.Elapsed) (perStep * float (maxSteps - step))

        printfn
            $"DCGAN step {step} (epoch {step / stepsPerEpoch + 1}): D {losses.Discriminator:F3}, G {losses.Generator:F3}; {minutes clock.Elapsed} elapsed, at most {minutes left} left"

    if step % scoreEvery = 0 then
        let samples = Model.predict generator scoreNoise

        let score = {
            Step = step
            Inception = Gan.inceptionScore judge ((samples + 1.0) / 2.0)
            Coverage = Gan.classCoverage judge ((samples + 1.0) / 2.0)
        }

        scores.Add score

        say
            $"DCGAN step {step} (epoch {step / stepsPerEpoch}): D {losses.Discriminator:F3}, G {losses.Generator:F3}; inception score {score.Inception:F3}, {score.Coverage.Covered} classes, largest {score.Coverage.LargestShare:P0}; {minutes clock.Elapsed} elapsed"

        epochRows.Add {
            Label = $"step {step}"
            Images = (toPixels (Model.predict generator fixedNoise[0..7]))
            Captions = [||]
        }

let last = scores[scores.Count - 1]

let stopped =
    if reached () then "reached the target"
    elif step >= maxSteps then "hit the step cap"
    else "ran out of time"

say
    $"DCGAN: {step} steps ({float step / float stepsPerEpoch:F1} epochs of {stepsPerEpoch}) with Adam({learningRate}, β₁ {beta1}) in {minutes clock.Elapsed}, {stopped}: inception score {last.Inception:F3} of {scoreSamples} samples (real digits {realScore:F3}), {last.Coverage.Covered} classes, largest {last.Coverage.LargestShare:P0}"

checkThat
    "DCGAN losses stay finite"
    (ganLosses
     |> Seq.forall (fun l -> Double.IsFinite l.Discriminator && Double.IsFinite l.Generator))

checkThat "the inception score is between 1 and 10" (last.Inception >= 1.0 && last.Inception <= 10.0)

if not checkMode then
    checkThat $"the DCGAN's inception score reaches {targetScore}" (last.Inception >= targetScore)
    checkThat $"the DCGAN draws all {targetClasses} digits" (last.Coverage.Covered >= targetClasses)

let samples = toPixels (Model.predict generator fixedNoise)

PlotImages.imageGrid
    $"DCGAN samples after {step} steps (inception score {last.Inception:F2})"
    28
    3
    [
        for r in 0..3 ->
            {
                Label = ""
                Images = samples[4 * r .. 4 * r + 3]
                Captions = [||]
            }
    ]
    (Path.Combine(dir, "gan-samples.png"))
|> wrote

PlotImages.imageGrid
    "DCGAN: the same noise as training goes on"
    28
    2
    (List.ofSeq epochRows)
    (Path.Combine(dir, "gan-progress.png"))
|> wrote

let scoreSteps = scores |> Seq.map (fun s -> float s.Step) |> Seq.toArray
let flat (v: float) = scoreSteps |> Array.map (fun _ -> v)

PlotClassic.lines
    (figure $"Lecture 000: inception score of {scoreSamples} DCGAN samples" "step" "inception score")
    [
        "DCGAN samples", scoreSteps, scores |> Seq.map (fun s -> s.Inception) |> Seq.toArray
        "real test digits", scoreSteps, flat realScore
        "target", scoreSteps, flat targetScore
    ]
    (Path.Combine(dir, "gan-score.png"))
|> wrote

let stepAxis = Array.init ganLosses.Count (fun i -> float (i + 1))

PlotClassic.lines
    (figure "Lecture 000: DCGAN losses per step" "step" "binary cross-entropy")
    [
        "discriminator", stepAxis, ganLosses |> Seq.map (fun l -> l.Discriminator) |> Seq.toArray
        "generator", stepAxis, ganLosses |> Seq.map (fun l -> l.Generator) |> Seq.toArray
    ]
    (Path.Combine(dir, "gan-losses.png"))
|> wrote
