/// Train / validation / test splits (Evaluate/Splits.fs): disjoint, covering, reproducible by seed, stratified; the
/// three roles are distinct types.
module Functional.Tests.SplitsTests

open System
open Expecto
open FsCheck
open FsCheck.FSharp
open Functional

let private parts (split: Split<int[]>) =
    split.Train.Value, split.Validation.Value, split.Test.Value

/// Every position 0 … n − 1 lies in exactly one part.
let private coversOnce (n: int) (split: Split<int[]>) =
    let t, v, s = parts split
    let all = Array.concat [ t; v; s ]
    Expect.equal (Array.sort all) (Array.init n id) "the parts cover every position exactly once"

/// Counts 0 … 200 and seeds, drawn as FsCheck cases.
let private counts = Gen.choose (0, 200) |> Arb.fromGen

let private bySeed =
    testList "seeded splits" [
        testPropertyWithConfig GradCheck.config "the three parts are disjoint and cover 0 … n − 1" (fun (seed: int) ->
            Prop.forAll counts (fun n -> coversOnce n (Splits.indices { Splits.defaults with Seed = seed } n)))
        testPropertyWithConfig
            GradCheck.config
            "the parts hold round(0.6 n), round(0.2 n) and the rest"
            (fun (seed: int) ->
                Prop.forAll counts (fun n ->
                    let t, v, s = parts (Splits.indices { Splits.defaults with Seed = seed } n)
                    let nt = int (Math.Round(0.6 * float n, MidpointRounding.AwayFromZero))

                    let nv =
                        min (n - nt) (int (Math.Round(0.2 * float n, MidpointRounding.AwayFromZero)))

                    Expect.equal (t.Length, v.Length, s.Length) (nt, nv, n - nt - nv) $"sizes for n = {n}"))
        test "the same seed gives the same split" {
            let a = Splits.indices { Splits.defaults with Seed = 7 } 100
            let b = Splits.indices { Splits.defaults with Seed = 7 } 100
            Expect.equal a b "seed 7 twice"
        }
        test "different seeds give different splits of 100 examples" {
            let a = Splits.indices { Splits.defaults with Seed = 1 } 100
            let b = Splits.indices { Splits.defaults with Seed = 2 } 100
            Expect.notEqual a.Train.Value b.Train.Value "seeds 1 and 2"
        }
        test "a split of examples keeps each input with its target" {
            let examples =
                Examples.create (Array.init 50 (fun i -> $"e-mail {i}")) (Array.init 50 id)

            let split = Splits.split { Splits.defaults with Seed = 3 } examples

            for part in [ split.Train.Value; split.Validation.Value; split.Test.Value ] do
                Array.iter2
                    (fun (input: string) target -> Expect.equal input $"e-mail {target}" "paired")
                    part.Inputs
                    part.Targets
        }
        test "TrainFraction 1 puts everything in training" {
            let t, v, s =
                parts (
                    Splits.indices
                        {
                            Splits.defaults with
                                TrainFraction = 1.0
                                ValidationFraction = 0.0
                        }
                        9
                )

            Expect.equal (t.Length, v.Length, s.Length) (9, 0, 0) "sizes"
        }
        test "fractions summing over 1 fail naming both" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    Splits.indices
                        {
                            Splits.defaults with
                                TrainFraction = 0.8
                                ValidationFraction = 0.3
                        }
                        10
                    |> ignore)
                [ "split"; "0.8"; "0.3" ]
                "0.8 + 0.3"
        }
        test "a training fraction of 0 fails" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    Splits.indices
                        {
                            Splits.defaults with
                                TrainFraction = 0.0
                        }
                        10
                    |> ignore)
                [ "TrainFraction" ]
                "no training data"
        }
    ]

/// 100 labels: 50 of class "a", 30 of "b", 20 of "c", interleaved.
let private labels =
    Array.init 100 (fun i ->
        if i % 10 < 5 then "a"
        elif i % 10 < 8 then "b"
        else "c")

let private stratified =
    testList "stratified splits" [
        testPropertyWithConfig
            GradCheck.config
            "each part keeps every class's share (rounded per class)"
            (fun (seed: int) ->
                let split = Splits.stratifiedIndices { Splits.defaults with Seed = seed } labels
                coversOnce 100 split
                let t, v, s = parts split

                let count part c =
                    part |> Array.filter (fun i -> labels[i] = c) |> Array.length
                // 60 / 20 / 20 of 50, 30 and 20.
                for c, (nt, nv, ns) in [ "a", (30, 10, 10); "b", (18, 6, 6); "c", (12, 4, 4) ] do
                    Expect.equal (count t c, count v c, count s c) (nt, nv, ns) $"class {c}")
        test "a stratified split of examples is reproducible by seed" {
            let examples = Examples.create (Array.init 100 id) labels
            let a = Splits.stratified { Splits.defaults with Seed = 5 } examples
            let b = Splits.stratified { Splits.defaults with Seed = 5 } examples
            Expect.equal a b "seed 5 twice"
        }
        test "classes are mixed within a part, not left in blocks" {
            let t, _, _ =
                parts (Splits.stratifiedIndices { Splits.defaults with Seed = 11 } (Array.init 100 (fun i -> i < 50)))
            // Without the final shuffle the first 30 training positions would all be of class true.
            Expect.exists (Array.truncate 30 t) (fun i -> i >= 50) "class false among the first 30"
        }
    ]

/// The compile-time part (a Test cannot be passed for a Validation) is shown in Splits.fs's doc comment; here the
/// runtime part: three distinct wrapper types, none assignable to another, each unwrapping to its data.
let private roles =
    testList "roles" [
        test "Train, Validation and Test are three distinct types, none assignable to another" {
            let types = [ typeof<Train<int[]>>; typeof<Validation<int[]>>; typeof<Test<int[]>> ]

            for a in types do
                for b in types do
                    if a <> b then
                        Expect.isFalse (a.IsAssignableFrom b) $"{b.Name} is not a {a.Name}"
        }
        test "Value unwraps each part, and map keeps the roles" {
            let split = Splits.indices Splits.defaults 10 |> Splits.map Array.length
            Expect.equal (split.Train.Value, split.Validation.Value, split.Test.Value) (6, 2, 2) "sizes per role"
            let (Test n) = split.Test
            Expect.equal n 2 "pattern match on Test"
        }
    ]

[<Tests>]
let tests = testList "Splits" [ bySeed; stratified; roles ]
