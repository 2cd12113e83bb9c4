module Functional.Tests.OpReluTests

open Expecto
open Functional
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

[<Tests>]
let tests =
    testList "Op.Relu" [
        // oracle: by hand
        elementwise "relu" Tensor.relu [ -1.0; 0.0; 2.0; -0.5 ] [ 0.0; 0.0; 2.0; 0.0 ]
        nanStaysNaN "relu" Tensor.relu
        test "the gradient of relu is 1 above 0 and 0 at and below 0 (PyTorch's convention)" {
            Expect.tensorValues
                (Diff.grad (Tensor.relu >> Tensor.sum) (vec64 [ -1.0; 0.0; 2.0 ]))
                [ 3 ]
                [ 0.0; 0.0; 1.0 ]
                "d relu" // oracle: by hand
        }
        gradientAgrees "relu" (tensor AwayFromZero) Tensor.relu
        secondOrderAgrees "relu" (tensor AwayFromZero) Tensor.relu
    ]
