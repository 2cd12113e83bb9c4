/// Validation curves (Evaluate/ValidationCurve.fs): error against a hyper-parameter, the best value, the test error.
module Functional.Tests.ValidationCurveTests

open System
open Expecto
open Functional

/// Noisy line y = 2 + 0.5x + noise at m seeded points.
let private noisyLine (seed: int) (m: int) =
    let rng = Random seed
    let xs = Array.init m (fun _ -> rng.NextDouble() * 10.0)

    Examples.create
        (xs |> Array.map (fun x -> [| x |]))
        (xs |> Array.map (fun x -> 2.0 + 0.5 * x + rng.NextDouble() - 0.5))

/// A learner whose every error is (value − 3)² + offset, so the best value is 3.
let private bowl (offset: float) (value: float) : Learner<float[], float, unit> = {
    Fit = fun _ -> ()
    Error = fun () _ -> (value - 3.0) ** 2.0 + offset
}

[<Tests>]
let tests =
    testList "ValidationCurve" [
        test "the best value is the one of lowest validation error, points in the order given" {
            let data = noisyLine 1 5

            let curve =
                ValidationCurve.compute [ 5.0; 1.0; 3.0; 4.0 ] (bowl 0.0) (Train data) (Validation data)

            Expect.equal (curve.Points |> Array.map (fun p -> p.Value)) [| 5.0; 1.0; 3.0; 4.0 |] "order"
            Expect.equal curve.Best.Value 3.0 "best"
            Expect.equal (ValidationCurve.validationErrors curve) [| 4.0; 4.0; 0.0; 1.0 |] "errors"
        }
        test "of equal validation errors, the first is best" {
            let data = noisyLine 1 5

            let curve =
                ValidationCurve.compute [ 1.0; 5.0 ] (bowl 0.0) (Train data) (Validation data)

            Expect.equal curve.Best.Value 1.0 "first of equals"
        }
        test "testError refits at the best value and measures on the test set" {
            let data = noisyLine 1 5

            let curve =
                ValidationCurve.compute [ 2.0; 3.0 ] (bowl 0.5) (Train data) (Validation data)

            Expect.equal (ValidationCurve.testError (bowl 0.5) curve (Train data) (Test data)) 0.5 "error at value 3"
        }
        test "ridge's training error never falls as λ grows" {
            let curve =
                ValidationCurve.compute
                    [ 0.0; 0.01; 0.1; 1.0; 10.0; 100.0; 1000.0 ]
                    RegularizedLinearRegression.learner
                    (Train(noisyLine 2 15))
                    (Validation(noisyLine 3 15))

            // A larger penalty can only move θ away from the least-squares minimum of the training error.
            for a, b in Array.pairwise (ValidationCurve.trainingErrors curve) do
                Expect.isGreaterThanOrEqual (b + 1e-12) a "J_train non-decreasing in λ"
        }
        test "no values fails" {
            let data = noisyLine 1 3

            Expect.throwsWith<ArgumentException>
                (fun () -> ValidationCurve.compute [] (bowl 0.0) (Train data) (Validation data) |> ignore)
                [ "validationCurve"; "at least one value" ]
                "empty"
        }
    ]
