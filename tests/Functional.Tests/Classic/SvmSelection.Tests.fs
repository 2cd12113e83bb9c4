/// Svm.selectOnValidation (Classic/Svm.fs): the (C, kernel parameter) grid scored on validation data, its ties, its
/// table of errors and its bad input.
module Functional.Tests.SvmSelectionTests

open System
open Expecto
open Functional
open Functional.Core.Tensors

/// Rings about the origin, at angles 2π(k + offset)/count: 8 points at radius 1 (class 0), 24 at radius 3 (class 1).
let private rings (offset: float) =
    let rows = [|
        for label, radius, count in [ 0.0, 1.0, 8; 1.0, 3.0, 24 ] do
            for k in 0 .. count - 1 do
                let angle = 2.0 * Math.PI * (float k + offset) / float count
                yield radius * cos angle, radius * sin angle, label
    |]

    Tensor.ofArrayShaped [ rows.Length; 2 ] (rows |> Array.collect (fun (a, b, _) -> [| a; b |])),
    Tensor.ofArray (rows |> Array.map (fun (_, _, l) -> l))

let private validationSelection =
    // Training points on the rings, validation points halfway between them.
    let train = rings 0.0
    let validation = rings 0.5

    testList "selectOnValidation" [
        test "on two rings σ = 1 wins over σ = 0.01, which only memorises the training points" {
            let selection =
                Svm.selectOnValidation Svm.defaults Kernel.rbfOfSigma [ 1.0 ] [ 0.01; 1.0 ] train validation

            // oracle: by hand. σ = 0.01 (γ = 5000): kernel values between distinct points underflow to 0, so the Gram
            // matrix is I, α = C = 1 on the 8 inner points and 1/3 on the 24 outer ones (Σ αᵢyᵢ = 0), and b = 2/3 from
            // y f = 1 there. On the validation points f = b > 0: all are called outer, the 8 inner ones wrongly.
            Expect.equal selection.Errors[0, 0] 0.25 "σ = 0.01: 8 of 32 wrong"
            Expect.equal selection.Errors[0, 1] 0.0 "σ = 1: none wrong"
            Expect.equal selection.Parameter 1.0 "σ"
            Expect.equal selection.C 1.0 "C"
            Expect.equal selection.ValidationError 0.0 "validation error"
            Expect.equal selection.Kernel (Kernel.rbfOfSigma 1.0) "kernel"
            Expect.equal selection.Cs [| 1.0 |] "Cs, the rows of Errors"
            Expect.equal selection.Parameters [| 0.01; 1.0 |] "parameters, the columns of Errors"
        }
        test "the parameter can be the kernel itself: on the rings an RBF kernel beats the linear one" {
            let selection =
                Svm.selectOnValidation Svm.defaults id [ 1.0 ] [ Kernel.linear; Kernel.rbfOfSigma 1.0 ] train validation

            // oracle: by hand, no line separates the rings. The inner validation points surround the origin, so a line
            // calling them all inner (w·x + b ≤ 0) has b ≤ 0; the outer ones sum to 0, so one has w·x ≤ 0 and is called
            // inner too: at least 1 of 32 wrong.
            Expect.isGreaterThanOrEqual selection.Errors[0, 0] (1.0 / 32.0) "linear"
            Expect.equal selection.Parameter (Kernel.rbfOfSigma 1.0) "kernel"
            Expect.equal selection.ValidationError 0.0 "validation error"
        }
        test "every cell is 1 − accuracy of Svm.fit with that pair, and Fit is the chosen pair's SVM" {
            let cs = [ 0.1; 10.0 ]
            let sigmas = [ 0.3; 3.0 ]

            let selection =
                Svm.selectOnValidation Svm.defaults Kernel.rbfOfSigma cs sigmas train validation

            let xv, yv = validation

            let fitWith c sigma =
                Svm.fit
                    {
                        Svm.defaults with
                            C = c
                            Kernel = Kernel.rbfOfSigma sigma
                    }
                    (fst train)
                    (snd train)

            for i, c in List.indexed cs do
                for j, sigma in List.indexed sigmas do
                    Expect.equal selection.Errors[i, j] (1.0 - Svm.accuracy (fitWith c sigma) xv yv) $"C {c}, σ {sigma}"

            let chosen = fitWith selection.C selection.Parameter

            Expect.tensorClose
                { Absolute = 0.0; Relative = 0.0 }
                (Svm.decisionFunction selection.Fit xv)
                (Svm.decisionFunction chosen xv)
                "decision values"

            let smallest = selection.Errors |> Seq.cast<float> |> Seq.min
            Expect.equal selection.ValidationError smallest "the smallest error of the table"
        }
        test "a tie goes to the first pair in grid order, whatever the C" {
            let selection =
                Svm.selectOnValidation Svm.defaults Kernel.rbfOfSigma [ 10.0; 1.0 ] [ 1.0 ] train validation

            Expect.equal selection.Errors (array2D [ [ 0.0 ]; [ 0.0 ] ]) "both pairs are perfect"
            Expect.equal selection.C 10.0 "the first C listed"
        }
        test "no C throws ArgumentException naming the op" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    Svm.selectOnValidation Svm.defaults Kernel.rbfOfSigma [] [ 1.0 ] train validation
                    |> ignore)
                [ "svm selectOnValidation"; "at least one C"; "received none" ]
                "cs"
        }
        test "no kernel parameter throws ArgumentException" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    Svm.selectOnValidation Svm.defaults Kernel.rbfOfSigma [ 1.0 ] [] train validation
                    |> ignore)
                [ "svm selectOnValidation"; "at least one kernel parameter" ]
                "parameters"
        }
        test "a C of 0 anywhere in the grid throws ArgumentException naming C" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    Svm.selectOnValidation Svm.defaults Kernel.rbfOfSigma [ 1.0; 0.0 ] [ 1.0 ] train validation
                    |> ignore)
                [ "svm"; "C > 0"; "received 0" ]
                "C"
        }
        test "a validation set of another width throws ShapeMismatchException naming xVal" {
            let xv = Tensor.ofList2D [ [ 0.0; 0.0; 0.0 ]; [ 1.0; 1.0; 1.0 ] ]

            Expect.throwsWith<ShapeMismatchException>
                (fun () ->
                    Svm.selectOnValidation
                        Svm.defaults
                        Kernel.rbfOfSigma
                        [ 1.0 ]
                        [ 1.0 ]
                        train
                        (xv, Tensor.ofList [ 0.0; 1.0 ])
                    |> ignore)
                [ "svm selectOnValidation"; "xVal with 2 columns"; "xVal 2x3" ]
                "width"
        }
        test "validation labels of the wrong length throw ShapeMismatchException naming yVal" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () ->
                    Svm.selectOnValidation
                        Svm.defaults
                        Kernel.rbfOfSigma
                        [ 1.0 ]
                        [ 1.0 ]
                        train
                        (fst validation, Tensor.ofList [ 0.0; 1.0 ])
                    |> ignore)
                [ "svm selectOnValidation"; "yVal of shape [32]" ]
                "length"
        }
        test "a validation label that is not a training class throws ArgumentException naming it" {
            let yv =
                Tensor.ofArray (
                    Array.init 32 (fun i ->
                        if i = 5 then 2.0
                        elif i < 8 then 0.0
                        else 1.0)
                )

            Expect.throwsWith<ArgumentException>
                (fun () ->
                    Svm.selectOnValidation Svm.defaults Kernel.rbfOfSigma [ 1.0 ] [ 1.0 ] train (fst validation, yv)
                    |> ignore)
                [
                    "svm selectOnValidation"
                    "training classes 0 and 1"
                    "received 2 at index 5"
                ]
                "class"
        }
        test "training labels of one class throw ArgumentException" {
            let y = Tensor.ofArray (Array.create 32 1.0)

            Expect.throwsWith<ArgumentException>
                (fun () ->
                    Svm.selectOnValidation Svm.defaults Kernel.rbfOfSigma [ 1.0 ] [ 1.0 ] (fst train, y) validation
                    |> ignore)
                [ "svm selectOnValidation"; "exactly two classes"; "received 1" ]
                "one class"
        }
    ]

[<Tests>]
let tests = testList "Svm" [ validationSelection ]
