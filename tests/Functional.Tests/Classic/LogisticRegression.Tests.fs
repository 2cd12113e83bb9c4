/// Binary logistic regression (Classic/LogisticRegression.fs): scikit-learn's weights by Newton (IRLS), the same
/// result by gradient descent, predictions, deviance and bad input.
module Functional.Tests.LogisticRegressionTests

open System
open Expecto
open Functional
open Functional.Core.Tensors

/// Ten points in two features, classes overlapping (not separable): the data of the scikit-learn oracle below.
let private x =
    Tensor.ofList2D [
        [ 0.5; 1.0 ]
        [ 1.0; -0.5 ]
        [ 1.5; 0.3 ]
        [ 2.0; 1.2 ]
        [ 2.5; -1.0 ]
        [ 3.0; 0.8 ]
        [ 3.5; -0.2 ]
        [ 4.0; 0.5 ]
        [ 4.5; -0.7 ]
        [ 5.0; 0.1 ]
    ]

let private y = Tensor.ofList [ 0; 0; 1; 0; 0; 1; 1; 0; 1; 1 ]

let private withPenalty penalty solver = {
    LogisticRegression.defaults with
        Penalty = penalty
        Solver = solver
}

/// Gradient descent settings that reach the optimum: a step below 4 / λmax(XᵀX/m) and enough iterations.
let private descent penalty = {
    withPenalty penalty (LogisticSolver.GradientDescent 0.5) with
        MaxIterations = 200000
        Tolerance = 1e-11
}

let private oracle =
    testList "scikit-learn" [
        // oracle: scikit-learn 1.2.1 LogisticRegression(penalty=None | C=1/λ, solver='newton-cholesky', tol=1e-14) on
        // these ten points (its gradient there is below 1e-14); deviance −2 Σ log p from its predict_proba. (The default
        // lbfgs stops on a relative change of the loss, about 2e-5 away in w0.)
        for penalty, w0, w1, b, deviance in
            [
                0.0, 0.8920413713741782, 0.03483726982591436, -2.4582775997299273, 10.865599047272246
                1.0, 0.6726256470745958, -0.025113482553728597, -1.8460480103241979, 11.006147016057048
            ] ->
            test $"λ = {penalty}: Newton gives w = [{w0}, {w1}], b = {b}, deviance {deviance}" {
                let fit = LogisticRegression.fit (withPenalty penalty LogisticSolver.Newton) x y
                let tol = { absolute = 1e-10; relative = 1e-10 }
                Expect.floatClose tol fit.Coefficients[0] w0 "w0"
                Expect.floatClose tol fit.Coefficients[1] w1 "w1"
                Expect.floatClose tol fit.Intercept b "b"
                Expect.floatClose tol fit.Deviance deviance "deviance"
                Expect.isTrue fit.Converged "converged"
                Expect.isLessThan fit.Iterations 20 "Newton needs few iterations"
            }
    ]

let private solversAgree =
    testList "solvers" [
        for penalty in [ 0.0; 1.0 ] do
            test $"λ = {penalty}: gradient descent reaches the Newton (IRLS) result" {
                let newton = LogisticRegression.fit (withPenalty penalty LogisticSolver.Newton) x y
                let gd = LogisticRegression.fit (descent penalty) x y
                let tol = { absolute = 1e-7; relative = 1e-7 }
                Expect.isTrue gd.Converged $"converged after {gd.Iterations} iterations"
                Expect.floatClose tol gd.Coefficients[0] newton.Coefficients[0] "w0"
                Expect.floatClose tol gd.Coefficients[1] newton.Coefficients[1] "w1"
                Expect.floatClose tol gd.Intercept newton.Intercept "b"
                Expect.equal gd.Solver (LogisticSolver.GradientDescent 0.5) "solver recorded"
            }
        testPropertyWithConfig
            { GradCheck.config with maxTest = 10 }
            "on random overlapping data with λ = 0.5 both solvers meet at a zero gradient"
            (fun (seed: int) ->
                let rng = Random seed
                let m = 30

                let xs =
                    Tensor.ofArrayShaped [ m; 2 ] (Array.init (2 * m) (fun _ -> rng.NextDouble() * 2.0 - 1.0))

                let ys =
                    Tensor.ofArray (Array.init m (fun i -> if i < 3 then i % 2 else rng.Next 2))

                let newton = LogisticRegression.fit (withPenalty 0.5 LogisticSolver.Newton) xs ys
                let gd = LogisticRegression.fit (descent 0.5) xs ys

                for j in 0..1 do
                    Expect.floatClose
                        { absolute = 1e-6; relative = 1e-6 }
                        gd.Coefficients[j]
                        newton.Coefficients[j]
                        $"w{j}")
    ]

let private predictions =
    testList "predictions" [
        test "predictProba is σ(b + x·w), predict thresholds it at 0.5, deviance matches the fit's" {
            let fit = LogisticRegression.fit LogisticRegression.defaults x y
            let p = (LogisticRegression.predictProba fit x).ToFloatArray()
            let z = (LogisticRegression.decisionFunction fit x).ToFloatArray()
            let labels = LogisticRegression.predict fit x
            Expect.equal labels.DType DType.Int64 "labels are int64"

            Array.iteri2
                (fun i (pi: float) (zi: float) ->
                    Expect.floatClose Accuracy.veryHigh pi (1.0 / (1.0 + exp -zi)) $"p{i}"
                    Expect.equal (labels.ToFloatArray()[i]) (if pi >= 0.5 then 1.0 else 0.0) $"label {i}")
                p
                z

            Expect.floatClose Accuracy.veryHigh (LogisticRegression.deviance fit x y) fit.Deviance "deviance"
        }
        test "a one-feature fit without an intercept on symmetric data has P = 0.5 at x = 0" {
            let fit =
                LogisticRegression.fit
                    {
                        LogisticRegression.defaults with
                            Intercept = false
                            Penalty = 1.0
                    }
                    (Tensor.ofList2D [ [ -2.0 ]; [ -1.0 ]; [ 1.0 ]; [ 2.0 ] ])
                    (Tensor.ofList [ 0.0; 1.0; 0.0; 1.0 ])

            Expect.equal fit.Intercept 0.0 "no intercept"

            Expect.floatClose
                Accuracy.high
                ((LogisticRegression.predictProba fit (Tensor.ofList2D [ [ 0.0 ] ])).ToScalar())
                0.5
                "P(0)"
        }
    ]

let private badInput =
    testList "bad input" [
        test "a label 2 throws ArgumentException naming logisticRegression, the value and its index" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    LogisticRegression.fit
                        LogisticRegression.defaults
                        (Tensor.ofList2D [ [ 1.0 ]; [ 2.0 ] ])
                        (Tensor.ofList [ 0; 2 ])
                    |> ignore)
                [ "logisticRegression"; "an integer from 0 to 1"; "2 at index 1" ]
                "label"
        }
        test "a single class throws ArgumentException naming logisticRegression" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    LogisticRegression.fit
                        LogisticRegression.defaults
                        (Tensor.ofList2D [ [ 1.0 ]; [ 2.0 ] ])
                        (Tensor.ofList [ 1; 1 ])
                    |> ignore)
                [ "logisticRegression"; "both classes"; "only class 1" ]
                "one class"
        }
        test "a non-positive learning rate throws ArgumentException naming logisticRegression" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    LogisticRegression.fit (withPenalty 0.0 (LogisticSolver.GradientDescent 0.0)) x y
                    |> ignore)
                [ "logisticRegression"; "learning rate > 0"; "received 0" ]
                "rate"
        }
        test "a negative penalty throws ArgumentException naming logisticRegression" {
            Expect.throwsWith<ArgumentException>
                (fun () -> LogisticRegression.fit (withPenalty -1.0 LogisticSolver.Newton) x y |> ignore)
                [ "logisticRegression"; "penalty >= 0" ]
                "penalty"
        }
        test "a diverging descent throws NotFiniteNumberException naming the iteration" {
            let big = Tensor.ofList2D [ [ 1e150 ]; [ -1e150 ] ]

            Expect.throwsWith<NotFiniteNumberException>
                (fun () ->
                    LogisticRegression.fit
                        (withPenalty 1.0 (LogisticSolver.GradientDescent 1e10))
                        big
                        (Tensor.ofList [ 1; 0 ])
                    |> ignore)
                [ "logisticRegression"; "iteration" ]
                "diverged"
        }
        test "predict with another column count throws ShapeMismatchException naming predict" {
            let fit = LogisticRegression.fit LogisticRegression.defaults x y

            Expect.throwsWith<ShapeMismatchException>
                (fun () -> LogisticRegression.predict fit (Tensor.ofList2D [ [ 1.0 ] ]) |> ignore)
                [ "predict"; "2 columns" ]
                "columns"
        }
    ]

let private lecture001 =
    test "lecture 001's 35 points give the maximum-likelihood optimum of DESIGN.md §5 (shared data)" {
        let path = Repository.requireShared "enakai00-colab_tfbook/logreg_train_35.csv"
        let frame = Csv.read path
        let design = DesignMatrix.ofFrame [ "x1"; "x2" ] frame
        let t = DesignMatrix.column "t" frame
        let fit = LogisticRegression.fit LogisticRegression.defaults design.X t
        // oracle: DESIGN.md §5 lecture 001 (computed): w = [0.297328, 0.430587], b = −11.060277, mean BCE
        // 0.300717, 29/35 correct; 6 decimals → 5e-7.
        let tol = { absolute = 5e-7; relative = 0.0 }
        Expect.floatClose tol fit.Coefficients[0] 0.297328 "w1"
        Expect.floatClose tol fit.Coefficients[1] 0.430587 "w2"
        Expect.floatClose tol fit.Intercept -11.060277 "b"
        Expect.floatClose tol (fit.Deviance / (2.0 * 35.0)) 0.300717 "mean BCE"
        Expect.floatClose Accuracy.veryHigh (LogisticPredictor(fit).Score(design.X, t)) (29.0 / 35.0) "accuracy"
    }

[<Tests>]
let tests =
    testList "LogisticRegression" [ oracle; solversAgree; predictions; badInput; lecture001 ]
