/// Softmax regression (Classic/SoftmaxRegression.fs): scikit-learn's multinomial weights, a zero autodiff gradient at
/// the fit, agreement with binary logistic regression, predictions and bad input.
module Functional.Tests.SoftmaxRegressionTests

open System
open Expecto
open Functional
open Functional.Core.Tensors

/// Twelve points in two features, three classes: the data of the scikit-learn oracle below.
let private x =
    Tensor.ofList2D [
        [ 0.0; 0.0 ]
        [ 0.5; 1.0 ]
        [ 1.0; 0.2 ]
        [ 2.0; 2.0 ]
        [ 2.5; 1.5 ]
        [ 3.0; 2.8 ]
        [ 0.2; 3.0 ]
        [ 0.8; 2.5 ]
        [ 1.5; 3.5 ]
        [ 2.2; 0.4 ]
        [ 1.2; 1.4 ]
        [ 2.8; 3.1 ]
    ]

let private y = Tensor.ofList [ 0; 0; 0; 1; 1; 1; 2; 2; 2; 1; 0; 2 ]

let private converged penalty = {
    SoftmaxRegression.defaults with
        Penalty = penalty
        MaxIterations = 100000
        Tolerance = 1e-10
}

let private oracle =
    testList "scikit-learn" [
        test "λ = 1: the weights, intercepts, predictions and log-loss of scikit-learn's multinomial fit" {
            let fit = SoftmaxRegression.fit (converged 1.0) x y
            // oracle: scikit-learn 1.2.1 LogisticRegression(multi_class='multinomial', solver='newton-cg', C=1, tol=1e-14)
            // on these twelve points (gradient there below 5e-9): coef_ (K×n, our W transposed), intercept_, predict,
            // log_loss of predict_proba.
            let coef = [
                [ -0.7207058956648816; -0.8157458461461542 ]
                [ 1.0417996743921671; -0.36195059820601205 ]
                [ -0.321093778727285; 1.1776964443521662 ]
            ]

            let intercepts = [ 2.469461129485468; -0.7669981704829613; -1.7024629590025055 ]
            let tol = { absolute = 1e-8; relative = 1e-8 }
            Expect.isTrue fit.Converged $"converged ({fit.Iterations} iterations)"

            coef
            |> List.iteri (fun k row ->
                row
                |> List.iteri (fun j w -> Expect.floatClose tol fit.Weights[j, k] w $"W[{j}, {k}]"))

            intercepts
            |> List.iteri (fun k b -> Expect.floatClose tol fit.Intercepts[k] b $"b{k}")

            Expect.sequenceEqual
                ((SoftmaxRegression.predict fit x).ToFloatArray())
                [| 0.0; 0.0; 0.0; 1.0; 1.0; 1.0; 2.0; 2.0; 2.0; 1.0; 0.0; 2.0 |]
                "predictions"

            Expect.floatClose tol (SoftmaxRegression.crossEntropy fit x y) 0.36092594756820606 "log-loss"
            Expect.floatClose Accuracy.veryHigh fit.CrossEntropy (SoftmaxRegression.crossEntropy fit x y) "recorded"
        }
    ]

let private properties =
    testList "properties" [
        test "at the fit the autodiff gradient of the penalised cross-entropy is zero" {
            let penalty = 0.3
            let fit = SoftmaxRegression.fit (converged penalty) x y
            let m, k = 12, 3
            let labels = y.ToFloatArray() |> Array.map int

            let oneHot =
                Tensor.ofArrayShaped [ m; k ] (Array.init (m * k) (fun c -> if labels[c / k] = c % k then 1.0 else 0.0))

            let b = Tensor.ofArrayShaped [ 1; k ] fit.Intercepts
            // J(W) = −Σ Y ⊙ log softmax(X W + b) + (λ/2) ‖W‖², differentiated by our reverse-mode AD.
            let objective (w: Tensor) =
                -(Tensor.sum (oneHot * Tensor.logSoftmax 1 (Tensor.matmul x w + b)))
                + penalty / 2.0 * Tensor.sum (w * w)

            let g = Diff.grad objective (Tensor.ofArray2D fit.Weights)
            Expect.isLessThan (g.ToFloatArray() |> Array.map abs |> Array.max) 1e-8 "‖∇J‖∞"
        }
        test "starting from zeros keeps each feature's weights and the intercepts summing to zero over classes" {
            let fit =
                SoftmaxRegression.fit
                    {
                        SoftmaxRegression.defaults with
                            MaxIterations = 200
                    }
                    x
                    y

            for j in 0..1 do
                Expect.isLessThan
                    (abs (fit.Weights[j, 0] + fit.Weights[j, 1] + fit.Weights[j, 2]))
                    1e-12
                    $"Σₖ W[{j}, k]"

            Expect.isLessThan (abs (Array.sum fit.Intercepts)) 1e-12 "Σₖ bₖ"
        }
        test "with two classes it is logistic regression: W[:, 1] − W[:, 0] = w, with the logistic penalty λ / 2" {
            // Softmax with two classes and sum-zero weights has w = W1 − W0 = 2 W1; ‖W‖² = ‖w‖² / 2, so the
            // softmax penalty λ matches logistic regression with penalty λ / 2.
            let xb = x

            let yb =
                Tensor.ofArray (y.ToFloatArray() |> Array.map (fun v -> if v = 1.0 then 1 else 0))

            let softmax = SoftmaxRegression.fit (converged 1.0) xb yb

            let logistic =
                LogisticRegression.fit
                    {
                        LogisticRegression.defaults with
                            Penalty = 0.5
                    }
                    xb
                    yb

            for j in 0..1 do
                Expect.floatClose
                    { absolute = 1e-7; relative = 1e-7 }
                    (softmax.Weights[j, 1] - softmax.Weights[j, 0])
                    logistic.Coefficients[j]
                    $"w{j}"

            Expect.floatClose
                { absolute = 1e-7; relative = 1e-7 }
                (softmax.Intercepts[1] - softmax.Intercepts[0])
                logistic.Intercept
                "b"
        }
        test "predictProba rows sum to 1 and predict takes their argmax" {
            let fit = SoftmaxRegression.fit SoftmaxRegression.defaults x y
            let p = (SoftmaxRegression.predictProba fit x).ToFloatArray()
            let labels = (SoftmaxRegression.predict fit x).ToFloatArray()

            for i in 0..11 do
                let row = p[i * 3 .. i * 3 + 2]
                Expect.floatClose Accuracy.veryHigh (Array.sum row) 1.0 $"row {i}"
                Expect.equal (int labels[i]) (Array.findIndex ((=) (Array.max row)) row) $"argmax {i}"
        }
    ]

let private badInput =
    testList "bad input" [
        test "a label beyond Classes throws ArgumentException naming softmaxRegression" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    SoftmaxRegression.fit
                        {
                            SoftmaxRegression.defaults with
                                Classes = Some 2
                        }
                        x
                        y
                    |> ignore)
                [ "softmaxRegression"; "from 0 to 1"; "received 2 at index 6" ]
                "label"
        }
        test "a fractional label throws ArgumentException naming softmaxRegression" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    SoftmaxRegression.fit
                        SoftmaxRegression.defaults
                        (Tensor.ofList2D [ [ 1.0 ]; [ 2.0 ] ])
                        (Tensor.ofList [ 0.5; 1.0 ])
                    |> ignore)
                [ "softmaxRegression"; "0.5 at index 0" ]
                "fraction"
        }
        test "Classes = Some 1 throws ArgumentException naming softmaxRegression" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    SoftmaxRegression.fit
                        {
                            SoftmaxRegression.defaults with
                                Classes = Some 1
                        }
                        x
                        y
                    |> ignore)
                [ "softmaxRegression"; "at least 2 classes" ]
                "classes"
        }
        test "a huge learning rate diverges with NotFiniteNumberException naming the iteration" {
            Expect.throwsWith<NotFiniteNumberException>
                (fun () ->
                    SoftmaxRegression.fit
                        {
                            SoftmaxRegression.defaults with
                                LearningRate = 1e300
                        }
                        (Tensor.ofList2D [ [ 1e10 ]; [ -1e10 ]; [ 3e10 ] ])
                        (Tensor.ofList [ 0; 1; 2 ])
                    |> ignore)
                [ "softmaxRegression"; "iteration" ]
                "diverged"
        }
        test "y of the wrong length throws ShapeMismatchException naming softmaxRegression" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () ->
                    SoftmaxRegression.fit SoftmaxRegression.defaults x (Tensor.ofList [ 0; 1 ])
                    |> ignore)
                [ "softmaxRegression"; "y of shape [12] or [12, 1]" ]
                "length"
        }
    ]

[<Tests>]
let tests = testList "SoftmaxRegression" [ oracle; properties; badInput ]
