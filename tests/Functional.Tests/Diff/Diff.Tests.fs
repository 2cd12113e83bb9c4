/// Derivatives (Diff/Diff.fs, Diff/Numerical.fs, Tensor/Backprop.fs): nesting, Jacobians and Hessians, the rules of
/// the reverse pass (accumulation, unused inputs, noGrad), linearity and the chain rule.
module Functional.Tests.DiffTests

open Expecto
open FsCheck
open FsCheck.FSharp
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

let private scalarIn (lo: float) (hi: float) =
    Gen.choose (0, 1000)
    |> Gen.map (fun i -> Tensor.scalar (lo + (hi - lo) * float i / 1000.0))

/// A non-symmetric 3x3 matrix, so A + Aᵀ differs from 2A.
let private a33 () =
    Tensor.ofList2D [ [ 1.0; 2.0; 0.0 ]; [ -1.0; 3.0; 4.0 ]; [ 5.0; 0.5; -2.0 ] ]

/// xᵀ A x for a vector x.
let private quadratic (a: Tensor) (x: Tensor) =
    (x * (Tensor.matmul a (x.Unsqueeze 1) |> Tensor.flatten)).Sum()

let private nested =
    testList "nested derivatives" [
        testPropertyWithConfig
            config
            "d²/dx² of x³ is 6x (diff of diff)"
            (Prop.forAll (arb (scalarIn -2.0 2.0)) (fun x ->
                let d2 = Diff.diff (Diff.diff (fun x -> x ** 3.0)) x
                Expect.tensorClose Tolerance.tight d2 (6.0 * x) "d²x³")) // oracle: by hand
        test "the third derivative of x³ is 6 and of sin x is −cos x" {
            let x = Tensor.scalar 0.7

            Expect.tensorClose
                Tolerance.tight
                (Diff.diff (Diff.diff (Diff.diff (fun x -> x ** 3.0))) x)
                (Tensor.scalar 6.0)
                "x³" // oracle: by hand

            Expect.tensorClose Tolerance.tight (Diff.diff (Diff.diff (Diff.diff Tensor.sin)) x) (-(Tensor.cos x)) "sin" // oracle: by hand
        }
        test "d/dx of x · (d/dy of x · y at y = 2) at x = 1 is 2, with no perturbation confusion" {
            // Siskind & Pearlmutter 2005, "Perturbation confusion and referential transparency": confusing the two
            // derivatives' inputs gives 3 instead of 2.
            let d =
                Diff.diff (fun x -> x * Diff.diff (fun y -> x * y) (Tensor.scalar 2.0)) (Tensor.scalar 1.0)

            Expect.tensorValues d [] [ 2.0 ] "d/dx (x · x)" // oracle: by hand, the inner derivative is x
        }
        test "a gradient inside a gradient of a vector function: ∇ Σ (∇ Σ x³)  is 6x" {
            let x = vec64 [ -1.0; 0.5; 2.0 ]
            let g = Diff.grad (fun x -> (Diff.grad (fun x -> (x ** 3.0).Sum()) x).Sum()) x
            Expect.tensorClose Tolerance.tight g (6.0 * x) "∇Σ3x²" // oracle: by hand
        }
        test "the gradient of Σ of a jacobian's entries: ∇ Σ J(x ↦ x³) = ∇ Σ 3x² = 6x" {
            let x = vec64 [ 0.5; -1.0 ]
            let g = Diff.grad (fun x -> (Diff.jacobian (fun x -> x ** 3.0) x).Sum()) x
            Expect.tensorClose Tolerance.tight g (6.0 * x) "6x" // oracle: by hand
        }
        test "the hessian of Σx² is 2I" {
            let h = Diff.hessian (fun x -> (x * x).Sum()) (vec64 [ 1.0; -2.0; 3.0 ])
            Expect.tensorClose Tolerance.tight h (2.0 * Tensor.Eye(3, DType.Float64)) "2I" // oracle: by hand
        }
        test "the hessian of xᵀAx is A + Aᵀ" {
            let a = a33 ()
            let h = Diff.hessian (quadratic a) (vec64 [ 0.3; -1.0; 2.0 ])
            Expect.tensorClose Tolerance.tight h (a + Tensor.transpose a) "A + Aᵀ" // oracle: by hand
        }
        testPropertyWithConfig
            config
            "the hessian equals central differences of the gradient"
            (Prop.forAll (arb (Gen.choose (1, 4) |> Gen.bind (fun n -> tensorOf Real [ n ]))) (fun x ->
                let f (x: Tensor) =
                    (x.Sin() * x.Exp()).Sum() + ((x * x).Sum() + 1.0).Sqrt()

                Expect.tensorClose
                    Tolerance.gradient
                    (Diff.hessian f x)
                    (Numerical.jacobian h (Diff.grad f) x)
                    "hessian"))
    ]

let private jacobians =
    testList "jacobians" [
        test "the jacobian of x ↦ A·x is A, and equals Numerical.jacobian" {
            let a = Tensor.ofList2D [ [ 1.0; 2.0; 3.0 ]; [ -4.0; 0.5; 6.0 ] ]

            let f (x: Tensor) =
                Tensor.matmul a (x.Unsqueeze 1) |> Tensor.flatten

            let x = vec64 [ 0.1; 0.2; 0.3 ]
            Expect.tensorClose Tolerance.tight (Diff.jacobian f x) a "A" // oracle: by hand
            Expect.tensorClose Tolerance.gradient (Numerical.jacobian h f x) a "numerical"
        }
        test "the jacobian of an element-wise map of a 2x2 matrix has shape 2x2x2x2, diagonal in the pairs" {
            let j = Diff.jacobian Tensor.exp (Tensor.ofList2D [ [ 0.0; 1.0 ]; [ 2.0; 3.0 ] ])
            Expect.equal j.Dims [| 2; 2; 2; 2 |] "shape"
            let flat = j.Reshape [ 4; 4 ] // row i: output element i; column k: input element k (row-major)
            Expect.tensorClose Tolerance.tight flat.[2, 2] (Tensor.scalar (exp 2.0)) "∂y[1,0]/∂x[1,0]" // oracle: by hand
            Expect.tensorValues flat.[2, 1] [] [ 0.0 ] "∂y[1,0]/∂x[0,1]"
        }
        testPropertyWithConfig
            config
            "jacobian equals Numerical.jacobian for a non-linear map of generated tensors"
            (Prop.forAll (arb (tensor Real)) (fun x ->
                let f (x: Tensor) =
                    (x.Tanh() * x.Sum() + x.Sigmoid()).Softmax(-1)

                let f = if x.Rank = 0 then (fun (x: Tensor) -> x.Tanh() * x) else f
                Expect.tensorClose Tolerance.gradient (Diff.jacobian f x) (Numerical.jacobian h f x) "jacobian"))
    ]

let private reversePass =
    testList "reverse pass" [
        test "gradv returns the value and the gradient" {
            let v, g = Diff.gradv (fun x -> (x * x).Sum()) (vec64 [ 1.0; 2.0 ])
            Expect.tensorValues v [] [ 5.0 ] "value" // oracle: by hand
            Expect.tensorValues g [ 2 ] [ 2.0; 4.0 ] "gradient" // oracle: by hand
            Expect.isFalse v.IsTracked "the value is a constant"
        }
        test "grad2 gives the gradients with respect to both of a pair" {
            let gx, gy =
                Diff.grad2 (fun x y -> (x * y + x).Sum()) (vec64 [ 1.0; 2.0 ], vec64 [ 3.0; 4.0 ])

            Expect.tensorValues gx [ 2 ] [ 4.0; 5.0 ] "∂/∂x = y + 1" // oracle: by hand
            Expect.tensorValues gy [ 2 ] [ 1.0; 2.0 ] "∂/∂y = x" // oracle: by hand
        }
        test "grads gives one gradient per input, and gradsv the value too" {
            let v, gs =
                Diff.gradsv (fun xs -> (xs[0] * xs[1] * xs[2]).Sum()) [| vec64 [ 2.0 ]; vec64 [ 3.0 ]; vec64 [ 4.0 ] |]

            Expect.tensorValues v [] [ 24.0 ] "value" // oracle: by hand
            Expect.equal gs.Length 3 "count"
            Expect.tensorValues gs[0] [ 1 ] [ 12.0 ] "∂/∂x₀" // oracle: by hand
            Expect.tensorValues gs[2] [ 1 ] [ 6.0 ] "∂/∂x₂" // oracle: by hand
        }
        test "a value used twice accumulates both gradients: grad of x·x is 2x, of x + x is 2" {
            let x = vec64 [ 1.5; -2.0 ]
            Expect.tensorValues (Diff.grad (fun x -> (x * x).Sum()) x) [ 2 ] [ 3.0; -4.0 ] "x·x" // oracle: by hand
            Expect.tensorValues (Diff.grad (fun x -> (x + x).Sum()) x) [ 2 ] [ 2.0; 2.0 ] "x + x" // oracle: by hand
            let y (x: Tensor) = x.Exp()

            Expect.tensorClose
                Tolerance.tight
                (Diff.grad (fun x -> let e = y x in (e * e + e).Sum()) x)
                (2.0 * (2.0 * x).Exp() + x.Exp())
                "shared subexpression"
        }
        test "an input the output does not depend on gets zeros of its shape and dtype" {
            let _, gy = Diff.grad2 (fun x _ -> x.Sum()) (vec64 [ 1.0 ], vec32 [ 1.0; 2.0 ])
            Expect.tensorValues gy [ 2 ] [ 0.0; 0.0 ] "∂/∂y"
            Expect.equal gy.DType DType.Float32 "dtype"

            Expect.tensorValues
                (Diff.grad (fun _ -> Tensor.scalar 3.0) (vec64 [ 1.0; 2.0 ]))
                [ 2 ]
                [ 0.0; 0.0 ]
                "a constant function"
        }
        test "results computed inside noGrad are not tracked and pass no gradient" {
            let g =
                Diff.grad
                    (fun x ->
                        let c = Diff.noGrad (fun () -> x * x)
                        Expect.isFalse c.IsTracked "noGrad result"
                        Expect.isTrue (x * x).IsTracked "outside noGrad"
                        (x + c).Sum())
                    (vec64 [ 3.0 ])

            Expect.tensorValues g [ 1 ] [ 1.0 ] "only the tracked term" // oracle: by hand
        }
        test "grad accepts a one-element result of any rank, such as a sum with keepDim" {
            Expect.tensorValues (Diff.grad (fun x -> x.Sum(0, true)) (vec64 [ 1.0; 2.0 ])) [ 2 ] [ 1.0; 1.0 ] "d/dx" // oracle: by hand
        }
        test "grad works inside a noGrad scope" {
            let g = Diff.noGrad (fun () -> Diff.grad (fun x -> (x * x).Sum()) (vec64 [ 3.0 ]))
            Expect.tensorValues g [ 1 ] [ 6.0 ] "d x²" // oracle: by hand
        }
        test "a gradient computed at top level is a constant" {
            Expect.isFalse (Diff.grad (fun x -> (x * x).Sum()) (vec64 [ 1.0 ])).IsTracked "tracked"
        }
        test "a float32 input gets a float32 gradient" {
            let g = Diff.grad (fun x -> (x * x).Sum()) (vec32 [ 1.0; 2.0 ])
            Expect.equal g.DType DType.Float32 "dtype"
            Expect.tensorValues g [ 2 ] [ 2.0; 4.0 ] "values" // oracle: by hand
        }
        test "a chain of 20000 ops differentiates without overflowing the stack" {
            let g =
                Diff.grad (fun x -> (Seq.fold (fun (acc: Tensor) _ -> acc + 1.0) x [ 1..20000 ]).Sum()) (vec64 [ 0.0 ])

            Expect.tensorValues g [ 1 ] [ 1.0 ] "d/dx" // oracle: by hand
        }
        test "grad of a function returning a vector throws ShapeMismatchException naming grad and the shape" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Diff.grad (fun x -> x * 2.0) (vec64 [ 1.0; 2.0 ]) |> ignore)
                [ "grad"; "shape 2" ]
                "non-scalar"
        }
        test "grads of a function returning a matrix throws ShapeMismatchException naming grads and the shape" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () ->
                    Diff.grads (fun xs -> xs[0].Unsqueeze 0 * xs[1].Unsqueeze 1) [|
                        vec64 [ 1.0; 2.0 ]
                        vec64 [ 1.0; 2.0 ]
                    |]
                    |> ignore)
                [ "grads"; "shape 2x2" ]
                "non-scalar"
        }
        test "diff at a vector throws ShapeMismatchException naming diff and the shape" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Diff.diff Tensor.sin (vec64 [ 1.0; 2.0 ]) |> ignore)
                [ "diff"; "shape 2" ]
                "vector input"
        }
        test "Numerical.grad of Σx² is 2x" {
            Expect.tensorClose
                Tolerance.gradient
                (Numerical.grad h (fun x -> (x * x).Sum()) (vec64 [ 1.0; -3.0 ]))
                (vec64 [ 2.0; -6.0 ])
                "2x" // oracle: by hand
        }
        test "Numerical.grad of a function returning a vector throws ShapeMismatchException" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Numerical.grad h (fun x -> x * 2.0) (vec64 [ 1.0; 2.0 ]) |> ignore)
                [ "numerical grad"; "shape 2" ]
                "non-scalar"
        }
    ]

/// Two scalar functions of a tensor of any shape, with a gradient everywhere.
let private f (x: Tensor) = (x.Sin() * x).Sum()
let private g (x: Tensor) = (x.Exp() + x * x * x).Mean()

let private laws =
    testList "laws" [
        testPropertyWithConfig
            config
            "gradients are linear: ∇(αf + βg) = α∇f + β∇g"
            (Prop.forAll (arb (Gen.zip (tensor Real) (Gen.choose (-300, 300)))) (fun (x, k) ->
                let alpha, beta = float k / 100.0, 0.7
                let lhs = Diff.grad (fun x -> alpha * f x + beta * g x) x
                Expect.tensorClose Tolerance.tight lhs (alpha * Diff.grad f x + beta * Diff.grad g x) "linearity"))
        testPropertyWithConfig
            config
            "the chain rule: ∇(f ∘ u)(x) = J_u(x)ᵀ · ∇f(u(x))"
            (Prop.forAll (arb (Gen.choose (1, 4) |> Gen.bind (fun n -> tensorOf Real [ n ]))) (fun x ->
                let w =
                    Tensor.ofList2D [ [ 0.5; -1.0; 2.0; 0.3 ]; [ 1.5; 0.2; -0.7; 1.0 ]; [ -0.4; 0.9; 0.1; -1.2 ] ]

                let u (x: Tensor) =
                    (Tensor.matmul w.[*, 0 .. x.Dims[0] - 1] (x.Unsqueeze 1)).Flatten().Tanh()

                let composed = Diff.grad (u >> f) x

                let viaJacobian =
                    Tensor.matmul (Tensor.transpose (Diff.jacobian u x)) ((Diff.grad f (u x)).Unsqueeze 1)
                    |> Tensor.flatten

                Expect.tensorClose Tolerance.tight composed viaJacobian "chain rule"))
    ]

[<Tests>]
let tests = testList "Diff" [ nested; jacobians; reversePass; laws ]
