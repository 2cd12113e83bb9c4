module Functional.Tests.OpCompareTests

open Expecto
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases

[<Tests>]
let tests =
    testList "Op.Compare" [
        // oracle for the values: by hand, a = [1, 2, 3, NaN] against b = 2 (any comparison with NaN is false but ≠)
        for name, op, expected in
            [
                "eq", Tensor.eq, [ 0.0; 1.0; 0.0; 0.0 ]
                "ne", Tensor.ne, [ 1.0; 0.0; 1.0; 1.0 ]
                "lt", Tensor.lt, [ 1.0; 0.0; 0.0; 0.0 ]
                "le", Tensor.le, [ 1.0; 1.0; 0.0; 0.0 ]
                "gt", Tensor.gt, [ 0.0; 0.0; 1.0; 0.0 ]
                "ge", Tensor.ge, [ 0.0; 1.0; 1.0; 0.0 ]
            ] do
            test $"{name} of [1, 2, 3, NaN] and 2 is {expected}, in the operands' dtype" {
                for vec in [ vec64; vec32 ] do
                    let y = op (vec [ 1.0; 2.0; 3.0; nan ]) (vec [ 2.0 ])
                    Expect.equal y.DType (vec [ 0.0 ]).DType "dtype"
                    Expect.tensorValues y [ 4 ] expected name
            }
        test "comparisons broadcast: a 2x1 column against a row of 3 gives 2x3" {
            let y = Tensor.lt (Tensor.ofList2D [ [ 1.0 ]; [ 2.0 ] ]) (vec64 [ 0.0; 1.5; 3.0 ])
            Expect.tensorValues y [ 2; 3 ] [ 0.0; 1.0; 1.0; 0.0; 0.0; 1.0 ] "values" // oracle: by hand
        }
        test "comparisons are constants: not tracked, zero gradient" {
            let g =
                Diff.grad (fun x -> (Tensor.gt x (Tensor.zerosLike x)).Sum()) (vec64 [ -1.0; 1.0 ])

            Expect.tensorValues g [ 2 ] [ 0.0; 0.0 ] "d gt"
        }
        test "comparing float32 and float64 throws DTypeMismatchException naming lt and both dtypes" {
            Expect.throwsWith<DTypeMismatchException>
                (fun () -> Tensor.lt (vec32 [ 1.0 ]) (vec64 [ 1.0 ]) |> ignore)
                [ "lt"; "float32"; "float64" ]
                "mixed"
        }
        test "comparing shapes 2 and 3 throws ShapeMismatchException naming ge and both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Tensor.ge (vec64 [ 1.0; 2.0 ]) (vec64 [ 1.0; 2.0; 3.0 ]) |> ignore)
                [ "ge"; "a 2, b 3" ]
                "shapes"
        }
    ]
