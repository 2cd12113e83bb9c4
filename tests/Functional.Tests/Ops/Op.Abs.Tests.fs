module Functional.Tests.OpAbsTests

open Expecto
open Functional
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

[<Tests>]
let tests =
    testList "Op.Abs" [
        // oracle: by hand
        elementwise "abs" Tensor.abs [ -1.5; 0.0; 2.0; -0.0 ] [ 1.5; 0.0; 2.0; 0.0 ]
        nanStaysNaN "abs" Tensor.abs
        test "the gradient of abs is the sign, and 0 at 0" {
            Expect.tensorValues
                (Diff.grad (Tensor.abs >> Tensor.sum) (vec64 [ -2.0; 0.0; 3.0 ]))
                [ 3 ]
                [ -1.0; 0.0; 1.0 ]
                "d abs" // oracle: by hand
        }
        gradientAgrees "abs" (tensor AwayFromZero) Tensor.abs
    ]
