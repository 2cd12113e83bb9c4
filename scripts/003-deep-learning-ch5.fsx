#load "common.fsx"
#r "../src/Functional.FSharp/bin/Release/net10.0/ScottPlot.dll"
#r "../src/Functional.FSharp/bin/Release/net10.0/MathNet.Numerics.dll"
// Lecture 003 (Deep Learning §5.5–5.11, Goodfellow et al.): MLE, Bayesian linear regression, logistic regression, SVMs
// and the kernel trick, PCA, k-means seeding, minibatch SGD, kNN and the curse of dimensionality, each with a figure
// under out/003/. Run: dotnet build -c Release && dotnet fsi scripts/003-deep-learning-ch5.fsx

open System
open System.Globalization
open System.IO
open Common
open Functional

let dir = outDir "003"

let figure title xLabel yLabel = {
    Plot.defaults with
        Title = title
        XLabel = xLabel
        YLabel = yLabel
}

let wrote (path: string) =
    say $"wrote {path}"
    checkThat $"{Path.GetFileName path} exists and is not empty" (File.Exists path && FileInfo(path).Length > 0L)

let normal (rng: Random) mean sd =
    MathNet.Numerics.Distributions.Normal.Sample(rng, mean, sd)

// ---- §5.5 maximum likelihood ----
say "== MLE =="
let rng = Random 3
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

// ---- §5.6 Bayesian linear regression ----
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

// ---- §5.7.1 logistic regression ----
say "== logistic regression =="
// Lecture 001's recipe with our own seed: class 0, 20 points from N([10, 11], 20 I); class 1, 15 from N([18, 20], 22 I).
let logX =
    Array.init 35 (fun i ->
        if i < 20 then
            [| normal rng 10.0 (sqrt 20.0); normal rng 11.0 (sqrt 20.0) |]
        else
            [| normal rng 18.0 (sqrt 22.0); normal rng 20.0 (sqrt 22.0) |])

let logY = Array.init 35 (fun i -> if i < 20 then 0.0 else 1.0)
let logXs = Tensor.ofArrayShaped [ 35; 2 ] (Array.concat logX)
let logYs = Tensor.ofArray logY
let logistic = LogisticRegression.fit LogisticRegression.defaults logXs logYs

let logAccuracy =
    Array.map2
        (fun p y -> if float p = y then 1.0 else 0.0)
        (LogisticRegression.predict logistic logXs |> Tensor.toArray)
        logY
    |> Array.average

say
    $"Newton/IRLS: w = [{logistic.Coefficients[0]:F6}, {logistic.Coefficients[1]:F6}], b = {logistic.Intercept:F6}, {logistic.Iterations} iterations, training accuracy {logAccuracy:F4}"

checkThat "logistic regression converged" logistic.Converged
checkThat "logistic regression training accuracy ≥ 0.8" (logAccuracy >= 0.8)

// The MLE is where the gradient of the cross-entropy vanishes: check with autodiff at the fitted parameters.
let theta =
    Tensor.ofArrayShaped [ 3; 1 ] [| logistic.Intercept; logistic.Coefficients[0]; logistic.Coefficients[1] |]

let withOnes =
    Tensor.concat 1 [ Tensor.Ones([ 35; 1 ], Functional.Core.Tensors.DType.Float64); logXs ]

let crossEntropy (t: Tensor) =
    Loss.bceWithLogits (Tensor.matmul withOnes t |> Tensor.reshape [ 35 ]) logYs

let gradientNorm =
    Diff.grad crossEntropy theta
    |> Tensor.toArray
    |> Array.sumBy (fun v -> v * v)
    |> sqrt

say $"‖∇ mean BCE‖ at the fit (autodiff) = {gradientNorm:E2}"
checkThat "the fit is a stationary point of the cross-entropy (‖∇‖ < 1e-8)" (gradientNorm < 1e-8)

PlotClassic.decisionBoundary
    (figure "§5.7.1 logistic regression: P(y = 1 | x) = 0.5" "x1" "x2")
    [ 0.0 ]
    logXs
    logYs
    (fun grid -> LogisticRegression.predictProba logistic grid - 0.5)
    (Path.Combine(dir, "logistic-boundary.png"))
|> wrote

// ---- §5.7.2 support vector machines and the kernel trick (shared data: coursera-ml-ex6) ----
say "== SVM =="

let readEx6 (path: string) =
    let rows =
        File.ReadAllLines path
        |> Array.skip 1
        |> Array.filter (String.IsNullOrWhiteSpace >> not)
        |> Array.map (fun l ->
            l.Split ','
            |> Array.map (fun c -> Double.Parse(c, CultureInfo.InvariantCulture)))

    Tensor.ofArrayShaped [ rows.Length; 2 ] (rows |> Array.collect (fun r -> r[0..1])),
    Tensor.ofArray (rows |> Array.map (fun r -> r[2]))

match
    sharedData "coursera-ml-ex6/ex6data1.csv",
    sharedData "coursera-ml-ex6/ex6data2.csv",
    sharedData "coursera-ml-ex6/ex6data3.csv",
    sharedData "coursera-ml-ex6/ex6data3_val.csv"
with
| Some d1, Some d2, Some d3, Some d3v ->
    let x1, y1 = readEx6 d1
    let linear1 = Svm.fit Svm.defaults x1 y1
    let correct1 = Svm.accuracy linear1 x1 y1 * 51.0 |> round
    let w1 = Tensor.toArray linear1.Weights.Value

    say
        $"ex6data1, linear, C = 1: {correct1}/51 correct, w = [{w1[0]:F4}, {w1[1]:F4}], b = {linear1.Bias:F4}, margin 2/‖w‖ = {linear1.Margin:F4}, {linear1.SupportIndices.Length} support vectors"
    // oracle: DESIGN.md §5 and scikit-learn 1.2.1 SVC(kernel="linear", C=1) → 50/51, coef_ [1.40719, 2.13398].
    checkClose "ex6data1 linear C = 1 correct" 50.0 0.0 correct1
    checkClose "ex6data1 w0 (scikit-learn 1.40719)" 1.4071856278 5e-3 w1[0]
    checkClose "ex6data1 w1 (scikit-learn 2.13398)" 2.1339805168 5e-3 w1[1]
    // Hinge-loss primal ½‖w‖² + C Σ max(0, 1 − y f(x)) equals the dual optimum: the duality gap is ~ the tolerance.
    let f1 = Svm.decisionFunction linear1 x1 |> Tensor.toArray
    let signs = Tensor.toArray y1 |> Array.map (fun v -> if v > 0.5 then 1.0 else -1.0)
    let hinge = Array.map2 (fun s f -> max 0.0 (1.0 - s * f)) signs f1 |> Array.sum
    let primal = 0.5 * (Array.sumBy (fun v -> v * v) w1) + hinge
    say $"hinge-loss primal {primal:F6}, dual {-linear1.Objective:F6}"
    checkThat "duality gap (primal − dual) / primal < 1e-3" (abs (primal + linear1.Objective) / primal < 1e-3)
    let linear100 = Svm.fit { Svm.defaults with C = 100.0 } x1 y1

    say
        $"ex6data1, linear, C = 100: {Svm.accuracy linear100 x1 y1 * 51.0:F0}/51, margin {linear100.Margin:F4} (narrower: the outlier is fitted)"

    checkClose "ex6data1 linear C = 100 correct" 51.0 0.0 (Svm.accuracy linear100 x1 y1 * 51.0 |> round)
    checkThat "a larger C narrows the margin" (linear100.Margin < linear1.Margin)

    for fit, c in [ linear1, 1; linear100, 100 ] do
        PlotClassic.decisionBoundary
            (figure $"§5.7.2 ex6data1, linear SVM, C = {c}: f(x) = 0 and the margins f = ±1" "x1" "x2")
            [ -1.0; 0.0; 1.0 ]
            x1
            y1
            (Svm.decisionFunction fit)
            (Path.Combine(dir, $"svm-ex6data1-C{c}.png"))
        |> wrote

    let x2, y2 = readEx6 d2

    let rbf2 =
        Svm.fit
            {
                Svm.defaults with
                    Kernel = Kernel.rbfOfSigma 0.1
            }
            x2
            y2

    let acc2 = Svm.accuracy rbf2 x2 y2
    let linear2 = Svm.fit Svm.defaults x2 y2

    say
        $"ex6data2, RBF σ = 0.1 (γ = 50), C = 1: training accuracy {acc2:F5}, {rbf2.SupportIndices.Length} support vectors; a line gets only {Svm.accuracy linear2 x2 y2:F4}"
    // oracle: DESIGN.md §5 and scikit-learn 1.2.1 SVC(kernel="rbf", gamma=50, C=1) → 0.98957 (854/863), 185 SVs.
    checkClose "ex6data2 RBF accuracy" 0.98957 5e-6 acc2
    checkThat "the kernel trick beats the best line on ex6data2" (acc2 > Svm.accuracy linear2 x2 y2 + 0.1)

    PlotClassic.decisionBoundary
        (figure "§5.7.2 ex6data2, RBF SVM σ = 0.1, C = 1" "x1" "x2")
        [ -1.0; 0.0; 1.0 ]
        x2
        y2
        (Svm.decisionFunction rbf2)
        (Path.Combine(dir, "svm-ex6data2-rbf.png"))
    |> wrote

    let x3, y3 = readEx6 d3
    let x3v, y3v = readEx6 d3v
    let grid = [ 0.01; 0.03; 0.1; 0.3; 1.0; 3.0; 10.0; 30.0 ]

    let errors = [
        for c in grid do
            for sigma in grid do
                let fit =
                    Svm.fit
                        {
                            Svm.defaults with
                                C = c
                                Kernel = Kernel.rbfOfSigma sigma
                        }
                        x3
                        y3

                (1.0 - Svm.accuracy fit x3v y3v, c, sigma)
    ]

    let bestError, bestC, bestSigma = errors |> List.minBy (fun (e, _, _) -> e)
    say $"ex6data3: best on the validation set C = {bestC}, σ = {bestSigma}, validation error {bestError:F4}"
    // oracle: scikit-learn 1.2.1 grid (SOURCE.md) → C = 1, sigma = 0.1, error 0.035.
    checkClose "ex6data3 best C" 1.0 0.0 bestC
    checkClose "ex6data3 best σ" 0.1 0.0 bestSigma
    checkClose "ex6data3 best validation error" 0.035 1e-12 bestError

    let best3 =
        Svm.fit
            {
                Svm.defaults with
                    C = bestC
                    Kernel = Kernel.rbfOfSigma bestSigma
            }
            x3
            y3

    PlotClassic.decisionBoundary
        (figure $"§5.7.2 ex6data3, RBF SVM chosen on validation: C = {bestC}, σ = {bestSigma}" "x1" "x2")
        [ -1.0; 0.0; 1.0 ]
        x3
        y3
        (Svm.decisionFunction best3)
        (Path.Combine(dir, "svm-ex6data3-best.png"))
    |> wrote
| _ -> say "SKIPPED the SVM section: ../shared/data/coursera-ml-ex6/ex6data{1,2,3}.csv (or $FUNCTIONAL_DATA) not found"

// ---- §5.8.1 PCA ----
say "== PCA =="
// 300 points near a tilted plane in 3-D: two directions of large variance, one of small.
let pcaRows =
    Array.init 300 (fun _ ->
        let a, c, e = normal rng 0.0 3.0, normal rng 0.0 1.0, normal rng 0.0 0.1
        [| a + 0.5 * c; 0.5 * a - c + e; 0.3 * a + 0.8 * c - 2.0 * e |])

let pcaX = Tensor.ofArrayShaped [ 300; 3 ] (Array.concat pcaRows)
let pcaAll = Pca.fit Pca.defaults pcaX

let pca2 =
    Pca.fit
        {
            Pca.defaults with
                Components = Some 2
        }
        pcaX

let ratios = pcaAll.ExplainedVarianceRatio

let show (values: float[]) =
    values
    |> Array.map (fun v -> v.ToString("F4", CultureInfo.InvariantCulture))
    |> String.concat ", "

say $"explained variance {show pcaAll.ExplainedVariance}; ratio {show ratios}"

checkThat
    "explained variance sorted"
    (pcaAll.ExplainedVariance
     |> Array.pairwise
     |> Array.forall (fun (a, b) -> a >= b))

checkThat "two components explain > 99 %" (ratios[0] + ratios[1] > 0.99)
let c = pcaAll.Components

checkClose
    "components orthonormal: ‖C Cᵀ − I‖max"
    0.0
    1e-12
    (Tensor.matmul c (Tensor.transpose c)
     - Tensor.Eye(3, Functional.Core.Tensors.DType.Float64)
     |> Tensor.abs
     |> Tensor.max
     |> Tensor.toScalar)

let error2 = Pca.reconstructionError pca2 pcaX

say
    $"reconstruction error with 2 components {error2:F6} (discarded variance × (n − 1)/n = {pcaAll.ExplainedVariance[2] * 299.0 / 300.0:F6}); with 3: {Pca.reconstructionError pcaAll pcaX:E2}"

checkClose
    "2-component reconstruction error = discarded variance × (n − 1)/n"
    (pcaAll.ExplainedVariance[2] * 299.0 / 300.0)
    1e-10
    error2

checkClose "3-component reconstruction is exact" 0.0 1e-20 (Pca.reconstructionError pcaAll pcaX)
let z = Pca.transform pca2 pcaX |> Tensor.toArray

let projectionPlot =
    use plot = Plot.create ()

    let points =
        plot.Add.ScatterPoints(Array.init 300 (fun i -> z[2 * i]), Array.init 300 (fun i -> z[2 * i + 1]))

    points.MarkerSize <- 5.0f

    Plot.save
        (figure "§5.8.1 PCA: 3-D points on the first two components" "z1" "z2")
        (Path.Combine(dir, "pca-projection.png"))
        plot

wrote projectionPlot

PlotClassic.lines
    (figure "§5.8.1 PCA: cumulative explained variance ratio" "components" "ratio")
    [
        ("cumulative ratio", [| 1.0; 2.0; 3.0 |], Array.scan (+) 0.0 ratios |> Array.tail)
    ]
    (Path.Combine(dir, "pca-explained-variance.png"))
|> wrote

// ---- §5.8.2 k-means: random vs k-means++ seeding ----
say "== k-means =="
let blobCentres = [| 0.0, 0.0; 6.0, 0.0; 12.0, 0.0; 0.0, 6.0; 6.0, 6.0; 12.0, 6.0 |]

let kmX =
    Tensor.ofArrayShaped
        [ 600; 2 ]
        (Array.init 600 (fun i -> let cx, cy = blobCentres[i / 100] in [| normal rng cx 0.8; normal rng cy 0.8 |])
         |> Array.concat)

let seeds = [ 1..20 ]

let runs seeding =
    seeds
    |> List.map (fun s ->
        let initial = KMeans.inertia (KMeans.seed seeding 6 (Random s) kmX) kmX

        let fit =
            KMeans.fit
                {
                    KMeans.defaults with
                        K = 6
                        Restarts = 1
                        Seeding = seeding
                }
                (Random s)
                kmX

        initial, fit.Inertia)

let plus, random = runs KMeans.Seeding.KMeansPlusPlus, runs KMeans.Seeding.Random
let avg f xs = List.averageBy f xs

say
    $"average over 20 seeds, k = 6: seeding inertia k-means++ {avg fst plus:F1} vs random {avg fst random:F1}; after Lloyd {avg snd plus:F1} vs {avg snd random:F1}"

say
    $"runs stuck above the best inertia by > 5 %%: k-means++ {plus
                                                              |> List.filter (fun (_, f) -> f > 1.05 * List.min (List.map snd (plus @ random)))
                                                              |> List.length}, random {random
                                                                                       |> List.filter (fun (_, f) -> f > 1.05 * List.min (List.map snd (plus @ random)))
                                                                                       |> List.length}"

checkThat "k-means++ seeds have lower inertia than random seeds on average" (avg fst plus < avg fst random)
checkThat "k-means++ ends no worse than random on average" (avg snd plus <= avg snd random)
let best = KMeans.fit { KMeans.defaults with K = 6 } (Random 0) kmX
checkThat "k-means (10 restarts) converged" best.Converged

checkThat
    "inertia never increased over the iterations"
    (best.InertiaTrace
     |> Array.pairwise
     |> Array.forall (fun (a, b) -> b <= a * (1.0 + 1e-12)))

PlotClassic.clusters
    (figure "§5.8.2 k-means, k = 6 (k-means++, 10 restarts)" "x1" "x2")
    kmX
    best.Labels
    (Some best.Centres)
    (Path.Combine(dir, "kmeans-clusters.png"))
|> wrote

PlotClassic.lines
    (figure "§5.8.2 final inertia by seed: k-means++ vs random seeding (one run each)" "seed" "inertia")
    [
        "k-means++", seeds |> List.map float |> Array.ofList, plus |> List.map snd |> Array.ofList
        "random", seeds |> List.map float |> Array.ofList, random |> List.map snd |> Array.ofList
    ]
    (Path.Combine(dir, "kmeans-seeding.png"))
|> wrote

// ---- §5.9 minibatch SGD: the gradient from m′ samples ----
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

// ---- §5.7.3 kNN ----
say "== kNN =="
let knnCentres = [| 0.0, 0.0; 3.0, 3.0; 0.0, 4.0 |]

let knnData n =
    let rows =
        Array.init n (fun i -> let cx, cy = knnCentres[i % 3] in [| normal rng cx 1.0; normal rng cy 1.0 |])

    Tensor.ofArrayShaped [ n; 2 ] (Array.concat rows), Tensor.ofArray (Array.init n (fun i -> i % 3))

let knnTrainX, knnTrainY = knnData 300
let knnTestX, knnTestY = knnData 300
let knn3 = Knn.fit { Knn.defaults with K = 3 } knnTrainX knnTrainY

let knnAccuracy (fit: KnnFit) x y =
    Array.map2 (fun p t -> if p = t then 1.0 else 0.0) (Knn.classify fit x |> Tensor.toArray) (Tensor.toArray y)
    |> Array.average

let knn1 = Knn.fit { Knn.defaults with K = 1 } knnTrainX knnTrainY

say
    $"k = 3: test accuracy {knnAccuracy knn3 knnTestX knnTestY:F4}; k = 1: training {knnAccuracy knn1 knnTrainX knnTrainY:F4}, test {knnAccuracy knn1 knnTestX knnTestY:F4}"

checkThat "k = 3 vote: test accuracy ≥ 0.85" (knnAccuracy knn3 knnTestX knnTestY >= 0.85)
checkClose "k = 1 recalls the training set" 1.0 0.0 (knnAccuracy knn1 knnTrainX knnTrainY)

PlotClassic.regions
    (figure "§5.7.3 kNN, k = 3: predicted class regions and the training points" "x1" "x2")
    knnTrainX
    knnTrainY
    (Knn.classify knn3)
    (Path.Combine(dir, "knn-regions.png"))
|> wrote

// ---- §5.11.1 the curse of dimensionality ----
say "== curse of dimensionality =="
let dims = [| 1..20 |]
let shares = dims |> Array.map (fun d -> CurseOfDimensionality.shareWithin d 0.5)

say
    $"share of [0, 1]^d within ½ of the centre: d = 1 {shares[0]:F4}, 2 {shares[1]:F4}, 3 {shares[2]:F4}, 10 {shares[9]:E3}, 20 {shares[19]:E3}"

checkClose "d = 2 share = π/4" (Math.PI / 4.0) 1e-12 shares[1]
checkThat "d = 10 share < 0.3 %" (shares[9] < 0.003)

checkClose
    "Monte Carlo agrees in 3-D (π/6)"
    (Math.PI / 6.0)
    0.01
    (CurseOfDimensionality.shareWithinMonteCarlo (Random 5) 100_000 3 0.5)

let ratioDims = [| 1; 2; 5; 10; 20; 50; 100; 200; 500; 1000 |]

let ratios' =
    ratioDims
    |> Array.map (CurseOfDimensionality.nearestFarthestRatio (Random 7) 300)

let ratioText =
    Array.map2 (fun d (r: float) -> $"d={d} {r:F3}") ratioDims ratios'
    |> String.concat "; "

say $"nearest/farthest distance ratio: {ratioText}"
checkThat "the ratio grows with d" (ratios'[1] < ratios'[4] && ratios'[4] < ratios'[7] && ratios'[7] < ratios'[9])
checkThat "at d = 1000 the nearest is > 85 % as far as the farthest" (ratios'[9] > 0.85)

PlotClassic.lines
    (figure "§5.11.1 share of the unit cube within ½ of its centre" "d" "share")
    [ ("ball volume V_d(½)", dims |> Array.map float, shares) ]
    (Path.Combine(dir, "curse-ball-share.png"))
|> wrote

PlotClassic.lines
    (figure "§5.11.1 nearest / farthest distance of 300 random points" "log10 d" "ratio")
    [ ("mean ratio", ratioDims |> Array.map (float >> log10), ratios') ]
    (Path.Combine(dir, "curse-distance-ratio.png"))
|> wrote

finish "003"
