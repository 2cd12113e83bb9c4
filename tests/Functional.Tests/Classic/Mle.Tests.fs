/// Maximum-likelihood estimates (Classic/Mle.fs): hand-checked samples, the estimates maximise their log-likelihoods,
/// agreement with Tensor.var, consistency on large seeded samples, and bad input.
module Functional.Tests.MleTests

open System
open Expecto
open Functional
open Functional.Core.Tensors

let private normalSample (seed: int) (n: int) (mean: float) (sd: float) =
    let rng = Random seed
    Tensor.ofArray (Array.init n (fun _ -> MathNet.Numerics.Distributions.Normal.Sample(rng, mean, sd)))

let private handChecked =
    testList "hand-checked" [
        test "the Gaussian MLE of [1, 2, 3, 6] is mean 3, variance 3.5 (÷n), unbiased 14/3 (÷(n − 1))" {
            let g = Mle.gaussian (Tensor.ofList [ 1.0; 2.0; 3.0; 6.0 ])
            // oracle: by hand, squares 4 + 1 + 0 + 9 = 14.
            Expect.floatClose Accuracy.veryHigh g.Mean 3.0 "mean"
            Expect.floatClose Accuracy.veryHigh g.Variance 3.5 "MLE variance"
            Expect.floatClose Accuracy.veryHigh g.UnbiasedVariance (14.0 / 3.0) "unbiased variance"
            Expect.equal g.Count 4 "count"
        }
        test "one observation has variance 0 and an undefined (NaN) unbiased variance" {
            let g = Mle.gaussian (Tensor.ofList [ 5.0 ])
            Expect.equal (g.Mean, g.Variance) (5.0, 0.0) "mean and variance"
            Expect.isTrue (Double.IsNaN g.UnbiasedVariance) "unbiased"
        }
        test "the Bernoulli MLE of [1, 0, 1, 1] is 0.75 and its log-likelihood 3 ln 0.75 + ln 0.25" {
            let x = Tensor.ofList [ 1; 0; 1; 1 ]
            let b = Mle.bernoulli x
            Expect.floatClose Accuracy.veryHigh b.P 0.75 "p" // oracle: by hand, 3/4
            Expect.equal (b.Ones, b.Count) (3, 4) "counts"
            // oracle: by hand
            Expect.floatClose Accuracy.veryHigh (Mle.bernoulliLogLikelihood b.P x) (3.0 * log 0.75 + log 0.25) "ll"
        }
        test "a Bernoulli sample of all ones has p = 1 and log-likelihood 0 (0 · log 0 counts as 0)" {
            let x = Tensor.ofList [ 1.0; 1.0 ]
            Expect.equal (Mle.bernoulli x).P 1.0 "p"
            Expect.equal (Mle.bernoulliLogLikelihood 1.0 x) 0.0 "ll"
        }
        test "the categorical MLE of [0, 2, 2, 1, 2] over 4 classes is [0.2, 0.2, 0.6, 0]" {
            let c = Mle.categorical 4 (Tensor.ofList [ 0; 2; 2; 1; 2 ])
            Expect.equal c.Counts [| 1; 1; 3; 0 |] "counts" // oracle: by hand
            Expect.sequenceEqual c.Probabilities [| 0.2; 0.2; 0.6; 0.0 |] "probabilities"
        }
        test "the Gaussian log-likelihood of [0] under N(0, 1) is −½ ln 2π" {
            // oracle: by hand, the standard normal density at 0.
            Expect.floatClose
                Accuracy.veryHigh
                (Mle.gaussianLogLikelihood 0.0 1.0 (Tensor.ofList [ 0.0 ]))
                (-0.5 * log (2.0 * Math.PI))
                "ll"
        }
    ]

let private properties =
    testList "properties" [
        testPropertyWithConfig
            GradCheck.config
            "the Gaussian MLE maximises the Gaussian log-likelihood"
            (fun (seed: int) ->
                let x = normalSample seed 20 1.0 2.0
                let g = Mle.gaussian x
                let best = Mle.gaussianLogLikelihood g.Mean g.Variance x

                for dm, scale in [ 0.1, 1.0; -0.1, 1.0; 0.0, 1.1; 0.0, 0.9; 0.05, 1.05 ] do
                    let other = Mle.gaussianLogLikelihood (g.Mean + dm) (g.Variance * scale) x
                    Expect.isGreaterThan best other $"ll at μ̂ + {dm}, σ̂² · {scale}")
        testPropertyWithConfig GradCheck.config "the variances equal Tensor.var with ddof 0 and 1" (fun (seed: int) ->
            let x = normalSample seed (2 + abs seed % 30) -3.0 0.5
            let g = Mle.gaussian x
            // oracle: Op.Var, the engine's own reduction.
            Expect.floatClose Accuracy.high g.Variance (Tensor.var 0 false 0 x |> Tensor.toScalar) "ddof 0"
            Expect.floatClose Accuracy.high g.UnbiasedVariance (Tensor.var 0 false 1 x |> Tensor.toScalar) "ddof 1")
        testPropertyWithConfig
            GradCheck.config
            "the Bernoulli and categorical MLEs maximise their log-likelihoods"
            (fun (seed: int) ->
                let rng = Random seed

                let bits =
                    Tensor.ofArray (Array.init 15 (fun i -> if i = 0 || (i > 1 && rng.Next 3 = 0) then 1 else 0))

                let p = (Mle.bernoulli bits).P
                let best = Mle.bernoulliLogLikelihood p bits

                for q in [ p * 0.9; p + (1.0 - p) * 0.1 ] do
                    Expect.isGreaterThan best (Mle.bernoulliLogLikelihood q bits) $"p̂ = {p} vs {q}"

                let labels =
                    Tensor.ofArray (Array.init 20 (fun i -> if i < 3 then i else rng.Next 3))

                let c = Mle.categorical 3 labels
                let mle = Mle.categoricalLogLikelihood c.Probabilities labels
                // At the MLE the log-likelihood is −n H(p̂), the entropy of the empirical distribution.
                let entropy =
                    c.Probabilities |> Array.sumBy (fun p -> if p > 0.0 then -p * log p else 0.0)

                Expect.floatClose Accuracy.high mle (-20.0 * entropy) "−n H(p̂)"

                let uniform =
                    Mle.categoricalLogLikelihood [| 1.0 / 3.0; 1.0 / 3.0; 1.0 / 3.0 |] labels

                Expect.isGreaterThanOrEqual mle uniform "beats uniform")
        test "on 100,000 draws from N(2, 3²) the estimates are within 0.05 of μ = 2 and 0.1 of σ² = 9" {
            let g = Mle.gaussian (normalSample 7 100_000 2.0 3.0)
            // Standard errors: 3/√n ≈ 0.0095 for the mean, σ²√(2/n) ≈ 0.04 for the variance.
            Expect.floatClose { absolute = 0.05; relative = 0.0 } g.Mean 2.0 "mean"
            Expect.floatClose { absolute = 0.15; relative = 0.0 } g.Variance 9.0 "variance"
        }
    ]

let private badInput =
    testList "bad input" [
        test "an empty sample throws ArgumentException naming the op" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Mle.gaussian (Tensor.ofList ([]: float list)) |> ignore)
                [ "mle gaussian"; "at least one observation" ]
                "empty"
        }
        test "a matrix sample throws ShapeMismatchException" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Mle.gaussian (Tensor.ofList2D [ [ 1.0 ] ]) |> ignore)
                [ "mle gaussian"; "[n]"; "x 1x1" ]
                "matrix"
        }
        test "NaN in a sample throws ArgumentException naming the index" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Mle.gaussian (Tensor.ofList [ 1.0; nan ]) |> ignore)
                [ "mle gaussian"; "NaN at index 1" ]
                "NaN"
        }
        test "a Bernoulli sample holding 2 throws ArgumentException" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Mle.bernoulli (Tensor.ofList [ 0; 2 ]) |> ignore)
                [ "mle bernoulli"; "0 or 1"; "2 at index 1" ]
                "value"
        }
        test "a categorical label out of range throws ArgumentException naming the range" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Mle.categorical 3 (Tensor.ofList [ 0; 3 ]) |> ignore)
                [ "mle categorical"; "[0, 3)"; "3 at index 1" ]
                "range"
        }
        test "a variance of 0 throws ArgumentException naming gaussianLogLikelihood" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Mle.gaussianLogLikelihood 0.0 0.0 (Tensor.ofList [ 1.0 ]) |> ignore)
                [ "gaussianLogLikelihood"; "variance > 0" ]
                "variance"
        }
        test "probabilities not summing to 1 throw ArgumentException" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Mle.categoricalLogLikelihood [| 0.5; 0.6 |] (Tensor.ofList [ 0 ]) |> ignore)
                [ "categoricalLogLikelihood"; "summing to 1" ]
                "sum"
        }
    ]

[<Tests>]
let tests = testList "Mle" [ handChecked; properties; badInput ]
