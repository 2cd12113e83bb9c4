/// Bayesian linear regression (Classic/BayesianLinearRegression.fs): a hand-checked posterior, agreement with ridge and
/// least squares, the predictive variance, posterior samples, the evidence against the marginal density, bad input.
module Functional.Tests.BayesianLinearRegressionTests

open System
open Expecto
open Functional
open Functional.Core.Tensors
open MathNet.Numerics.LinearAlgebra

/// A design [1, t] for n points t in [−1, 1] and targets 0.5 − 0.3 t + noise, drawn from a seed.
let private line (seed: int) (n: int) =
    let rng = Random seed
    let t = Array.init n (fun _ -> rng.NextDouble() * 2.0 - 1.0)
    let phi = Tensor.ofArrayShaped [ n; 2 ] (t |> Array.collect (fun v -> [| 1.0; v |]))

    let y =
        Tensor.ofArray (
            t
            |> Array.map (fun v ->
                0.5 - 0.3 * v
                + 0.2 * MathNet.Numerics.Distributions.Normal.Sample(rng, 0.0, 1.0))
        )

    phi, y

let private settings alpha beta = {
    BayesianLinearRegression.defaults with
        Alpha = alpha
        Beta = beta
}

let private handChecked =
    testList "hand-checked" [
        test "one weight, one observation φ = 1, y = 2, α = β = 1: posterior N(1, ½), predictive at φ = 2 is N(2, 3)" {
            let posterior =
                BayesianLinearRegression.fit (settings 1.0 1.0) (Tensor.ofList2D [ [ 1.0 ] ]) (Tensor.ofList [ 2.0 ])
            // oracle: by hand, S = 1 / (α + β φ²) = ½, m = β S φ y = 1; at φ = 2: mean 2, variance 1/β + 4 · ½ = 3.
            Expect.tensorValuesWithin Tolerance.tight posterior.Mean [ 1 ] [ 1.0 ] "m_N"
            Expect.tensorValuesWithin Tolerance.tight posterior.Covariance [ 1; 1 ] [ 0.5 ] "S_N"
            let p = BayesianLinearRegression.predict posterior (Tensor.ofList2D [ [ 2.0 ] ])
            Expect.tensorValuesWithin Tolerance.tight p.Mean [ 1 ] [ 2.0 ] "mean"
            Expect.tensorValuesWithin Tolerance.tight p.Variance [ 1 ] [ 3.0 ] "variance"
            Expect.tensorValuesWithin Tolerance.tight p.MeanVariance [ 1 ] [ 2.0 ] "variance of the mean"
        }
        test "the prior predicts mean 0 and variance 1/β + ‖φ‖²/α" {
            let prior = BayesianLinearRegression.prior (settings 2.0 25.0) 2
            let p = BayesianLinearRegression.predict prior (Tensor.ofList2D [ [ 1.0; 3.0 ] ])
            // oracle: by hand, 1/25 + 10/2
            Expect.tensorValuesWithin Tolerance.tight p.Mean [ 1 ] [ 0.0 ] "mean"
            Expect.tensorValuesWithin Tolerance.tight p.Variance [ 1 ] [ 0.04 + 5.0 ] "variance"
        }
    ]

let private properties =
    testList "properties" [
        testPropertyWithConfig
            GradCheck.config
            "the posterior mean is the ridge solution with λ = α/β"
            (fun (seed: int) ->
                let phi, y = line seed 12
                let posterior = BayesianLinearRegression.fit (settings 3.0 10.0) phi y
                // oracle: Math.NET Cholesky solve of (ΦᵀΦ + λI) w = Φᵀy, the ridge normal equations.
                let p = Matrix<float>.Build.DenseOfRowMajor(12, 2, Tensor.toArray phi)
                let a = p.TransposeThisAndMultiply p + 0.3 * Matrix<float>.Build.DenseIdentity 2

                let w =
                    a.Cholesky().Solve(p.TransposeThisAndMultiply(Vector<float>.Build.Dense(Tensor.toArray y)))

                Expect.tensorValuesWithin
                    { Absolute = 1e-10; Relative = 1e-10 }
                    posterior.Mean
                    [ 2 ]
                    (List.ofSeq w)
                    "m_N")
        test "with a vague prior (α = 1e-8) the posterior mean is the least-squares fit" {
            let phi, y = line 11 30
            let posterior = BayesianLinearRegression.fit (settings 1e-8 25.0) phi y
            // oracle: Math.NET's QR least-squares solve on the same design.
            let p = Matrix<float>.Build.DenseOfRowMajor(30, 2, Tensor.toArray phi)
            let ls = p.QR().Solve(Vector<float>.Build.Dense(Tensor.toArray y))
            Expect.tensorValuesWithin { Absolute = 1e-7; Relative = 1e-7 } posterior.Mean [ 2 ] (List.ofSeq ls) "m_N"
        }
        testPropertyWithConfig
            GradCheck.config
            "the predictive variance exceeds the noise 1/β, and more data shrinks the uncertainty of the mean"
            (fun (seed: int) ->
                let phi, y = line seed 40
                let at = Tensor.ofList2D [ [ 1.0; 0.3 ]; [ 1.0; 2.0 ] ]
                let few = BayesianLinearRegression.fit (settings 2.0 25.0) phi[0..4, *] y[0..4]
                let many = BayesianLinearRegression.fit (settings 2.0 25.0) phi y

                let pf, pm =
                    BayesianLinearRegression.predict few at, BayesianLinearRegression.predict many at

                for v in Tensor.toArray pm.Variance do
                    Expect.isGreaterThan v (1.0 / 25.0) "variance > 1/β"

                Array.iter2
                    (fun f m -> Expect.isLessThan m f "5 points vs 40")
                    (Tensor.toArray pf.MeanVariance)
                    (Tensor.toArray pm.MeanVariance))
        test "20,000 posterior samples have the posterior mean and covariance (within 3 standard errors)" {
            let phi, y = line 5 10
            let posterior = BayesianLinearRegression.fit (settings 2.0 25.0) phi y
            let draws = BayesianLinearRegression.sample (Random 9) 20_000 posterior
            Expect.equal draws.Dims [| 20_000; 2 |] "shape"
            let mean = Tensor.meanDim 0 false draws |> Tensor.toArray
            let cov = Tensor.toArray posterior.Covariance
            let m = Tensor.toArray posterior.Mean

            for j in 0..1 do
                let se = sqrt (cov[j * 2 + j] / 20_000.0)
                Expect.floatClose { absolute = 3.0 * se; relative = 0.0 } mean[j] m[j] $"mean {j}"

            let centred = draws - posterior.Mean

            let sampleCov =
                (Tensor.matmul (Tensor.transpose centred) centred / 19_999.0) |> Tensor.toArray

            for k in 0..3 do
                Expect.floatClose
                    {
                        absolute = 0.05 * cov[0] + 0.05 * cov[3]
                        relative = 0.0
                    }
                    sampleCov[k]
                    cov[k]
                    $"cov {k}"
        }
        test "the log evidence equals the log density of y under N(0, I/β + ΦΦᵀ/α)" {
            let phi, y = line 3 8
            let alpha, beta = 2.0, 25.0
            let p = Matrix<float>.Build.DenseOfRowMajor(8, 2, Tensor.toArray phi)
            // oracle: the marginal p(y) = N(0, C) with C = I/β + ΦΦᵀ/α (Bishop eq 3.85 route), by Math.NET Cholesky.
            let c =
                Matrix<float>.Build.DenseIdentity 8 / beta + p.TransposeAndMultiply p / alpha

            let yv = Vector<float>.Build.Dense(Tensor.toArray y)
            let chol = c.Cholesky()

            let expected =
                -0.5
                * (8.0 * log (2.0 * Math.PI) + chol.DeterminantLn + yv.DotProduct(chol.Solve yv))

            Expect.floatClose
                Accuracy.high
                (BayesianLinearRegression.logEvidence (settings alpha beta) phi y)
                expected
                "log p(y)"
        }
        test "the Core estimator predicts the predictive mean" {
            let phi, y = line 2 6
            let model = BayesianLinearRegressor(settings 1.0 4.0).Fit(phi, y)

            let direct =
                BayesianLinearRegression.predict (BayesianLinearRegression.fit (settings 1.0 4.0) phi y) phi

            Expect.tensorClose Tolerance.tight (model.Predict phi) direct.Mean "mean"
        }
    ]

let private badInput =
    testList "bad input" [
        test "α = 0 throws ArgumentException naming α" {
            let phi, y = line 1 3

            Expect.throwsWith<ArgumentException>
                (fun () -> BayesianLinearRegression.fit (settings 0.0 1.0) phi y |> ignore)
                [ "bayesianLinearRegression"; "α > 0"; "received 0" ]
                "α"
        }
        test "predicting with the wrong width throws ShapeMismatchException" {
            let phi, y = line 1 3
            let posterior = BayesianLinearRegression.fit BayesianLinearRegression.defaults phi y

            Expect.throwsWith<ShapeMismatchException>
                (fun () ->
                    BayesianLinearRegression.predict posterior (Tensor.ofList2D [ [ 1.0 ] ])
                    |> ignore)
                [ "bayesianLinearRegression predict"; "2 columns"; "x 1x1" ]
                "width"
        }
        test "NaN in y throws ArgumentException naming the index" {
            let phi, _ = line 1 3

            Expect.throwsWith<ArgumentException>
                (fun () ->
                    BayesianLinearRegression.fit
                        BayesianLinearRegression.defaults
                        phi
                        (Tensor.ofList [ 1.0; nan; 0.0 ])
                    |> ignore)
                [ "bayesianLinearRegression"; "NaN at index 1" ]
                "NaN"
        }
    ]

[<Tests>]
let tests =
    testList "BayesianLinearRegression" [ handChecked; properties; badInput ]
