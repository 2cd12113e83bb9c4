/// SVM kernels as values (Classic/Kernels.fs): hand-checked values, Gram matrices by GEMM against element-wise
/// evaluation, and composition keeping Gram matrices symmetric positive semi-definite.
module Functional.Tests.KernelsTests

open System
open Expecto
open Functional
open Functional.Core.Tensors
open MathNet.Numerics.LinearAlgebra

let private vec (values: float list) = Tensor.ofList values

/// n points in [−2, 2]^d drawn from a seed.
let private cloud (seed: int) (n: int) (d: int) =
    let rng = Random seed
    Tensor.ofArrayShaped [ n; d ] (Array.init (n * d) (fun _ -> rng.NextDouble() * 4.0 - 2.0))

/// A random kernel tree of depth ≤ 3 built with the checked constructors.
let rec private randomKernel (rng: Random) (depth: int) : Kernel =
    match (if depth = 0 then rng.Next 3 else rng.Next 6) with
    | 0 -> Kernel.linear
    | 1 -> Kernel.polynomial (1 + rng.Next 3) (0.1 + rng.NextDouble()) (rng.NextDouble())
    | 2 -> Kernel.rbf (0.1 + rng.NextDouble() * 2.0)
    | 3 -> Kernel.sum (randomKernel rng (depth - 1)) (randomKernel rng (depth - 1))
    | 4 -> Kernel.product (randomKernel rng (depth - 1)) (randomKernel rng (depth - 1))
    | _ -> Kernel.scale (0.1 + rng.NextDouble() * 3.0) (randomKernel rng (depth - 1))

let private values =
    testList "values" [
        test "the linear kernel of [1, 2] and [3, 4] is 11" {
            // oracle: by hand, 1·3 + 2·4
            Expect.floatClose
                Accuracy.veryHigh
                (Kernel.evaluate Kernel.linear (vec [ 1.0; 2.0 ]) (vec [ 3.0; 4.0 ]))
                11.0
                "k"
        }
        test "the polynomial kernel (γ a·b + 1)² of [1, 2] and [3, 0] with γ = 1 is 16" {
            // oracle: by hand, (3 + 1)²
            let k = Kernel.polynomial 2 1.0 1.0
            Expect.floatClose Accuracy.veryHigh (Kernel.evaluate k (vec [ 1.0; 2.0 ]) (vec [ 3.0; 0.0 ])) 16.0 "k"
        }
        test "the RBF kernel with γ = 0.5 of points √2 apart is e⁻¹" {
            // oracle: by hand, exp(−0.5 · 2)
            let k = Kernel.rbf 0.5
            Expect.floatClose Accuracy.veryHigh (Kernel.evaluate k (vec [ 0.0; 0.0 ]) (vec [ 1.0; 1.0 ])) (exp -1.0) "k"
        }
        test "rbfOfSigma 0.1 is rbf 50 (γ = 1 / 2σ²)" {
            Expect.equal (Kernel.rbfOfSigma 0.1) (Kernel.rbf (1.0 / (2.0 * 0.1 * 0.1))) "kernel"
            Expect.floatClose Accuracy.veryHigh (Kernel.gammaOfSigma 0.1) 50.0 "γ" // oracle: 1 / (2 · 0.01)
        }
        test "sum, product and scaling combine values: (2·lin + rbf) · lin at [1, 0], [1, 1]" {
            let k = (2.0 * Kernel.linear + Kernel.rbf 1.0) * Kernel.linear
            // oracle: by hand, a·b = 1, ‖a − b‖² = 1: (2·1 + e⁻¹) · 1
            Expect.floatClose
                Accuracy.veryHigh
                (Kernel.evaluate k (vec [ 1.0; 0.0 ]) (vec [ 1.0; 1.0 ]))
                (2.0 + exp -1.0)
                "k"
        }
        test "kernels print as formulas" {
            Expect.equal (string (Kernel.sum Kernel.linear (Kernel.rbf 2.0))) "(linear + rbf(γ=2))" "text"
        }
    ]

let private gram =
    testList "gram" [
        test "the RBF Gram matrix of a set with itself is symmetric with ones on the diagonal" {
            let x = cloud 3 7 3
            let g = Kernel.gram (Kernel.rbf 0.7) x x |> Tensor.toArray

            for i in 0..6 do
                Expect.floatClose Accuracy.veryHigh g[i * 7 + i] 1.0 $"K[{i},{i}]"

                for j in 0..6 do
                    Expect.floatClose Accuracy.veryHigh g[i * 7 + j] g[j * 7 + i] $"K[{i},{j}]"
        }
        testPropertyWithConfig
            GradCheck.config
            "the Gram matrix by GEMM equals element-wise evaluation"
            (fun (seed: int) ->
                let rng = Random seed
                let kernel = randomKernel rng 3
                let n, m, d = 1 + rng.Next 6, 1 + rng.Next 6, 1 + rng.Next 4
                let a, b = cloud seed n d, cloud (seed + 1) m d
                let g = Kernel.gram kernel a b
                Expect.equal g.Dims [| n; m |] "shape"
                let values = Tensor.toArray g

                for i in 0 .. n - 1 do
                    for j in 0 .. m - 1 do
                        // oracle: Kernel.evaluate on the two rows, dot products by TensorPrimitives instead of GEMM.
                        let e = Kernel.evaluate kernel (a[i, *]) (b[j, *])

                        Expect.floatClose
                            { absolute = 1e-9; relative = 1e-9 }
                            values[i * m + j]
                            e
                            $"{kernel} at [{i},{j}]")
        testPropertyWithConfig
            GradCheck.config
            "composed kernels give symmetric positive semi-definite Gram matrices"
            (fun (seed: int) ->
                let rng = Random seed
                let kernel = randomKernel rng 3
                let x = cloud seed (2 + rng.Next 10) (1 + rng.Next 3)
                let g = Kernel.gram kernel x x
                let n = g.Dims[0]
                let m = Matrix<float>.Build.DenseOfRowMajor(n, n, Tensor.toArray g)
                let scale = m.Diagonal().AbsoluteMaximum() |> max 1.0

                for i in 0 .. n - 1 do
                    for j in 0 .. n - 1 do
                        Expect.floatClose
                            {
                                absolute = 1e-10 * scale
                                relative = 1e-12
                            }
                            m[i, j]
                            m[j, i]
                            "symmetric"

                let smallest =
                    m.Evd(Symmetricity.Symmetric).EigenValues
                    |> Seq.map (fun v -> v.Real)
                    |> Seq.min

                Expect.isGreaterThanOrEqual smallest (-1e-9 * scale) $"smallest eigenvalue of {kernel}")
        testPropertyWithConfig
            GradCheck.config
            "gram of a sum is the sum of grams; of a scaling, the scaled gram"
            (fun (seed: int) ->
                let rng = Random seed
                let k1, k2 = randomKernel rng 1, randomKernel rng 1
                let x = cloud seed 5 2
                let g k = Kernel.gram k x x

                Expect.tensorClose { Absolute = 1e-9; Relative = 1e-9 } (g (k1 + k2)) (g k1 + g k2) "sum"
                Expect.tensorClose { Absolute = 1e-9; Relative = 1e-9 } (g (k1 * k2)) (g k1 * g k2) "product"
                Expect.tensorClose { Absolute = 1e-9; Relative = 1e-9 } (g (2.5 * k1)) (2.5 * g k1) "scale")
    ]

let private badInput =
    testList "bad input" [
        test "a negative γ throws ArgumentException naming γ" {
            Expect.throwsWith<ArgumentException> (fun () -> Kernel.rbf -1.0 |> ignore) [ "kernel"; "γ > 0"; "-1" ] "γ"
        }
        test "degree 0 throws ArgumentException naming the degree" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Kernel.polynomial 0 1.0 0.0 |> ignore)
                [ "degree >= 1" ]
                "degree"
        }
        test "scaling by a negative factor throws ArgumentException (the result would not be a kernel)" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Kernel.scale -2.0 Kernel.linear |> ignore)
                [ "factor > 0"; "-2" ]
                "scale"
        }
        test "σ = 0 throws ArgumentException naming gammaOfSigma" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Kernel.rbfOfSigma 0.0 |> ignore)
                [ "gammaOfSigma"; "σ > 0" ]
                "σ"
        }
        test "a union case built directly with a bad parameter is caught by gram" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Kernel.gram (Kernel.Rbf nan) (cloud 1 2 2) (cloud 1 2 2) |> ignore)
                [ "kernel"; "NaN" ]
                "validate"
        }
        test "gram of matrices of different widths throws ShapeMismatchException naming gram and both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Kernel.gram Kernel.linear (cloud 1 3 2) (cloud 1 4 3) |> ignore)
                [ "gram"; "one number of columns"; "a 3x2, b 4x3" ]
                "widths"
        }
        test "evaluate on vectors of different lengths throws ShapeMismatchException" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Kernel.evaluate Kernel.linear (vec [ 1.0 ]) (vec [ 1.0; 2.0 ]) |> ignore)
                [ "kernel"; "two vectors of one length" ]
                "lengths"
        }
    ]

[<Tests>]
let tests = testList "Kernels" [ values; gram; badInput ]
