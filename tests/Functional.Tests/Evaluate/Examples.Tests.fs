/// Labelled examples (Evaluate/Examples.fs): pairing, selecting, taking prefixes, matrices.
module Functional.Tests.ExamplesTests

open System
open Expecto
open Functional

let private sample =
    Examples.create [| [| 1.0; 2.0 |]; [| 3.0; 4.0 |]; [| 5.0; 6.0 |] |] [| 10; 20; 30 |]

[<Tests>]
let tests =
    testList "Examples" [
        test "create pairs inputs with targets and counts them" {
            Expect.equal (Examples.count sample) 3 "count"
            Expect.equal sample.Targets [| 10; 20; 30 |] "targets"
        }
        test "create with one target too few fails naming both lengths" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Examples.create [| 1; 2 |] [| 1 |] |> ignore)
                [ "examples"; "2 inputs"; "1 targets" ]
                "length mismatch"
        }
        test "take 2 keeps the first two examples, paired" {
            let first = Examples.take 2 sample
            Expect.equal first.Inputs [| [| 1.0; 2.0 |]; [| 3.0; 4.0 |] |] "inputs"
            Expect.equal first.Targets [| 10; 20 |] "targets"
        }
        test "take more than m fails with ArgumentOutOfRangeException" {
            Expect.throwsWith<ArgumentOutOfRangeException>
                (fun () -> Examples.take 4 sample |> ignore)
                [ "take"; "4" ]
                "take 4 of 3"
        }
        test "select picks examples by position, keeping inputs and targets together" {
            let picked = Examples.select [| 2; 0 |] sample
            Expect.equal picked.Targets [| 30; 10 |] "targets"
            Expect.equal picked.Inputs[0] [| 5.0; 6.0 |] "first input"
        }
        test "select outside 0 … m − 1 fails naming the position" {
            Expect.throwsWith<ArgumentOutOfRangeException>
                (fun () -> Examples.select [| 3 |] sample |> ignore)
                [ "select"; "3" ]
                "position 3"
        }
        test "ofMatrix and inputMatrix are inverse" {
            let x = array2D [ [ 1.0; 2.0 ]; [ 3.0; 4.0 ]; [ 5.0; 6.0 ] ]
            Expect.equal (Examples.inputMatrix (Examples.ofMatrix x [| 0; 1; 2 |])) x "round trip"
        }
        test "inputMatrix of rows of different lengths fails" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    Examples.inputMatrix (Examples.create [| [| 1.0 |]; [| 1.0; 2.0 |] |] [| 0; 1 |])
                    |> ignore)
                [ "inputMatrix"; "one length" ]
                "ragged rows"
        }
        test "mapInputs transforms inputs and keeps targets" {
            let squared = Examples.mapInputs (Array.map (fun v -> v * v)) sample
            Expect.equal squared.Inputs[1] [| 9.0; 16.0 |] "second input squared"
            Expect.equal squared.Targets sample.Targets "targets"
        }
    ]
