module Functional.Tests.OpSignTests

open Expecto
open Functional
open Functional.Tests.Cases

[<Tests>]
let tests =
    testList "Op.Sign" [
        // oracle: by hand
        elementwise "sign" Tensor.sign [ -2.5; 0.0; 3.0; -0.1 ] [ -1.0; 0.0; 1.0; -1.0 ]
        nanStaysNaN "sign" Tensor.sign
        test "sign is a constant: its gradient is zero" {
            Expect.tensorValues
                (Diff.grad (Tensor.sign >> Tensor.sum) (vec64 [ -2.0; 3.0 ]))
                [ 2 ]
                [ 0.0; 0.0 ]
                "d sign"
        }
    ]
