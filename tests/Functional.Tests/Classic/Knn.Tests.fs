/// k-nearest neighbours (Classic/Knn.fs): scikit-learn's predictions, ties to the nearest, k = 1 recalling the training
/// set, batching not changing results, and bad input.
module Functional.Tests.KnnTests

open System
open Expecto
open Functional
open Functional.Core.Models
open Functional.Core.Tensors

let private t =
    Tensor.ofList2D [
        [ 0.0; 0.0 ]
        [ 1.0; 0.0 ]
        [ 0.0; 1.0 ]
        [ 1.0; 1.0 ]
        [ 3.0; 3.0 ]
        [ 4.0; 3.0 ]
        [ 3.0; 4.0 ]
        [ 6.0; 0.0 ]
        [ 6.0; 1.0 ]
        [ 7.0; 0.0 ]
    ]

let private labels = Tensor.ofList [ 0; 0; 0; 0; 1; 1; 1; 2; 2; 2 ]

let private values =
    Tensor.ofList [ 1.0; 2.0; 3.0; 4.0; 10.0; 11.0; 12.0; 20.0; 21.0; 22.0 ]

let private queries =
    Tensor.ofList2D [ [ 0.4; 0.3 ]; [ 3.2; 3.1 ]; [ 6.3; 0.4 ]; [ 2.0; 1.8 ] ]

let private k3 = { Knn.defaults with K = 3 }

let private cases =
    testList "cases" [
        test "k = 3 votes and means match scikit-learn's KNeighborsClassifier and KNeighborsRegressor" {
            // oracle: scikit-learn 1.2.1 KNeighborsClassifier(3).predict → [0, 1, 2, 0];
            // KNeighborsRegressor(3).predict → [2, 11, 21, 5.3333333333].
            let classes = Knn.classify (Knn.fit k3 t labels) queries
            Expect.equal classes.DType DType.Int32 "labels keep their dtype"
            Expect.equal (classes.ToArray() :?> int[]) [| 0; 1; 2; 0 |] "classes"

            Expect.tensorValuesWithin
                Tolerance.oracle
                (Knn.regress (Knn.fit k3 t values) queries)
                [ 4 ]
                [ 2.0; 11.0; 21.0; 16.0 / 3.0 ]
                "means"
        }
        test "neighbours come nearest first with their Euclidean distances" {
            let indices, distances =
                Knn.neighbours (Knn.fit k3 t labels) (Tensor.ofList2D [ [ 2.0; 1.8 ] ])

            Expect.equal (Tensor.toArray indices) [| 3.0; 4.0; 1.0 |] "indices" // oracle: by hand
            // oracle: by hand, √(1 + 0.64), √(1 + 1.44), √(1 + 3.24)
            Expect.tensorValuesWithin Tolerance.tight distances [ 1; 3 ] [ sqrt 1.64; sqrt 2.44; sqrt 4.24 ] "distances"
        }
        test "a tied vote goes to the label of the nearest neighbour" {
            // Neighbours of 0.9 with k = 2: 1.0 (label 5) at 0.1, then 0.0 (label 3) at 0.9 — one vote each.
            let x = Tensor.ofList2D [ [ 0.0 ]; [ 1.0 ]; [ 5.0 ] ]
            let fit = Knn.fit { Knn.defaults with K = 2 } x (Tensor.ofList [ 3; 5; 3 ])

            Expect.equal
                (Knn.classify fit (Tensor.ofList2D [ [ 0.9 ]; [ 0.1 ] ]) |> Tensor.toArray)
                [| 5.0; 3.0 |]
                "ties"
        }
        test "the Core estimators predict as the functions do" {
            let classifier = KnnClassifier k3 :> IEstimator<Tensor, Tensor, Tensor>
            let regressor = KnnRegressor k3 :> IEstimator<Tensor, Tensor, Tensor>

            Expect.equal
                (classifier.Fit(t, labels).Predict queries |> Tensor.toArray)
                [| 0.0; 1.0; 2.0; 0.0 |]
                "classes"

            Expect.equal
                (regressor.Fit(t, values).Predict queries |> Tensor.toArray)
                (Knn.regress (Knn.fit k3 t values) queries |> Tensor.toArray)
                "means"
        }
    ]

let private properties =
    testList "properties" [
        testPropertyWithConfig GradCheck.config "k = 1 on the training set recalls every label" (fun (seed: int) ->
            let rng = Random seed
            let n, d = 2 + rng.Next 60, 1 + rng.Next 8

            let x =
                Tensor.ofArrayShaped [ n; d ] (Array.init (n * d) (fun _ -> rng.NextDouble() * 10.0))

            let y = Tensor.ofArray (Array.init n (fun _ -> rng.Next 4))
            let fit = Knn.fit { Knn.defaults with K = 1 } x y
            Expect.equal (Knn.classify fit x |> Tensor.toArray) (Tensor.toArray y) "labels")
        testPropertyWithConfig GradCheck.config "the batch size does not change the neighbours" (fun (seed: int) ->
            let rng = Random seed
            let x = Tensor.ofArrayShaped [ 40; 3 ] (Array.init 120 (fun _ -> rng.NextDouble()))
            let q = Tensor.ofArrayShaped [ 17; 3 ] (Array.init 51 (fun _ -> rng.NextDouble()))
            let y = Tensor.ofArray (Array.init 40 float)

            let one =
                Knn.fit
                    {
                        Knn.defaults with
                            K = 4
                            BatchSize = 1
                    }
                    x
                    y

            let many =
                Knn.fit
                    {
                        Knn.defaults with
                            K = 4
                            BatchSize = 1024
                    }
                    x
                    y

            let odd =
                Knn.fit
                    {
                        Knn.defaults with
                            K = 4
                            BatchSize = 5
                    }
                    x
                    y

            let ia, _ = Knn.neighbours one q
            let ib, _ = Knn.neighbours many q
            let ic, _ = Knn.neighbours odd q
            Expect.equal (Tensor.toArray ia) (Tensor.toArray ib) "1 vs 1024"
            Expect.equal (Tensor.toArray ic) (Tensor.toArray ib) "5 vs 1024")
        testPropertyWithConfig
            GradCheck.config
            "neighbour distances equal direct Euclidean distances, sorted"
            (fun (seed: int) ->
                let rng = Random seed

                let x =
                    Tensor.ofArrayShaped [ 25; 4 ] (Array.init 100 (fun _ -> rng.NextDouble() * 4.0))

                let q =
                    Tensor.ofArrayShaped [ 3; 4 ] (Array.init 12 (fun _ -> rng.NextDouble() * 4.0))

                let fit = Knn.fit { Knn.defaults with K = 5 } x (Tensor.zeros [ 25 ])
                let indices, distances = Knn.neighbours fit q
                let idx, dist = Tensor.toArray indices, Tensor.toArray distances
                let xs, qs = Tensor.toArray x, Tensor.toArray q

                for r in 0..2 do
                    for c in 0..4 do
                        let i = int idx[r * 5 + c]
                        // oracle: the distance summed coordinate by coordinate.
                        let direct =
                            sqrt (Seq.sum (seq { for j in 0..3 -> (xs[i * 4 + j] - qs[r * 4 + j]) ** 2.0 }))

                        Expect.floatClose { absolute = 1e-7; relative = 1e-7 } dist[r * 5 + c] direct "distance"

                    for c in 1..4 do
                        Expect.isLessThanOrEqual dist[r * 5 + c - 1] dist[r * 5 + c] "sorted")
    ]

/// The k nearest by brute force: every distance summed coordinate by coordinate in float64, sorted by (distance,
/// index) — the oracle for the float32 screen of Classic/KnnSearch.fs.
let private bruteForce (xs: float[]) (n: int) (d: int) (query: float[]) (k: int) : (float * int)[] =
    Array.init n (fun i -> Array.fold2 (fun s a b -> s + (a - b) * (a - b)) 0.0 xs[i * d .. i * d + d - 1] query, i)
    |> Array.sort
    |> Array.truncate k

/// Training rows and queries from a seed: n rows of width d whose values are generated by value; a fifth of the rows
/// repeat an earlier row, and every other query is a training row.
let private screenCase (seed: int) (value: Random -> float) =
    let rng = Random seed
    let n, d, k = 9 + rng.Next 70, 1 + rng.Next 40, 1 + rng.Next 6
    let xs = Array.init (n * d) (fun _ -> value rng)

    for i in 1 .. n - 1 do
        if rng.Next 5 = 0 then
            Array.blit xs (rng.Next i * d) xs (i * d) d

    let m = 1 + rng.Next 12

    let qs =
        Array.init m (fun r ->
            if r % 2 = 0 then
                let i = rng.Next n
                xs[i * d .. i * d + d - 1]
            else
                Array.init d (fun _ -> value rng))

    let fit =
        Knn.fit { Knn.defaults with K = k } (Tensor.ofArrayShaped [ n; d ] xs) (Tensor.zeros [ n ])

    let indices, distances =
        Knn.neighbours fit (Tensor.ofArrayShaped [ m; d ] (Array.concat qs))

    xs, n, d, k, qs, Tensor.toArray indices, Tensor.toArray distances

let private screen =
    testList "float32 screen" [
        testPropertyWithConfig
            GradCheck.config
            "integer grids at any offset give exactly the brute-force neighbours, ties by training order"
            (fun (seed: int) ->
                // Differences of offset + small integers are exact in float64, so the oracle's order is exact; the
                // offsets up to 1e7 leave float32 no digits for the differences, forcing the screen wide open.
                let offset = [| 0.0; 1e3; 1048576.0; 1e7; -3.5e5 |].[abs (seed % 5)]

                let xs, n, d, k, qs, idx, dist =
                    screenCase seed (fun rng -> offset + float (rng.Next 4))

                qs
                |> Array.iteri (fun r q ->
                    let expected = bruteForce xs n d q k
                    Expect.equal idx[r * k .. r * k + k - 1] (expected |> Array.map (snd >> float)) "indices"
                    Expect.equal dist[r * k .. r * k + k - 1] (expected |> Array.map (fst >> sqrt)) "distances"))
        testPropertyWithConfig
            GradCheck.config
            "continuous values at scales from 1e-30 to 1e152 give the brute-force k smallest distances"
            (fun (seed: int) ->
                // 1e-30 underflows float32 products and 1e20 overflows them (the float64 path); 1e152 makes squared
                // norms too large for float64 (rows compared one by one); 1e5 ± 1 rows sit where float32 keys cannot
                // separate them.
                let scale, shift =
                    [|
                        1e-30, 0.0
                        1e-3, 0.0
                        1.0, 0.0
                        1e3, -500.0
                        1.0, 1e5
                        1e20, 0.0
                        1e152, 0.0
                    |]
                        .[abs (seed % 7)]

                let xs, n, d, k, qs, _, dist =
                    screenCase seed (fun rng -> shift + scale * rng.NextDouble())

                qs
                |> Array.iteri (fun r q ->
                    let expected = bruteForce xs n d q k |> Array.map (fst >> sqrt)

                    for c in 0 .. k - 1 do
                        Expect.floatClose
                            { absolute = 0.0; relative = 1e-10 }
                            dist[r * k + c]
                            expected[c]
                            $"distance {c} of query {r}"))
    ]

let private badInput =
    testList "bad input" [
        test "k above the number of training rows throws ArgumentException naming knn and k" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Knn.fit { Knn.defaults with K = 11 } t labels |> ignore)
                [ "knn"; "k <= the number of training rows 10"; "k = 11" ]
                "k"
        }
        test "k = 0 throws ArgumentException" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Knn.fit { Knn.defaults with K = 0 } t labels |> ignore)
                [ "knn"; "k >= 1" ]
                "k"
        }
        test "queries of the wrong width throw ShapeMismatchException" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Knn.classify (Knn.fit k3 t labels) (Tensor.ofList2D [ [ 1.0 ] ]) |> ignore)
                [ "knn"; "2 columns"; "x 1x1" ]
                "width"
        }
        test "labels of the wrong length throw ShapeMismatchException" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Knn.fit k3 t (Tensor.ofList [ 1; 2 ]) |> ignore)
                [ "knn"; "y of shape [10]"; "y 2" ]
                "length"
        }
    ]

[<Tests>]
let tests = testList "Knn" [ cases; properties; screen; badInput ]
