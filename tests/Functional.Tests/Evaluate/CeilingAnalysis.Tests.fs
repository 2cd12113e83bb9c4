/// Ceiling analysis (Evaluate/CeilingAnalysis.fs) on the deck's photo-OCR table and on a pipeline built to match it.
module Functional.Tests.CeilingAnalysisTests

open System
open Expecto
open Functional

let private stages = [ "text detection"; "character segmentation"; "character recognition" ]

/// A photo-OCR state: what each stage has produced so far (true = right).
type private OcrState = {
    Detected: bool option
    Segmented: bool option
    Recognised: bool option
}

/// 20 images; detection fails on image 0, segmentation on 1–3, recognition on 4–5 (and a stage fed a wrong input is
/// wrong too): 14 right as built, 15 with detection perfect, 18 with segmentation too, 20 with everything.
let private pipeline =
    let stage name (fails: int -> bool) (previous: OcrState -> bool) (set: OcrState -> bool -> OcrState) = {
        Name = name
        Run = fun (image: int) state -> set state (previous state && not (fails image))
        Truth = fun _ state -> set state true
    }

    [
        stage "text detection" (fun i -> i = 0) (fun _ -> true) (fun s v -> { s with Detected = Some v })
        stage "character segmentation" (fun i -> i >= 1 && i <= 3) (fun s -> s.Detected = Some true) (fun s v -> {
            s with
                Segmented = Some v
        })
        stage "character recognition" (fun i -> i = 4 || i = 5) (fun s -> s.Segmented = Some true) (fun s v -> {
            s with
                Recognised = Some v
        })
    ]

[<Tests>]
let tests =
    testList "CeilingAnalysis" [
        test "the deck's photo-OCR table 70 → 75 → 90 → 100 % says character segmentation is worth the most" {
            // oracle: the deck's ceiling-analysis table.
            let analysis =
                CeilingAnalysis.ofAccuracies 0.70 (List.zip stages [ 0.75; 0.90; 1.00 ])

            Expect.equal analysis.WorthImprovingMost "character segmentation" "worth most"
            let gains = analysis.Rows |> Array.map (fun r -> Math.Round(100.0 * r.Gain, 9))
            Expect.equal gains [| 5.0; 15.0; 10.0 |] "gains in points"
            Expect.equal (analysis.Rows |> Array.map (fun r -> r.Stage)) (List.toArray stages) "rows in pipeline order"
        }
        test "running a pipeline with stages replaced by ground truth in turn reproduces the deck's table" {
            let analysis =
                CeilingAnalysis.run
                    pipeline
                    (fun _ -> {
                        Detected = None
                        Segmented = None
                        Recognised = None
                    })
                    (fun _ s -> s.Recognised = Some true)
                    [| 0..19 |]

            Expect.equal analysis.Overall 0.70 "as built: 14 of 20"

            Expect.equal
                (analysis.Rows |> Array.map (fun r -> r.Accuracy))
                [| 0.75; 0.90; 1.00 |]
                "cumulative accuracies"

            Expect.equal analysis.WorthImprovingMost "character segmentation" "worth most"
        }
        test "of equal gains, the earlier stage is named" {
            Expect.equal
                (CeilingAnalysis.ofAccuracies 0.5 [ "a", 0.75; "b", 1.0 ]).WorthImprovingMost
                "a"
                "first of equals"
        }
        test "no stages fail" {
            Expect.throwsWith<ArgumentException>
                (fun () -> CeilingAnalysis.ofAccuracies 0.5 [] |> ignore)
                [ "ceilingAnalysis"; "at least one stage" ]
                "empty"
        }
        test "a NaN accuracy fails naming its stage" {
            Expect.throwsWith<ArgumentException>
                (fun () -> CeilingAnalysis.ofAccuracies 0.5 [ "detection", nan ] |> ignore)
                [ "NaN"; "detection" ]
                "NaN"
        }
        test "run on no examples fails" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    CeilingAnalysis.run
                        pipeline
                        (fun _ -> {
                            Detected = None
                            Segmented = None
                            Recognised = None
                        })
                        (fun _ _ -> true)
                        [||]
                    |> ignore)
                [ "ceilingAnalysis"; "at least one example" ]
                "no examples"
        }
    ]
