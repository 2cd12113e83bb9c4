/// PNG figures of the evaluation tools: learning curves, validation curves and error against the number of features,
/// each with its training and validation error, saved atomically by <c>Plot.save</c>.
[<RequireQualifiedAccess>]
module Functional.PlotEvaluate

open System

let private check (op: string) (figure: Plot.Figure) (path: string) (xs: float[]) (series: (string * float[]) list) =
    if isNull (box figure) then
        nullArg (nameof figure)

    if String.IsNullOrWhiteSpace path then
        raise (ArgumentException($"{op}: expected a file path, received \"{path}\"", nameof path))

    if xs.Length = 0 then
        raise (ArgumentException($"{op}: expected a curve with points, received none", "curve"))

    for name, ys in ("x", xs) :: series do
        match Array.tryFindIndex (Double.IsFinite >> not) ys with
        | Some i ->
            raise (ArgumentException($"{op}: expected finite values, received {ys[i]} in {name} at point {i}", "curve"))
        | None -> ()

/// Lines with markers for each named series against xs, an optional highlighted point, legend on; saved.
let private lines
    (op: string)
    (figure: Plot.Figure)
    (xs: float[])
    (series: (string * float[]) list)
    (best: (float * float) option)
    (path: string)
    =
    check op figure path xs series
    use plot = Plot.create ()

    for name, ys in series do
        let scatter = plot.Add.Scatter(xs, ys)
        scatter.LegendText <- name
        scatter.LineWidth <- 2.0f
        scatter.MarkerSize <- 6.0f

    match best with
    | Some(x, y) ->
        let marker = plot.Add.Marker(x, y)
        marker.Size <- 14.0f
        marker.Shape <- ScottPlot.MarkerShape.OpenCircle
        marker.LegendText <- "best"
    | None -> ()

    plot.ShowLegend() |> ignore
    Plot.save figure path plot

/// <summary>J_train and J_cv against the number of training examples, as the deck plots them, saved as a PNG at
/// <paramref name="path"/>.</summary>
/// <returns>The full path written.</returns>
/// <example><c>PlotEvaluate.learningCurve { Plot.defaults with Title = "Learning curve" } curve "out/004/learning-curve.png"</c></example>
/// <exception cref="T:System.ArgumentException">The curve has no points or a non-finite error; the path is empty.</exception>
[<CompiledName("LearningCurve")>]
let learningCurve (figure: Plot.Figure) (curve: LearningCurve) (path: string) : string =
    if isNull (box curve) then
        nullArg (nameof curve)

    lines
        "learningCurve"
        figure
        (LearningCurve.sizes curve)
        [
            "train", LearningCurve.trainingErrors curve
            "cross validation", LearningCurve.validationErrors curve
        ]
        None
        path

/// <summary>J_train and J_cv against a hyper-parameter, the best value circled, saved as a PNG at
/// <paramref name="path"/>. <paramref name="toX"/> places each value on the horizontal axis (e.g. <c>id</c> for λ, or
/// its position for values spanning decades).</summary>
/// <returns>The full path written.</returns>
/// <exception cref="T:System.ArgumentException">The curve has no points or a non-finite error; the path is empty.</exception>
[<CompiledName("ValidationCurve")>]
let validationCurve
    (figure: Plot.Figure)
    (toX: 'Value -> float)
    (curve: ValidationCurve<'Value>)
    (path: string)
    : string =
    if isNull (box curve) then
        nullArg (nameof curve)

    lines
        "validationCurve"
        figure
        (curve.Points |> Array.map (fun p -> toX p.Value))
        [
            "train", ValidationCurve.trainingErrors curve
            "cross validation", ValidationCurve.validationErrors curve
        ]
        (Some(toX curve.Best.Value, curve.Best.ValidationError))
        path

/// <summary>J_train and J_cv against the number of features (or polynomial degree), the best count circled, saved
/// as a PNG at <paramref name="path"/>.</summary>
/// <returns>The full path written.</returns>
/// <exception cref="T:System.ArgumentException">The curve has no points or a non-finite error; the path is empty.</exception>
[<CompiledName("FeatureCurve")>]
let featureCurve (figure: Plot.Figure) (curve: FeatureCurve) (path: string) : string =
    if isNull (box curve) then
        nullArg (nameof curve)

    lines
        "featureCurve"
        figure
        (FeatureCurve.counts curve)
        [
            "train", FeatureCurve.trainingErrors curve
            "cross validation", FeatureCurve.validationErrors curve
        ]
        (Some(float curve.Best.Features, curve.Best.ValidationError))
        path
