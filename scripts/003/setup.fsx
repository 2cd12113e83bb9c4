// What every section of lecture 003 shares: the output folder and one seeded generator, drawn from in
// the order ../003-deep-learning-ch5.fsx loads the sections. Loaded after common.fsx by that script: #load nothing here.
#r "../../src/Functional.FSharp/bin/Release/net10.0/MathNet.Numerics.dll"

open System
open System.IO
open Common
open Functional

let dir = outDir "003"

let normal (rng: Random) mean sd =
    MathNet.Numerics.Distributions.Normal.Sample(rng, mean, sd)

/// The lecture's one generator: every section draws from it, in load order.
let rng = Random 3
