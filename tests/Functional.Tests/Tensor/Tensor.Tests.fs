/// The arithmetic operators of Tensor/Tensor.fs: values in both float dtypes, gradients, dtype rules.
module Functional.Tests.TensorTests

open Expecto
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

let private values =
    testList "values" [
        // oracle for every case in this list: by hand
        elementwise "x + [10, 20, 30, 40]" (fun x -> x + (vec64 [ 10.0; 20.0; 30.0; 40.0 ]).Cast x.DType) [
            1.0
            2.0
            -3.0
            0.5
        ] [ 11.0; 22.0; 27.0; 40.5 ]
        elementwise "x − 1" (fun x -> x - 1.0) [ 1.0; 2.0; -3.0; 0.5 ] [ 0.0; 1.0; -4.0; -0.5 ]
        elementwise "1 − x" (fun x -> 1.0 - x) [ 1.0; 2.0; -3.0; 0.5 ] [ 0.0; -1.0; 4.0; 0.5 ]
        elementwise "x · x" (fun x -> x * x) [ 1.0; 2.0; -3.0; 0.5 ] [ 1.0; 4.0; 9.0; 0.25 ]
        elementwise "2 · x" (fun x -> 2.0 * x) [ 1.0; 2.0; -3.0; 0.5 ] [ 2.0; 4.0; -6.0; 1.0 ]
        elementwise "x / 4" (fun x -> x / 4.0) [ 1.0; 2.0; -3.0; 0.5 ] [ 0.25; 0.5; -0.75; 0.125 ]
        elementwise "1 / x" (fun x -> 1.0 / x) [ 1.0; 2.0; -4.0; 0.5 ] [ 1.0; 0.5; -0.25; 2.0 ]
        elementwise "−x" (fun x -> -x) [ 1.0; 0.0; -3.0; 0.5 ] [ -1.0; 0.0; 3.0; -0.5 ]
        elementwise "x ** 2.5" (fun x -> x ** 2.5) [ 4.0; 9.0; 1.0; 0.0 ] [ 32.0; 243.0; 1.0; 0.0 ]
        elementwise "x ** 3" (fun x -> x ** 3.0) [ -2.0; 0.5; 1.0; 3.0 ] [ -8.0; 0.125; 1.0; 27.0 ]
        elementwise "x ** −0.5" (fun x -> x ** -0.5) [ 4.0; 0.25; 1.0; 16.0 ] [ 0.5; 2.0; 1.0; 0.25 ]
        elementwise "x + x · x − x / 2" (fun x -> x + x * x - x / 2.0) [ 2.0; -1.0 ] [ 5.0; 0.5 ]

        test "division by zero gives inf, −inf and NaN as IEEE 754 says" {
            let y = vec64 [ 1.0; -1.0; 0.0 ] / vec64 [ 0.0; 0.0; 0.0 ]
            Expect.tensorValues y [ 3 ] [ infinity; -infinity; nan ] "x / 0"
        }
        test "NaN stays NaN through add, sub, mul and div" {
            let x = vec64 [ nan; 2.0 ]

            for y in [ x + 1.0; 1.0 - x; x * 3.0; x / 2.0; -x ] do
                Expect.isTrue (System.Double.IsNaN(y.ToFloatArray()[0])) $"{y}"
        }
    ]

let private gradients =
    testList "gradients" [
        gradientAgrees2 "add" Real (+)
        gradientAgrees2 "sub" Real (-)
        gradientAgrees2 "mul" Real (*)
        gradientAgrees2 "div" AwayFromZero (/)
        gradientAgrees "neg" (tensor Real) (~-)
        gradientAgrees "pow with exponent 2.5" (tensor Positive) (fun x -> x ** 2.5)
        gradientAgrees "pow with exponent −1.5" (tensor Positive) (fun x -> x ** -1.5)
        gradientAgrees "pow with exponent 3 on negative bases" (tensor Real) (fun x -> x ** 3.0)
        gradientAgrees "operators with a float operand" (tensor Positive) (fun x ->
            (2.0 - x) * 3.0 / (1.0 + x) - 1.0 / x + x / 2.0)
        secondOrderAgrees "mul" (tensor Real) (fun x -> x * x * x)
        secondOrderAgrees "div" (tensor Positive) (fun x -> (x + 1.0) / x)
        secondOrderAgrees "pow with exponent 2.5" (tensor Positive) (fun x -> x ** 2.5)
        test "the gradient of x · y with respect to x is y, by hand" {
            let y = vec64 [ 3.0; -2.0 ]

            Expect.tensorValues
                (Diff.grad (fun x -> (x * y).Sum()) (vec64 [ 1.0; 5.0 ]))
                [ 2 ]
                [ 3.0; -2.0 ]
                "d(x·y)/dx"
        }
        test "the gradient of x / y with respect to y is −x / y², by hand" {
            let x = vec64 [ 3.0; -2.0 ]

            Expect.tensorValues
                (Diff.grad (fun y -> (x / y).Sum()) (vec64 [ 1.0; 2.0 ]))
                [ 2 ]
                [ -3.0; 0.5 ]
                "d(x/y)/dy"
        }
        test "the derivatives of x ** 0 and x ** 1 are 0 and 1 at x = 0, and the fourth derivative of x³ is 0 there" {
            let zero = Tensor.scalar 0.0
            Expect.tensorValues (Diff.diff (fun x -> x ** 0.0) zero) [] [ 0.0 ] "d x⁰" // oracle: by hand
            Expect.tensorValues (Diff.diff (fun x -> x ** 1.0) zero) [] [ 1.0 ] "d x¹" // oracle: by hand
            Expect.tensorValues (Diff.diff (Diff.diff (fun x -> x ** 1.0)) zero) [] [ 0.0 ] "d² x¹" // oracle: by hand
            let d4 = Diff.diff (Diff.diff (Diff.diff (Diff.diff (fun x -> x ** 3.0))))
            Expect.tensorValues (d4 zero) [] [ 0.0 ] "d⁴ x³" // oracle: by hand
        }
        test "float32 gradients are float32 and agree with float64 ones" {
            let f (x: Tensor) = (x * x / (1.0 + x) - x ** 2.5).Sum()
            let g32 = Diff.grad f (vec32 [ 0.5; 1.5; 2.0 ])
            let g64 = Diff.grad f (vec64 [ 0.5; 1.5; 2.0 ])
            Expect.equal g32.DType DType.Float32 "dtype"
            Expect.tensorClose Tolerance.float32 g32 g64 "float32 vs float64"
        }
    ]

let private dtypes =
    testList "dtypes" [
        for name, op in [ "add", (+); "sub", (-); "mul", (*); "div", (/) ] do
            test $"float32 {name} float64 throws DTypeMismatchException naming {name} and both dtypes" {
                Expect.throwsWith<DTypeMismatchException>
                    (fun () -> op (vec32 [ 1.0 ]) (vec64 [ 1.0 ]) |> ignore)
                    [ name; "float32"; "float64" ]
                    $"{name} of mixed dtypes"
            }
        test "float32 operators keep float32" {
            let x = vec32 [ 1.0; 2.0 ]

            for y in [ x + x; x - x; x * x; x / x; -x; x ** 2.0 ] do
                Expect.equal y.DType DType.Float32 $"{y}"
        }
        test "a float operand takes the tensor's dtype" {
            Expect.equal (vec32 [ 1.0 ] * 2.5).DType DType.Float32 "float32 · 2.5"
            Expect.equal (2.5 + vec64 [ 1.0 ]).DType DType.Float64 "2.5 + float64"
        }
        test "int32 tensors add and keep int32" {
            let y = Tensor.ofList [ 1; 2 ] + Tensor.ofList [ 10; 20 ]
            Expect.equal y.DType DType.Int32 "dtype"
            Expect.tensorValues y [ 2 ] [ 11.0; 22.0 ] "values" // oracle: by hand
        }
    ]

[<Tests>]
let tests = testList "Tensor operators" [ values; gradients; dtypes ]
