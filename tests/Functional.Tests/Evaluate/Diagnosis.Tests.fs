/// Bias / variance verdicts (Evaluate/Diagnosis.fs) on synthetic curves, with the deck's remedies.
module Functional.Tests.DiagnosisTests

open System
open Expecto
open Functional

/// A learning curve from (J_train, J_cv) pairs at sizes 1, 2, …
let private curve (points: (float * float) list) = {
    Points =
        points
        |> List.mapi (fun i (t, v) -> {
            TrainingSize = i + 1
            TrainingError = t
            ValidationError = v
        })
        |> List.toArray
}

let private target = Diagnosis.withTarget 5.0

[<Tests>]
let tests =
    testList "Diagnosis" [
        test "a high-bias learning curve: both errors high and close, so more features or less λ" {
            // Training error rises to meet a validation error that has flattened above the target.
            let d =
                Diagnosis.ofLearningCurve target (curve [ 0.0, 60.0; 12.0, 35.0; 18.0, 30.0; 20.0, 29.0; 21.0, 28.5 ])

            Expect.equal d.Verdict Verdict.HighBias "verdict"
            // oracle: the deck's "debugging a learning algorithm" slide.
            Expect.equal d.Remedies [ Remedy.MoreFeatures; Remedy.PolynomialFeatures; Remedy.DecreaseLambda ] "remedies"

            Expect.equal
                (d.Evidence.TrainingError, d.Evidence.ValidationError)
                (21.0, 28.5)
                "evidence is the last point"

            Expect.equal d.Evidence.Gap 7.5 "gap"

            Expect.equal
                d.Evidence.ValidationDropOverSecondHalf
                (Some 1.5)
                "J_cv at the middle size (30) minus at the last"
        }
        test "a high-variance learning curve: low training error, large gap, so more data, fewer features or more λ" {
            let d =
                Diagnosis.ofLearningCurve target (curve [ 0.0, 160.0; 0.0, 90.0; 0.1, 60.0; 0.2, 50.0 ])

            Expect.equal d.Verdict Verdict.HighVariance "verdict"
            // oracle: the deck's "debugging a learning algorithm" slide.
            Expect.equal
                d.Remedies
                [ Remedy.MoreTrainingExamples; Remedy.FewerFeatures; Remedy.IncreaseLambda ]
                "remedies"
        }
        test "validation error within the target is fine, with nothing to fix" {
            let d = Diagnosis.ofErrors target 2.0 4.3
            Expect.equal (d.Verdict, d.Remedies) (Verdict.Fine, []) "verdict and remedies"
            Expect.isNone d.Evidence.ValidationDropOverSecondHalf "no curve, no trend"
        }
        test "a small gap just above the target is high bias; lowering MinGapShare makes it high variance" {
            // t = 4.9 ≤ ε = 5 < v = 5.2, gap 0.3 < 0.2 · 5.2.
            Expect.equal (Diagnosis.ofErrors target 4.9 5.2).Verdict Verdict.HighBias "default share 0.2"

            Expect.equal
                (Diagnosis.ofErrors { target with MinGapShare = 0.05 } 4.9 5.2).Verdict
                Verdict.HighVariance
                "share 0.05"
        }
        test "the deck's straight line on ex5 (J_train 22.37, J_cv 29.43) is high bias against a target of 5" {
            // oracle: the exercise PDF's learning-curve table, i = 12.
            Expect.equal (Diagnosis.ofErrors target 22.373906 29.433818).Verdict Verdict.HighBias "verdict"
        }
        test "a validation curve gets a verdict per value: small λ overfits, large λ underfits" {
            let points = [| 0.0, 0.03, 50.0; 1.0, 2.0, 4.0; 100.0, 58.0, 57.0 |]

            let vc = {
                Points =
                    points
                    |> Array.map (fun (l, t, v) -> {
                        Value = l
                        TrainingError = t
                        ValidationError = v
                    })
                Best = {
                    Value = 1.0
                    TrainingError = 2.0
                    ValidationError = 4.0
                }
            }

            let verdicts =
                Diagnosis.ofValidationCurve target vc |> Array.map (fun (l, d) -> l, d.Verdict)

            Expect.equal verdicts [| 0.0, Verdict.HighVariance; 1.0, Verdict.Fine; 100.0, Verdict.HighBias |] "verdicts"
        }
        test "describe names the verdict, the numbers and the remedies" {
            let text = Diagnosis.describe (Diagnosis.ofErrors target 0.1 30.0)

            for fragment in
                [
                    "high variance"
                    "0.100000"
                    "30.000000"
                    "get more training examples"
                    "try increasing λ"
                ] do
                Expect.stringContains text fragment "description"
        }
        test "a negative target fails" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Diagnosis.withTarget -1.0 |> ignore)
                [ "diagnosis"; "target"; "-1" ]
                "ε = −1"
        }
        test "a NaN error fails rather than becoming a verdict" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Diagnosis.ofErrors target nan 1.0 |> ignore)
                [ "diagnosis"; "training error"; "NaN" ]
                "NaN"
        }
        test "an empty learning curve fails" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Diagnosis.ofLearningCurve target (curve []) |> ignore)
                [ "diagnosis"; "points" ]
                "no points"
        }
    ]
