// Lecture 000, (a) a spring: extension y = a · force x, least squares through the origin.
// Loaded by ../000-simple-ml.fsx after common.fsx and setup.fsx: #load nothing here.
open System
open System.Globalization
open System.IO
open Deedle
open Common
open Functional
open Functional.Nn
open Setup

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
