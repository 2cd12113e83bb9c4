// What every section of lecture 000 shares: the output folder and number formatting (figure and wrote are in common.fsx). Loaded after
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
