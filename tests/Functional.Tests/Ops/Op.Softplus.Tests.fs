module Functional.Tests.OpSoftplusTests

open Expecto
open Functional
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

[<Tests>]
let tests =
    testList "Op.Softplus" [
        // oracle: Python 3.11 math.log1p(math.exp(x)), printed to 10 significant digits
        elementwise "softplus" Tensor.softplus [ -1.0; 0.0; 0.5; 2.0 ] [
            0.3132616875
            0.6931471806
            0.9740769842
            2.126928011
        ]
        nanStaysNaN "softplus" Tensor.softplus
        test "softplus of ±1000 is 0 and 1000, finite, in float32 and float64, with a finite gradient" {
            for x in [ vec64 [ -1000.0; 1000.0 ]; vec32 [ -1000.0; 1000.0 ] ] do
                Expect.tensorValues (Tensor.softplus x) [ 2 ] [ 0.0; 1000.0 ] $"{x.DType}" // oracle: ln(1 + e^x) → 0 and x
                Expect.allFinite (Diff.grad (Tensor.softplus >> Tensor.sum) x) "gradient"
        }
        gradientAgrees "softplus" (tensor Real) Tensor.softplus
        secondOrderAgrees "softplus" (tensor Real) Tensor.softplus
    ]
