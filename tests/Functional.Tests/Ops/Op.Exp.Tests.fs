module Functional.Tests.OpExpTests

open Expecto
open Functional
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

[<Tests>]
let tests =
    testList "Op.Exp" [
        // oracle: Python 3.11 math.exp, printed to 10 significant digits
        elementwise "exp" Tensor.exp [ -1.0; 0.0; 0.5; 2.0 ] [ 0.3678794412; 1.0; 1.648721271; 7.389056099 ]
        nanStaysNaN "exp" Tensor.exp
        test "exp of −inf is 0 and of 1000 is inf in float64, as IEEE 754 says" {
            Expect.tensorValues (Tensor.exp (vec64 [ -infinity; 1000.0 ])) [ 2 ] [ 0.0; infinity ] "exp"
        }
        gradientAgrees "exp" (tensor Real) Tensor.exp
        secondOrderAgrees "exp" (tensor Real) Tensor.exp
    ]
