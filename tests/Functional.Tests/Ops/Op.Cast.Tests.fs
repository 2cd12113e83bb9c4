module Functional.Tests.OpCastTests

open System
open Expecto
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases

[<Tests>]
let tests =
    testList "Op.Cast" [
        test "float64 to float32 and back keeps values representable in float32" {
            let x = vec64 [ 0.5; -2.25; 1024.0 ]
            let y = Tensor.toFloat32 x
            Expect.equal y.DType DType.Float32 "dtype"
            Expect.tensorValues (Tensor.toFloat64 y) [ 3 ] [ 0.5; -2.25; 1024.0 ] "round trip" // oracle: by hand
        }
        test "float to int32 truncates toward zero" {
            let y = Tensor.cast DType.Int32 (vec64 [ 1.9; -1.9; 0.4 ])
            Expect.equal y.DType DType.Int32 "dtype"
            Expect.tensorValues y [ 3 ] [ 1.0; -1.0; 0.0 ] "values" // oracle: by hand, C# (int) conversion
        }
        test "casting to the same dtype returns the tensor itself" {
            let x = vec64 [ 1.0 ]
            Expect.isTrue (obj.ReferenceEquals(Tensor.toFloat64 x, x)) "same object"
        }
        test "the gradient through a float32 cast is cast back to float64" {
            let g = Diff.grad (fun x -> (Tensor.toFloat32 x * 3.0).Sum()) (vec64 [ 1.0; 2.0 ])
            Expect.equal g.DType DType.Float64 "dtype"
            Expect.tensorValues g [ 2 ] [ 3.0; 3.0 ] "values" // oracle: by hand
        }
        test "a cast to an integer dtype is a constant: zero gradient" {
            let g =
                Diff.grad (fun x -> (Tensor.cast DType.Int64 x |> Tensor.toFloat64).Sum()) (vec64 [ 1.5 ])

            Expect.tensorValues g [ 1 ] [ 0.0 ] "d cast"
        }
        test "casting NaN to int32 throws ArgumentException naming cast" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Tensor.cast DType.Int32 (vec64 [ nan ]) |> ignore)
                [ "cast"; "NaN" ]
                "NaN"
        }
    ]
