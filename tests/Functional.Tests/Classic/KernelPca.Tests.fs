/// Kernel PCA (Classic/KernelPca.fs): scikit-learn's projections, the linear kernel reproducing PCA, the training data
/// transformed twice the same way, and bad input.
module Functional.Tests.KernelPcaTests

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

let private cloud (seed: int) (n: int) (d: int) =
    let rng = Random seed
    Tensor.ofArrayShaped [ n; d ] (Array.init (n * d) (fun _ -> rng.NextDouble() * 4.0 - 2.0))

let private tests' =
    testList "kernel PCA" [
        test "RBF γ = 0.5, two components: projections and eigenvalues match scikit-learn's KernelPCA" {
            let fit =
                KernelPca.fit
                    {
                        KernelPca.defaults with
                            Kernel = Kernel.rbf 0.5
                            Components = Some 2
                    }
                    p
            // oracle: scikit-learn 1.2.1 KernelPCA(n_components=2, kernel="rbf", gamma=0.5) on these 8×3 points →
            // eigenvalues_ [2.2498414508, 1.0312733448], transform(p) and transform([[1.5, 1.5, 0.5]]) as below.
            let tol = { Absolute = 1e-9; Relative = 1e-8 }
            Expect.floatClose { absolute = 1e-9; relative = 1e-8 } fit.Eigenvalues[0] 2.2498414508 "λ1"
            Expect.floatClose { absolute = 1e-9; relative = 1e-8 } fit.Eigenvalues[1] 1.0312733448 "λ2"

            let expected = [
                -0.4409135918
                0.0461121342
                0.8417307331
                -0.3721168853
                -0.4839676668
                -0.1524126562
                -0.1337451196
                0.4575292552
                -0.3902887821
                -0.5459375371
                -0.4723183159
                0.0268292868
                0.2782742619
                0.5967609133
                0.8012284812
                -0.0567645109
            ]

            Expect.tensorValuesWithin tol fit.Transformed [ 8; 2 ] expected "fit-transform"
            Expect.tensorValuesWithin tol (KernelPca.transform fit p) [ 8; 2 ] expected "transform of the training data"

            Expect.tensorValuesWithin
                tol
                (KernelPca.transform fit (Tensor.ofList2D [ [ 1.5; 1.5; 0.5 ] ]))
                [ 1; 2 ]
                [ 0.3855803093; 0.2742106104 ]
                "new point"
        }
        testPropertyWithConfig GradCheck.config "with the linear kernel kernel PCA is PCA" (fun (seed: int) ->
            let x = cloud seed 9 3

            let kernel =
                KernelPca.fit
                    {
                        KernelPca.defaults with
                            Kernel = Kernel.linear
                            Components = Some 3
                    }
                    x

            let plain = Pca.fit Pca.defaults x
            // oracle: Pca.transform (SVD of the centred data); both flip signs so the largest |projection| is positive.
            Expect.tensorClose
                { Absolute = 1e-8; Relative = 1e-8 }
                kernel.Transformed
                (Pca.transform plain x)
                "projections"

            let q = cloud (seed + 1) 4 3

            Expect.tensorClose
                { Absolute = 1e-8; Relative = 1e-8 }
                (KernelPca.transform kernel q)
                (Pca.transform plain q)
                "new points"

            // λ of the centred Gram matrix = s², the squared singular values.
            Array.iter2
                (fun l s -> Expect.floatClose { absolute = 1e-9; relative = 1e-9 } l (s * s) "λ = s²")
                kernel.Eigenvalues
                plain.SingularValues)
        test "without a component count every positive eigenvalue is kept (n − 1 for distinct RBF points)" {
            let fit =
                KernelPca.fit
                    {
                        KernelPca.defaults with
                            Kernel = Kernel.rbf 1.0
                    }
                    (cloud 4 6 2)

            Expect.equal fit.Eigenvalues.Length 5 "centring removes one dimension"
        }
        test "a component count above n throws ArgumentException" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    KernelPca.fit
                        {
                            KernelPca.defaults with
                                Components = Some 9
                        }
                        p
                    |> ignore)
                [ "kernelPca"; "[1, 8]"; "received 9" ]
                "components"
        }
        test "transform with the wrong width throws ShapeMismatchException" {
            let fit = KernelPca.fit KernelPca.defaults p

            Expect.throwsWith<ShapeMismatchException>
                (fun () -> KernelPca.transform fit (Tensor.ofList2D [ [ 1.0 ] ]) |> ignore)
                [ "kernelPca transform"; "3 columns" ]
                "width"
        }
    ]

[<Tests>]
let tests = testList "KernelPca" [ tests' ]
