// Lecture 000, (b) overfitting: polynomials of degree 0..9 on 10 noisy samples of sin 2πx.
// Loaded by ../000-simple-ml.fsx after common.fsx and setup.fsx: #load nothing here.
open System
open System.Globalization
open System.IO
open Deedle
open Common
open Functional
open Functional.Nn
open Setup

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
