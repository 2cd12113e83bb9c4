module Functional.Tests.OpSinTests

open Expecto
open Functional
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

[<Tests>]
let tests =
    testList "Op.Sin" [
        // oracle: Python 3.11 math.sin, printed to 10 significant digits
        elementwise "sin" Tensor.sin [ -1.0; 0.0; 0.5; 2.0 ] [ -0.8414709848; 0.0; 0.4794255386; 0.9092974268 ]
        nanStaysNaN "sin" Tensor.sin
        gradientAgrees "sin" (tensor Real) Tensor.sin
        secondOrderAgrees "sin" (tensor Real) Tensor.sin
    ]
