/// The curse of dimensionality (Classic/CurseOfDimensionality.fs): ball volumes by hand, the Monte Carlo share agreeing
/// with the exact one, the share vanishing and the nearest/farthest ratio approaching 1 as d grows.
module Functional.Tests.CurseOfDimensionalityTests

open System
open Expecto
open Functional

let private tests' =
    testList "curse of dimensionality" [
        test "ball volumes: π r² in 2-D, 4/3 π r³ in 3-D, 2r in 1-D" {
            // oracle: the textbook formulas
            Expect.floatClose Accuracy.veryHigh (CurseOfDimensionality.ballVolume 2 1.0) Math.PI "2-D"

            Expect.floatClose
                Accuracy.veryHigh
                (CurseOfDimensionality.ballVolume 3 0.5)
                (4.0 / 3.0 * Math.PI / 8.0)
                "3-D"

            Expect.floatClose Accuracy.veryHigh (CurseOfDimensionality.ballVolume 1 0.3) 0.6 "1-D"
        }
        test "the share of the unit cube within ½ of its centre is π/4 in 2-D and π⁵ / (120 · 2¹⁰) in 10-D" {
            // oracle: V₁₀(r) = π⁵ r¹⁰ / 5!, by hand.
            Expect.floatClose Accuracy.veryHigh (CurseOfDimensionality.shareWithin 2 0.5) (Math.PI / 4.0) "2-D"

            Expect.floatClose
                Accuracy.veryHigh
                (CurseOfDimensionality.shareWithin 10 0.5)
                (Math.PI ** 5.0 / 120.0 / 1024.0)
                "10-D"
        }
        testPropertyWithConfig
            GradCheck.config
            "the Monte Carlo share agrees with the exact one within 4 standard errors"
            (fun (seed: int) ->
                let rng = Random seed
                let d, r = 1 + rng.Next 5, 0.1 + rng.NextDouble() * 0.4
                let exact = CurseOfDimensionality.shareWithin d r
                let estimate = CurseOfDimensionality.shareWithinMonteCarlo rng 20_000 d r
                let se = sqrt (exact * (1.0 - exact) / 20_000.0)

                Expect.floatClose
                    {
                        absolute = 4.0 * se + 1e-12
                        relative = 0.0
                    }
                    estimate
                    exact
                    $"d = {d}, r = {r}")
        test "the share within ½ falls with every added dimension" {
            [ 1..20 ]
            |> List.map (fun d -> CurseOfDimensionality.shareWithin d 0.5)
            |> List.pairwise
            |> List.iter (fun (a, b) -> Expect.isLessThan b a "falls")
        }
        test "beyond r = ½ the Monte Carlo share still works: the whole cube lies within √d/2" {
            Expect.equal (CurseOfDimensionality.shareWithinMonteCarlo (Random 1) 1000 4 1.0) 1.0 "all inside"
        }
        test "the nearest/farthest distance ratio grows towards 1 with the dimension" {
            let ratio d =
                CurseOfDimensionality.nearestFarthestRatio (Random 3) 200 d

            let r2, r100, r1000 = ratio 2, ratio 100, ratio 1000
            Expect.isLessThan r2 0.1 "2-D: the nearest is much closer than the farthest"
            Expect.isLessThan r2 r100 "2 < 100"
            Expect.isLessThan r100 r1000 "100 < 1000"
            Expect.isGreaterThan r1000 0.85 "1000-D: all about equally far"
        }
        test "a radius above ½ throws ArgumentException pointing to the Monte Carlo estimate" {
            Expect.throwsWith<ArgumentException>
                (fun () -> CurseOfDimensionality.shareWithin 3 0.6 |> ignore)
                [ "shareWithin"; "[0, 0.5]"; "0.6" ]
                "r"
        }
        test "dimension 0 throws ArgumentException" {
            Expect.throwsWith<ArgumentException>
                (fun () -> CurseOfDimensionality.ballVolume 0 1.0 |> ignore)
                [ "ballVolume"; "d >= 1" ]
                "d"
        }
    ]

[<Tests>]
let tests = testList "CurseOfDimensionality" [ tests' ]
