/// Error against the number of features (Evaluate/FeatureCurve.fs), on polynomial degrees.
module Functional.Tests.FeatureCurveTests

open System
open Expecto
open Functional

/// y = x³ − x + noise at m seeded points in [−1.5, 1.5].
let private cubic (seed: int) (m: int) =
    let rng = Random seed
    let xs = Array.init m (fun _ -> rng.NextDouble() * 3.0 - 1.5)

    Examples.create
        (xs |> Array.map (fun x -> [| x |]))
        (xs |> Array.map (fun x -> x ** 3.0 - x + 0.05 * (rng.NextDouble() - 0.5)))

/// Least squares (λ = 0) on the powers x, x², …, x^degree.
let private polynomial (degree: int) =
    let inner = RegularizedLinearRegression.learner 0.0

    let powers =
        Examples.mapInputs (fun (r: float[]) -> Array.init degree (fun k -> r[0] ** float (k + 1)))

    {
        Fit = fun examples -> inner.Fit(powers examples)
        Error = fun model examples -> inner.Error model (powers examples)
    }

[<Tests>]
let tests =
    testList "FeatureCurve" [
        test "on cubic data, training error falls with the degree and validation error is lowest at degree 3 or above" {
            let curve =
                FeatureCurve.compute [ 1..6 ] polynomial (Train(cubic 1 20)) (Validation(cubic 2 30))

            Expect.equal (FeatureCurve.counts curve) [| 1.0 .. 6.0 |] "degrees"

            for a, b in Array.pairwise (FeatureCurve.trainingErrors curve) do
                Expect.isLessThanOrEqual b (a + 1e-12) "nested models: J_train non-increasing"

            Expect.isGreaterThanOrEqual curve.Best.Features 3 "degrees below 3 underfit"

            Expect.isLessThan
                curve.Points[2].ValidationError
                (curve.Points[1].ValidationError / 10.0)
                "degree 3 far better than 2"
        }
    ]
