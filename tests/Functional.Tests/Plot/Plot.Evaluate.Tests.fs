/// Figures of the evaluation tools (Plot/Plot.Evaluate.fs): each writes a PNG; non-finite errors are refused.
module Functional.Tests.PlotEvaluateTests

open System
open System.IO
open Expecto
open Functional

let private inTempFolder (f: string -> unit) =
    let folder =
        Path.Combine(Path.GetTempPath(), $"functional-plot-evaluate-tests-{Guid.NewGuid():N}")

    Directory.CreateDirectory folder |> ignore

    try
        f folder
    finally
        Directory.Delete(folder, true)

/// The eight bytes every PNG starts with (PNG spec §5.2).
let private isPng (path: string) =
    let bytes = File.ReadAllBytes path
    Expect.equal bytes[..7] [| 0x89uy; 0x50uy; 0x4Euy; 0x47uy; 0x0Duy; 0x0Auy; 0x1Auy; 0x0Auy |] "PNG signature"

let private learning = {
    Points = [|
        for i in 1..5 ->
            {
                TrainingSize = i
                TrainingError = float i
                ValidationError = 10.0 / float i
            }
    |]
}

[<Tests>]
let tests =
    testList "PlotEvaluate" [
        test "learningCurve, validationCurve and featureCurve write PNGs" {
            inTempFolder (fun folder ->
                let points: ValidationCurvePoint<float>[] = [|
                    for l in [ 0.0; 1.0; 3.0 ] ->
                        {
                            Value = l
                            TrainingError = l
                            ValidationError = 4.0 - l
                        }
                |]

                let validation = { Points = points; Best = points[2] }

                let featurePoints: FeatureCurvePoint[] = [|
                    for d in 1..3 ->
                        {
                            Features = d
                            TrainingError = 1.0 / float d
                            ValidationError = float d
                        }
                |]

                let features: FeatureCurve = {
                    Points = featurePoints
                    Best = featurePoints[0]
                }

                for path in
                    [
                        PlotEvaluate.learningCurve Plot.defaults learning (Path.Combine(folder, "learning.png"))
                        PlotEvaluate.validationCurve
                            Plot.defaults
                            id
                            validation
                            (Path.Combine(folder, "validation.png"))
                        PlotEvaluate.featureCurve Plot.defaults features (Path.Combine(folder, "features.png"))
                    ] do
                    isPng path)
        }
        test "a NaN error is refused, naming the point" {
            let broken = {
                Points = [|
                    {
                        TrainingSize = 1
                        TrainingError = nan
                        ValidationError = 1.0
                    }
                |]
            }

            Expect.throwsWith<ArgumentException>
                (fun () ->
                    PlotEvaluate.learningCurve Plot.defaults broken (Path.Combine(Path.GetTempPath(), "never.png"))
                    |> ignore)
                [ "learningCurve"; "NaN"; "point 0" ]
                "NaN"
        }
        test "an empty path is refused" {
            Expect.throwsWith<ArgumentException>
                (fun () -> PlotEvaluate.learningCurve Plot.defaults learning " " |> ignore)
                [ "file path" ]
                "path"
        }
    ]
