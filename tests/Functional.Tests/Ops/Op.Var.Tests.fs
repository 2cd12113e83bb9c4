module Functional.Tests.OpVarTests

open Expecto
open FsCheck.FSharp
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

/// (axis, ddof) and a tensor whose axis has at least 2 elements, so the sample variance is defined.
let private cases =
    gen {
        let! dims = shapeAtLeast 1
        let! axis = axisOf dims.Length
        let a = (axis + dims.Length) % dims.Length
        let! x = tensorOf Real (List.updateAt a (max 2 dims[a]) dims)
        let! ddof = Gen.elements [ 0; 1 ]
        return (axis, ddof), x
    }

[<Tests>]
let tests =
    testList "Op.Var" [
        test "var of [1, 2, 3, 4] is 1.25 (population, ddof 0) and 5/3 (sample, ddof 1)" {
            for vec in [ vec64; vec32 ] do
                let x = vec [ 1.0; 2.0; 3.0; 4.0 ]
                Expect.tensorValues (x.Var()) [] [ 1.25 ] "ddof 0" // oracle: by hand, (2.25 + 0.25 + 0.25 + 2.25) / 4
                Expect.tensorValues (x.Var(0, false, 1)) [] [ 5.0 / 3.0 ] "ddof 1" // oracle: by hand, 5 / 3
        }
        test "var over the rows of [[1, 2, 3], [4, 6, 8]] is [2/3, 8/3], and 2x1 with keepDim" {
            let x = Tensor.ofList2D [ [ 1.0; 2.0; 3.0 ]; [ 4.0; 6.0; 8.0 ] ]
            Expect.tensorValues (Tensor.var 1 false 0 x) [ 2 ] [ 2.0 / 3.0; 8.0 / 3.0 ] "var axis 1" // oracle: by hand
            Expect.tensorValues (x.Var(-1, true, 0)) [ 2; 1 ] [ 2.0 / 3.0; 8.0 / 3.0 ] "keepDim" // oracle: by hand
        }
        test "var of a constant is 0 and its gradient is 0" {
            let x = vec64 [ 3.0; 3.0; 3.0 ]
            Expect.tensorValues (x.Var()) [] [ 0.0 ] "var"
            Expect.tensorValues (Diff.grad (fun x -> x.Var()) x) [ 3 ] [ 0.0; 0.0; 0.0 ] "d var"
        }
        test "the gradient of the population variance is 2 (x − mean) / n" {
            let g = Diff.grad (fun x -> x.Var()) (vec64 [ 1.0; 2.0; 6.0 ])
            Expect.tensorValues g [ 3 ] [ -4.0 / 3.0; -2.0 / 3.0; 2.0 ] "d var" // oracle: by hand, mean 3, n 3
        }
        gradientAgreesFor "var over an axis" cases (fun (axis, ddof) x -> x.Var(axis, false, ddof))
        gradientAgreesFor "var over an axis, keepDim" cases (fun (axis, ddof) x -> x.Var(axis, true, ddof))
        secondOrderAgrees "var of all elements" (tensor Real) (fun x -> x.Var())
        test "var over axis 2 of a matrix throws ShapeMismatchException naming var, the axis and the rank" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (Tensor.zeros [ 2; 2 ]).Var 2 |> ignore)
                [ "var: expected an axis in [-2, 1]"; "axis 2 for rank 2" ]
                "axis 2"
        }
    ]
