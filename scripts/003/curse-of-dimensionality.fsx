// §5.11.1 the curse of dimensionality: the cube's share near its centre, nearest/farthest distance ratios.
// A section of ../003-deep-learning-ch5.fsx, which loads common.fsx and setup.fsx first: #load nothing here.

open System
open System.IO
open Common
open Functional
open Setup

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

let ratios =
    ratioDims
    |> Array.map (CurseOfDimensionality.nearestFarthestRatio (Random 7) 300)

let ratioText =
    Array.map2 (fun d (r: float) -> $"d={d} {r:F3}") ratioDims ratios
    |> String.concat "; "

say $"nearest/farthest distance ratio: {ratioText}"
checkThat "the ratio grows with d" (ratios[1] < ratios[4] && ratios[4] < ratios[7] && ratios[7] < ratios[9])
checkThat "at d = 1000 the nearest is > 85 % as far as the farthest" (ratios[9] > 0.85)

PlotClassic.lines
    (figure "§5.11.1 share of the unit cube within ½ of its centre" "d" "share")
    [ ("ball volume V_d(½)", dims |> Array.map float, shares) ]
    (Path.Combine(dir, "curse-ball-share.png"))
|> wrote

PlotClassic.lines
    (figure "§5.11.1 nearest / farthest distance of 300 random points" "log10 d" "ratio")
    [ ("mean ratio", ratioDims |> Array.map (float >> log10), ratios) ]
    (Path.Combine(dir, "curse-distance-ratio.png"))
|> wrote
