module Functional.Tests.OpConcatTests

open Expecto
open FsCheck
open FsCheck.FSharp
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

/// An axis and two tensors that agree on every other axis (1..4 long on the joined one).
let private joinable =
    gen {
        let! dims = shapeAtLeast 1
        let! axis = axisOf dims.Length
        let a = (axis + dims.Length) % dims.Length
        let! n = Gen.choose (1, 4)
        let! x = tensorOf Real dims
        let! y = tensorOf Real (List.updateAt a n dims)
        return axis, (x, y)
    }

/// An axis in [−rank−1, rank] and two tensors of one shape.
let private stackable =
    gen {
        let! dims = shape
        let! axis = Gen.choose (-dims.Length - 1, dims.Length)
        let! x = tensorOf Real dims
        let! y = tensorOf Real dims
        return axis, (x, y)
    }

let private both (cases: Gen<int * (Tensor * Tensor)>) (f: int -> Tensor -> Tensor -> Tensor) =
    Prop.forAll (arb cases) (fun (axis, (x, y)) ->
        agreesAt (fun x' -> f axis x' y) x
        agreesAt (fun y' -> f axis x y') y)

[<Tests>]
let tests =
    testList "Op.Concat" [
        // oracle for the values in this list: by hand
        test "concat along axis 0 of [[1, 2]] and [[3, 4], [5, 6]] is 3x2" {
            let y =
                Tensor.concat 0 [
                    Tensor.ofList2D [ [ 1.0f; 2.0f ] ]
                    Tensor.ofList2D [ [ 3.0f; 4.0f ]; [ 5.0f; 6.0f ] ]
                ]

            Expect.tensorValues y [ 3; 2 ] [ 1.0; 2.0; 3.0; 4.0; 5.0; 6.0 ] "values"
        }
        test "concat along axis −1 of a 2x1 and a 2x2 interleaves rows" {
            let y =
                Tensor.concat -1 [
                    Tensor.ofList2D [ [ 1.0 ]; [ 2.0 ] ]
                    Tensor.ofList2D [ [ 3.0; 4.0 ]; [ 5.0; 6.0 ] ]
                ]

            Expect.tensorValues y [ 2; 3 ] [ 1.0; 3.0; 4.0; 2.0; 5.0; 6.0 ] "values"
        }
        test "stack along axis 0 of two vectors of 2 is 2x2, along axis 1 its transpose" {
            let a, b = vec64 [ 1.0; 2.0 ], vec64 [ 3.0; 4.0 ]
            Expect.tensorValues (Tensor.stack 0 [ a; b ]) [ 2; 2 ] [ 1.0; 2.0; 3.0; 4.0 ] "axis 0"
            Expect.tensorValues (Tensor.stack 1 [ a; b ]) [ 2; 2 ] [ 1.0; 3.0; 2.0; 4.0 ] "axis 1"
        }
        test "stack of scalars is a vector" {
            Expect.tensorValues (Tensor.stack 0 [ Tensor.scalar 1.0; Tensor.scalar 2.0 ]) [ 2 ] [ 1.0; 2.0 ] "values"
        }
        test "the gradient of concat hands each input its own band" {
            let ga, gb =
                Diff.grad2
                    (fun a b -> (Tensor.concat 0 [ a; b ] * vec64 [ 1.0; 2.0; 3.0 ]).Sum())
                    (vec64 [ 0.0 ], vec64 [ 0.0; 0.0 ])

            Expect.tensorValues ga [ 1 ] [ 1.0 ] "d/da"
            Expect.tensorValues gb [ 2 ] [ 2.0; 3.0 ] "d/db"
        }
        testPropertyWithConfig
            config
            "concat: reverse-mode gradients of both inputs equal central differences"
            (both joinable (fun axis x y -> Tensor.concat axis [ x; y ]))
        testPropertyWithConfig
            config
            "stack: reverse-mode gradients of both inputs equal central differences"
            (both stackable (fun axis x y -> Tensor.stack axis [ x; y ]))
        gradientAgrees "concat of a tensor with itself" (shapeAtLeast 1 |> Gen.bind (tensorOf Real)) (fun x ->
            Tensor.concat 0 [ x; x * 2.0; x ])
        secondOrderAgrees "concat" (shapeAtLeast 1 |> Gen.bind (tensorOf Real)) (fun x ->
            Tensor.concat -1 [ x * x; x.Sin() ])
        test "concat of 2x3 and 2x4 along axis 0 throws ShapeMismatchException naming concat and both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Tensor.concat 0 [ Tensor.zeros [ 2; 3 ]; Tensor.zeros [ 2; 4 ] ] |> ignore)
                [ "concat"; "equal dimensions except axis 0"; "2x3, 2x4" ]
                "mismatch"
        }
        test "concat of float32 and float64 throws DTypeMismatchException naming concat" {
            Expect.throwsWith<DTypeMismatchException>
                (fun () -> Tensor.concat 0 [ vec32 [ 1.0 ]; vec64 [ 1.0 ] ] |> ignore)
                [ "concat"; "float32, float64" ]
                "dtypes"
        }
        test "concat of nothing throws ShapeMismatchException naming concat" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Tensor.concat 0 [] |> ignore)
                [ "concat"; "at least one tensor" ]
                "empty"
        }
        test "stack of shapes 2 and 3 throws ShapeMismatchException naming stack and both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Tensor.stack 0 [ Tensor.zeros [ 2 ]; Tensor.zeros [ 3 ] ] |> ignore)
                [ "stack"; "2, 3" ]
                "mismatch"
        }
    ]
