module Functional.Tests.OpLogTests

open Expecto
open Functional
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

[<Tests>]
let tests =
    testList "Op.Log" [
        // oracle: Python 3.11 math.log, printed to 10 significant digits
        elementwise "log" Tensor.log [ 0.5; 1.0; 2.0; 10.0 ] [ -0.6931471806; 0.0; 0.6931471806; 2.302585093 ]
        nanStaysNaN "log" Tensor.log
        test "log of 0 is −inf and of −1 is NaN" {
            Expect.tensorValues (Tensor.log (vec64 [ 0.0; -1.0 ])) [ 2 ] [ -infinity; nan ] "log" // oracle: IEEE 754
        }
        test "the gradient of log at 4 is 1/4" {
            Expect.tensorValues (Diff.grad (Tensor.log >> Tensor.sum) (vec64 [ 4.0 ])) [ 1 ] [ 0.25 ] "d log" // oracle: by hand
        }
        gradientAgrees "log" (tensor Positive) Tensor.log
        secondOrderAgrees "log" (tensor Positive) Tensor.log
    ]
