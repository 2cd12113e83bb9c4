/// PNG figures drawn with ScottPlot 5 (headless, no display needed): line charts, points with a fitted line, learning
/// curves. Each saves atomically (a temp file in the same folder, then a rename) and returns the full path written.
[<RequireQualifiedAccess>]
module Functional.Plot

open System
open System.IO
open System.Reflection
open System.Runtime.InteropServices
open System.Runtime.Loader

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
[<CompiledName("Defaults")>]
let defaults = {
    Title = ""
    XLabel = "x"
    YLabel = "y"
    Width = 800
    Height = 500
}

// Why a resolver: SkiaSharp and HarfBuzzSharp P/Invoke native libraries that NuGet ships in runtimes/<rid>/native.
// An application finds them through its deps.json, but a script that #r's Functional.dll runs under fsi's deps.json,
// and FSI does not probe runtimes/<rid>/native for the dependencies it loads from beside Functional.dll, so the first
// plot failed with DllNotFoundException 'libSkiaSharp'. This fallback runs only after the runtime's own probing has
// failed and looks in runtimes/<rid>/native beside the managed assemblies. It must be registered before the first
// ScottPlot call: a failed type initializer stays failed.
let private nativeDirectories (requesting: Assembly) =
    let arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()

    let os =
        if OperatingSystem.IsWindows() then "win"
        elif OperatingSystem.IsMacOS() then "osx"
        else "linux"

    let rids = List.distinct [ RuntimeInformation.RuntimeIdentifier; $"{os}-{arch}" ]

    let beside (assembly: Assembly) =
        if String.IsNullOrEmpty assembly.Location then
            None
        else
            Option.ofObj (Path.GetDirectoryName assembly.Location)

    [
        for dir in
            List.choose id [
                beside requesting
                beside typeof<Figure>.Assembly
                Some AppContext.BaseDirectory
            ] do
            for rid in rids -> Path.Combine(dir, "runtimes", rid, "native")
    ]
    |> List.distinct

let private loadNative (requesting: Assembly) (name: string) : nativeint =
    let files = [
        name
        $"{name}.so"
        $"lib{name}.so"
        $"{name}.dylib"
        $"lib{name}.dylib"
        $"{name}.dll"
    ]

    seq {
        for dir in nativeDirectories requesting do
            for file in files -> Path.Combine(dir, file)
    }
    |> Seq.filter File.Exists
    |> Seq.tryPick (fun path ->
        match NativeLibrary.TryLoad path with
        | true, handle -> Some handle
        | false, _ -> None)
    |> Option.defaultValue 0n

/// Registers the fallback once, on the load contexts holding SkiaSharp and HarfBuzzSharp.
let internal nativeResolver =
    lazy
        ([ typeof<SkiaSharp.SKCanvas>.Assembly; typeof<HarfBuzzSharp.Buffer>.Assembly ]
         |> List.map (fun a ->
             match AssemblyLoadContext.GetLoadContext a with
             | null -> AssemblyLoadContext.Default
             | context -> context)
         |> List.distinct
         |> List.iter (fun context ->
             context.add_ResolvingUnmanagedDll (
                 Func<Assembly, string, nativeint>(fun requesting name ->
                     if name.Contains "SkiaSharp" || name.Contains "HarfBuzzSharp" then
                         loadNative requesting name
                     else
                         0n)
             )))

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

/// <summary>A new, empty ScottPlot plot to draw on and pass to <c>Plot.save</c>. Create plots through it (not
/// <c>new ScottPlot.Plot()</c>) in scripts: it first makes SkiaSharp's native library findable from FSI.</summary>
/// <example><c>let p = Plot.create () in p.Add.Scatter(xs, ys) |> ignore; Plot.save Plot.defaults "out/xy.png" p</c></example>
[<CompiledName("Create")>]
let create () : ScottPlot.Plot =
    nativeResolver.Force()
    new ScottPlot.Plot()

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

    nativeResolver.Force()
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
    use plot = create ()
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
    use plot = create ()
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
    use plot = create ()
    plot.Add.ScatterLine(iterations, losses) |> ignore
    save figure path plot
