/// Broadcasting: NumPy's rule for result shapes, values against an independent reference, the errors, and the
/// gradient of a broadcast operand (summed over the broadcast axes).
module Functional.Tests.BroadcastTests

open Expecto
open FsCheck
open FsCheck.FSharp
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

/// NumPy's rule, written out independently of the library: align from the right; equal dims, or one of them 1.
let private numpyRule (a: int list) (b: int list) : int list option =
    let rank = max a.Length b.Length
    let pad (s: int list) = List.replicate (rank - s.Length) 1 @ s

    let dims =
        List.map2
            (fun x y ->
                if x = y || y = 1 then Some x
                elif x = 1 then Some y
                else None)
            (pad a)
            (pad b)

    if List.forall Option.isSome dims then
        Some(List.choose id dims)
    else
        None

/// f applied element by element after broadcasting by hand: output index i reads a (and b) at i with their
/// size-1 and missing leading axes pinned to 0.
let private reference (f: float -> float -> float) (a: Tensor) (b: Tensor) (out: int list) =
    let outDims = Array.ofList out
    let rank = outDims.Length

    let offsetOf (t: Tensor) (idx: int[]) =
        let dims = t.Dims
        let shift = rank - dims.Length
        let mutable off = 0

        for i in 0 .. dims.Length - 1 do
            off <- off * dims[i] + (if dims[i] = 1 then 0 else idx[i + shift])

        off

    let av, bv = a.ToFloatArray(), b.ToFloatArray()

    Array.init (Array.fold (*) 1 outDims) (fun k ->
        let idx = Array.zeroCreate rank
        let mutable r = k

        for i in rank - 1 .. -1 .. 0 do
            idx[i] <- r % outDims[i]
            r <- r / outDims[i]

        f av[offsetOf a idx] bv[offsetOf b idx])

/// Two shapes that do not broadcast: on one axis both dims are 2..4 and differ.
let private incompatiblePair: Gen<int list * int list> =
    gen {
        let! a = shapeAtLeast 1
        let! axis = Gen.choose (0, a.Length - 1)
        let! d = Gen.choose (2, 4)
        let! step = Gen.choose (1, 2)
        let! drop = Gen.choose (0, axis)
        let other = 2 + (d - 2 + step) % 3
        let a' = List.updateAt axis d a
        let b' = List.updateAt axis other a |> List.skip drop
        let! swap = Gen.elements [ true; false ]
        return if swap then b', a' else a', b'
    }

let private table =
    testList "rule table" [
        // oracle for each row: NumPy's broadcasting rule, applied by hand
        for a, b, expected in
            [
                [ 3; 1 ], [ 4 ], [ 3; 4 ]
                [ 2; 3 ], [ 3 ], [ 2; 3 ]
                [ 5; 1; 4 ], [ 3; 1 ], [ 5; 3; 4 ]
                [], [ 2; 3 ], [ 2; 3 ]
                [ 1 ], [ 2; 2 ], [ 2; 2 ]
                [ 4; 1; 1 ], [ 1; 3; 1 ], [ 4; 3; 1 ]
                [ 2; 1; 3 ], [ 4; 3 ], [ 2; 4; 3 ]
                [ 1; 1 ], [], [ 1; 1 ]
            ] do
            let name (s: int list) =
                if s.IsEmpty then
                    "scalar"
                else
                    s |> List.map string |> String.concat "x"

            test $"{name a} + {name b} is {name expected}" {
                let x = Tensor.Zeros(a, DType.Float64) + Tensor.Zeros(b, DType.Float64)
                Expect.equal (List.ofArray x.Dims) expected "result dims"
            }
        for a, b in [ [ 3; 2 ], [ 3 ]; [ 2; 3 ], [ 2 ]; [ 4 ], [ 5 ]; [ 2; 3; 4 ], [ 3; 5 ] ] do
            let name (s: int list) =
                s |> List.map string |> String.concat "x"

            test $"{name a} + {name b} throws ShapeMismatchException naming add and both shapes" {
                Expect.throwsWith<ShapeMismatchException>
                    (fun () -> Tensor.zeros a + Tensor.zeros b |> ignore)
                    [ "add: expected broadcastable shapes"; $"a {name a}, b {name b}" ]
                    "incompatible"
            }
    ]

let private properties =
    testList "properties" [
        testPropertyWithConfig
            config
            "the result shape follows NumPy's rule for generated broadcastable pairs"
            (Prop.forAll (arb broadcastPair) (fun (a, b) ->
                let x = Tensor.Zeros(a, DType.Float64) + Tensor.Zeros(b, DType.Float64)
                Expect.equal (Some(List.ofArray x.Dims)) (numpyRule a b) $"{a} + {b}"))
        testPropertyWithConfig
            config
            "add, sub, mul, div and lt agree with broadcasting by hand"
            (Prop.forAll (arb (broadcastTensors AwayFromZero)) (fun (a, b) ->
                let out = (numpyRule (List.ofArray a.Dims) (List.ofArray b.Dims)).Value

                for name, op, f in
                    [
                        "add", (+), (+)
                        "sub", (-), (-)
                        "mul", (*), (*)
                        "div", (/), (/)
                        "lt", (fun a b -> Tensor.Lt(a, b)), (fun x y -> if x < y then 1.0 else 0.0)
                    ] do
                    let expected = Tensor.ofArrayShaped out (reference f a b out)
                    Expect.tensorClose Tolerance.tight (op a b) expected $"{name} of {a} and {b}"))
        testPropertyWithConfig
            config
            "generated incompatible pairs throw ShapeMismatchException naming add and both shapes"
            (Prop.forAll (arb incompatiblePair) (fun (a, b) ->
                let name (s: int list) =
                    if s.IsEmpty then
                        "scalar"
                    else
                        s |> List.map string |> String.concat "x"

                Expect.throwsWith<ShapeMismatchException>
                    (fun () -> Tensor.zeros a + Tensor.zeros b |> ignore)
                    [ "add"; $"a {name a}, b {name b}" ]
                    "incompatible"))
        testPropertyWithConfig
            config
            "every binary op broadcasts to the same shape as add"
            (Prop.forAll (arb (broadcastTensors Positive)) (fun (a, b) ->
                let dims = (a + b).Dims

                for y in
                    [
                        a - b
                        a * b
                        a / b
                        Tensor.pow a b
                        Tensor.Eq(a, b)
                        Tensor.Where(Tensor.Gt(a, b), a, b)
                    ] do
                    Expect.equal y.Dims dims $"{a.Shape} with {b.Shape}"))
    ]

let private gradients =
    testList "gradients" [
        test "the gradient of a broadcast operand is summed over the broadcast axes" {
            let a = Tensor.zeros [ 3; 4 ] |> Tensor.toFloat64
            let b = vec64 [ 1.0; 2.0; 3.0; 4.0 ]
            let ga, gb = Diff.grad2 (fun a b -> (a + b).Sum()) (a, b)
            Expect.tensorValues ga [ 3; 4 ] (List.replicate 12 1.0) "d/da" // oracle: by hand
            Expect.tensorValues gb [ 4 ] [ 3.0; 3.0; 3.0; 3.0 ] "d/db: three rows each add 1" // oracle: by hand
        }
        test "the gradient of a size-1 axis sums along that axis" {
            let a = vec64 [ 1.0; 2.0; 3.0 ] |> Tensor.reshape [ 3; 1 ]
            let b = vec64 [ 10.0; 20.0 ]
            let ga, gb = Diff.grad2 (fun a b -> (a * b).Sum()) (a, b)
            Expect.tensorValues ga [ 3; 1 ] [ 30.0; 30.0; 30.0 ] "d/da = Σ b" // oracle: by hand
            Expect.tensorValues gb [ 2 ] [ 6.0; 6.0 ] "d/db = Σ a" // oracle: by hand
        }
        test "a scalar operand's gradient is the sum of the upstream gradient" {
            let g =
                Diff.grad
                    (fun s -> (Tensor.ofArrayShaped [ 2; 2 ] [| 1.0; 2.0; 3.0; 4.0 |] * s).Sum())
                    (Tensor.scalar 5.0)

            Expect.tensorValues g [] [ 10.0 ] "d/ds" // oracle: by hand, 1 + 2 + 3 + 4
        }
        gradientAgrees2 "broadcast add then mul" Real (fun a b -> (a + b) * b)
        secondOrderAgrees
            "a tensor times its mean over axis 0 (broadcast back)"
            (shapeAtLeast 1 |> Gen.bind (tensorOf Real))
            (fun x -> x * x.Mean(0, true))
        secondOrderAgrees
            "the outer product of a vector with itself"
            (shapeAtLeast 1 |> Gen.bind (tensorOf Real))
            (fun x ->
                let v = x.Flatten()
                v.Unsqueeze 0 * v.Unsqueeze 1)
    ]

[<Tests>]
let tests = testList "Broadcasting" [ table; properties; gradients ]
