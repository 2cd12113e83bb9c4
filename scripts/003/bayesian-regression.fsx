// §5.6 Bayesian linear regression: the posterior tightening (Bishop Fig. 3.7), the predictive band (Fig. 3.8).
// A section of ../003-deep-learning-ch5.fsx, which loads common.fsx and setup.fsx first: #load nothing here.

open System
open System.IO
open Common
open Functional
open Setup

say "== Bayesian linear regression =="
// Bishop's Figure 3.7: y = −0.3 + 0.5 x + N(0, 0.2²), α = 2, β = 25; the posterior tightens around (−0.3, 0.5).
let blrSettings = {
    BayesianLinearRegression.defaults with
        Alpha = 2.0
        Beta = 25.0
}

let lineX = Array.init 50 (fun _ -> rng.NextDouble() * 2.0 - 1.0)
let lineY = lineX |> Array.map (fun x -> -0.3 + 0.5 * x + normal rng 0.0 0.2)

let phiLine (xs: float[]) =
    Tensor.ofArrayShaped [ xs.Length; 2 ] (xs |> Array.collect (fun x -> [| 1.0; x |]))

for n in [ 1; 2; 20; 50 ] do
    let post =
        BayesianLinearRegression.fit blrSettings (phiLine lineX[.. n - 1]) (Tensor.ofArray lineY[.. n - 1])

    let mean, cov = Tensor.toArray post.Mean, Tensor.toArray post.Covariance
    say $"after {n, 2} points: posterior mean [{mean[0]:F4}, {mean[1]:F4}], sd [{sqrt cov[0]:F4}, {sqrt cov[3]:F4}]"

let post50 =
    BayesianLinearRegression.fit blrSettings (phiLine lineX) (Tensor.ofArray lineY)

let m50 = Tensor.toArray post50.Mean
checkClose "posterior mean intercept → −0.3" -0.3 0.08 m50[0]
checkClose "posterior mean slope → 0.5" 0.5 0.12 m50[1]

let post2 =
    BayesianLinearRegression.fit blrSettings (phiLine lineX[..1]) (Tensor.ofArray lineY[..1])

checkThat
    "the posterior covariance shrinks with data (trace after 50 < after 2)"
    ((Tensor.toArray post50.Covariance)[0] + (Tensor.toArray post50.Covariance)[3] <
        (Tensor.toArray post2.Covariance)[0] + (Tensor.toArray post2.Covariance)[3])

// After Bishop's Figure 3.8: 9 Gaussian basis functions on sin 2πx, 25 points in [0, 0.35] ∪ [0.75, 1]: the band widens
// in the gap.
let basis (xs: float[]) =
    Tensor.ofArrayShaped
        [ xs.Length; 10 ]
        (xs
         |> Array.collect (fun x ->
             Array.init 10 (fun j ->
                 if j = 0 then
                     1.0
                 else
                     exp (-((x - float (j - 1) / 8.0) ** 2.0) / (2.0 * 0.1 ** 2.0)))))

let sinX =
    Array.init 25 (fun i ->
        if i < 15 then
            rng.NextDouble() * 0.35
        else
            0.75 + rng.NextDouble() * 0.25)

let sinY = sinX |> Array.map (fun x -> sin (2.0 * Math.PI * x) + normal rng 0.0 0.2)

let sinPost =
    BayesianLinearRegression.fit blrSettings (basis sinX) (Tensor.ofArray sinY)

let gridX = Array.init 101 (fun i -> float i / 100.0)
let predictive = BayesianLinearRegression.predict sinPost (basis gridX)
let pMean, pVar = Tensor.toArray predictive.Mean, Tensor.toArray predictive.Variance
checkThat "predictive variance ≥ noise 1/β everywhere" (pVar |> Array.forall (fun v -> v >= 1.0 / 25.0))
let meanVar = Tensor.toArray predictive.MeanVariance

checkThat
    "the band is over twice as wide in the data gap (x = 0.55) as among the data (x = 0.2)"
    (sqrt pVar[55] > 2.0 * sqrt pVar[20])

say
    $"predictive sd at x = 0.2: {sqrt pVar[20]:F4} (of the mean {sqrt meanVar[20]:F4}), at x = 0.55 (no data): {sqrt pVar[55]:F4} (of the mean {sqrt meanVar[55]:F4}); noise alone {sqrt (1.0 / 25.0):F4}"

PlotClassic.band
    (figure "§5.6 Bayesian regression, 9 Gaussian bases: predictive mean ± 2 sd" "x" "y")
    gridX
    pMean
    (Array.map2 (fun mu v -> mu - 2.0 * sqrt v) pMean pVar)
    (Array.map2 (fun mu v -> mu + 2.0 * sqrt v) pMean pVar)
    sinX
    sinY
    (Path.Combine(dir, "bayesian-predictive.png"))
|> wrote
