// Lecture 000, (d) optimizers on an elongated bowl f(x, y) = x²/20 + y², from (−7, 2), 30 steps each.
// Loaded by ../000-simple-ml.fsx after common.fsx and setup.fsx: #load nothing here.
open System
open System.Globalization
open System.IO
open Deedle
open Common
open Functional
open Functional.Nn
open Setup

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
