module Functional.Tests.OpSigmoidTests

open Expecto
open Functional
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

[<Tests>]
let tests =
    testList "Op.Sigmoid" [
        // oracle: Python 3.11 1 / (1 + math.exp(-x)), printed to 10 significant digits
        elementwise "sigmoid" Tensor.sigmoid [ -1.0; 0.0; 0.5; 2.0 ] [ 0.2689414214; 0.5; 0.6224593312; 0.880797078 ]
        nanStaysNaN "sigmoid" Tensor.sigmoid
        test "sigmoid of ±1000 is 0 and 1, finite, in float32 and float64, with a finite gradient" {
            for x in [ vec64 [ -1000.0; 1000.0 ]; vec32 [ -1000.0; 1000.0 ] ] do
                Expect.tensorValues (Tensor.sigmoid x) [ 2 ] [ 0.0; 1.0 ] $"{x.DType}" // oracle: limits of σ
                Expect.allFinite (Diff.grad (Tensor.sigmoid >> Tensor.sum) x) "gradient"
        }
        gradientAgrees "sigmoid" (tensor Real) Tensor.sigmoid
        secondOrderAgrees "sigmoid" (tensor Real) Tensor.sigmoid
    ]
