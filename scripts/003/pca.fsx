// §5.8.1 PCA of points near a tilted plane in 3-D: explained variance, components, reconstruction error.
// A section of ../003-deep-learning-ch5.fsx, which loads common.fsx and setup.fsx first: #load nothing here.
#r "../../src/Functional.FSharp/bin/Release/net10.0/ScottPlot.dll"

open System.Globalization
open System.IO
open Common
open Functional
open Setup

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
