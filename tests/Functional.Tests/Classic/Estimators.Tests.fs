/// The Core estimator wrappers (Classic/Estimators.fs): they fit through the Core interfaces, on tensors and on
/// arrays, and agree with the layer-one functions they wrap.
module Functional.Tests.EstimatorsTests

open System
open Expecto
open Functional
open Functional.Core.Models

let private x =
    array2D [ [ 0.0; 1.0 ]; [ 1.0; 0.0 ]; [ 2.0; 1.0 ]; [ 3.0; 3.0 ]; [ 4.0; 2.0 ] ]

let private y = [| 1.0; 2.0; 5.0; 8.0; 9.0 |]
let private labels = [| 0; 0; 1; 0; 1 |]

let private regression =
    testList "regression" [
        test "LeastSquaresEstimator through IEstimator on tensors predicts what LeastSquares.fitTensor fits" {
            let estimator: IEstimator<Tensor, Tensor, Tensor> = LeastSquaresEstimator()
            let predictor = estimator.Fit(Tensor.ofArray2D x, Tensor.ofArray y)

            let direct =
                LeastSquares.fitTensor LeastSquares.defaults (Tensor.ofArray2D x) (Tensor.ofArray y)

            Expect.tensorClose
                Tolerance.tight
                (predictor.Predict(Tensor.ofArray2D x))
                (LinearFit.predictTensor direct (Tensor.ofArray2D x))
                "predictions"
        }
        test "LeastSquaresEstimator through IEstimator on arrays returns an array predictor" {
            let estimator: IEstimator<float[,], float[], float[]> = LeastSquaresEstimator()
            let predictor = estimator.Fit(x, y)

            let direct =
                LeastSquares.fitTensor LeastSquares.defaults (Tensor.ofArray2D x) (Tensor.ofArray y)

            let predicted = predictor.Predict x

            Array.iteri2
                (fun i p e -> Expect.floatClose Accuracy.veryHigh p e $"row {i}")
                predicted
                (LinearFit.predict direct x)
        }
        test "RidgeEstimator keeps its settings and scores R² below 1 on noisy data" {
            let estimator = RidgeEstimator { Ridge.defaults with Penalty = 2.0 }
            let predictor = estimator.Fit(Tensor.ofArray2D x, Tensor.ofArray y)
            Expect.equal predictor.Fitted.Solver (LinearSolver.Ridge 2.0) "solver"
            let r2 = predictor.Score(Tensor.ofArray2D x, Tensor.ofArray y)
            Expect.isTrue (r2 > 0.5 && r2 < 1.0) $"R² = {r2}"
        }
    ]

let private classification =
    testList "classification" [
        test "LogisticEstimator on arrays predicts int labels equal to LogisticRegression.predict" {
            let estimator: IEstimator<float[,], int[], int[]> =
                LogisticEstimator {
                    LogisticRegression.defaults with
                        Penalty = 1.0
                }

            let predicted = estimator.Fit(x, labels).Predict x

            let direct =
                LogisticRegression.fit
                    {
                        LogisticRegression.defaults with
                            Penalty = 1.0
                    }
                    (Tensor.ofArray2D x)
                    (Tensor.ofArray labels)

            Expect.sequenceEqual
                predicted
                (LogisticRegression.predict direct (Tensor.ofArray2D x)
                 |> Tensor.toArray
                 |> Array.map int)
                "labels"
        }
        test "LogisticPredictor.Score is the training accuracy" {
            let predictor =
                LogisticEstimator(
                    {
                        LogisticRegression.defaults with
                            Penalty = 1.0
                    }
                )
                    .Fit(Tensor.ofArray2D x, Tensor.ofArray labels)

            let predicted =
                predictor.Predict(Tensor.ofArray2D x) |> Tensor.toArray |> Array.map int

            let expected =
                float (Array.fold2 (fun n a b -> if a = b then n + 1 else n) 0 predicted labels)
                / 5.0

            Expect.floatClose
                Accuracy.veryHigh
                (predictor.Score(Tensor.ofArray2D x, Tensor.ofArray labels))
                expected
                "accuracy"
        }
        test "SoftmaxEstimator through IEstimator on tensors predicts int64 labels" {
            let estimator: IEstimator<Tensor, Tensor, Tensor> = SoftmaxEstimator()
            let predictor = estimator.Fit(Tensor.ofArray2D x, Tensor.ofArray labels)
            let predicted = predictor.Predict(Tensor.ofArray2D x)
            Expect.equal predicted.Dims [| 5 |] "one label per row"
            Expect.equal predicted.DType Functional.Core.Tensors.DType.Int64 "int64"
        }
    ]

[<Tests>]
let tests = testList "Estimators" [ regression; classification ]
