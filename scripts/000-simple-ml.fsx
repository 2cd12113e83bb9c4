#load "common.fsx"
#r "../src/Functional.FSharp/bin/Release/net10.0/Deedle.dll"
#r "../src/Functional.FSharp/bin/Release/net10.0/ScottPlot.dll"
// Lecture 000 (Watanabe, Keio): simple machine learning. Least squares through the origin (a spring), training vs
// generalisation error with polynomials, the wage regression with one-hot categories (minimum-norm least squares),
// optimizers compared on a 2-D bowl, and a DCGAN that learns to draw digits.
// Run: dotnet build -c Release && dotnet fsi scripts/000-simple-ml.fsx

open System
open System.Globalization
open System.IO
open Deedle
open Common
open Functional
open Functional.Nn

let dir = outDir "000"

let f6 (v: float) =
    v.ToString("F6", CultureInfo.InvariantCulture)

let figure title xLabel yLabel = {
    Plot.defaults with
        Title = title
        XLabel = xLabel
        YLabel = yLabel
}

let wrote (path: string) =
    say $"wrote {path}"
    checkThat $"{Path.GetFileName path} exists and is not empty" (File.Exists path && FileInfo(path).Length > 0L)

// ---- (a) a spring: extension y = a · force x, least squares through the origin ----
// The lecture's points are schematic, so we draw our own: forces 1..10 N, a = 0.25 cm/N, noise ±0.3 cm, seed 0.
let springRng = Random 0
let forces = Array.init 10 (fun i -> float (i + 1))

let extensions =
    forces |> Array.map (fun f -> 0.25 * f + (springRng.NextDouble() - 0.5) * 0.6)

// Minimising Σ(yᵢ − a xᵢ)² gives the lecture's formula a = Σxy / Σx².
let aFormula =
    Array.fold2 (fun s x y -> s + x * y) 0.0 forces extensions
    / Array.sumBy (fun x -> x * x) forces

let springFit =
    LeastSquares.fitTensor
        {
            LeastSquares.defaults with
                Intercept = false
        }
        (Tensor.ofArrayShaped [ forces.Length; 1 ] forces)
        (Tensor.ofArray extensions)

say $"spring: a = Σxy/Σx² = {f6 aFormula} cm/N; LeastSquares through the origin: a = {f6 springFit.Coefficients[0]}"
checkClose "spring: LeastSquares through the origin = Σxy/Σx²" aFormula 1e-12 springFit.Coefficients[0]
checkThat "spring: no intercept was fitted" (springFit.Intercept = 0.0)
checkClose "spring: a recovers the generating 0.25 cm/N" 0.25 0.01 aFormula

Plot.scatterWithLine
    (figure "Lecture 000: a spring, least squares through the origin" "force (N)" "extension (cm)")
    forces
    extensions
    [| 0.0; 11.0 |]
    [| 0.0; 11.0 * aFormula |]
    (Path.Combine(dir, "spring.png"))
|> wrote

// ---- (b) overfitting: polynomials of degree 0..9 on 10 noisy samples of sin 2πx ----
// Bishop's setup (PRML §1.1): x uniform in [0, 1], noise N(0, 0.3²), seed 1; 10 training and 100 test points.
let polyRng = Random 1

let gaussian () =
    sqrt (-2.0 * log (1.0 - polyRng.NextDouble()))
    * cos (2.0 * Math.PI * polyRng.NextDouble())

let truth (x: float) = sin (2.0 * Math.PI * x)

let sample count =
    let xs = Array.init count (fun _ -> polyRng.NextDouble())
    xs, xs |> Array.map (fun x -> truth x + 0.3 * gaussian ())

let trainX, trainY = sample 10
let testX, testY = sample 100
let degrees = [| 0..9 |]

let features degree (xs: float[]) =
    PolynomialFeatures.transform
        {
            PolynomialFeatures.defaults with
                Degree = degree
        }
        (Tensor.ofArray xs)

let rmse (fit: LinearFit) degree (xs: float[]) (ys: float[]) =
    let predicted = LinearFit.predictTensor fit (features degree xs) |> Tensor.toArray

    sqrt (
        Array.fold2 (fun s p y -> s + (p - y) * (p - y)) 0.0 predicted ys
        / float ys.Length
    )

// The bias column is in the features, so no separate intercept; SVD copes with the ill-conditioned degree 9.
let polyFits =
    degrees
    |> Array.map (fun degree ->
        LeastSquares.fitTensor
            {
                LeastSquares.defaults with
                    Intercept = false
            }
            (features degree trainX)
            (Tensor.ofArray trainY))

let trainErrors =
    Array.map2 (fun fit degree -> rmse fit degree trainX trainY) polyFits degrees

let testErrors =
    Array.map2 (fun fit degree -> rmse fit degree testX testY) polyFits degrees

say "degree  train RMSE  test RMSE"

for d in degrees do
    say (sprintf "%6d  %10.6f  %9.6f" d trainErrors[d] testErrors[d])

let bestDegree = Array.findIndex ((=) (Array.min testErrors)) testErrors
say $"smallest test error at degree {bestDegree}"

checkThat
    "overfitting: training error never rises with the degree"
    (Array.pairwise trainErrors |> Array.forall (fun (a, b) -> b <= a + 1e-9))

checkThat "overfitting: degree 9 interpolates the 10 training points (train RMSE < 1e-6)" (trainErrors[9] < 1e-6)
checkThat "overfitting: the test error is smallest at an interior degree (1..8)" (bestDegree >= 1 && bestDegree <= 8)

checkThat
    "overfitting: the test error falls from degree 0 to its minimum"
    (testErrors[0] > 2.0 * testErrors[bestDegree])

checkThat
    "overfitting: the test error at degree 9 is well above the minimum"
    (testErrors[9] > 2.0 * testErrors[bestDegree])

let errorPlot =
    let plot = Plot.create ()
    let ds = Array.map float degrees
    let train = plot.Add.ScatterLine(ds, trainErrors)
    train.LegendText <- "training"
    let test = plot.Add.ScatterLine(ds, testErrors)
    test.LegendText <- "test"
    plot.ShowLegend() |> ignore
    // Degree 9's test error is off the chart; the axis shows the U around the minimum.
    plot.Axes.SetLimitsY(0.0, 1.5)

    Plot.save
        (figure "Lecture 000: training and test error by polynomial degree" "degree" "RMSE")
        (Path.Combine(dir, "overfitting-errors.png"))
        plot

wrote errorPlot

let fitsPlot =
    let plot = Plot.create ()
    let grid = Array.init 201 (fun i -> float i / 200.0)
    let points = plot.Add.ScatterPoints(trainX, trainY)
    points.MarkerSize <- 9.0f
    points.LegendText <- "training data"
    let sine = plot.Add.ScatterLine(grid, Array.map truth grid)
    sine.LegendText <- "sin 2πx"

    for degree in [ 0; 1; 3; 9 ] do
        let curve =
            plot.Add.ScatterLine(
                grid,
                LinearFit.predictTensor polyFits[degree] (features degree grid)
                |> Tensor.toArray
            )

        curve.LegendText <- $"degree {degree}"

    plot.ShowLegend() |> ignore
    plot.Axes.SetLimitsY(-1.6, 1.6)

    Plot.save
        (figure "Lecture 000: polynomial fits to 10 noisy points" "x" "y")
        (Path.Combine(dir, "overfitting-fits.png"))
        plot

wrote fitsPlot

// ---- (c) the wage regression: salary ~ age + education + company size, one-hot, least squares ----
// salary.csv is fetched from the lecture's own site (or a mirror) on first use and cached.
section "wage regression" 13 [ "kaityo256-python_zero", "salary.csv" ] (fun paths ->
    let path = List.exactlyOne paths

    let frame =
        Csv.read path |> Frame.filterRowValues (fun row -> row.GetAs<int> "age" < 55)

    checkThat "wage: 84 rows with age < 55" (frame.RowCount = 84)
    // Every category gets a column (as pandas.get_dummies): the design is rank-deficient, since the education
    // columns sum to 1 as do the size columns. The minimum-norm solution is scikit-learn's.
    let encoded = OneHot.encode [ "education"; "company_size" ] frame
    let design = DesignMatrix.ofFrameExcept [ "salary" ] encoded
    let salary = DesignMatrix.column "salary" encoded
    let wage = LeastSquares.fitTensor LeastSquares.defaults design.X salary
    let r2 = LinearFit.rSquared wage design.X salary

    say "column                 coefficient (thousand yen a month)"

    Array.iter2 (fun (name: string) (w: float) -> say (sprintf "%-22s %12.6f" name w)) design.Columns wage.Coefficients

    say (sprintf "%-22s %12.6f" "intercept" wage.Intercept)
    say (sprintf "%-22s %12.6f" "R²" r2)
    // oracle: DESIGN.md §5 lecture 000, scikit-learn 1.2.1 LinearRegression (computed), 6 decimals → 1e-5.
    let coefficient name =
        wage.Coefficients[Array.findIndex ((=) name) design.Columns]

    for name, expected in
        [
            "age", 5.124881
            "education_high", -25.105952
            "education_middle", -29.434524
            "education_tech", -9.958333
            "education_university", 64.498810
            "company_size_large", 28.053571
            "company_size_middle", -9.214286
            "company_size_small", -18.839286
        ] do
        checkClose $"wage: {name}" expected 1e-5 (coefficient name)

    checkClose "wage: intercept" 93.290119 1e-5 wage.Intercept
    checkClose "wage: R²" 0.847980 1e-5 r2
    // The QR solver (complete orthogonal decomposition) reaches the same minimum-norm weights.
    let byQr =
        LeastSquares.fitTensor
            {
                LeastSquares.defaults with
                    Decomposition = Decomposition.Qr
            }
            design.X
            salary

    checkClose
        "wage: QR and SVD agree (largest difference)"
        0.0
        1e-9
        (Array.map2 (fun a b -> abs (a - b)) byQr.Coefficients wage.Coefficients
         |> Array.max)

    // The large-company pivot: salary against age for each education, with the fitted lines of two of them.
    let large =
        frame
        |> Frame.filterRowValues (fun row -> row.GetAs<string> "company_size" = "large")

    let plot = Plot.create ()
    // One colour per education level, shared by its points and its fitted line.
    let palette = ScottPlot.Palettes.Category10()
    let colour = Map.ofList [ "middle", 0; "high", 1; "tech", 2; "university", 3 ]

    for education in [ "middle"; "high"; "tech"; "university" ] do
        let rows =
            large
            |> Frame.filterRowValues (fun row -> row.GetAs<string> "education" = education)

        let points =
            plot.Add.ScatterPoints(
                (rows.GetColumn<float> "age").Values |> Seq.toArray,
                (rows.GetColumn<float> "salary").Values |> Seq.toArray
            )

        points.MarkerSize <- 9.0f
        points.Color <- palette.GetColor colour[education]
        points.LegendText <- education

    let ages = [| 20.0; 55.0 |]

    for education in [ "university"; "middle" ] do
        let level =
            wage.Intercept
            + coefficient $"education_{education}"
            + coefficient "company_size_large"

        let line =
            plot.Add.ScatterLine(ages, ages |> Array.map (fun a -> level + coefficient "age" * a))

        line.LineWidth <- 2.0f
        line.Color <- palette.GetColor colour[education]
        line.LegendText <- $"fit: {education}, large company"

    plot.ShowLegend() |> ignore

    Plot.save
        (figure "Lecture 000: monthly salary at large companies (age < 55)" "age" "salary (thousand yen)")
        (Path.Combine(dir, "wage-large-companies.png"))
        plot
    |> wrote)

// ---- (d) optimizers on an elongated bowl f(x, y) = x²/20 + y², from (−7, 2), 30 steps each ----
let bowl (p: Tensor) = p[0] * p[0] / 20.0 + p[1] * p[1]
let start = Tensor.ofList [ -7.0; 2.0 ]

let paths = [
    Optimize.path "SGD (lr 0.95)" (Sgd 0.95) 30 bowl start
    Optimize.path "Momentum (lr 0.1, 0.9)" (Sgd(0.1, momentum = 0.9)) 30 bowl start
    Optimize.path "AdaGrad (lr 1.5)" (AdaGrad 1.5) 30 bowl start
    Optimize.path "RMSProp (lr 0.3)" (RmsProp(0.3, rho = 0.9)) 30 bowl start
    Optimize.path "Adam (lr 0.3)" (Adam 0.3) 30 bowl start
]

for p in paths do
    say $"{p.Name}: f = {f6 p.Losses[0]} -> {f6 (Array.last p.Losses)} after 30 steps"
    checkThat $"{p.Name} lowers f" (Array.last p.Losses < p.Losses[0] / 10.0)

// Plain SGD overshoots along the steep y axis: y ← y − 0.95·2y = −0.9y flips its sign every step.
let sgdYs = paths[0].Points |> Array.map (fun q -> q[1])
checkThat "SGD zig-zags across the valley" (sgdYs |> Array.pairwise |> Array.forall (fun (a, b) -> sign a <> sign b))

PlotClassic.optimizerPaths
    (figure "Lecture 000: optimizers on f(x, y) = x²/20 + y²" "x" "y")
    (fun x y -> x * x / 20.0 + y * y)
    (-8.0, 8.0)
    (-3.0, 3.0)
    [ 0.05; 0.2; 0.5; 1.0; 2.0; 4.0 ]
    paths
    (Path.Combine(dir, "optimizer-paths.png"))
|> wrote

// ---- (e) DCGAN: a generator learns to draw digits against a discriminator (TensorFlow's tutorial) ----
let generator, discriminator =
    Dcgan.generator (Random 7), Dcgan.discriminator (Random 8)

say (Model.summary [ Dcgan.NoiseSize ] generator)
say (Model.summary [ 1; 28; 28 ] discriminator)
checkClose "generator parameters" 2330944.0 0.0 (float generator.ParameterCount)
checkClose "generator trainable parameters" 2305472.0 0.0 (float generator.TrainableCount)
checkClose "discriminator parameters" 212865.0 0.0 (float discriminator.ParameterCount)

let digits = Mnist.subset (dataFile "mnist") 1
// Pixels in [−1, 1], as tanh draws them.
let realImages =
    digits.Train.Images.Reshape [ digits.Train.Images.Dims[0]; 1; 28; 28 ] * 2.0
    - 1.0

let ganRng = Random 9
let fixedNoise = Tensor.Randn(ganRng, [ 16; Dcgan.NoiseSize ])
// CI's check mode takes a few steps; the full run two epochs over the 8,000 training digits (a few minutes).
let ganEpochs, stepsPerEpoch =
    if checkMode then 1, 8 else 2, realImages.Dims[0] / 32

let generatorOptimizer, discriminatorOptimizer = Adam 1e-4, Adam 1e-4
let ganLosses = ResizeArray<Dcgan.Losses>()

let toPixels (images: Tensor) =
    (images + 1.0) / 2.0
    |> fun t -> t.ToFloatArray() |> Array.map float32 |> Array.chunkBySize 784

let sampleGrid (epoch: int) =
    let samples = toPixels (Model.predict generator fixedNoise)

    let rows = [
        for r in 0..3 ->
            {
                PlotImages.Label = ""
                PlotImages.Images = samples[4 * r .. 4 * r + 3]
                PlotImages.Captions = [||]
            }
    ]

    PlotImages.imageGrid $"DCGAN samples after epoch {epoch}" 28 3 rows (Path.Combine(dir, $"gan-epoch-{epoch}.png"))
    |> wrote

let clock = Diagnostics.Stopwatch.StartNew()

for epoch in 1..ganEpochs do
    let order = Functional.Core.Data.Batching.Shuffle(realImages.Dims[0], ganRng)

    for s in 0 .. stepsPerEpoch - 1 do
        let real =
            Tensor.OfRaw(Functional.Core.Data.Batching.TakeRows(realImages.Raw, order.AsSpan(32 * s, 32)))

        let noise = Tensor.Randn(ganRng, [ 32; Dcgan.NoiseSize ])

        let losses =
            Dcgan.step generator discriminator generatorOptimizer discriminatorOptimizer real noise

        ganLosses.Add losses

        if (s + 1) % 50 = 0 || s + 1 = stepsPerEpoch then
            printfn
                $"DCGAN epoch {epoch}/{ganEpochs} step {s + 1}/{stepsPerEpoch}: D {losses.Discriminator:F4}, G {losses.Generator:F4} ({clock.Elapsed.TotalSeconds:F0} s)"

    sampleGrid epoch

let lastLosses = ganLosses[ganLosses.Count - 1]

say
    $"DCGAN: {ganLosses.Count} steps, last D loss {f6 lastLosses.Discriminator}, G loss {f6 lastLosses.Generator}, {clock.Elapsed.TotalSeconds:F0} s"

checkThat
    "DCGAN losses stay finite"
    (ganLosses
     |> Seq.forall (fun l -> Double.IsFinite l.Discriminator && Double.IsFinite l.Generator))

let stepAxis = Array.init ganLosses.Count (fun i -> float (i + 1))

PlotClassic.lines
    (figure "Lecture 000: DCGAN losses per step" "step" "binary cross-entropy")
    [
        "discriminator", stepAxis, ganLosses |> Seq.map (fun l -> l.Discriminator) |> Seq.toArray
        "generator", stepAxis, ganLosses |> Seq.map (fun l -> l.Generator) |> Seq.toArray
    ]
    (Path.Combine(dir, "gan-losses.png"))
|> wrote

// Quality: how sure an MNIST classifier is about generated digits, against uniform noise images.
let judge = Linear(784, 256, Random 10) --> Relu() --> Linear(256, 10, Random 11)
let flatTrain = digits.Train.Images.Reshape [ digits.Train.Images.Dims[0]; 784 ]

Train.fit
    judge
    Loss.crossEntropy
    (Adam 1e-3)
    (FitSettings(Epochs = 5, BatchSize = 128, Seed = 1, Progress = ProgressMode.Silent))
    flatTrain
    digits.Train.Labels
|> ignore

let confidence (images: Tensor) =
    (Model.predict judge images).Softmax(1).Max(1).Mean().ToScalar()

let generated =
    (Model.predict generator (Tensor.Randn(Random 12, [ 256; Dcgan.NoiseSize ]))
     + 1.0)
    / 2.0

let noiseImages = Tensor.Rand(Random 13, [ 256; 784 ])
let generatedConfidence = confidence (generated.Reshape [ 256; 784 ])
let noiseConfidence = confidence noiseImages

say
    $"MNIST MLP's mean top-class probability: generated digits {generatedConfidence:F4}, noise images {noiseConfidence:F4}"

checkThat
    "the confidences are probabilities"
    (generatedConfidence > 0.1
     && generatedConfidence <= 1.0
     && noiseConfidence > 0.1
     && noiseConfidence <= 1.0)

// After two epochs the generator's digits already convince the classifier more than noise does (0.88 vs 0.67 when
// last run); the smoke run in check mode trains too few steps to expect it.
if not checkMode then
    checkThat "the MLP is surer of generated digits than of noise" (generatedConfidence > noiseConfidence)

finish "000"
