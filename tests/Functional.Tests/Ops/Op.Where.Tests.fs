module Functional.Tests.OpWhereTests

open Expecto
open FsCheck
open FsCheck.FSharp
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

/// (cond, (a, b)): a and b broadcast together; cond, of 0s and 1s, has the shape of a or of b.
let private cases =
    gen {
        let! sa, sb = broadcastPair
        let! a = tensorOf Real sa
        let! b = tensorOf Real sb
        let! condDims = Gen.elements [ sa; sb ]
        let! bits = Gen.arrayOfLength (List.fold (*) 1 condDims) (Gen.elements [ 0.0; 1.0 ])
        return Tensor.ofArrayShaped condDims bits, (a, b)
    }

[<Tests>]
let tests =
    testList "Op.Where" [
        test "where [1, 0, 2] picks a, b, a" {
            for vec in [ vec64; vec32 ] do
                let y =
                    Tensor.where (vec [ 1.0; 0.0; 2.0 ]) (vec [ 10.0; 20.0; 30.0 ]) (vec [ -1.0; -2.0; -3.0 ])

                Expect.tensorValues y [ 3 ] [ 10.0; -2.0; 30.0 ] "values" // oracle: by hand
        }
        test "where broadcasts cond, a and b together: a 2x1 condition, a row and a scalar give 2x3" {
            let y =
                Tensor.where (Tensor.ofList2D [ [ 1.0 ]; [ 0.0 ] ]) (vec64 [ 1.0; 2.0; 3.0 ]) (Tensor.scalar 0.0)

            Expect.tensorValues y [ 2; 3 ] [ 1.0; 2.0; 3.0; 0.0; 0.0; 0.0 ] "values" // oracle: by hand
        }
        test "where keeps a NaN it picks and drops one it does not" {
            let y = Tensor.where (vec64 [ 1.0; 0.0 ]) (vec64 [ nan; nan ]) (vec64 [ 5.0; 6.0 ])
            Expect.tensorValues y [ 2 ] [ nan; 6.0 ] "values" // oracle: by hand
        }
        test "the gradient flows to a where cond holds and to b elsewhere" {
            let cond = vec64 [ 1.0; 0.0; 1.0 ]

            let ga, gb =
                Diff.grad2
                    (fun a b -> (Tensor.where cond a b * 2.0).Sum())
                    (vec64 [ 1.0; 1.0; 1.0 ], vec64 [ 1.0; 1.0; 1.0 ])

            Expect.tensorValues ga [ 3 ] [ 2.0; 0.0; 2.0 ] "d/da" // oracle: by hand
            Expect.tensorValues gb [ 3 ] [ 0.0; 2.0; 0.0 ] "d/db" // oracle: by hand
        }
        test "where accepts an int32 condition" {
            let y =
                Tensor.where (Tensor.ofList [ 0; 3 ]) (vec64 [ 1.0; 2.0 ]) (vec64 [ -1.0; -2.0 ])

            Expect.tensorValues y [ 2 ] [ -1.0; 2.0 ] "values" // oracle: by hand
        }
        test "a where of float32 and float64 throws DTypeMismatchException naming where" {
            Expect.throwsWith<DTypeMismatchException>
                (fun () -> Tensor.where (vec64 [ 1.0 ]) (vec32 [ 1.0 ]) (vec64 [ 1.0 ]) |> ignore)
                [ "where"; "float32"; "float64" ]
                "mixed"
        }
        testPropertyWithConfig
            config
            "where: reverse-mode gradients of both branches equal central differences"
            (Prop.forAll (arb cases) (fun (cond, (a, b)) ->
                agreesAt (fun a' -> Tensor.where cond a' b) a
                agreesAt (fun b' -> Tensor.where cond a b') b))
    ]
