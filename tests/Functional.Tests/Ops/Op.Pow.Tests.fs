module Functional.Tests.OpPowTests

open Expecto
open FsCheck.FSharp
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

/// Broadcastable (base, exponent) pairs: positive bases, so aᵇ and ln a are defined for any exponent.
let private bases =
    gen {
        let! sa, sb = broadcastPair
        let! a = tensorOf Positive sa
        let! b = tensorOf Real sb
        return a, b
    }

[<Tests>]
let tests =
    testList "Op.Pow" [
        // oracle: Python 3.11 3 ** 0.5, 2 ** -1.5, 0.5 ** 2.5, printed to 10 significant digits; the rest by hand
        elementwise "pow x [3, 0.5, −1.5, 2.5]" (fun x -> Tensor.pow x ((vec64 [ 3.0; 0.5; -1.5; 2.5 ]).Cast x.DType)) [
            2.0
            3.0
            2.0
            0.5
        ] [ 8.0; 1.732050808; 0.3535533906; 0.1767766953 ]
        test "pow broadcasts a vector of exponents over rows" {
            let y =
                Tensor.pow (Tensor.ofList2D [ [ 2.0; 3.0 ]; [ 4.0; 5.0 ] ]) (vec64 [ 2.0; 1.0 ])

            Expect.tensorValues y [ 2; 2 ] [ 4.0; 3.0; 16.0; 5.0 ] "values" // oracle: by hand
        }
        test "pow of a float32 base and a float64 exponent throws DTypeMismatchException naming pow" {
            Expect.throwsWith<DTypeMismatchException>
                (fun () -> Tensor.pow (vec32 [ 2.0 ]) (vec64 [ 2.0 ]) |> ignore)
                [ "pow"; "float32"; "float64" ]
                "mixed"
        }
        test "the gradients of aᵇ at a = 2, b = 3 are b·aᵇ⁻¹ = 12 and aᵇ·ln a = 8 ln 2" {
            let ga, gb =
                Diff.grad2 (fun a b -> (Tensor.pow a b).Sum()) (vec64 [ 2.0 ], vec64 [ 3.0 ])

            Expect.tensorValues ga [ 1 ] [ 12.0 ] "d/da" // oracle: by hand
            Expect.tensorValuesWithin Tolerance.oracle gb [ 1 ] [ 5.545177444 ] "d/db" // oracle: Python 3.11 8 * math.log(2)
        }
        test "the gradient of 0ᵇ with respect to b at b = 2 is 0, not 0 · ln 0 = NaN" {
            let gb =
                Diff.grad (fun b -> Tensor.pow (vec64 [ 0.0 ]) b |> Tensor.sum) (vec64 [ 2.0 ])

            Expect.tensorValues gb [ 1 ] [ 0.0 ] "d/db" // oracle: by hand, 0ᵇ = 0 for b > 0
        }
        gradientAgreesPair "pow of two tensors" bases (fun a b -> Tensor.pow a b)
        gradientAgrees "powScalar 1.5" (tensor Positive) (Tensor.powScalar 1.5)
        secondOrderAgrees "pow of a tensor base and a constant tensor exponent" (tensor Positive) (fun a ->
            Tensor.pow a (Tensor.full a.Dims 1.7 |> Tensor.toFloat64))
        secondOrderAgrees "pow of a constant base and a tensor exponent" (tensor Real) (fun b ->
            Tensor.pow (Tensor.full b.Dims 1.3 |> Tensor.toFloat64) b)
    ]
