// §5.8.2 k-means on six blobs: k-means++ against random seeding over 20 seeds, and a 10-restart fit.
// A section of ../003-deep-learning-ch5.fsx, which loads common.fsx and setup.fsx first: #load nothing here.

open System
open System.IO
open Common
open Functional
open Setup

say "== k-means =="
let blobCentres = [| 0.0, 0.0; 6.0, 0.0; 12.0, 0.0; 0.0, 6.0; 6.0, 6.0; 12.0, 6.0 |]

let kmX =
    Tensor.ofArrayShaped
        [ 600; 2 ]
        (Array.init 600 (fun i -> let cx, cy = blobCentres[i / 100] in [| normal rng cx 0.8; normal rng cy 0.8 |])
         |> Array.concat)

let seeds = [ 1..20 ]

let runs seeding =
    seeds
    |> List.map (fun s ->
        let initial = KMeans.inertia (KMeans.seed seeding 6 (Random s) kmX) kmX

        let fit =
            KMeans.fit
                {
                    KMeans.defaults with
                        K = 6
                        Restarts = 1
                        Seeding = seeding
                }
                (Random s)
                kmX

        initial, fit.Inertia)

let plus, random = runs KMeans.Seeding.KMeansPlusPlus, runs KMeans.Seeding.Random
let avg f xs = List.averageBy f xs

say
    $"average over 20 seeds, k = 6: seeding inertia k-means++ {avg fst plus:F1} vs random {avg fst random:F1}; after Lloyd {avg snd plus:F1} vs {avg snd random:F1}"

say
    $"runs stuck above the best inertia by > 5 %%: k-means++ {plus
                                                              |> List.filter (fun (_, f) -> f > 1.05 * List.min (List.map snd (plus @ random)))
                                                              |> List.length}, random {random
                                                                                       |> List.filter (fun (_, f) -> f > 1.05 * List.min (List.map snd (plus @ random)))
                                                                                       |> List.length}"

checkThat "k-means++ seeds have lower inertia than random seeds on average" (avg fst plus < avg fst random)
checkThat "k-means++ ends no worse than random on average" (avg snd plus <= avg snd random)
let best = KMeans.fit { KMeans.defaults with K = 6 } (Random 0) kmX
checkThat "k-means (10 restarts) converged" best.Converged

checkThat
    "inertia never increased over the iterations"
    (best.InertiaTrace
     |> Array.pairwise
     |> Array.forall (fun (a, b) -> b <= a * (1.0 + 1e-12)))

PlotClassic.clusters
    (figure "§5.8.2 k-means, k = 6 (k-means++, 10 restarts)" "x1" "x2")
    kmX
    best.Labels
    (Some best.Centres)
    (Path.Combine(dir, "kmeans-clusters.png"))
|> wrote

PlotClassic.lines
    (figure "§5.8.2 final inertia by seed: k-means++ vs random seeding (one run each)" "seed" "inertia")
    [
        "k-means++", seeds |> List.map float |> Array.ofList, plus |> List.map snd |> Array.ofList
        "random", seeds |> List.map float |> Array.ofList, random |> List.map snd |> Array.ofList
    ]
    (Path.Combine(dir, "kmeans-seeding.png"))
|> wrote
