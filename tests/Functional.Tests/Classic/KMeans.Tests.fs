/// k-means (Classic/KMeans.fs): scikit-learn's optimum on three blobs, inertia never increasing, k-means++ beating
/// random seeding on clustered data, determinism, and bad input.
module Functional.Tests.KMeansTests

open System
open Expecto
open Functional
open Functional.Core.Models
open Functional.Core.Tensors

let private blobs3 =
    Tensor.ofList2D [
        [ 0.0; 0.0 ]
        [ 0.5; 0.2 ]
        [ -0.3; 0.4 ]
        [ 0.2; -0.5 ]
        [ 5.0; 5.0 ]
        [ 5.4; 4.8 ]
        [ 4.7; 5.3 ]
        [ 5.2; 5.5 ]
        [ 0.0; 6.0 ]
        [ 0.3; 6.4 ]
        [ -0.4; 5.8 ]
        [ 0.1; 5.5 ]
    ]

/// k tight Gaussian blobs (sd 0.3) of m points each, centres on a 10-apart grid, drawn from a seed.
let private blobs (seed: int) (k: int) (m: int) =
    let rng = Random seed

    let rows = [|
        for c in 0 .. k - 1 do
            for _ in 1..m do
                yield
                    float (c % 4) * 10.0
                    + MathNet.Numerics.Distributions.Normal.Sample(rng, 0.0, 0.3)

                yield
                    float (c / 4) * 10.0
                    + MathNet.Numerics.Distributions.Normal.Sample(rng, 0.0, 0.3)
    |]

    Tensor.ofArrayShaped [ k * m; 2 ] rows

let private uniform (seed: int) (n: int) (d: int) =
    let rng = Random seed
    Tensor.ofArrayShaped [ n; d ] (Array.init (n * d) (fun _ -> rng.NextDouble()))

let private fits =
    testList "fits" [
        test "Seeding.Given starts from the given centres: blob 3's, 1's and 2's first rows give the blob means" {
            let start = Tensor.ofList2D [ [ 0.0; 5.9 ]; [ 0.1; 0.0 ]; [ 5.0; 5.1 ] ]

            let fit =
                KMeans.fit
                    {
                        KMeans.defaults with
                            K = 3
                            Seeding = KMeans.Seeding.Given start
                            Restarts = 1
                    }
                    (Random 0)
                    blobs3

            Expect.floatClose Accuracy.veryHigh fit.Inertia 2.0325 "inertia, as scikit-learn's init=array"
            // The centres keep the order of the given ones.
            let centres = Tensor.toArray fit.Centres
            Expect.floatClose Accuracy.veryHigh centres[0] 0.0 "first centre's x"
            Expect.floatClose Accuracy.veryHigh centres[1] 5.925 "first centre's y"
        }
        test "three blobs: inertia 2.0325 and the blob means as centres, as scikit-learn finds" {
            let fit = KMeans.fit { KMeans.defaults with K = 3 } (Random 0) blobs3
            // oracle: scikit-learn 1.2.1 KMeans(n_clusters=3, n_init=10, random_state=0) → inertia_ 2.0325, centres
            // (0.1, 0.025), (5.075, 5.15), (0, 5.925) in some order.
            Expect.floatClose Accuracy.veryHigh fit.Inertia 2.0325 "inertia"

            let centres =
                Tensor.toArray fit.Centres
                |> Array.chunkBySize 2
                |> Array.sortBy (fun c -> c[0], c[1])

            let expected = [| [| 0.0; 5.925 |]; [| 0.1; 0.025 |]; [| 5.075; 5.15 |] |]

            Array.iter2
                (fun (a: float[]) (e: float[]) ->
                    Expect.floatClose Accuracy.veryHigh a[0] e[0] "x"
                    Expect.floatClose Accuracy.veryHigh a[1] e[1] "y")
                centres
                expected

            Expect.isTrue fit.Converged "converged"
            Expect.equal fit.Labels.DType DType.Int64 "labels are int64 indices"
        }
        test "k = n puts a centre on every row: inertia 0" {
            let x = uniform 1 5 3

            let fit =
                KMeans.fit
                    {
                        KMeans.defaults with
                            K = 5
                            Restarts = 1
                    }
                    (Random 1)
                    x

            Expect.floatClose { absolute = 1e-24; relative = 0.0 } fit.Inertia 0.0 "inertia"
        }
        test "the same seed gives the same fit" {
            let x = uniform 2 60 3
            let settings = { KMeans.defaults with K = 4 }
            let a, b = KMeans.fit settings (Random 11) x, KMeans.fit settings (Random 11) x
            Expect.equal (Tensor.toArray a.Centres) (Tensor.toArray b.Centres) "centres"
            Expect.equal a.RestartInertias b.RestartInertias "every restart"
        }
        test "the kept run is the restart with the lowest inertia" {
            let fit =
                KMeans.fit
                    {
                        KMeans.defaults with
                            K = 5
                            Restarts = 6
                    }
                    (Random 3)
                    (uniform 3 80 2)

            Expect.equal fit.RestartInertias.Length 6 "restarts"
            Expect.equal fit.Inertia (Array.min fit.RestartInertias) "minimum"
        }
        test "the Core predictor gives the training labels back, and inertia recomputes the fit's" {
            let x = blobs 4 5 10
            let fit = KMeans.fit { KMeans.defaults with K = 5 } (Random 4) x
            let model = KMeansModel fit :> IPredictor<Tensor, Tensor>
            Expect.equal (model.Predict x |> Tensor.toArray) (Tensor.toArray fit.Labels) "labels"
            Expect.floatClose Accuracy.high (KMeans.inertia fit.Centres x) fit.Inertia "inertia"
        }
    ]

let private properties =
    testList "properties" [
        testPropertyWithConfig GradCheck.config "inertia never increases over Lloyd iterations" (fun (seed: int) ->
            let rng = Random seed
            let x = uniform seed (10 + rng.Next 60) (1 + rng.Next 4)

            let settings = {
                KMeans.defaults with
                    K = 1 + rng.Next 6
                    Restarts = 1
                    Seeding =
                        (if rng.Next 2 = 0 then
                             KMeans.Seeding.Random
                         else
                             KMeans.Seeding.KMeansPlusPlus)
                    Tolerance = 0.0
            }

            let fit = KMeans.fit settings rng x
            Expect.equal fit.InertiaTrace.Length (fit.Iterations + 1) "one inertia per assignment"
            Expect.equal (Array.last fit.InertiaTrace) fit.Inertia "the last is the fit's"

            fit.InertiaTrace
            |> Array.pairwise
            |> Array.iter (fun (before, after) ->
                Expect.isLessThanOrEqual after (before * (1.0 + 1e-12)) "non-increasing"))
        test "on 8 separated blobs k-means++ beats random seeding on average over 20 seeds, seeding and final inertia" {
            let x = blobs 5 8 25

            let one seeding seed =
                let settings = {
                    KMeans.defaults with
                        K = 8
                        Restarts = 1
                        Seeding = seeding
                }

                let initial = KMeans.inertia (KMeans.seed seeding 8 (Random seed) x) x
                initial, (KMeans.fit settings (Random seed) x).Inertia

            let mean seeding =
                let runs = [ for s in 1..20 -> one seeding s ]
                List.averageBy fst runs, List.averageBy snd runs

            let plusInitial, plusFinal = mean KMeans.Seeding.KMeansPlusPlus
            let randomInitial, randomFinal = mean KMeans.Seeding.Random
            Expect.isLessThan plusInitial randomInitial "seeding inertia"
            Expect.isLessThanOrEqual plusFinal randomFinal "final inertia"
        }
        test "the result does not depend on the thread count (CpuSettings.Threads caps the parallel loops)" {
            let x = uniform 11 5000 4

            let fitWith threads =
                let saved = Functional.Core.Kernels.CpuSettings.Threads
                Functional.Core.Kernels.CpuSettings.Threads <- threads

                try
                    KMeans.fit { KMeans.defaults with K = 5 } (Random 3) x
                finally
                    Functional.Core.Kernels.CpuSettings.Threads <- saved

            let one, two = fitWith 1, fitWith 2
            Expect.equal (one.Labels.ToFloatArray()) (two.Labels.ToFloatArray()) "labels"
            Expect.equal one.Inertia two.Inertia "inertia, to the bit"
        }
    ]

let private badInput =
    testList "bad input" [
        test "given centres of the wrong count or width throw ShapeMismatchException naming kmeans" {
            let seeded (c: Tensor) = {
                KMeans.defaults with
                    K = 3
                    Seeding = KMeans.Seeding.Given c
                    Restarts = 1
            }

            Expect.throwsWith<Functional.Core.Tensors.ShapeMismatchException>
                (fun () -> KMeans.fit (seeded (Tensor.zeros [ 2; 2 ])) (Random 0) blobs3 |> ignore)
                [ "kmeans"; "3 given centres" ]
                "count"

            Expect.throwsT<Functional.Core.Tensors.ShapeMismatchException>
                (fun () -> KMeans.fit (seeded (Tensor.zeros [ 3; 5 ])) (Random 0) blobs3 |> ignore)
                "width"
        }
        test "k above the number of rows throws ArgumentException naming kmeans and k" {
            Expect.throwsWith<ArgumentException>
                (fun () -> KMeans.fit { KMeans.defaults with K = 13 } (Random 0) blobs3 |> ignore)
                [ "kmeans"; "k <= the number of rows 12"; "k = 13" ]
                "k"
        }
        test "zero restarts throw ArgumentException" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    KMeans.fit
                        {
                            KMeans.defaults with
                                K = 2
                                Restarts = 0
                        }
                        (Random 0)
                        blobs3
                    |> ignore)
                [ "kmeans"; "restarts >= 1" ]
                "restarts"
        }
        test "NaN in x throws ArgumentException naming the row and column" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    KMeans.fit { KMeans.defaults with K = 1 } (Random 0) (Tensor.ofList2D [ [ 1.0; nan ] ])
                    |> ignore)
                [ "kmeans"; "row 0, column 1" ]
                "NaN"
        }
        test "predict with the wrong width throws ShapeMismatchException" {
            let fit = KMeans.fit { KMeans.defaults with K = 2 } (Random 0) blobs3

            Expect.throwsWith<ShapeMismatchException>
                (fun () -> KMeans.predict fit (Tensor.ofList2D [ [ 1.0 ] ]) |> ignore)
                [ "kmeans predict"; "2 columns"; "x 1x1" ]
                "width"
        }
    ]

[<Tests>]
let tests = testList "KMeans" [ fits; properties; badInput ]
