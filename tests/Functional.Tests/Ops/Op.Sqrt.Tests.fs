module Functional.Tests.OpSqrtTests

open Expecto
open Functional
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

[<Tests>]
let tests =
    testList "Op.Sqrt" [
        // oracle: Python 3.11 math.sqrt, printed to 10 significant digits
        elementwise "sqrt" Tensor.sqrt [ 0.0; 0.25; 2.0; 9.0 ] [ 0.0; 0.5; 1.414213562; 3.0 ]
        nanStaysNaN "sqrt" Tensor.sqrt
        test "sqrt of −1 is NaN" {
            Expect.tensorValues (Tensor.sqrt (vec64 [ -1.0 ])) [ 1 ] [ nan ] "sqrt" // oracle: IEEE 754
        }
        gradientAgrees "sqrt" (tensor Positive) Tensor.sqrt
        secondOrderAgrees "sqrt" (tensor Positive) Tensor.sqrt
    ]
