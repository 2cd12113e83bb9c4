module Functional.Tests.OpMatMulTests

open Expecto
open FsCheck
open FsCheck.FSharp
open Functional
open Functional.Core.Tensors
open Functional.Tests.Generators
open Functional.Tests.GradCheck

/// Three float64 matrices m×k, k×n, n×p with dims 1..4.
let private chain =
    gen {
        let! dims = Gen.arrayOfLength 4 (Gen.choose (1, 4))
        let! a = tensorOf Real [ dims[0]; dims[1] ]
        let! b = tensorOf Real [ dims[1]; dims[2] ]
        let! c = tensorOf Real [ dims[2]; dims[3] ]
        return a, b, c
    }

let private name (dims: int list) =
    dims |> List.map string |> String.concat "x"

[<Tests>]
let tests =
    testList "Op.MatMul" [
        test "[[1, 2, 3], [4, 5, 6]] · [[7, 8], [9, 10], [11, 12]] is [[58, 64], [139, 154]]" {
            for dtype in [ DType.Float64; DType.Float32 ] do
                let a =
                    Tensor.ofList2D [ [ 1.0; 2.0; 3.0 ]; [ 4.0; 5.0; 6.0 ] ] |> Tensor.cast dtype

                let b =
                    Tensor.ofList2D [ [ 7.0; 8.0 ]; [ 9.0; 10.0 ]; [ 11.0; 12.0 ] ]
                    |> Tensor.cast dtype

                let y = Tensor.matmul a b
                Expect.equal y.DType dtype "dtype"
                Expect.tensorValues y [ 2; 2 ] [ 58.0; 64.0; 139.0; 154.0 ] "values" // oracle: by hand
        }
        for a, b, expected in
            [
                [ 3; 4 ], [ 4; 2 ], [ 3; 2 ]
                [ 5; 3; 4 ], [ 5; 4; 2 ], [ 5; 3; 2 ]
                [ 5; 3; 4 ], [ 4; 2 ], [ 5; 3; 2 ]
                [ 3; 4 ], [ 5; 4; 2 ], [ 5; 3; 2 ]
                [ 2; 1; 3; 4 ], [ 5; 4; 2 ], [ 2; 5; 3; 2 ]
                [ 1; 4 ], [ 4; 1 ], [ 1; 1 ]
            ] do
            test $"matmul of {name a} and {name b} is {name expected}" {
                Expect.equal (List.ofArray (Tensor.matmul (Tensor.zeros a) (Tensor.zeros b)).Dims) expected "shape"
            }
        testPropertyWithConfig
            config
            "each matrix of a (broadcast) batched product is the 2-D product of its operands"
            (Prop.forAll (arb matmulPair) (fun (a, b) ->
                let y = Tensor.matmul a b
                let rank = y.Rank
                let batch = y.Dims[.. rank - 3]

                let ea =
                    a.ExpandTo(Array.append batch a.Dims[a.Rank - 2 ..]).Reshape [
                        -1
                        a.Dims[a.Rank - 2]
                        a.Dims[a.Rank - 1]
                    ]

                let eb =
                    b.ExpandTo(Array.append batch b.Dims[b.Rank - 2 ..]).Reshape [
                        -1
                        b.Dims[b.Rank - 2]
                        b.Dims[b.Rank - 1]
                    ]

                let ys = y.Reshape [ -1; y.Dims[rank - 2]; y.Dims[rank - 1] ]

                for i in 0 .. ys.Dims[0] - 1 do
                    Expect.tensorClose Tolerance.tight ys.[i] (Tensor.matmul ea.[i] eb.[i]) $"batch {i}"))
        testPropertyWithConfig
            config
            "matmul is associative within tolerance: (A·B)·C = A·(B·C)"
            (Prop.forAll (arb chain) (fun (a, b, c) ->
                Expect.tensorClose
                    Tolerance.tight
                    (Tensor.matmul (Tensor.matmul a b) c)
                    (Tensor.matmul a (Tensor.matmul b c))
                    "associativity"))
        testPropertyWithConfig
            config
            "(A·B)ᵀ = Bᵀ·Aᵀ"
            (Prop.forAll (arb matmulPair) (fun (a, b) ->
                Expect.tensorClose
                    Tolerance.tight
                    (Tensor.transpose (Tensor.matmul a b))
                    (Tensor.matmul (Tensor.transpose b) (Tensor.transpose a))
                    "transpose"))
        testPropertyWithConfig
            config
            "A·I = A and I·A = A"
            (Prop.forAll
                (arb (
                    Gen.zip (Gen.choose (1, 4)) (Gen.choose (1, 4))
                    |> Gen.bind (fun (m, n) -> tensorOf Real [ m; n ])
                ))
                (fun a ->
                    let eye n = Tensor.Eye(n, DType.Float64)
                    Expect.tensorClose Tolerance.tight (Tensor.matmul a (eye a.Dims[1])) a "A·I"
                    Expect.tensorClose Tolerance.tight (Tensor.matmul (eye a.Dims[0]) a) a "I·A"))
        gradientAgreesPair "matmul" matmulPair Tensor.matmul
        secondOrderAgrees
            "matmul of a matrix with itself"
            (Gen.choose (1, 4) |> Gen.bind (fun n -> tensorOf Real [ n; n ]))
            (fun a -> Tensor.matmul a a)
        test "the gradients of sum(A·B) are 1·Bᵀ and Aᵀ·1, by hand" {
            let a = Tensor.ofList2D [ [ 1.0; 2.0 ] ]
            let b = Tensor.ofList2D [ [ 3.0; 4.0; 5.0 ]; [ 6.0; 7.0; 8.0 ] ]
            let ga, gb = Diff.grad2 (fun a b -> (Tensor.matmul a b).Sum()) (a, b)
            Expect.tensorValues ga [ 1; 2 ] [ 12.0; 21.0 ] "d/dA: row sums of B" // oracle: by hand
            Expect.tensorValues gb [ 2; 3 ] [ 1.0; 1.0; 1.0; 2.0; 2.0; 2.0 ] "d/dB: A's entries repeated" // oracle: by hand
        }
        test
            "matmul of 3x4 and 5x2 throws ShapeMismatchException: matmul: expected a.[1] = b.[0], received a 3x4, b 5x2" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Tensor.matmul (Tensor.zeros [ 3; 4 ]) (Tensor.zeros [ 5; 2 ]) |> ignore)
                [ "matmul: expected a.[1] = b.[0], received a 3x4, b 5x2" ]
                "inner dims"
        }
        test "matmul of 2x3x4 and 2x5x2 throws ShapeMismatchException naming a.[-1] = b.[-2] and both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Tensor.matmul (Tensor.zeros [ 2; 3; 4 ]) (Tensor.zeros [ 2; 5; 2 ]) |> ignore)
                [ "matmul: expected a.[-1] = b.[-2]"; "a 2x3x4, b 2x5x2" ]
                "inner dims"
        }
        test "matmul of 2x3x4 and 3x4x5 throws ShapeMismatchException naming both whole shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Tensor.matmul (Tensor.zeros [ 2; 3; 4 ]) (Tensor.zeros [ 3; 4; 5 ]) |> ignore)
                [ "matmul"; "batch"; "a 2x3x4, b 3x4x5" ]
                "batch"
        }
        test "matmul of a vector throws ShapeMismatchException naming matmul and both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Tensor.matmul (Tensor.zeros [ 3 ]) (Tensor.zeros [ 3; 2 ]) |> ignore)
                [ "matmul"; "rank >= 2"; "a 3, b 3x2" ]
                "rank 1"
        }
        test "matmul of float32 and float64 throws DTypeMismatchException naming matmul and both dtypes" {
            Expect.throwsWith<DTypeMismatchException>
                (fun () ->
                    Tensor.matmul (Tensor.zeros [ 2; 2 ]) (Tensor.Zeros([ 2; 2 ], DType.Float64))
                    |> ignore)
                [ "matmul"; "a float32, b float64" ]
                "dtypes"
        }
    ]
