/// Error analysis (Evaluate/ErrorAnalysis.fs): mistakes by category, and one change at a time.
module Functional.Tests.ErrorAnalysisTests

open System
open Expecto
open Functional

/// Six "e-mails" with labels (1 = spam).
let private validation =
    Validation(
        Examples.create [|
            "cheap pharma"
            "hello friend"
            "replica watches"
            "meeting notes"
            "steal password"
            "cheap flights"
        |] [| 1; 0; 1; 0; 1; 0 |]
    )

/// A validation mistake on these e-mails.
type private M = Mistake<string, int>

/// Calls spam whatever contains "cheap": right on 1, 2 and 4; wrong on 3 and 5 (missed spam) and 6 (false alarm).
let private predict (inputs: string[]) =
    inputs |> Array.map (fun (s: string) -> if s.Contains "cheap" then 1 else 0)

[<Tests>]
let tests =
    testList "ErrorAnalysis" [
        test "mistakes lists the misclassified validation examples in order" {
            let wrong = ErrorAnalysis.mistakes predict validation

            Expect.equal
                (wrong |> Array.map (fun m -> m.Index, m.Target, m.Predicted))
                [| 2, 1, 0; 4, 1, 0; 5, 0, 1 |]
                "mistakes"
        }
        test "byCategory counts mistakes per user category, with shares and the uncategorised rest" {
            let analysis =
                ErrorAnalysis.byCategory
                    [
                        "missed spam", fun (m: M) -> m.Target = 1
                        "false alarm", fun (m: M) -> m.Target = 0
                        "replica", fun (m: M) -> m.Input.Contains "replica"
                        "pharma", fun (m: M) -> m.Input.Contains "pharma"
                    ]
                    predict
                    validation

            Expect.equal (analysis.Examples, analysis.Mistakes.Length) (6, 3) "3 of 6 wrong"
            Expect.equal analysis.ErrorRate 0.5 "error rate"

            Expect.equal
                (analysis.Categories |> Array.map (fun c -> c.Category, c.Count))
                [| "missed spam", 2; "false alarm", 1; "replica", 1; "pharma", 0 |]
                "counts in the order given"

            Expect.floatClose Accuracy.veryHigh analysis.Categories[0].ShareOfMistakes (2.0 / 3.0) "share"
            Expect.isEmpty analysis.Uncategorised "every mistake is missed spam or a false alarm"
        }
        test "mistakes in no category are listed as uncategorised" {
            let analysis =
                ErrorAnalysis.byCategory [ "replica", fun (m: M) -> m.Input.Contains "replica" ] predict validation

            Expect.equal (analysis.Uncategorised |> Array.map (fun m -> m.Index)) [| 4; 5 |] "uncategorised"
        }
        test "two categories with one name fail" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    ErrorAnalysis.byCategory [ "a", (fun _ -> true); "a", (fun _ -> false) ] predict validation
                    |> ignore)
                [ "errorAnalysis"; "\"a\"" ]
                "duplicate"
        }
        test "a predict that returns too few labels fails naming the count" {
            Expect.throwsWith<ArgumentException>
                (fun () -> ErrorAnalysis.mistakes (fun _ -> [| 1 |]) validation |> ignore)
                [ "errorAnalysis"; "(6)"; "received 1" ]
                "one label for six"
        }
        test "oneChangeAtATime tabulates each change's validation error against the baseline's" {
            let train = Train(Examples.create [| "x" |] [| 0 |])

            let constant (label: int) : Learner<string, int, unit> =
                Learner.create
                    (fun _ -> ())
                    (fun () inputs -> Array.create inputs.Length label)
                    ErrorMeasure.misclassificationRate

            let keyword (word: string) : Learner<string, int, unit> =
                Learner.create
                    (fun _ -> ())
                    (fun () inputs -> inputs |> Array.map (fun s -> if s.Contains word then 1 else 0))
                    ErrorMeasure.misclassificationRate

            let table =
                ErrorAnalysis.oneChangeAtATime
                    (keyword "cheap")
                    [ "always spam", constant 1; "keyword replica", keyword "replica" ]
                    train
                    validation

            Expect.equal
                (table |> Array.map (fun r -> r.Change))
                [| "baseline"; "always spam"; "keyword replica" |]
                "rows"
            // oracle: by hand, 3/6, 3/6 and 2/6 wrong.
            Expect.equal (table |> Array.map (fun r -> r.ValidationError)) [| 0.5; 0.5; 2.0 / 6.0 |] "errors"
            Expect.floatClose Accuracy.veryHigh table[2].Difference (2.0 / 6.0 - 0.5) "difference"
        }
    ]
