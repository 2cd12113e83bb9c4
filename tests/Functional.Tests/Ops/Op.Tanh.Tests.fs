module Functional.Tests.OpTanhTests

open Expecto
open Functional
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

[<Tests>]
let tests =
    testList "Op.Tanh" [
        // oracle: Python 3.11 math.tanh, printed to 10 significant digits
        elementwise "tanh" Tensor.tanh [ -1.0; 0.0; 0.5; 2.0 ] [ -0.761594156; 0.0; 0.4621171573; 0.9640275801 ]
        nanStaysNaN "tanh" Tensor.tanh
        test "tanh of ±1000 is ±1" {
            Expect.tensorValues (Tensor.tanh (vec32 [ -1000.0; 1000.0 ])) [ 2 ] [ -1.0; 1.0 ] "tanh" // oracle: limits of tanh
        }
        gradientAgrees "tanh" (tensor Real) Tensor.tanh
        secondOrderAgrees "tanh" (tensor Real) Tensor.tanh
    ]
