module Functional.Tests.OpPermuteTests

open Expecto
open FsCheck
open FsCheck.FSharp
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

/// A tensor of rank 1..3 and a permutation of its axes.
let private permuted =
    gen {
        let! dims = shapeAtLeast 1
        let! perm = permutation dims.Length
        let! x = tensorOf Real dims
        return perm, x
    }

let private matrices = shapeAtLeast 2 |> Gen.bind (tensorOf Real)

[<Tests>]
let tests =
    testList "Op.Permute" [
        test "transpose of the 2x3 [[1, 2, 3], [4, 5, 6]] is the 3x2 [[1, 4], [2, 5], [3, 6]]" {
            let y =
                Tensor.transpose (Tensor.ofList2D [ [ 1.0f; 2.0f; 3.0f ]; [ 4.0f; 5.0f; 6.0f ] ])

            Expect.tensorValues y [ 3; 2 ] [ 1.0; 4.0; 2.0; 5.0; 3.0; 6.0 ] "values" // oracle: by hand
        }
        test "permute [2; 0; 1] of a 2x3x4 tensor is 4x2x3 with y[k, i, j] = x[i, j, k]" {
            let x = Tensor.Arange(0.0, 24.0, 1.0, DType.Float64) |> Tensor.reshape [ 2; 3; 4 ]
            let y = x |> Tensor.permute [ 2; 0; 1 ]
            Expect.equal y.Dims [| 4; 2; 3 |] "shape"
            Expect.equal (y.[3, 1, 2].ToScalar()) (x.[1, 2, 3].ToScalar()) "y[3, 1, 2] = x[1, 2, 3]"
        }
        test "transpose of a batch swaps only the last two axes" {
            Expect.equal (Tensor.transpose (Tensor.zeros [ 5; 2; 3 ])).Dims [| 5; 3; 2 |] "shape"
        }
        test "Transpose(0, 2) of 2x3x4 is 4x3x2" {
            Expect.equal ((Tensor.zeros [ 2; 3; 4 ]).Transpose(0, 2)).Dims [| 4; 3; 2 |] "shape"
        }
        testPropertyWithConfig
            config
            "permuting by p then by p's inverse restores the tensor"
            (Prop.forAll (arb permuted) (fun (perm, x) ->
                let inverse = Array.zeroCreate perm.Length
                perm |> Array.iteri (fun i p -> inverse[p] <- i)
                Expect.tensorClose Tolerance.tight (x.Permute(perm).Permute inverse) x "round trip"))
        testPropertyWithConfig
            config
            "transposing twice restores the tensor"
            (Prop.forAll (arb matrices) (fun x ->
                Expect.tensorClose Tolerance.tight (x |> Tensor.transpose |> Tensor.transpose) x "round trip"))
        testPropertyWithConfig
            config
            "ops on a permuted view give what they give on a contiguous copy"
            (Prop.forAll (arb permuted) (fun (perm, x) -> viewMatchesCopy (x.Permute perm)))
        gradientAgreesFor "permute" permuted (fun perm x -> x.Permute perm)
        gradientAgrees "transpose" matrices Tensor.transpose
        secondOrderAgrees "transpose" matrices (fun x -> Tensor.transpose x * Tensor.transpose x)
        test "permute [0; 0; 1] throws ShapeMismatchException naming permute, the permutation and the shape" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (Tensor.zeros [ 2; 3; 4 ]).Permute [| 0; 0; 1 |] |> ignore)
                [ "permute"; "a permutation of 0..2"; "[0, 0, 1] for shape 2x3x4" ]
                "repeated axis"
        }
        test "permute with too few axes throws ShapeMismatchException naming permute" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (Tensor.zeros [ 2; 3 ]).Permute [| 1 |] |> ignore)
                [ "permute"; "[1] for shape 2x3" ]
                "short"
        }
        test "permute with an axis out of range throws ShapeMismatchException naming permute" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> (Tensor.zeros [ 2; 3 ]).Permute [| 0; 2 |] |> ignore)
                [ "permute"; "[0, 2] for shape 2x3" ]
                "axis 2"
        }
        test "transpose of a vector throws ShapeMismatchException naming transpose and the shape" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Tensor.transpose (Tensor.zeros [ 3 ]) |> ignore)
                [ "transpose"; "shape 3" ]
                "rank 1"
        }
    ]
