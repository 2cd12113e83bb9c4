module Functional.Tests.OpArgMaxTests

open Expecto
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases

[<Tests>]
let tests =
    testList "Op.ArgMax" [
        // oracle for the values in this list: by hand
        test "argmax and argmin of [[1, 5, 5], [7, 0, 7]] over axis 1 are [1, 0] and [0, 1]: the first on ties" {
            for dtype in [ DType.Float64; DType.Float32 ] do
                let x =
                    Tensor.ofList2D [ [ 1.0; 5.0; 5.0 ]; [ 7.0; 0.0; 7.0 ] ] |> Tensor.cast dtype

                let i = Tensor.argmax 1 x
                Expect.equal i.DType DType.Int64 "dtype"
                Expect.tensorValues i [ 2 ] [ 1.0; 0.0 ] "argmax"
                Expect.tensorValues (Tensor.argmin 1 x) [ 2 ] [ 0.0; 1.0 ] "argmin"
        }
        test "argmax over axis 0 with keepDim keeps a size-1 axis" {
            let i = (Tensor.ofList2D [ [ 1.0; 5.0 ]; [ 7.0; 0.0 ] ]).ArgMax(0, true)
            Expect.tensorValues i [ 1; 2 ] [ 1.0; 0.0 ] "values"
        }
        test "a NaN counts as the extreme for argmax and argmin" {
            let x = vec64 [ 1.0; nan; 3.0 ]
            Expect.tensorValues (Tensor.argmax 0 x) [] [ 1.0 ] "argmax"
            Expect.tensorValues (Tensor.argmin 0 x) [] [ 1.0 ] "argmin"
        }
        test "argmax is not tracked" {
            Diff.grad
                (fun x ->
                    Expect.isFalse (Tensor.argmax 0 x).IsTracked "tracked"
                    x.Sum())
                (vec64 [ 1.0; 2.0 ])
            |> ignore
        }
        test "argmax over an empty axis throws ShapeMismatchException naming argMax and the shape" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Tensor.argmax 0 (Tensor.zeros [ 0 ]) |> ignore)
                [ "argMax"; "non-empty axis"; "shape 0" ]
                "empty"
        }
    ]
