/// Vocabularies (Text/Vocabulary.fs): loading "index<TAB>word" lines, lookups, binary features.
module Functional.Tests.VocabularyTests

open System
open Expecto
open Functional

let private small = Vocabulary.ofLines [ "1\taa"; "2\tab"; ""; "3\tabil" ]

[<Tests>]
let tests =
    testList "Vocabulary" [
        test "ofLines reads index<TAB>word lines, skipping blank ones" {
            Expect.equal small.Count 3 "count"
            Expect.equal (small.Word 3) "abil" "word 3"
            Expect.equal (Vocabulary.tryIndex small "ab") (Some 2) "index of ab"
            Expect.equal (Vocabulary.tryIndex small "zz") None "missing word"
        }
        test "features is a binary vector with x[i − 1] = 1 for each index i, repeats counted once" {
            Expect.equal (Vocabulary.features small [ 3; 1; 3 ]) [| 1.0; 0.0; 1.0 |] "features"
        }
        test "an index out of range fails naming it" {
            Expect.throwsWith<ArgumentOutOfRangeException>
                (fun () -> Vocabulary.features small [ 4 ] |> ignore)
                [ "features"; "1 … 3"; "4" ]
                "index 4"
        }
        test "indices that do not run 1, 2, 3 … fail naming the line" {
            Expect.throwsWith<FormatException>
                (fun () -> Vocabulary.ofLines [ "1\taa"; "3\tab" ] |> ignore)
                [ "line 2"; "3\tab" ]
                "gap"
        }
        test "a repeated word fails naming both indices" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Vocabulary.ofLines [ "1\taa"; "2\taa" ] |> ignore)
                [ "\"aa\""; "1 and 2" ]
                "duplicate"
        }
        test "Word outside 1 … n fails" {
            Expect.throwsWith<ArgumentOutOfRangeException>
                (fun () -> small.Word 0 |> ignore)
                [ "vocabulary"; "0" ]
                "word 0"
        }
    ]
