module Functional.Tests.OpLeakyReluTests

open Expecto
open Functional
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

[<Tests>]
let tests =
    testList "Op.LeakyRelu" [
        // oracle: by hand, slope 0.3 (Keras's default)
        elementwise "leakyRelu 0.3" (Tensor.leakyRelu 0.3) [ -2.0; 0.0; 3.0; -0.5 ] [ -0.6; 0.0; 3.0; -0.15 ]
        nanStaysNaN "leakyRelu" (Tensor.leakyRelu 0.01)
        test "the gradient of leakyRelu 0.3 is 0.3 at and below 0 and 1 above 0" {
            let g = Diff.grad (Tensor.leakyRelu 0.3 >> Tensor.sum) (vec64 [ -1.0; 0.0; 2.0 ])
            // oracle: PyTorch 1.13 leaky_relu_backward and TensorFlow's LeakyReluGrad both use x > 0, so 0.3 at 0
            Expect.tensorValues g [ 3 ] [ 0.3; 0.3; 1.0 ] "d leakyRelu"
        }
        gradientAgrees "leakyRelu 0.3" (tensor AwayFromZero) (Tensor.leakyRelu 0.3)
        secondOrderAgrees "leakyRelu 0.3" (tensor AwayFromZero) (Tensor.leakyRelu 0.3)
    ]
