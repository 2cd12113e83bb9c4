/// Losses (Loss/Loss.fs): values against oracles, stability at the extremes, gradients, and bad input.
module Functional.Tests.LossTests

open System
open Expecto
open FsCheck
open FsCheck.FSharp
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

/// Values in [lo, hi] for a tensor of the given dims.
let private uniform (lo: float) (hi: float) (dims: int list) =
    Gen.arrayOfLength
        (List.fold (*) 1 dims)
        (Gen.choose (0, 1000) |> Gen.map (fun i -> lo + (hi - lo) * float i / 1000.0))
    |> Gen.map (Tensor.ofArrayShaped dims)

/// Predictions on a domain and targets in [0, 1] of one generated shape.
let private pairsOn (predictions: int list -> Gen<Tensor>) =
    gen {
        let! dims = shape
        let! p = predictions dims
        let! y = uniform 0.0 1.0 dims
        return y, p
    }

/// Logits [N, C] (N, C in 1..4) and int64 labels in [0, C).
let private labelled =
    gen {
        let! n = Gen.choose (1, 4)
        let! c = Gen.choose (1, 4)
        let! logits = tensorOf Real [ n; c ]
        let! labels = Gen.arrayOfLength n (Gen.choose (0, c - 1))
        return Tensor.ofArray (labels |> Array.map int64), logits
    }

/// The one-hot [N, C] float64 form of int labels.
let private oneHot (classes: int) (labels: Tensor) =
    let ls = labels.ToFloatArray()

    Tensor.ofArrayShaped
        [ ls.Length; classes ]
        (Array.init (ls.Length * classes) (fun k -> if float (k % classes) = ls[k / classes] then 1.0 else 0.0))

let private values =
    testList "values" [
        test "mse of [1, 2, 3] against [1, 1, 1] is 5/3 in float64 and float32" {
            for vec in [ vec64; vec32 ] do
                Expect.tensorValues (Loss.mse (vec [ 1.0; 2.0; 3.0 ]) (vec [ 1.0; 1.0; 1.0 ])) [] [ 5.0 / 3.0 ] "mse" // oracle: by hand
        }
        test "bce of p = [0.9, 0.2] against [1, 0] is 0.1642520335" {
            // oracle: Python 3.11 -(math.log(0.9) + math.log(0.8)) / 2
            Expect.tensorValuesWithin
                Tolerance.oracle
                (Loss.bce (vec64 [ 0.9; 0.2 ]) (vec64 [ 1.0; 0.0 ]))
                []
                [ 0.1642520335 ]
                "float64"

            Expect.tensorValues (Loss.bce (vec32 [ 0.9; 0.2 ]) (vec32 [ 1.0; 0.0 ])) [] [ 0.1642520335 ] "float32"
        }
        test "bce clamps each log at −100 as PyTorch does: p = 0 against 1 costs 100, not inf" {
            Expect.tensorValues (Loss.bce (vec64 [ 0.0; 1.0 ]) (vec64 [ 1.0; 0.0 ])) [] [ 100.0 ] "clamped" // oracle: by hand
            Expect.tensorValues (Loss.bce (vec64 [ 0.0; 1.0 ]) (vec64 [ 0.0; 1.0 ])) [] [ 0.0 ] "perfect" // oracle: by hand
        }
        test "bce has a finite gradient at p = 0 and p = 1" {
            for target in [ [ 0.0; 1.0 ]; [ 1.0; 0.0 ]; [ 0.5; 0.5 ] ] do
                Expect.allFinite
                    (Diff.grad (fun p -> Loss.bce p (vec64 target)) (vec64 [ 0.0; 1.0 ]))
                    $"targets {target}"
        }
        test "bce of a NaN probability is NaN, not a clamped number" {
            Expect.isTrue (Double.IsNaN((Loss.bce (vec64 [ nan ]) (vec64 [ 1.0 ])).ToScalar())) "NaN"
        }
        test "bceWithLogits of z = [0, 2, −1] against [1, 0, 1] is 1.37777896" {
            // oracle: Python 3.11 mean of math.log1p(math.exp(z)) − z·y
            Expect.tensorValuesWithin
                Tolerance.oracle
                (Loss.bceWithLogits (vec64 [ 0.0; 2.0; -1.0 ]) (vec64 [ 1.0; 0.0; 1.0 ]))
                []
                [ 1.37777896 ]
                "float64"

            Expect.tensorValues
                (Loss.bceWithLogits (vec32 [ 0.0; 2.0; -1.0 ]) (vec32 [ 1.0; 0.0; 1.0 ]))
                []
                [ 1.37777896 ]
                "float32"
        }
        test "bceWithLogits of ±1000 is finite, and so is its gradient (σ(z) − y) / N" {
            for vec in [ vec64; vec32 ] do
                let z, y = vec [ 1000.0; -1000.0; 1000.0 ], vec [ 0.0; 1.0; 1.0 ]
                Expect.tensorValues (Loss.bceWithLogits z y) [] [ 2000.0 / 3.0 ] "loss" // oracle: by hand, (1000 + 1000 + 0) / 3

                Expect.tensorValues
                    (Diff.grad (fun z -> Loss.bceWithLogits z y) z)
                    [ 3 ]
                    [ 1.0 / 3.0; -1.0 / 3.0; 0.0 ]
                    "gradient" // oracle: by hand
        }
        test
            "crossEntropy of [[1, 2, 3], [1, 0, −1]] with labels [2, 0] is 0.4076059644, for int64, int32 and one-hot targets" {
            // oracle: Python 3.11 −(log_softmax([1, 2, 3])[2] + log_softmax([1, 0, −1])[0]) / 2 with math.log/math.exp
            let logits = Tensor.ofList2D [ [ 1.0; 2.0; 3.0 ]; [ 1.0; 0.0; -1.0 ] ]

            for target in
                [
                    Tensor.ofList [ 2L; 0L ]
                    Tensor.ofList [ 2; 0 ]
                    oneHot 3 (Tensor.ofList [ 2L; 0L ])
                ] do
                Expect.tensorValuesWithin
                    Tolerance.oracle
                    (Loss.crossEntropy logits target)
                    []
                    [ 0.4076059644 ]
                    $"{target.DType}"

            Expect.tensorValues
                (Loss.crossEntropy (Tensor.toFloat32 logits) (Tensor.ofList [ 2L; 0L ]))
                []
                [ 0.4076059644 ]
                "float32"
        }
        test "hinge of s = [2, 0.5, -1] against y = [1, 1, -1] is mean(0, 0.5, 0) = 1/6; 0/1 labels read as -1/1" {
            let s = vec64 [ 2.0; 0.5; -1.0 ]
            Expect.tensorValues (Loss.hinge s (vec64 [ 1.0; 1.0; -1.0 ])) [] [ 0.5 / 3.0 ] "±1 labels" // oracle: by hand
            Expect.tensorValues (Loss.hinge s (vec64 [ 1.0; 1.0; 0.0 ])) [] [ 0.5 / 3.0 ] "0/1 labels"
            // oracle: by hand, d/ds of max(0, 1 − y s) / 3 is −y/3 where the margin is violated, else 0
            Expect.tensorValues
                (Diff.grad (fun s -> Loss.hinge s (vec64 [ 1.0; 1.0; -1.0 ])) s)
                [ 3 ]
                [ 0.0; -1.0 / 3.0; 0.0 ]
                "gradient"
        }
        test "hinge rejects labels other than -1/1 or 0/1, naming hinge" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Loss.hinge (vec64 [ 1.0; 2.0 ]) (vec64 [ 1.0; 2.0 ]) |> ignore)
                [ "hinge"; "received 2" ]
                "label 2"

            Expect.throwsWith<ArgumentException>
                (fun () -> Loss.hinge (vec64 [ 1.0; 2.0 ]) (vec64 [ -1.0; 0.0 ]) |> ignore)
                [ "hinge"; "both -1 and 0" ]
                "mixed"
        }
        test "crossEntropy of logits ±1000 is finite" {
            let logits = Tensor.ofList2D [ [ 1000.0; -1000.0 ]; [ -1000.0; 1000.0 ] ]
            Expect.tensorValues (Loss.crossEntropy logits (Tensor.ofList [ 1L; 1L ])) [] [ 1000.0 ] "loss" // oracle: by hand, (2000 + 0) / 2
        }
    ]

let private properties =
    testList "properties" [
        testPropertyWithConfig
            config
            "bceWithLogits z y equals bce (sigmoid z) y"
            (Prop.forAll (arb (pairsOn (tensorOf Real))) (fun (y, z) ->
                Expect.tensorClose Tolerance.tight (Loss.bceWithLogits z y) (Loss.bce (Tensor.sigmoid z) y) "same loss"))
        testPropertyWithConfig
            config
            "crossEntropy with int labels equals crossEntropy with their one-hot form"
            (Prop.forAll (arb labelled) (fun (labels, logits) ->
                Expect.tensorClose
                    Tolerance.tight
                    (Loss.crossEntropy logits labels)
                    (Loss.crossEntropy logits (oneHot logits.Dims[1] labels))
                    "same loss"))
        testPropertyWithConfig
            config
            "the gradient of crossEntropy is (softmax − one-hot) / N"
            (Prop.forAll (arb labelled) (fun (labels, logits) ->
                let expected =
                    (Tensor.softmax 1 logits - oneHot logits.Dims[1] labels) / float logits.Dims[0]

                Expect.tensorClose
                    Tolerance.tight
                    (Diff.grad (fun z -> Loss.crossEntropy z labels) logits)
                    expected
                    "gradient"))
    ]

let private gradients =
    testList "gradients" [
        gradientAgreesFor "mse (predictions)" (pairsOn (tensorOf Real)) (fun y p -> Loss.mse p y)
        gradientAgreesFor "mse (targets)" (pairsOn (tensorOf Real)) (fun p y -> Loss.mse p y)
        gradientAgreesFor "bce" (pairsOn (uniform 0.05 0.95)) (fun y p -> Loss.bce p y)
        gradientAgreesFor "bceWithLogits" (pairsOn (tensorOf Real)) (fun y z -> Loss.bceWithLogits z y)
        gradientAgreesFor
            "hinge (labels 1)"
            (shape |> Gen.bind (tensorOf Real) |> Gen.map (fun s -> s * 0.0 + 1.0, s))
            (fun y s -> Loss.hinge s y)
        gradientAgreesFor "crossEntropy with int labels" labelled (fun labels z -> Loss.crossEntropy z labels)
        gradientAgreesFor "crossEntropy with one-hot targets" labelled (fun labels z ->
            Loss.crossEntropy z (oneHot z.Dims[1] labels))
        gradientAgreesFor "crossEntropy with probability targets" labelled (fun labels z ->
            Loss.crossEntropy z (Tensor.softmax 1 (oneHot z.Dims[1] labels * 2.0)))
    ]

let private badInput =
    testList "bad input" [
        test "mse of 2x3 and 3x2 throws ShapeMismatchException naming mse and both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Loss.mse (Tensor.zeros [ 2; 3 ]) (Tensor.zeros [ 3; 2 ]) |> ignore)
                [ "mse"; "predictions 2x3, targets 3x2" ]
                "shapes"
        }
        test "mse of float32 and float64 throws DTypeMismatchException naming mse and both dtypes" {
            Expect.throwsWith<DTypeMismatchException>
                (fun () -> Loss.mse (vec32 [ 1.0 ]) (vec64 [ 1.0 ]) |> ignore)
                [ "mse"; "predictions float32, targets float64" ]
                "dtypes"
        }
        test "bce of 2 and 3 elements throws ShapeMismatchException naming bce and both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Loss.bce (Tensor.zeros [ 2 ]) (Tensor.zeros [ 3 ]) |> ignore)
                [ "bce"; "predictions 2, targets 3" ]
                "shapes"
        }
        test "bceWithLogits of 2 and 2x1 throws ShapeMismatchException naming bceWithLogits" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Loss.bceWithLogits (Tensor.zeros [ 2 ]) (Tensor.zeros [ 2; 1 ]) |> ignore)
                [ "bceWithLogits"; "predictions 2, targets 2x1" ]
                "shapes"
        }
        test "crossEntropy with label 3 for 3 classes throws ArgumentException naming the label and the row" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Loss.crossEntropy (Tensor.zeros [ 2; 3 ]) (Tensor.ofList [ 0L; 3L ]) |> ignore)
                [ "crossEntropy"; "labels in [0, 3)"; "received 3 at row 1" ]
                "label 3"
        }
        test "crossEntropy with label −1 throws ArgumentException naming the row" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Loss.crossEntropy (Tensor.zeros [ 2; 3 ]) (Tensor.ofList [ -1; 0 ]) |> ignore)
                [ "crossEntropy"; "-1 at row 0" ]
                "label −1"
        }
        test "crossEntropy with 3 labels for 2 rows throws ShapeMismatchException naming both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () ->
                    Loss.crossEntropy (Tensor.zeros [ 2; 3 ]) (Tensor.ofList [ 0L; 1L; 2L ])
                    |> ignore)
                [ "crossEntropy"; "logits 2x3, labels 3" ]
                "rows"
        }
        test "crossEntropy with one-hot targets of another shape throws ShapeMismatchException naming both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Loss.crossEntropy (Tensor.zeros [ 2; 3 ]) (Tensor.zeros [ 2; 2 ]) |> ignore)
                [ "crossEntropy"; "predictions 2x3, targets 2x2" ]
                "one-hot"
        }
        test "crossEntropy of vector logits throws ShapeMismatchException naming crossEntropy" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Loss.crossEntropy (Tensor.zeros [ 3 ]) (Tensor.ofList [ 0L ]) |> ignore)
                [ "crossEntropy"; "[N, C]"; "logits 3" ]
                "rank 1"
        }
    ]

[<Tests>]
let tests = testList "Loss" [ values; properties; gradients; badInput ]
