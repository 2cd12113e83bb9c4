/// Learning curves (Evaluate/LearningCurve.fs): train on the first i examples, validate on all.
module Functional.Tests.LearningCurveTests

open System
open Expecto
open Functional

/// y = 1 + 2x − 3x² at m seeded points: realisable by least squares on [x, x²].
let private quadratic (seed: int) (m: int) =
    let rng = Random seed
    let xs = Array.init m (fun _ -> rng.NextDouble() * 4.0 - 2.0)
    Examples.create (xs |> Array.map (fun x -> [| x; x * x |])) (xs |> Array.map (fun x -> 1.0 + 2.0 * x - 3.0 * x * x))

/// A learner that records the sizes it was fitted to and predicts 0.
let private recording () =
    let seen = ResizeArray<int>()

    seen,
    Learner.create
        (fun (examples: Examples<float[], float>) -> seen.Add(Examples.count examples))
        (fun () inputs -> Array.zeroCreate<float> inputs.Length)
        ErrorMeasure.halfMeanSquaredError

[<Tests>]
let tests =
    testList "LearningCurve" [
        testPropertyWithConfig
            GradCheck.config
            "a perfectly realisable model has zero training error at every size"
            (fun (seed: int) ->
                let curve =
                    LearningCurve.compute
                        (RegularizedLinearRegression.learner 0.0)
                        (Train(quadratic seed 12))
                        (Validation(quadratic (seed + 1) 20))

                for p in curve.Points do
                    Expect.isLessThan p.TrainingError 1e-18 $"J_train at i = {p.TrainingSize}"
                // Three parameters: from three examples on, the model is the truth, so validation error vanishes too.
                for p in curve.Points |> Array.filter (fun p -> p.TrainingSize >= 3) do
                    Expect.isLessThan p.ValidationError 1e-16 $"J_cv at i = {p.TrainingSize}")
        test "compute trains on sizes 1 … m, each on the first i examples" {
            let seen, learner = recording ()

            let curve =
                LearningCurve.compute learner (Train(quadratic 1 5)) (Validation(quadratic 2 3))

            Expect.equal (List.ofSeq seen) [ 1; 2; 3; 4; 5 ] "sizes fitted"
            Expect.equal (LearningCurve.sizes curve) [| 1.0; 2.0; 3.0; 4.0; 5.0 |] "sizes recorded"
        }
        test "computeAt sorts and de-duplicates the sizes" {
            let seen, learner = recording ()

            LearningCurve.computeAt [ 4; 2; 4 ] learner (Train(quadratic 1 5)) (Validation(quadratic 2 3))
            |> ignore

            Expect.equal (List.ofSeq seen) [ 2; 4 ] "sizes fitted"
        }
        test "the training error is measured on the i examples fitted, the validation error on all" {
            let train, validation = quadratic 3 4, quadratic 4 6
            let _, zero = recording ()
            let curve = LearningCurve.compute zero (Train train) (Validation validation)

            let half (ys: float[]) =
                Array.sumBy (fun y -> y * y) ys / (2.0 * float ys.Length)
            // oracle: the definition, J of the all-zero prediction.
            Expect.floatClose
                Accuracy.veryHigh
                curve.Points[1].TrainingError
                (half train.Targets[..1])
                "J_train at i = 2"

            Expect.floatClose
                Accuracy.veryHigh
                curve.Points[1].ValidationError
                (half validation.Targets)
                "J_cv at i = 2"
        }
        test "a size above m fails naming the range" {
            let _, learner = recording ()

            Expect.throwsWith<ArgumentException>
                (fun () ->
                    LearningCurve.computeAt [ 6 ] learner (Train(quadratic 1 5)) (Validation(quadratic 2 3))
                    |> ignore)
                [ "learningCurve"; "1 … 5"; "6" ]
                "size 6 of 5"
        }
        test "a NaN error stops the curve, naming the size" {
            let nan =
                Learner.create
                    (fun (_: Examples<float[], float>) -> ())
                    (fun () inputs -> Array.create inputs.Length nan)
                    ErrorMeasure.halfMeanSquaredError

            Expect.throwsWith<InvalidOperationException>
                (fun () ->
                    LearningCurve.compute nan (Train(quadratic 1 2)) (Validation(quadratic 2 3))
                    |> ignore)
                [ "learningCurve"; "training size 1"; "NaN" ]
                "NaN error"
        }
    ]
