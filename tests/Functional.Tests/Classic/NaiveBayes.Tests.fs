/// Gaussian and Bernoulli naive Bayes (Classic/NaiveBayes.fs): scikit-learn's numbers on small sets, probabilities
/// summing to one, priors, label dtypes, and bad input.
module Functional.Tests.NaiveBayesTests

open System
open Expecto
open Functional
open Functional.Core.Models
open Functional.Core.Tensors

let private g =
    Tensor.ofList2D [
        [ 1.0; 2.1 ]
        [ 1.2; 1.9 ]
        [ 0.8; 2.3 ]
        [ 1.1; 2.0 ]
        [ 3.0; 0.9 ]
        [ 3.2; 1.1 ]
        [ 2.9; 1.3 ]
        [ 3.4; 0.7 ]
    ]

let private gl = Tensor.ofList [ 0; 0; 0; 0; 1; 1; 1; 1 ]
let private gq = Tensor.ofList2D [ [ 1.0; 2.0 ]; [ 2.0; 1.5 ]; [ 3.1; 1.0 ] ]

let private b =
    Tensor.ofList2D [
        [ 1.0; 0.0; 1.0; 0.0 ]
        [ 1.0; 1.0; 1.0; 0.0 ]
        [ 1.0; 0.0; 0.0; 0.0 ]
        [ 0.0; 1.0; 0.0; 1.0 ]
        [ 0.0; 1.0; 1.0; 1.0 ]
        [ 0.0; 0.0; 0.0; 1.0 ]
    ]

let private bl = Tensor.ofList [ 0; 0; 0; 1; 1; 1 ]
let private bq = Tensor.ofList2D [ [ 1.0; 0.0; 1.0; 1.0 ]; [ 0.0; 1.0; 0.0; 0.0 ] ]

let private gaussian =
    testList "gaussian" [
        test "means, smoothed variances and probabilities match scikit-learn's GaussianNB" {
            let fit = NaiveBayes.fitGaussian NaiveBayes.gaussianDefaults g gl
            // oracle: scikit-learn 1.2.1 GaussianNB() on these 8 points → theta_ [[1.025, 2.075], [3.125, 1.0]],
            // var_ [[0.0218750011, 0.0218750011], [0.0368750011, 0.0500000011]], predict_proba(gq) rows
            // [1, 6.8369019997e-32], [1.2968629404e-04, 9.9987031371e-01], [1.2140217165e-54, 1].
            match fit with
            | NaiveBayesFit.Gaussian m ->
                Expect.tensorValuesWithin Tolerance.oracle m.Means [ 2; 2 ] [ 1.025; 2.075; 3.125; 1.0 ] "means"

                Expect.tensorValuesWithin
                    { Absolute = 1e-12; Relative = 1e-8 }
                    m.Variances
                    [ 2; 2 ]
                    [ 0.0218750011; 0.0218750011; 0.0368750011; 0.0500000011 ]
                    "variances"
            | NaiveBayesFit.Bernoulli _ -> failtest "expected a Gaussian fit"

            let p = NaiveBayes.predictProba fit gq

            Expect.tensorValuesWithin
                { Absolute = 1e-12; Relative = 1e-8 }
                p
                [ 3; 2 ]
                [
                    1.0
                    6.8369019997e-32
                    1.2968629404e-04
                    9.9987031371e-01
                    1.2140217165e-54
                    1.0
                ]
                "predict_proba"

            Expect.equal ((NaiveBayes.predict fit gq).ToArray() :?> int[]) [| 0; 1; 1 |] "predict"
        }
        test "given priors replace the class frequencies" {
            let fit =
                NaiveBayes.fitGaussian
                    {
                        NaiveBayes.gaussianDefaults with
                            Priors = Some [| 0.9; 0.1 |]
                    }
                    g
                    gl

            match fit with
            | NaiveBayesFit.Gaussian m -> Expect.equal m.Priors [| 0.9; 0.1 |] "priors"
            | NaiveBayesFit.Bernoulli _ -> failtest "expected a Gaussian fit"

            let shifted = NaiveBayes.predictProba fit gq |> Tensor.toArray

            let plain =
                NaiveBayes.predictProba (NaiveBayes.fitGaussian NaiveBayes.gaussianDefaults g gl) gq
                |> Tensor.toArray

            Expect.isGreaterThan shifted[2] plain[2] "a larger prior for class 0 raises p(0 | x)"
        }
        testPropertyWithConfig
            GradCheck.config
            "class probabilities are in [0, 1] and sum to one for any query"
            (fun (seed: int) ->
                let rng = Random seed

                let q =
                    Tensor.ofArrayShaped [ 5; 2 ] (Array.init 10 (fun _ -> rng.NextDouble() * 6.0 - 1.0))

                let p =
                    NaiveBayes.predictProba (NaiveBayes.fitGaussian NaiveBayes.gaussianDefaults g gl) q

                let sums = Tensor.sumDim 1 false p |> Tensor.toArray

                for s in sums do
                    Expect.floatClose Accuracy.veryHigh s 1.0 "row sum"

                for v in Tensor.toArray p do
                    Expect.isTrue (v >= 0.0 && v <= 1.0) $"p = {v}")
    ]

let private bernoulli =
    testList "bernoulli" [
        test "feature probabilities and class probabilities match scikit-learn's BernoulliNB (α = 1)" {
            let fit = NaiveBayes.fitBernoulli NaiveBayes.bernoulliDefaults b bl
            // oracle: scikit-learn 1.2.1 BernoulliNB() → exp(feature_log_prob_) [[0.8, 0.4, 0.6, 0.2], [0.2, 0.6, 0.4, 0.8]],
            // predict_proba(bq) [[0.6923076923, 0.3076923077], [0.3076923077, 0.6923076923]].
            match fit with
            | NaiveBayesFit.Bernoulli m ->
                Expect.tensorValuesWithin
                    Tolerance.oracle
                    m.FeatureProbabilities
                    [ 2; 4 ]
                    [ 0.8; 0.4; 0.6; 0.2; 0.2; 0.6; 0.4; 0.8 ]
                    "p_cj"
            | NaiveBayesFit.Gaussian _ -> failtest "expected a Bernoulli fit"

            Expect.tensorValuesWithin
                Tolerance.oracle
                (NaiveBayes.predictProba fit bq)
                [ 2; 2 ]
                [ 0.6923076923; 0.3076923077; 0.3076923077; 0.6923076923 ]
                "predict_proba"
        }
        test "binarising at 0 treats counts as presence" {
            let counts = b * 3.0
            let plain = NaiveBayes.fitBernoulli NaiveBayes.bernoulliDefaults b bl
            let binarised = NaiveBayes.fitBernoulli NaiveBayes.bernoulliDefaults counts bl

            Expect.tensorClose
                Tolerance.tight
                (NaiveBayes.predictProba binarised bq)
                (NaiveBayes.predictProba plain bq)
                "p"
        }
        test "predictions keep the labels' values and dtype (float classes 2 and 5)" {
            let labels = Tensor.ofList [ 2.0; 2.0; 2.0; 5.0; 5.0; 5.0 ]
            let model = BernoulliNaiveBayesClassifier() :> IEstimator<Tensor, Tensor, Tensor>
            let predicted = model.Fit(b, labels).Predict bq
            Expect.equal predicted.DType DType.Float64 "dtype"
            Expect.equal (Tensor.toArray predicted) [| 2.0; 5.0 |] "classes"
        }
    ]

let private badInput =
    testList "bad input" [
        test "non-binary data without a threshold throws ArgumentException naming the row and column" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    NaiveBayes.fitBernoulli
                        {
                            NaiveBayes.bernoulliDefaults with
                                Binarize = None
                        }
                        (b * 0.5)
                        bl
                    |> ignore)
                [ "bernoulliNaiveBayes"; "0 or 1"; "0.5 at row 0, column 0" ]
                "binary"
        }
        test "priors of the wrong count throw ArgumentException" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    NaiveBayes.fitGaussian
                        {
                            NaiveBayes.gaussianDefaults with
                                Priors = Some [| 1.0 |]
                        }
                        g
                        gl
                    |> ignore)
                [ "gaussianNaiveBayes"; "2 priors" ]
                "priors"
        }
        test "a negative α throws ArgumentException" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    NaiveBayes.fitBernoulli
                        {
                            NaiveBayes.bernoulliDefaults with
                                Alpha = -1.0
                        }
                        b
                        bl
                    |> ignore)
                [ "bernoulliNaiveBayes"; "α >= 0" ]
                "α"
        }
        test "predicting with the wrong width throws ShapeMismatchException" {
            let fit = NaiveBayes.fitGaussian NaiveBayes.gaussianDefaults g gl

            Expect.throwsWith<ShapeMismatchException>
                (fun () -> NaiveBayes.predict fit bq |> ignore)
                [ "naiveBayes"; "2 columns"; "x 2x4" ]
                "width"
        }
    ]

[<Tests>]
let tests = testList "NaiveBayes" [ gaussian; bernoulli; badInput ]
