/// Learners (Evaluate/Learner.fs): built from functions or from the Core IEstimator contract; error measures.
module Functional.Tests.LearnerTests

open System
open Expecto
open Functional
open Functional.Core.Models

/// A Core estimator that predicts the mean of its training targets, whatever the input.
type private MeanEstimator() =
    interface IEstimator<float[][], float[], float[]> with
        member _.Fit(_inputs, targets) =
            let mean = Array.average targets

            {
                new IPredictor<float[][], float[]> with
                    member _.Predict inputs = Array.create inputs.Length mean
            }

/// The same, taking a feature matrix as classic estimators do.
type private MatrixMeanEstimator() =
    interface IEstimator<float[,], float[], float[]> with
        member _.Fit(_x, targets) =
            let mean = Array.average targets

            {
                new IPredictor<float[,], float[]> with
                    member _.Predict x = Array.create (Array2D.length1 x) mean
            }

/// The same on tensors, as neural models and SvmClassifier implement the contract: predictions [m, 1].
type private TensorMeanEstimator() =
    interface IEstimator<Tensor, Tensor, Tensor> with
        member _.Fit(_x, targets) =
            let mean = Tensor.toArray targets |> Array.average

            {
                new IPredictor<Tensor, Tensor> with
                    member _.Predict x =
                        Tensor.ofArrayShaped [ x.Dims[0]; 1 ] (Array.create x.Dims[0] mean)
            }

let private examples =
    Examples.create [| [| 0.0 |]; [| 1.0 |]; [| 2.0 |] |] [| 1.0; 2.0; 6.0 |]

[<Tests>]
let tests =
    testList "Learner" [
        test "halfMeanSquaredError is Σ(ŷ − y)² / 2m" {
            // oracle: by hand, (1 + 4 + 0) / 6.
            Expect.floatClose
                Accuracy.veryHigh
                (ErrorMeasure.halfMeanSquaredError [| 1.0; 2.0; 3.0 |] [| 2.0; 4.0; 3.0 |])
                (5.0 / 6.0)
                "J"
        }
        test "misclassificationRate is the share of wrong labels" {
            Expect.equal (ErrorMeasure.misclassificationRate [| 1; 0; 1; 1 |] [| 1; 1; 1; 0 |]) 0.5 "2 of 4 wrong"
        }
        test "an error measure of arrays of different lengths fails naming both" {
            Expect.throwsWith<ArgumentException>
                (fun () -> ErrorMeasure.misclassificationRate [| 1 |] [| 1; 0 |] |> ignore)
                [ "misclassificationRate"; "1 targets"; "2 predictions" ]
                "lengths"
        }
        test "a learner from a Core IEstimator fits and scores through the contract" {
            let learner =
                Learner.ofEstimator (MeanEstimator()) ErrorMeasure.halfMeanSquaredError

            let model = learner.Fit examples
            Expect.equal (model.Predict [| [| 5.0 |] |]) [| 3.0 |] "predicts the training mean"
            // oracle: by hand, mean 3, residuals −2, −1, 3 → 14 / 6.
            Expect.floatClose Accuracy.veryHigh (learner.Error model examples) (14.0 / 6.0) "J"
        }
        test "a learner from a matrix IEstimator works in a learning curve like any other" {
            let learner =
                Learner.ofMatrixEstimator (MatrixMeanEstimator()) ErrorMeasure.halfMeanSquaredError

            let curve = LearningCurve.compute learner (Train examples) (Validation examples)
            Expect.equal (curve.Points |> Array.map (fun p -> p.TrainingSize)) [| 1; 2; 3 |] "sizes"
            Expect.equal curve.Points[0].TrainingError 0.0 "one example is its own mean"
        }
        test "a learner from a tensor IEstimator gets a matrix and a target vector, and its predictions flattened" {
            let learner =
                Learner.ofTensorEstimator (TensorMeanEstimator()) ErrorMeasure.halfMeanSquaredError

            let model = learner.Fit examples
            // oracle: by hand, mean 3, residuals −2, −1, 3 → 14 / 6.
            Expect.floatClose Accuracy.veryHigh (learner.Error model examples) (14.0 / 6.0) "J"
        }
        test "mapInputs transforms inputs before fitting and before measuring" {
            let seen = ResizeArray<float[]>()

            let learner =
                Learner.create
                    (fun (e: Examples<float[], float>) -> seen.AddRange e.Inputs)
                    (fun () inputs -> Array.zeroCreate<float>(Array.length inputs))
                    ErrorMeasure.halfMeanSquaredError
                |> Learner.mapInputs (fun (x: float[]) -> Array.append x x)

            learner.Fit examples
            Expect.equal seen[2] [| 2.0; 2.0 |] "the fitted input is the mapped one"
        }
    ]
