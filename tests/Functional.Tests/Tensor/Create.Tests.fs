/// Creation functions (Tensor/Create.fs and the creation part of Tensor/TensorModule.fs): shapes, dtypes, values,
/// seeded randomness and bad input.
module Functional.Tests.CreateTests

open System
open Expecto
open Functional
open Functional.Core.Tensors

let private fromValues =
    testList "from values" [
        test "ofList of floats is a float64 vector" {
            let x = Tensor.ofList [ 1.0; 2.0; 3.0 ]
            Expect.equal x.DType DType.Float64 "dtype"
            Expect.tensorValues x [ 3 ] [ 1.0; 2.0; 3.0 ] "values" // oracle: by hand
        }
        test "ofArray follows the element type: float32, int32, int64" {
            Expect.equal (Tensor.ofArray [| 1.0f |]).DType DType.Float32 "float32[]"
            Expect.equal (Tensor.ofArray [| 1 |]).DType DType.Int32 "int[]"
            Expect.equal (Tensor.ofArray [| 1L |]).DType DType.Int64 "int64[]"
        }
        test "ofList2D of two rows of three is 2x3, row-major" {
            let x = Tensor.ofList2D [ [ 1.0; 2.0; 3.0 ]; [ 4.0; 5.0; 6.0 ] ]
            Expect.tensorValues x [ 2; 3 ] [ 1.0; 2.0; 3.0; 4.0; 5.0; 6.0 ] "values" // oracle: by hand
        }
        test "ofArray2D of a 2x2 array is 2x2, row-major" {
            let x = Tensor.ofArray2D (array2D [ [ 1.0f; 2.0f ]; [ 3.0f; 4.0f ] ])
            Expect.equal x.DType DType.Float32 "dtype"
            Expect.tensorValues x [ 2; 2 ] [ 1.0; 2.0; 3.0; 4.0 ] "values" // oracle: by hand
        }
        test "ofArrayShaped fills the shape row-major" {
            let x = Tensor.ofArrayShaped [ 2; 1; 2 ] [| 1.0; 2.0; 3.0; 4.0 |]
            Expect.tensorValues x [ 2; 1; 2 ] [ 1.0; 2.0; 3.0; 4.0 ] "values" // oracle: by hand
        }
        test "ofArray copies: changing the source array later does not change the tensor" {
            let data = [| 1.0; 2.0 |]
            let x = Tensor.ofArray data
            data[0] <- 99.0
            Expect.tensorValues x [ 2 ] [ 1.0; 2.0 ] "values" // oracle: by hand
        }
        test "scalar is a float64 tensor of rank 0 and one element" {
            let x = Tensor.scalar 2.5
            Expect.equal (x.Rank, x.NumElements, x.DType) (0, 1, DType.Float64) "rank, count, dtype"
            Expect.equal (x.ToScalar()) 2.5 "value"
        }
        test "ToArray returns an array of the tensor's own element type" {
            Expect.equal ((Tensor.ofList [ 1.0f; 2.0f ]).ToArray()) ([| 1.0f; 2.0f |] :> Array) "float32[]"
        }
    ]

let private filled =
    testList "filled" [
        test "zeros 2x3 are float32 zeros" {
            let x = Tensor.zeros [ 2; 3 ]
            Expect.equal x.DType DType.Float32 "dtype"
            Expect.tensorValues x [ 2; 3 ] (List.replicate 6 0.0) "values"
        }
        test "ones with dtype float64 are float64 ones" {
            let x = Tensor.Ones([ 3 ], DType.Float64)
            Expect.equal x.DType DType.Float64 "dtype"
            Expect.tensorValues x [ 3 ] [ 1.0; 1.0; 1.0 ] "values"
        }
        test "full 2x2 of 7 holds 7 everywhere" {
            Expect.tensorValues (Tensor.full [ 2; 2 ] 7.0) [ 2; 2 ] [ 7.0; 7.0; 7.0; 7.0 ] "values"
        }
        test "zerosLike and onesLike keep shape and dtype" {
            let x = Tensor.ofArrayShaped [ 2; 1 ] [| 3.0; 4.0 |]
            Expect.tensorValues (Tensor.zerosLike x) [ 2; 1 ] [ 0.0; 0.0 ] "zerosLike"
            Expect.tensorValues (Tensor.onesLike x) [ 2; 1 ] [ 1.0; 1.0 ] "onesLike"
            Expect.equal (Tensor.onesLike x).DType DType.Float64 "dtype"
        }
        test "zeros of shape 0x3 have no elements" { Expect.equal (Tensor.zeros [ 0; 3 ]).NumElements 0 "count" }
        test "eye 3 is the 3x3 identity" {
            Expect.tensorValues (Tensor.eye 3) [ 3; 3 ] [ 1.0; 0.0; 0.0; 0.0; 1.0; 0.0; 0.0; 0.0; 1.0 ] "values" // oracle: by hand
        }
    ]

let private ranges =
    testList "ranges" [
        test "arange 0 1 0.25 is [0, 0.25, 0.5, 0.75] (stop excluded, as NumPy)" {
            Expect.tensorValues (Tensor.arange 0.0 1.0 0.25) [ 4 ] [ 0.0; 0.25; 0.5; 0.75 ] "values" // oracle: by hand
        }
        test "arange counting down 3 0 −1 is [3, 2, 1]" {
            Expect.tensorValues (Tensor.arange 3.0 0.0 -1.0) [ 3 ] [ 3.0; 2.0; 1.0 ] "values" // oracle: by hand
        }
        test "arange with an empty range is empty" { Expect.equal (Tensor.arange 1.0 0.0 1.0).Dims [| 0 |] "shape" }
        test "linspace 0 1 5 is [0, 0.25, 0.5, 0.75, 1] (stop included)" {
            Expect.tensorValues (Tensor.linspace 0.0 1.0 5) [ 5 ] [ 0.0; 0.25; 0.5; 0.75; 1.0 ] "values" // oracle: by hand
        }
        test "linspace with count 1 is [start]" {
            Expect.tensorValues (Tensor.linspace 2.0 5.0 1) [ 1 ] [ 2.0 ] "values"
        }
    ]

let private random =
    testList "random" [
        test "rand with one seed gives the same numbers twice, all in [0, 1)" {
            let a = Tensor.rand (Random 42) [ 3; 4 ]
            let b = Tensor.rand (Random 42) [ 3; 4 ]
            Expect.tensorClose Tolerance.tight a b "same seed"
            Expect.isTrue (a.ToFloatArray() |> Array.forall (fun v -> v >= 0.0 && v < 1.0)) $"{a}"
        }
        test "rand with different seeds gives different numbers" {
            let a = (Tensor.rand (Random 1) [ 8 ]).ToFloatArray()
            let b = (Tensor.rand (Random 2) [ 8 ]).ToFloatArray()
            Expect.notEqual a b "different seeds"
        }
        test "randn with one seed repeats; 10000 samples have mean near 0 and variance near 1" {
            let a = Tensor.Randn(Random 7, [ 10000 ], DType.Float64)
            let b = Tensor.Randn(Random 7, [ 10000 ], DType.Float64)
            Expect.tensorClose Tolerance.tight a b "same seed"
            // oracle: N(0, 1); the standard error of the mean is 0.01, of the variance about 0.014
            Expect.floatClose { absolute = 0.05; relative = 0.0 } (a.Mean().ToScalar()) 0.0 "mean"
            Expect.floatClose { absolute = 0.07; relative = 0.0 } (a.Var().ToScalar()) 1.0 "variance"
        }
        test "randint gives int64 values in [low, high)" {
            let x = Tensor.randint (Random 3) 2L 5L [ 100 ]
            Expect.equal x.DType DType.Int64 "dtype"
            Expect.isTrue (x.ToFloatArray() |> Array.forall (fun v -> v >= 2.0 && v < 5.0)) $"{x}"
        }
    ]

let private badInput =
    testList "bad input" [
        test "ofList2D with ragged rows throws ArgumentException naming ofList2D and the row lengths" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Tensor.ofList2D [ [ 1.0; 2.0 ]; [ 3.0 ] ] |> ignore)
                [ "ofList2D"; "rows of one length"; "2"; "1" ]
                "ragged rows"
        }
        test "ofArrayShaped with 5 values for 2x3 throws ShapeMismatchException naming the shape and the count" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Tensor.ofArrayShaped [ 2; 3 ] [| 1.0; 2.0; 3.0; 4.0; 5.0 |] |> ignore)
                [ "6 elements for shape 2x3"; "received 5" ]
                "wrong count"
        }
        test "a negative dimension throws ArgumentException naming the shape" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Tensor.zeros [ 2; -1 ] |> ignore)
                [ "shape"; "2, -1" ]
                "negative dim"
        }
        test "arange with step 0 throws ArgumentException naming arange" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Tensor.arange 0.0 1.0 0.0 |> ignore)
                [ "arange"; "step" ]
                "step 0"
        }
        test "linspace with a negative count throws ArgumentException naming linspace" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Tensor.linspace 0.0 1.0 -1 |> ignore)
                [ "linspace"; "-1" ]
                "count"
        }
        test "randint with high <= low throws ArgumentException naming randint and both bounds" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Tensor.randint (Random 1) 5L 5L [ 2 ] |> ignore)
                [ "randint"; "5, 5" ]
                "bounds"
        }
        test "ToScalar of a 2-element tensor throws ShapeMismatchException naming toScalar and the shape" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (Tensor.ofList [ 1.0; 2.0 ]).ToScalar() |> ignore)
                [ "toScalar"; "shape 2" ]
                "two elements"
        }
    ]

[<Tests>]
let tests =
    testList "Tensor creation" [ fromValues; filled; ranges; random; badInput ]
