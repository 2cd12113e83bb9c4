/// The deck's regularised linear regression (Evaluate/RegularizedLinearRegression.fs): cost, gradient, exact minimiser.
module Functional.Tests.RegularizedLinearRegressionTests

open System
open Expecto
open Functional

/// m rows [1, a, b] with a, b in [−1, 1], and y in [−5, 5], drawn from a seed.
let private problem (seed: int) (m: int) =
    let rng = Random seed

    Array2D.init m 3 (fun _ j -> if j = 0 then 1.0 else rng.NextDouble() * 2.0 - 1.0),
    Array.init m (fun _ -> rng.NextDouble() * 10.0 - 5.0)

let private handX =
    array2D [ [ 1.0; 0.0 ]; [ 1.0; 1.0 ]; [ 1.0; 2.0 ]; [ 1.0; 3.0 ] ]

let private handY = [| 1.0; 2.0; 2.0; 4.0 |]

[<Tests>]
let tests =
    testList "RegularizedLinearRegression" [
        test "cost adds (λ/2m) Σ_{j≥1} θⱼ² to half the mean squared error, leaving θ₀ unpenalised" {
            // oracle: by hand. Residuals of θ = [1, 1]: 0, 0, 1, 0 → 1/8; penalty (2/8)·1 = 1/4.
            Expect.floatClose
                Accuracy.veryHigh
                (RegularizedLinearRegression.cost 2.0 handX handY [| 1.0; 1.0 |])
                (1.0 / 8.0 + 0.25)
                "J"

            Expect.floatClose
                Accuracy.veryHigh
                (RegularizedLinearRegression.cost 2.0 handX handY [| 5.0; 0.0 |])
                ((16.0 + 9.0 + 9.0 + 1.0) / 8.0)
                "θ₀ is free"
        }
        test "fit with λ = 2 equals scikit-learn's Ridge(alpha=2) with its unpenalised intercept" {
            let fit = RegularizedLinearRegression.fit 2.0 handX handY
            // oracle: scikit-learn 1.2.1 Ridge(alpha=2.0).fit([[0],[1],[2],[3]], [1,2,2,4]): intercept 1.2857142857142858, coef 0.6428571428571428.
            Expect.floatClose Accuracy.veryHigh fit.Theta[0] 1.2857142857142858 "θ₀"
            Expect.floatClose Accuracy.veryHigh fit.Theta[1] 0.6428571428571428 "θ₁"

            Expect.floatClose
                Accuracy.veryHigh
                fit.Cost
                (RegularizedLinearRegression.cost 2.0 handX handY fit.Theta)
                "Cost is J at θ"
        }
        test "with one example and λ = 0, fit gives the minimum-norm θ = y₁ [1, x₁] / (1 + x₁²)" {
            let fit = RegularizedLinearRegression.fit 0.0 (array2D [ [ 1.0; 3.0 ] ]) [| 5.0 |]
            // oracle: by hand, the pseudo-inverse of the row [1, 3].
            Expect.floatClose Accuracy.veryHigh fit.Theta[0] 0.5 "θ₀"
            Expect.floatClose Accuracy.veryHigh fit.Theta[1] 1.5 "θ₁"
            Expect.isLessThan fit.Cost 1e-28 "the example is fitted exactly"
        }
        testPropertyWithConfig GradCheck.config "gradient equals Diff.grad of the tensor form of J" (fun (seed: int) ->
            let x, y = problem seed 7
            let rng = Random(seed + 1)
            let theta = Array.init 3 (fun _ -> rng.NextDouble() * 4.0 - 2.0)
            let lambda = rng.NextDouble() * 3.0
            let analytic = RegularizedLinearRegression.gradient lambda x y theta

            let reverse =
                Diff.grad (RegularizedLinearRegression.costTensor lambda x y) (Tensor.ofArray theta)
                |> Tensor.toArray

            for j in 0..2 do
                Expect.floatClose { absolute = 1e-12; relative = 1e-10 } reverse[j] analytic[j] $"∂J/∂θ{j}"

            Expect.floatClose
                { absolute = 1e-12; relative = 1e-12 }
                (RegularizedLinearRegression.costTensor lambda x y (Tensor.ofArray theta)
                 |> Tensor.toScalar)
                (RegularizedLinearRegression.cost lambda x y theta)
                "J")
        testPropertyWithConfig GradCheck.config "the gradient vanishes at the fitted θ" (fun (seed: int) ->
            let x, y = problem seed 9
            let lambda = float (abs seed % 4)
            let fit = RegularizedLinearRegression.fit lambda x y

            for g in RegularizedLinearRegression.gradient lambda x y fit.Theta do
                Expect.isLessThan (abs g) 1e-12 "∇J(θ*)")
        test "predict gives Xθ" {
            let fit = RegularizedLinearRegression.fit 0.0 handX handY
            let predicted = RegularizedLinearRegression.predict fit (array2D [ [ 1.0; 10.0 ] ])
            Expect.floatClose Accuracy.veryHigh predicted[0] (fit.Theta[0] + 10.0 * fit.Theta[1]) "prediction"
        }
        test "a negative λ fails naming it" {
            Expect.throwsWith<ArgumentException>
                (fun () -> RegularizedLinearRegression.fit -1.0 handX handY |> ignore)
                [ "fit"; "λ"; "-1" ]
                "λ = −1"
        }
        test "θ of the wrong length fails naming both shapes" {
            Expect.throwsWith<ArgumentException>
                (fun () -> RegularizedLinearRegression.cost 0.0 handX handY [| 1.0 |] |> ignore)
                [ "cost"; "4x2"; "θ of length 1" ]
                "short θ"
        }
        test "y of the wrong length fails" {
            Expect.throwsWith<ArgumentException>
                (fun () -> RegularizedLinearRegression.fit 0.0 handX [| 1.0 |] |> ignore)
                [ "fit"; "y of length 1" ]
                "short y"
        }
        test "NaN in X fails naming its place" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    RegularizedLinearRegression.fit 0.0 (array2D [ [ 1.0; nan ] ]) [| 1.0 |]
                    |> ignore)
                [ "fit"; "NaN"; "row 0, column 1" ]
                "NaN"
        }
    ]
