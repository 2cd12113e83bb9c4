module Functional.Tests.OpSliceTests

open Expecto
open FsCheck
open FsCheck.FSharp
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

/// The 3x4 matrix [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]] in float64.
let private m34 () =
    Tensor.Arange(0.0, 12.0, 1.0, DType.Float64) |> Tensor.reshape [ 3; 4 ]

/// A tensor of rank 1..3 and a non-empty strided range per axis (starts, stops, steps).
let private sliced =
    gen {
        let! dims = shapeAtLeast 1
        let! x = tensorOf Real dims

        let! ranges =
            dims
            |> List.map (fun n ->
                gen {
                    let! start = Gen.choose (0, n - 1)
                    let! stop = Gen.choose (start + 1, n)
                    let! step = Gen.choose (1, 2)
                    return start, stop, step
                })
            |> Gen.sequenceToList

        let starts, stops, steps = List.unzip3 ranges
        return (Array.ofList starts, Array.ofList stops, Array.ofList steps), x
    }

/// A tensor of rank 1..3 and one Index per leading axis: a position or an inclusive range.
let private indexed =
    gen {
        let! dims = shapeAtLeast 1
        let! x = tensorOf Real dims
        let! count = Gen.choose (1, dims.Length)

        let! indices =
            dims
            |> List.take count
            |> List.map (fun n ->
                Gen.oneof [
                    Gen.choose (0, n - 1) |> Gen.map Index.At
                    gen {
                        let! s = Gen.choose (0, n - 1)
                        let! e = Gen.choose (s, n - 1)
                        return Index.Range(Some s, Some e)
                    }
                ])
            |> Gen.sequenceToList

        return Array.ofList indices, x
    }

[<Tests>]
let tests =
    testList "Op.Slice" [
        // oracle for the values in this list: by hand, from m34 = [[0..3], [4..7], [8..11]]
        test "x.[0..1, 1] of the 3x4 matrix is the column [1, 5]" {
            Expect.tensorValues (m34 ()).[0..1, 1] [ 2 ] [ 1.0; 5.0 ] "values"
        }
        test "x.[1] is the second row and x.[2, 3] the scalar 11" {
            Expect.tensorValues (m34 ()).[1] [ 4 ] [ 4.0; 5.0; 6.0; 7.0 ] "row"
            Expect.tensorValues (m34 ()).[2, 3] [] [ 11.0 ] "element"
        }
        test "x.[1.., ..1] is the 2x2 lower-left block" {
            Expect.tensorValues (m34 ()).[1.., ..1] [ 2; 2 ] [ 4.0; 5.0; 8.0; 9.0 ] "values"
        }
        test "x.Index [At 1; Range(2, 3)] is [6, 7]" {
            let y = (m34 ()).Index [| Index.At 1; Index.Range(Some 2, Some 3) |]
            Expect.tensorValues y [ 2 ] [ 6.0; 7.0 ] "values"
        }
        test "Slice with step 2 takes every other column" {
            let y = (m34 ()).Slice([| 0; 0 |], [| 3; 4 |], [| 1; 2 |])
            Expect.tensorValues y [ 3; 2 ] [ 0.0; 2.0; 4.0; 6.0; 8.0; 10.0 ] "values"
        }
        test "an empty range gives an empty axis" { Expect.equal ((m34 ()).[1..0, *]).Dims [| 0; 4 |] "shape" }
        test "the gradient of x.[0..1, 1] is 1 at the picked elements and 0 elsewhere" {
            let g = Diff.grad (fun x -> x.[0..1, 1].Sum()) (m34 ())
            Expect.tensorValues g [ 3; 4 ] [ 0.0; 1.0; 0.0; 0.0; 0.0; 1.0; 0.0; 0.0; 0.0; 0.0; 0.0; 0.0 ] "d slice"
        }
        test "slices of float32 tensors stay float32" {
            Expect.equal ((m34 ()).Cast(DType.Float32).[1]).DType DType.Float32 "dtype"
        }
        testPropertyWithConfig
            config
            "ops on a strided slice give what they give on a contiguous copy"
            (Prop.forAll (arb sliced) (fun ((starts, stops, steps), x) ->
                viewMatchesCopy (x.Slice(starts, stops, steps))))
        gradientAgreesFor "slice with steps" sliced (fun (starts, stops, steps) x -> x.Slice(starts, stops, steps))
        gradientAgreesFor "index" indexed (fun indices x -> x.Index indices)
        secondOrderAgrees "slice" (shapeAtLeast 1 |> Gen.bind (tensorOf Real)) (fun x ->
            let y = x.Slice(Array.zeroCreate x.Rank, x.Dims, Array.create x.Rank 2)
            y * y)
        testPropertyWithConfig
            config
            "slicing commutes with reading values by hand"
            (Prop.forAll (arb sliced) (fun ((starts, stops, steps), x) ->
                let y = x.Slice(starts, stops, steps)
                let xs = x.ToFloatArray()
                let strides = x.Shape.ContiguousStrides()

                let counts =
                    Array.init x.Rank (fun i -> (stops[i] - starts[i] + steps[i] - 1) / steps[i])

                let expected =
                    Array.init (Array.fold (*) 1 counts) (fun k ->
                        let mutable r = k
                        let mutable off = 0

                        for i in x.Rank - 1 .. -1 .. 0 do
                            off <- off + (starts[i] + (r % counts[i]) * steps[i]) * strides[i]
                            r <- r / counts[i]

                        xs[off])

                Expect.equal y.Dims counts "shape"
                Expect.equal (y.ToFloatArray()) expected "values"))
        test "x.[3] of a 3x4 matrix throws ShapeMismatchException naming index, the axis, the position and the shape" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (m34 ()).[3] |> ignore)
                [ "index"; "[0, 2] on axis 0"; "received 3 for shape 3x4" ]
                "row 3"
        }
        test "x.[0, −1] throws ShapeMismatchException naming index and axis 1" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (m34 ()).[0, -1] |> ignore)
                [ "index"; "axis 1"; "-1 for shape 3x4" ]
                "column −1"
        }
        test "x.[0..4, *] throws ShapeMismatchException naming index and the range end" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (m34 ()).[0..4, *] |> ignore)
                [ "index"; "a range end in [0, 2] on axis 0"; "received 4 for shape 3x4" ]
                "end 4"
        }
        test "three indices into a matrix throw ShapeMismatchException naming index" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (m34 ()).[0, 0, 0] |> ignore)
                [ "index"; "at most 2 indices"; "3 for shape 3x4" ]
                "rank"
        }
        test "Slice with step 0 throws ShapeMismatchException naming slice" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (m34 ()).Slice([| 0; 0 |], [| 3; 4 |], [| 1; 0 |]) |> ignore)
                [ "slice"; "step 0" ]
                "step 0"
        }
    ]
