/// PNG figures drawn with ScottPlot 5 (headless, no display needed): line charts, points with a fitted line, learning
/// curves. Each saves atomically (a temp file in the same folder, then a rename) and returns the full path written.
[<RequireQualifiedAccess>]
module Functional.Plot

open System
open System.IO

// Native libraries: SkiaSharp and HarfBuzzSharp load libSkiaSharp/libHarfBuzzSharp from runtimes/<rid>/native.
// Applications find them through their deps.json; FSI, when a script #r's Functional.dll from bin/ (dependencies
// copied beside it), probes runtimes/<rid>/native beside the referenced assemblies itself (checked: dotnet fsi,
// SDK 10.0.401, linux-x64). So no resolver of our own is registered here.

/// <summary>Title, axis labels and pixel size of a figure; start from <c>Plot.defaults</c>.</summary>
type Figure = {
    /// Shown above the plot; empty for none.
    Title: string
    /// The horizontal axis' label.
    XLabel: string
    /// The vertical axis' label.
    YLabel: string
    /// Width in pixels.
    Width: int
    /// Height in pixels.
    Height: int
}

/// No title, axes labelled x and y, 800×500 pixels.
let defaults = {
    Title = ""
    XLabel = "x"
    YLabel = "y"
    Width = 800
    Height = 500
}

let private checkFigure (op: string) (figure: Figure) (path: string) =
    if isNull (box figure) then
        nullArg (nameof figure)

    if figure.Width <= 0 || figure.Height <= 0 then
        raise (
            ArgumentException(
                $"{op}: expected a positive width and height, received {figure.Width}x{figure.Height}",
                nameof figure
            )
        )

    if String.IsNullOrWhiteSpace path then
        raise (ArgumentException($"{op}: expected a file path, received \"{path}\"", nameof path))

let private checkSeries (op: string) (xsName: string) (xs: float[]) (ysName: string) (ys: float[]) =
    if isNull (box xs) then
        nullArg xsName

    if isNull (box ys) then
        nullArg ysName

    if xs.Length <> ys.Length then
        raise (
            ArgumentException(
                $"{op}: expected {xsName} and {ysName} of one length, received {xs.Length} and {ys.Length}",
                ysName
            )
        )

    for name, values in [ xsName, xs; ysName, ys ] do
        match Array.tryFindIndex (Double.IsFinite >> not) values with
        | Some i ->
            raise (
                ArgumentException($"{op}: expected finite values, received {values[i]} in {name} at index {i}", name)
            )
        | None -> ()

/// <summary>Sets the figure's title and axis labels on <paramref name="plot"/>, renders it as a PNG of the figure's
/// size and writes it atomically to <paramref name="path"/> (creating its folder): a temp file in the same folder, then
/// a rename over the target, so a reader never sees half a file. Use it for ScottPlot plots of your own.</summary>
/// <returns>The full path written.</returns>
/// <exception cref="T:System.ArgumentException">The size is not positive, or the path is empty.</exception>
[<CompiledName("Save")>]
let save (figure: Figure) (path: string) (plot: ScottPlot.Plot) : string =
    checkFigure "save" figure path

    if isNull (box plot) then
        nullArg (nameof plot)

    let full = Path.GetFullPath path
    let folder = Path.GetDirectoryName full |> Option.ofObj |> Option.defaultValue "."
    Directory.CreateDirectory folder |> ignore

    if not (String.IsNullOrEmpty figure.Title) then
        plot.Title(figure.Title)

    plot.XLabel(figure.XLabel)
    plot.YLabel(figure.YLabel)
    let png = plot.GetImageBytes(figure.Width, figure.Height, ScottPlot.ImageFormat.Png)
    let temp = Path.Combine(folder, $".{Path.GetFileName full}.{Guid.NewGuid():N}.tmp")

    try
        File.WriteAllBytes(temp, png)
        File.Move(temp, full, true)
    finally
        if File.Exists temp then
            File.Delete temp

    full

/// <summary>A line through the points (xs[i], ys[i]), in order, saved as a PNG at <paramref name="path"/>.</summary>
/// <returns>The full path written.</returns>
/// <example><c>Plot.lineChart { Plot.defaults with Title = "sin" } xs (Array.map sin xs) "out/sin.png"</c></example>
/// <exception cref="T:System.ArgumentException">xs and ys differ in length or hold NaN or infinity; the size is not
/// positive or the path is empty.</exception>
[<CompiledName("LineChart")>]
let lineChart (figure: Figure) (xs: float[]) (ys: float[]) (path: string) : string =
    checkFigure "lineChart" figure path
    checkSeries "lineChart" (nameof xs) xs (nameof ys) ys
    use plot = new ScottPlot.Plot()
    plot.Add.ScatterLine(xs, ys) |> ignore
    save figure path plot

/// <summary>The data points (xs[i], ys[i]) as markers and a fitted line through (lineXs[j], lineYs[j]), saved as a PNG
/// at <paramref name="path"/>.</summary>
/// <returns>The full path written.</returns>
/// <exception cref="T:System.ArgumentException">A pair of arrays differs in length or holds NaN or infinity; the size is
/// not positive or the path is empty.</exception>
[<CompiledName("ScatterWithLine")>]
let scatterWithLine
    (figure: Figure)
    (xs: float[])
    (ys: float[])
    (lineXs: float[])
    (lineYs: float[])
    (path: string)
    : string =
    checkFigure "scatterWithLine" figure path
    checkSeries "scatterWithLine" (nameof xs) xs (nameof ys) ys
    checkSeries "scatterWithLine" (nameof lineXs) lineXs (nameof lineYs) lineYs
    use plot = new ScottPlot.Plot()
    let points = plot.Add.ScatterPoints(xs, ys)
    points.MarkerSize <- 9.0f
    points.LegendText <- "data"
    let line = plot.Add.ScatterLine(lineXs, lineYs)
    line.LineWidth <- 2.0f
    line.LegendText <- "fit"
    plot.ShowLegend() |> ignore
    save figure path plot

/// <summary>Loss against iteration (0, 1, 2, …), saved as a PNG at <paramref name="path"/>.</summary>
/// <returns>The full path written.</returns>
/// <example><c>Plot.learningCurve { Plot.defaults with XLabel = "iteration"; YLabel = "L" } losses "out/curve.png"</c></example>
/// <exception cref="T:System.ArgumentException">A loss is NaN or infinite; the size is not positive or the path is empty.</exception>
[<CompiledName("LearningCurve")>]
let learningCurve (figure: Figure) (losses: float[]) (path: string) : string =
    if isNull (box losses) then
        nullArg (nameof losses)

    let iterations = Array.init losses.Length float
    checkFigure "learningCurve" figure path
    checkSeries "learningCurve" "iterations" iterations (nameof losses) losses
    use plot = new ScottPlot.Plot()
    plot.Add.ScatterLine(iterations, losses) |> ignore
    save figure path plot
