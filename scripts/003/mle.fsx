// §5.5 maximum likelihood: Gaussian and Bernoulli MLE, the bias of σ̂², MLE as cross-entropy and as least squares.
// A section of ../003-deep-learning-ch5.fsx, which loads common.fsx and setup.fsx first: #load nothing here.

open System
open System.IO
open Common
open Functional
open Setup

say "== MLE =="
let gaussianSample = Tensor.ofArray (Array.init 1000 (fun _ -> normal rng 2.0 1.5))
let g = Mle.gaussian gaussianSample

say
    $"Gaussian MLE on 1000 draws of N(2, 1.5²): mean {g.Mean:F4}, variance (÷n) {g.Variance:F4}, unbiased (÷(n−1)) {g.UnbiasedVariance:F4}"
// Standard errors: 1.5/√1000 = 0.047 for the mean, 2.25·√(2/1000) = 0.10 for the variance; allow 3 of them.
checkClose "Gaussian MLE mean ≈ 2" 2.0 0.15 g.Mean
checkClose "Gaussian MLE variance ≈ 2.25" 2.25 0.3 g.Variance
checkClose "unbiased = MLE · n/(n − 1)" (g.Variance * 1000.0 / 999.0) 1e-12 g.UnbiasedVariance

// The MLE of σ² is biased: over many samples of n = 5 its mean is (n − 1)/n · σ² = 0.8 σ².
let smallSamples =
    Array.init 20_000 (fun _ -> Mle.gaussian (Tensor.ofArray (Array.init 5 (fun _ -> normal rng 0.0 1.0))))

let meanBiased = smallSamples |> Array.averageBy (fun s -> s.Variance)
let meanUnbiased = smallSamples |> Array.averageBy (fun s -> s.UnbiasedVariance)

say
    $"n = 5, 20000 samples of N(0, 1): mean MLE variance {meanBiased:F4} (theory 0.8), mean unbiased {meanUnbiased:F4} (theory 1)"

checkClose "E[σ̂²_MLE] = (n − 1)/n σ² = 0.8" 0.8 0.02 meanBiased
checkClose "E[s²] = σ² = 1" 1.0 0.025 meanUnbiased

let coins =
    Tensor.ofArray (Array.init 1000 (fun _ -> if rng.NextDouble() < 0.3 then 1.0 else 0.0))

let b = Mle.bernoulli coins
say $"Bernoulli MLE on 1000 flips with p = 0.3: p̂ = {b.P:F4}"
checkClose "Bernoulli p̂ ≈ 0.3" 0.3 0.045 b.P

// MLE = minimising cross-entropy: −(1/n) log L(p) is the BCE of the constant prediction p.
let bceAtP =
    Loss.bce (Tensor.full [ 1000 ] b.P |> Tensor.toFloat64) coins |> Tensor.toScalar

checkClose "−log L(p̂)/n = BCE(p̂, y)" (-(Mle.bernoulliLogLikelihood b.P coins) / 1000.0) 1e-12 bceAtP

// Gaussian noise MLE = least squares: maximise Σ log N(yᵢ; xᵢ·w, σ²) over w by autodiff gradient ascent; the optimum is
// the least-squares w, and σ̂² = RSS / n.
let m = 200

let design =
    Array2D.init m 2 (fun i j -> if j = 0 then 1.0 else float i / float m * 4.0 - 2.0)

let targets = Array.init m (fun i -> 1.0 - 0.7 * design[i, 1] + normal rng 0.0 0.5)
let xs, ys = Tensor.ofArray2D design, Tensor.ofArrayShaped [ m; 1 ] targets
let ls = LeastSquares.fit design targets
let sigma2 = ls.ResidualSumOfSquares / float m

let negLogLikelihood (w: Tensor) =
    let r = Tensor.matmul xs w - ys
    // −log L(w) = n/2 log 2πσ² + Σ rᵢ² / 2σ² with σ² fixed: w enters through the squared residuals only.
    (r * r).Sum() / (2.0 * sigma2) + float m / 2.0 * log (2.0 * Math.PI * sigma2)

let mutable w = Tensor.ofArrayShaped [ 2; 1 ] [| 0.0; 0.0 |]

for _ in 1..500 do
    w <- w - (sigma2 / float m) * Diff.grad negLogLikelihood w

let wMle = Tensor.toArray w

say
    $"Gaussian-noise MLE by autodiff: w = [{wMle[0]:F6}, {wMle[1]:F6}]; least squares w = [{ls.Coefficients[0]:F6}, {ls.Coefficients[1]:F6}]"

checkClose "MLE w0 = least squares" ls.Coefficients[0] 1e-8 wMle[0]
checkClose "MLE w1 = least squares" ls.Coefficients[1] 1e-8 wMle[1]

checkClose
    "σ̂² MLE of the residuals = RSS / n"
    sigma2
    1e-12
    (Mle.gaussian (Tensor.ofArray (LinearFit.predict ls design |> Array.map2 (fun t p -> t - p) targets))).Variance

let histogram =
    let values = Tensor.toArray gaussianSample
    let lo, width = -3.0, 0.25

    Array.init 40 (fun k ->
        let a = lo + float k * width

        a + width / 2.0,
        float (values |> Array.filter (fun v -> v >= a && v < a + width) |> Array.length)
        / (1000.0 * width))

let pdfXs = Array.init 200 (fun i -> -3.0 + float i * 0.05)

let pdf (mu: float) (s2: float) x =
    exp (-((x - mu) ** 2.0) / (2.0 * s2)) / sqrt (2.0 * Math.PI * s2)

PlotClassic.lines
    (figure "§5.5 MLE: histogram of 1000 draws and the fitted N(μ̂, σ̂²)" "x" "density")
    [
        "histogram (density)", Array.map fst histogram, Array.map snd histogram
        "MLE fit", pdfXs, pdfXs |> Array.map (pdf g.Mean g.Variance)
        "truth N(2, 1.5²)", pdfXs, pdfXs |> Array.map (pdf 2.0 2.25)
    ]
    (Path.Combine(dir, "mle-gaussian.png"))
|> wrote
