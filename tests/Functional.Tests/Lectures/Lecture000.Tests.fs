/// Lecture 000 (Watanabe, Keio), regression part: the spring constant through the origin, training error against
/// polynomial degree, and the wage regression on shared salary.csv (age < 55, one-hot, minimum-norm least squares).
module Functional.Tests.Lecture000Tests

open System
open System.IO
open Deedle
open Expecto
open Functional


/// kaityo256-python_zero/salary.csv from the shared lecture data; the test is skipped when it is absent.
let private salaryFile () =
    Repository.requireShared (Path.Combine("kaityo256-python_zero", "salary.csv"))

/// The lecture's wage regression: rows with age < 55, every category one-hot, least squares with an intercept.
let private wageFit (path: string) (decomposition: Decomposition) =
    let frame =
        Csv.read path
        |> Frame.filterRowValues (fun row -> row.GetAs<int> "age" < 55)
        |> OneHot.encode [ "education"; "company_size" ]

    let design = DesignMatrix.ofFrameExcept [ "salary" ] frame
    let y = DesignMatrix.column "salary" frame

    let fit =
        LeastSquares.fitTensor
            {
                LeastSquares.defaults with
                    Decomposition = decomposition
                    Intercept = true
            }
            design.X
            y

    frame.RowCount, design, fit, LinearFit.rSquared fit design.X y

[<Tests>]
let tests =
    testList "Lecture 000" [
        test "lecture 000 spring: Σxy / Σx² is the least-squares slope through the origin" {
            let rng = Random 0
            let x = Array.init 10 (fun i -> float (i + 1) * 0.5)
            let y = x |> Array.map (fun v -> 2.5 * v + rng.NextDouble() - 0.5)

            let a =
                Array.fold2 (fun s u v -> s + u * v) 0.0 x y / Array.sumBy (fun v -> v * v) x

            let fit =
                LeastSquares.fitTensor
                    {
                        LeastSquares.defaults with
                            Intercept = false
                    }
                    (Tensor.ofArrayShaped [ 10; 1 ] x)
                    (Tensor.ofArray y)

            // oracle: the normal equation of y ≈ a x, a = Σxy / Σx², the lecture's formula.
            Expect.floatClose Accuracy.veryHigh fit.Coefficients[0] a "slope"
            Expect.equal fit.Intercept 0.0 "through the origin"
        }
        testPropertyWithConfig
            { GradCheck.config with maxTest = 10 }
            "lecture 000 overfitting: training error never rises with the polynomial degree"
            (fun (seed: int) ->
                let rng = Random seed
                let x = Array.init 12 (fun _ -> rng.NextDouble())

                let y =
                    x |> Array.map (fun v -> sin (2.0 * Math.PI * v) + rng.NextDouble() * 0.4 - 0.2)

                let errors =
                    [ 0..9 ]
                    |> List.map (fun degree ->
                        let features =
                            PolynomialFeatures.transform
                                {
                                    PolynomialFeatures.defaults with
                                        Degree = degree
                                }
                                (Tensor.ofArray x)

                        (LeastSquares.fitTensor
                            {
                                LeastSquares.defaults with
                                    Intercept = false
                            }
                            features
                            (Tensor.ofArray y))
                            .ResidualSumOfSquares)

                // Nested models: degree p + 1 can copy degree p's fit, so its minimum is no larger.
                for a, b in List.pairwise errors do
                    Expect.isLessThanOrEqual b (a + 1e-9) $"errors by degree {errors}")
        test "lecture 000 wage regression gives scikit-learn's minimum-norm coefficients and R² (shared data)" {
            let path = salaryFile ()

            for decomposition in [ Decomposition.Svd; Decomposition.Qr ] do
                let rows, design, fit, r2 = wageFit path decomposition
                Expect.equal rows 84 "rows with age < 55"
                // oracle: scikit-learn 1.2.1 LinearRegression on pandas.get_dummies(df[df.age < 55]), DESIGN.md §5
                // (printed to 6 decimals → tolerance 1e-5).
                let expected = [
                    "age", 5.124881
                    "education_high", -25.105952
                    "education_middle", -29.434524
                    "education_tech", -9.958333
                    "education_university", 64.498810
                    "company_size_large", 28.053571
                    "company_size_middle", -9.214286
                    "company_size_small", -18.839286
                ]

                Expect.sequenceEqual design.Columns (expected |> List.map fst) "column names"

                expected
                |> List.iteri (fun j (name, w) ->
                    Expect.floatClose
                        { absolute = 1e-5; relative = 0.0 }
                        fit.Coefficients[j]
                        w
                        $"{decomposition} {name}")

                Expect.floatClose
                    { absolute = 1e-5; relative = 0.0 }
                    fit.Intercept
                    93.290119
                    $"{decomposition} intercept"

                Expect.floatClose { absolute = 1e-5; relative = 0.0 } r2 0.847980 $"{decomposition} R²"
        }
    ]
