// What every section of lecture 000 shares: the output folder, number formatting and figure settings. Loaded after
// common.fsx by ../000-simple-ml.fsx: #load nothing here.
#r "../../src/Functional.FSharp/bin/Release/net10.0/Deedle.dll"
#r "../../src/Functional.FSharp/bin/Release/net10.0/ScottPlot.dll"

open System
open System.Globalization
open System.IO
open Common
open Functional

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
