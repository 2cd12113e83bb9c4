module Functional.Tests.OpCosTests

open Expecto
open Functional
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

[<Tests>]
let tests =
    testList "Op.Cos" [
        // oracle: Python 3.11 math.cos, printed to 10 significant digits
        elementwise "cos" Tensor.cos [ -1.0; 0.0; 0.5; 2.0 ] [ 0.5403023059; 1.0; 0.8775825619; -0.4161468365 ]
        nanStaysNaN "cos" Tensor.cos
        gradientAgrees "cos" (tensor Real) Tensor.cos
        secondOrderAgrees "cos" (tensor Real) Tensor.cos
    ]
