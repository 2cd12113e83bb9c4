// What every section of lecture 003 shares: the output folder, figure settings and one seeded generator, drawn from in
// the order ../003-deep-learning-ch5.fsx loads the sections. Loaded after common.fsx by that script: #load nothing here.
#r "../../src/Functional.FSharp/bin/Release/net10.0/MathNet.Numerics.dll"

open System
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

/// The lecture's one generator: every section draws from it, in load order.
let rng = Random 3
