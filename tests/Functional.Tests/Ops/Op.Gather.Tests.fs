module Functional.Tests.OpGatherTests

open System
open Expecto
open FsCheck
open FsCheck.FSharp
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

/// An int64 index tensor.
let private index (dims: int list) (values: int64 list) =
    Tensor.ofArrayShaped dims (Array.ofList values)

/// (axis, index) and a tensor: the index has the tensor's dims except on axis (1..4 there), values in range.
let private gathered =
    gen {
        let! dims = shapeAtLeast 1
        let! axis = axisOf dims.Length
        let a = (axis + dims.Length) % dims.Length
        let! m = Gen.choose (1, 4)
        let indexDims = List.updateAt a m dims

        let! positions =
            Gen.arrayOfLength (List.fold (*) 1 indexDims) (Gen.choose (0, dims[a] - 1))

        let! x = tensorOf Real dims
        return (axis, Tensor.ofArrayShaped indexDims (positions |> Array.map int64)), x
    }

/// (target dims, axis, index) and a source of the index's shape.
let private scattered =
    gen {
        let! (axis, i), x = gathered
        let! src = tensorOf Real (List.ofArray i.Dims)
        return (List.ofArray x.Dims, axis, i), src
    }

/// The 2x3 matrix [[1, 2, 3], [4, 5, 6]].
let private m23 () =
    Tensor.ofList2D [ [ 1.0; 2.0; 3.0 ]; [ 4.0; 5.0; 6.0 ] ]

[<Tests>]
let tests =
    testList "Op.Gather" [
        // oracle for the values in this list: by hand
        test "gather along axis 1 with [[2, 0], [1, 1]] picks [[3, 1], [5, 5]]" {
            for x in [ m23 (); Tensor.toFloat32 (m23 ()) ] do
                let y = x.Gather(1, index [ 2; 2 ] [ 2L; 0L; 1L; 1L ])
                Expect.equal y.DType x.DType "dtype"
                Expect.tensorValues y [ 2; 2 ] [ 3.0; 1.0; 5.0; 5.0 ] "values"
        }
        test "gather along axis 0 with [[1, 0, 1]] picks [[4, 2, 6]]" {
            Expect.tensorValues ((m23 ()).Gather(0, index [ 1; 3 ] [ 1L; 0L; 1L ])) [ 1; 3 ] [ 4.0; 2.0; 6.0 ] "values"
        }
        test "gather accepts int32 indices" {
            let y = (m23 ()).Gather(1, Tensor.ofArrayShaped [ 2; 1 ] [| 0; 2 |])
            Expect.tensorValues y [ 2; 1 ] [ 1.0; 6.0 ] "values"
        }
        test "scatterAdd of [1, 2, 3] at [0, 2, 0] into 3 zeros is [4, 0, 2]: repeated positions add up" {
            let y =
                Tensor.ScatterAdd(Shape [| 3 |], 0, index [ 3 ] [ 0L; 2L; 0L ], vec64 [ 1.0; 2.0; 3.0 ])

            Expect.tensorValues y [ 3 ] [ 4.0; 0.0; 2.0 ] "values"
        }
        test "the gradient of a gather that picks one element twice is 2 there" {
            let g =
                Diff.grad (fun x -> x.Gather(0, index [ 2 ] [ 0L; 0L ]).Sum()) (vec64 [ 1.0; 2.0 ])

            Expect.tensorValues g [ 2 ] [ 2.0; 0.0 ] "d gather"
        }
        gradientAgreesFor "gather" gathered (fun (axis, i) x -> x.Gather(axis, i))
        testPropertyWithConfig
            config
            "gather: grad of grad equals central differences of the gradient"
            (Prop.forAll (arb gathered) (fun ((axis, i), x) ->
                secondOrderAgreesAt (fun x -> x.Gather(axis, i) ** 3.0) x))
        gradientAgreesFor "scatterAdd" scattered (fun (dims, axis, i) src ->
            Tensor.ScatterAdd(Shape(Array.ofList dims), axis, i, src))
        test "gather with an index of 3 on an axis of length 3 throws ArgumentException naming gather and the position" {
            Expect.throwsWith<ArgumentException>
                (fun () -> (m23 ()).Gather(1, index [ 2; 1 ] [ 0L; 3L ]) |> ignore)
                [ "gather"; "[0, 3)"; "received 3 at position 1" ]
                "3"
        }
        test "gather with a float index throws DTypeMismatchException naming gather" {
            Expect.throwsWith<DTypeMismatchException>
                (fun () -> (m23 ()).Gather(1, vec64 [ 0.0; 1.0 ] |> Tensor.reshape [ 2; 1 ]) |> ignore)
                [ "gather"; "int32 or int64"; "float64" ]
                "float"
        }
        test "gather with an index of another rank throws ShapeMismatchException naming gather and both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (m23 ()).Gather(1, index [ 2 ] [ 0L; 1L ]) |> ignore)
                [ "gather"; "x 2x3, index 2" ]
                "rank"
        }
    ]
