/// PCA (Classic/Pca.fs): scikit-learn's components and variances, orthonormal components, sorted variances, exact
/// reconstruction with every component, the two solvers agreeing, and bad input.
module Functional.Tests.PcaTests

open System
open Expecto
open Functional
open Functional.Core.Tensors

let private p =
    Tensor.ofList2D [
        [ 2.5; 2.4; 0.5 ]
        [ 0.5; 0.7; 1.1 ]
        [ 2.2; 2.9; 0.3 ]
        [ 1.9; 2.2; 0.8 ]
        [ 3.1; 3.0; 0.1 ]
        [ 2.3; 2.7; 0.6 ]
        [ 2.0; 1.6; 1.4 ]
        [ 1.0; 1.1; 0.9 ]
    ]

/// n rows of d correlated features (a random linear map of standard normals), drawn from a seed.
let private data (seed: int) (n: int) (d: int) =
    let rng = Random seed

    let z =
        Array.init (n * d) (fun _ -> MathNet.Numerics.Distributions.Normal.Sample(rng, 0.0, 1.0))

    let a = Array.init (d * d) (fun _ -> rng.NextDouble() * 2.0 - 1.0)

    Tensor.matmul (Tensor.ofArrayShaped [ n; d ] z) (Tensor.ofArrayShaped [ d; d ] a)
    + 3.0

let private solvers = [ Pca.Solver.Svd; Pca.Solver.CovarianceEigh ]

let private oracle =
    testList "scikit-learn" [
        for solver in solvers do
            test $"components, variances and singular values match scikit-learn's PCA ({solver})" {
                let fit = Pca.fit { Pca.defaults with Solver = solver } p
                // oracle: scikit-learn 1.2.1 PCA() on these 8×3 points → components_, explained_variance_,
                // explained_variance_ratio_, singular_values_ as below (signs by svd_flip).
                Expect.tensorValuesWithin
                    { Absolute = 1e-9; Relative = 1e-8 }
                    fit.Components
                    [ 3; 3 ]
                    [
                        -0.662288046
                        -0.6940931627
                        0.2821510688
                        0.6154268551
                        -0.2891639617
                        0.7332352892
                        0.4273456801
                        -0.6592563118
                        -0.6186734074
                    ]
                    "components"

                let close name (actual: float[]) (expected: float[]) =
                    Array.iteri2
                        (fun i a e -> Expect.floatClose { absolute = 1e-9; relative = 1e-8 } a e $"{name}[{i}]")
                        actual
                        expected

                close "explained variance" fit.ExplainedVariance [| 1.4725962957; 0.0976026021; 0.0301582451 |]
                close "ratio" fit.ExplainedVarianceRatio [| 0.9201672903; 0.0609880129; 0.0188446968 |]
                close "singular values" fit.SingularValues [| 3.2106345276; 0.8265701509; 0.4594645969 |]
            }
        test "one component: the projections and the reconstruction error match scikit-learn" {
            let fit =
                Pca.fit
                    {
                        Pca.defaults with
                            Components = Some 1
                    }
                    p
            // oracle: scikit-learn 1.2.1 PCA(n_components=1).transform, and the mean over rows of ‖x − inverse(transform x)‖².
            Expect.tensorValuesWithin
                { Absolute = 1e-9; Relative = 1e-8 }
                (Pca.transform fit p)
                [ 8; 1 ]
                [
                    -0.6580744059
                    2.015750704
                    -0.8628647872
                    -0.0372376251
                    -1.5847635586
                    -0.7056296386
                    0.4822801092
                    1.3505392022
                ]
                "z"

            Expect.floatClose
                { absolute = 1e-12; relative = 1e-9 }
                (Pca.reconstructionError fit p)
                0.11179074127136229
                "error"
        }
    ]

let private properties =
    testList "properties" [
        testPropertyWithConfig
            GradCheck.config
            "components are orthonormal and explained variances are sorted, for tall and wide data"
            (fun (seed: int) ->
                let rng = Random seed
                let n, d = 2 + rng.Next 12, 1 + rng.Next 6
                let fit = Pca.fit Pca.defaults (data seed n d)
                let c = fit.Components
                let k = c.Dims[0]
                Expect.equal k (min n d) "component count"
                let gram = Tensor.matmul c (Tensor.transpose c)
                Expect.tensorClose { Absolute = 1e-9; Relative = 0.0 } gram (Tensor.Eye(k, DType.Float64)) "C Cᵀ = I"

                fit.ExplainedVariance
                |> Array.pairwise
                |> Array.iter (fun (a, b) -> Expect.isGreaterThanOrEqual a b "sorted"))
        testPropertyWithConfig
            GradCheck.config
            "with every component, inverseTransform (transform x) = x and the ratios sum to 1"
            (fun (seed: int) ->
                let rng = Random seed
                let x = data seed (2 + rng.Next 12) (1 + rng.Next 6)
                let fit = Pca.fit Pca.defaults x

                Expect.tensorClose
                    { Absolute = 1e-9; Relative = 1e-9 }
                    (Pca.inverseTransform fit (Pca.transform fit x))
                    x
                    "x"

                Expect.floatClose
                    { absolute = 1e-9; relative = 0.0 }
                    (Array.sum fit.ExplainedVarianceRatio)
                    1.0
                    "Σ ratio")
        testPropertyWithConfig
            GradCheck.config
            "the training reconstruction error is the discarded variance times (n − 1)/n"
            (fun (seed: int) ->
                let x = data seed 20 5
                let all = Pca.fit Pca.defaults x

                let two =
                    Pca.fit
                        {
                            Pca.defaults with
                                Components = Some 2
                        }
                        x

                let discarded = all.ExplainedVariance[2..] |> Array.sum
                Expect.floatClose Accuracy.high (Pca.reconstructionError two x) (discarded * 19.0 / 20.0) "error")
        testPropertyWithConfig GradCheck.config "the SVD and covariance solvers agree" (fun (seed: int) ->
            let x = data seed 30 4

            let a =
                Pca.fit
                    {
                        Pca.defaults with
                            Solver = Pca.Solver.Svd
                    }
                    x

            let b =
                Pca.fit
                    {
                        Pca.defaults with
                            Solver = Pca.Solver.CovarianceEigh
                    }
                    x
            // The leading components are well separated for this data; the eigen route loses ~half the digits.
            Expect.tensorClose { Absolute = 1e-6; Relative = 1e-6 } b.Components a.Components "components"

            Array.iter2
                (fun u v -> Expect.floatClose { absolute = 1e-9; relative = 1e-7 } u v "variance")
                b.ExplainedVariance
                a.ExplainedVariance)
    ]

let private badInput =
    testList "bad input" [
        test "one row throws ArgumentException naming pca" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Pca.fit Pca.defaults (Tensor.ofList2D [ [ 1.0; 2.0 ] ]) |> ignore)
                [ "pca"; "at least 2 rows" ]
                "rows"
        }
        test "too many components throw ArgumentException naming the range" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    Pca.fit
                        {
                            Pca.defaults with
                                Components = Some 4
                        }
                        p
                    |> ignore)
                [ "pca"; "[1, 3]"; "received 4" ]
                "components"
        }
        test "constant data throws ArgumentException" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Pca.fit Pca.defaults (Tensor.ofList2D [ [ 1.0; 2.0 ]; [ 1.0; 2.0 ] ]) |> ignore)
                [ "pca"; "non-zero variance" ]
                "constant"
        }
        test "transform with the wrong width throws ShapeMismatchException" {
            let fit = Pca.fit Pca.defaults p

            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Pca.transform fit (Tensor.ofList2D [ [ 1.0; 2.0 ] ]) |> ignore)
                [ "pca transform"; "3 columns"; "x 1x2" ]
                "width"
        }
    ]

[<Tests>]
let tests = testList "Pca" [ oracle; properties; badInput ]
