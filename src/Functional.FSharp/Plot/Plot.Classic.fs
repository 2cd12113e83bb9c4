/// PNG figures of the classic estimators: 2-D decision boundaries with their margins, clusters with their centres,
/// several labelled lines in one chart, and a mean with an uncertainty band; each saved atomically by <c>Plot.save</c>.
[<RequireQualifiedAccess>]
module Functional.PlotClassic

open System
open Functional.Core.Tensors

let private checkPath (op: string) (figure: Plot.Figure) (path: string) =
    if isNull (box figure) then
        nullArg (nameof figure)

    if String.IsNullOrWhiteSpace path then
        raise (ArgumentException($"{op}: expected a file path, received \"{path}\"", nameof path))

/// Two columns of finite values from an [n, 2] tensor.
let private points (op: string) (x: Tensor) =
    if isNull (box x) then
        nullArg (nameof x)

    if x.Rank <> 2 || x.Dims[1] <> 2 || x.Dims[0] = 0 then
        ShapeRules.Fail(op, "points of shape [n, 2], n ≥ 1", $"x {x.Shape}")

    let v = x.ToFloatArray()

    match Array.tryFindIndex (Double.IsFinite >> not) v with
    | Some i -> raise (ArgumentException($"{op}: expected finite points, received {v[i]} at row {i / 2}", nameof x))
    | None -> Array.init x.Dims[0] (fun i -> v[2 * i]), Array.init x.Dims[0] (fun i -> v[2 * i + 1])

let private labelsOf (op: string) (n: int) (labels: Tensor) =
    if isNull (box labels) then
        nullArg (nameof labels)

    if labels.NumElements <> n then
        ShapeRules.Fail(op, $"{n} labels, one per point", $"labels {labels.Shape}")

    labels.ToFloatArray()

let private palette = ScottPlot.Palettes.Category10()

/// Adds one marker series per distinct label, in sorted label order, named "label v".
let private addClasses (plot: ScottPlot.Plot) (xs: float[]) (ys: float[]) (labels: float[]) =
    let shapes = [|
        ScottPlot.MarkerShape.FilledCircle
        ScottPlot.MarkerShape.FilledSquare
        ScottPlot.MarkerShape.FilledTriangleUp
        ScottPlot.MarkerShape.FilledDiamond
        ScottPlot.MarkerShape.Cross
        ScottPlot.MarkerShape.Eks
    |]

    labels
    |> Array.distinct
    |> Array.sort
    |> Array.iteri (fun c label ->
        let at = [|
            for i in 0 .. labels.Length - 1 do
                if labels[i] = label then
                    i
        |]

        let s =
            plot.Add.ScatterPoints(at |> Array.map (fun i -> xs[i]), at |> Array.map (fun i -> ys[i]))

        s.Color <- palette.GetColor c
        s.MarkerShape <- shapes[c % shapes.Length]
        s.MarkerSize <- 7.0f
        s.LegendText <- $"label {label}")

/// <summary>Line segments where a grid of values crosses <paramref name="level"/> (marching squares, linear
/// interpolation along cell edges): each segment as (x1, y1, x2, y2).</summary>
let private contour (gx: float[]) (gy: float[]) (values: float[,]) (level: float) =
    let cross (x1, y1, v1) (x2, y2, v2) =
        let t = (level - v1) / (v2 - v1)
        x1 + t * (x2 - x1), y1 + t * (y2 - y1)

    [
        for r in 0 .. gy.Length - 2 do
            for c in 0 .. gx.Length - 2 do
                let corners = [|
                    gx[c], gy[r], values[r, c]
                    gx[c + 1], gy[r], values[r, c + 1]
                    gx[c + 1], gy[r + 1], values[r + 1, c + 1]
                    gx[c], gy[r + 1], values[r + 1, c]
                |]

                let hits = [
                    for e in 0..3 do
                        let (_, _, v1) as a = corners[e]
                        let (_, _, v2) as b = corners[(e + 1) % 4]

                        if (v1 < level) <> (v2 < level) then
                            cross a b
                ]

                match hits with
                | [ (x1, y1); (x2, y2) ] -> yield x1, y1, x2, y2
                | [ p1; p2; p3; p4 ] ->
                    // A saddle: pair the crossings in order around the cell.
                    let (x1, y1), (x2, y2), (x3, y3), (x4, y4) = p1, p2, p3, p4
                    yield x1, y1, x2, y2
                    yield x3, y3, x4, y4
                | _ -> ()
    ]

/// Points per axis of the grid that boundary and region plots evaluate.
let private gridSize = 200

/// A gridSize × gridSize grid over the points' range padded by 5 %: its axes and the grid points as [size², 2].
let private gridOver (xs: float[]) (ys: float[]) =
    let axis (v: float[]) =
        let lo, hi = Array.min v, Array.max v
        let pad = max ((hi - lo) * 0.05) 1e-9
        Array.init gridSize (fun i -> lo - pad + (hi - lo + 2.0 * pad) * float i / float (gridSize - 1))

    let gx, gy = axis xs, axis ys

    let grid =
        Tensor.FromArray(
            Array.init (gridSize * gridSize * 2) (fun at ->
                if at % 2 = 0 then
                    gx[at / 2 % gridSize]
                else
                    gy[at / 2 / gridSize]),
            [ gridSize * gridSize; 2 ]
        )

    gx, gy, grid

/// <summary>A 2-D classifier's view: the plane shaded by the sign of <paramref name="score"/>, its contour lines at
/// <paramref name="levels"/> (e.g. [0] for the boundary, [−1; 0; 1] for an SVM's margins), and the points x [n, 2]
/// coloured by label. <paramref name="score"/> maps grid points [m, 2] to values [m] (a decision function,
/// or a probability minus ½), evaluated on a 200×200 grid spanning the points with a 5 % border.</summary>
/// <returns>The full path written.</returns>
/// <example><c>PlotClassic.decisionBoundary figure [ -1.0; 0.0; 1.0 ] x y (Svm.decisionFunction fit) "out/svm.png"</c></example>
/// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not [n, 2], the labels are not one per
/// point, or score does not return one value per grid point.</exception>
/// <exception cref="T:System.ArgumentException">A point or score is not finite, or the path is empty.</exception>
[<CompiledName("DecisionBoundary")>]
let decisionBoundary
    (figure: Plot.Figure)
    (levels: float list)
    (x: Tensor)
    (labels: Tensor)
    (score: Tensor -> Tensor)
    (path: string)
    : string =
    let op = "decisionBoundary"
    checkPath op figure path
    let xs, ys = points op x
    let classes = labelsOf op xs.Length labels

    if isNull (box score) then
        nullArg (nameof score)

    let size = gridSize
    let gx, gy, grid = gridOver xs ys

    let scores = score grid

    if isNull (box scores) || scores.NumElements <> size * size then
        ShapeRules.Fail(op, $"score returning {size * size} values, one per grid point", $"{scores}")

    let s = scores.ToFloatArray()

    match Array.tryFindIndex (Double.IsFinite >> not) s with
    | Some i -> raise (ArgumentException($"{op}: expected finite scores, received {s[i]}", nameof score))
    | None -> ()

    let values = Array2D.init size size (fun r c -> s[r * size + c])
    use plot = Plot.create ()
    // Heatmap rows run top to bottom: row 0 is the largest y.
    let shade =
        plot.Add.Heatmap(Array2D.init size size (fun r c -> if values[size - 1 - r, c] > 0.0 then 1.0 else 0.0))

    shade.Colormap <-
        ScottPlot.Colormaps.Custom([| ScottPlot.Color(230uy, 236uy, 250uy); ScottPlot.Color(250uy, 232uy, 225uy) |])

    shade.Extent <- ScottPlot.CoordinateRect(gx[0], gx[size - 1], gy[0], gy[size - 1])

    for level in levels do
        for x1, y1, x2, y2 in contour gx gy values level do
            let line = plot.Add.Line(x1, y1, x2, y2)
            line.LineWidth <- (if level = 0.0 then 2.0f else 1.0f)
            line.LineColor <- ScottPlot.Colors.Black

            if level <> 0.0 then
                line.LinePattern <- ScottPlot.LinePattern.Dashed

    addClasses plot xs ys classes
    plot.ShowLegend() |> ignore
    Plot.save figure path plot

/// <summary>Points x [n, 2] coloured by label, with optional centres [k, 2] drawn as large crosses (k-means).</summary>
/// <returns>The full path written.</returns>
/// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x or the centres are not [·, 2], or the labels are
/// not one per point.</exception>
/// <exception cref="T:System.ArgumentException">A value is not finite, or the path is empty.</exception>
[<CompiledName("Clusters")>]
let clusters (figure: Plot.Figure) (x: Tensor) (labels: Tensor) (centres: Tensor option) (path: string) : string =
    let op = "clusters"
    checkPath op figure path
    let xs, ys = points op x
    let classes = labelsOf op xs.Length labels
    use plot = Plot.create ()
    addClasses plot xs ys classes

    match centres with
    | Some c ->
        let cx, cy = points op c

        let marks =
            plot.Add.Markers(cx, cy, ScottPlot.MarkerShape.Eks, 18.0f, ScottPlot.Colors.Black)

        marks.MarkerLineWidth <- 3.0f
        marks.LegendText <- "centres"
    | None -> ()

    plot.ShowLegend() |> ignore
    Plot.save figure path plot

/// <summary>Several named lines (name, xs, ys) in one chart with a legend.</summary>
/// <returns>The full path written.</returns>
/// <exception cref="T:System.ArgumentException">A series has xs and ys of different lengths or non-finite values; the
/// path is empty.</exception>
[<CompiledName("Lines")>]
let lines (figure: Plot.Figure) (series: (string * float[] * float[]) list) (path: string) : string =
    let op = "lines"
    checkPath op figure path
    use plot = Plot.create ()

    series
    |> List.iteri (fun i (name, xs, ys) ->
        if isNull (box xs) || isNull (box ys) || xs.Length <> ys.Length then
            raise (ArgumentException($"{op}: expected xs and ys of one length in series \"{name}\"", nameof series))

        if Array.exists (Double.IsFinite >> not) (Array.append xs ys) then
            raise (ArgumentException($"{op}: expected finite values in series \"{name}\"", nameof series))

        let line = plot.Add.ScatterLine(xs, ys)
        line.Color <- palette.GetColor i
        line.LineWidth <- 2.0f
        line.LegendText <- name)

    plot.ShowLegend() |> ignore
    Plot.save figure path plot

/// <summary>A mean curve (xs, mean) with the band [lower, upper] shaded around it, and data points (px, py).</summary>
/// <returns>The full path written.</returns>
/// <exception cref="T:System.ArgumentException">Arrays of one series differ in length or hold non-finite values; the
/// path is empty.</exception>
[<CompiledName("Band")>]
let band
    (figure: Plot.Figure)
    (xs: float[])
    (mean: float[])
    (lower: float[])
    (upper: float[])
    (px: float[])
    (py: float[])
    (path: string)
    : string =
    let op = "band"
    checkPath op figure path

    for name, v, expected in
        [
            "mean", mean, xs.Length
            "lower", lower, xs.Length
            "upper", upper, xs.Length
            "py", py, px.Length
        ] do
        if isNull (box v) || v.Length <> expected then
            raise (ArgumentException($"{op}: expected {name} of length {expected}", name))

    if Array.exists (Double.IsFinite >> not) (Array.concat [ xs; mean; lower; upper; px; py ]) then
        raise (ArgumentException($"{op}: expected finite values", nameof xs))

    use plot = Plot.create ()
    let fill = plot.Add.FillY(xs, lower, upper)
    fill.FillColor <- (palette.GetColor 0).WithAlpha(0.25)
    fill.LegendText <- "band"
    let line = plot.Add.ScatterLine(xs, mean)
    line.Color <- palette.GetColor 0
    line.LineWidth <- 2.0f
    line.LegendText <- "predictive mean"
    let dots = plot.Add.ScatterPoints(px, py)
    dots.Color <- palette.GetColor 1
    dots.MarkerSize <- 8.0f
    dots.LegendText <- "data"
    plot.ShowLegend() |> ignore
    Plot.save figure path plot

/// <summary>A 2-D multi-class classifier's view: the plane coloured by the class <paramref name="predict"/> gives each
/// point of a 200×200 grid (spanning the points with a 5 % border), and the points x [n, 2] coloured by label, in the
/// same colours (classes in sorted order).</summary>
/// <returns>The full path written.</returns>
/// <example><c>PlotClassic.regions figure x y (Knn.classify fit) "out/knn.png"</c></example>
/// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not [n, 2], the labels are not one per
/// point, or predict does not return one class per grid point.</exception>
/// <exception cref="T:System.ArgumentException">A point is not finite, or the path is empty.</exception>
[<CompiledName("Regions")>]
let regions (figure: Plot.Figure) (x: Tensor) (labels: Tensor) (predict: Tensor -> Tensor) (path: string) : string =
    let op = "regions"
    checkPath op figure path
    let xs, ys = points op x
    let classes = labelsOf op xs.Length labels

    if isNull (box predict) then
        nullArg (nameof predict)

    let size = gridSize
    let gx, gy, grid = gridOver xs ys

    let predicted = predict grid

    if isNull (box predicted) || predicted.NumElements <> size * size then
        ShapeRules.Fail(op, $"predict returning {size * size} classes, one per grid point", $"{predicted}")

    let p = predicted.ToFloatArray()
    let known = Array.append classes p |> Array.distinct |> Array.sort
    use plot = Plot.create ()

    let shade =
        plot.Add.Heatmap(
            Array2D.init size size (fun r c -> float (Array.BinarySearch(known, p[(size - 1 - r) * size + c])))
        )

    shade.Colormap <-
        ScottPlot.Colormaps.Custom(Array.init (max 2 known.Length) (fun i -> (palette.GetColor i).Lighten(0.75)))

    shade.Extent <- ScottPlot.CoordinateRect(gx[0], gx[size - 1], gy[0], gy[size - 1])
    // The points use the class order of the labels alone; keep the colours aligned when the grid adds no class.
    addClasses plot xs ys classes
    plot.ShowLegend() |> ignore
    Plot.save figure path plot

/// <summary>Optimizers' paths over the contour lines of a 2-D function f(x, y) on [xMin, xMax] × [yMin, yMax]: each
/// path (its Points are [x; y]) drawn as a line with markers and a legend entry, contours at
/// <paramref name="levels"/>. Lecture 000 compares SGD, momentum, AdaGrad, RMSProp and Adam this way.</summary>
/// <returns>The full path written.</returns>
/// <exception cref="T:System.ArgumentException">A path's points are not 2-D or not finite; the ranges are empty; the
/// path is empty.</exception>
[<CompiledName("OptimizerPaths")>]
let optimizerPaths
    (figure: Plot.Figure)
    (f: float -> float -> float)
    (xMin: float, xMax: float)
    (yMin: float, yMax: float)
    (levels: float list)
    (paths: Functional.Nn.OptimizationPath list)
    (file: string)
    : string =
    let op = "optimizerPaths"
    checkPath op figure file

    if not (xMin < xMax && yMin < yMax) then
        raise (
            ArgumentException(
                $"{op}: expected xMin < xMax and yMin < yMax, received [{xMin}, {xMax}] x [{yMin}, {yMax}]"
            )
        )

    for p in paths do
        if
            p.Points
            |> Array.exists (fun q -> q.Length <> 2 || not (Array.forall Double.IsFinite q))
        then
            raise (ArgumentException($"{op}: expected finite 2-D points in path \"{p.Name}\"", nameof paths))

    let gx =
        Array.init gridSize (fun i -> xMin + (xMax - xMin) * float i / float (gridSize - 1))

    let gy =
        Array.init gridSize (fun i -> yMin + (yMax - yMin) * float i / float (gridSize - 1))

    let values = Array2D.init gridSize gridSize (fun r c -> f gx[c] gy[r])
    use plot = Plot.create ()

    for level in levels do
        for x1, y1, x2, y2 in contour gx gy values level do
            let line = plot.Add.Line(x1, y1, x2, y2)
            line.LineWidth <- 1.0f
            line.LineColor <- ScottPlot.Colors.Gray

    paths
    |> List.iteri (fun i p ->
        let s =
            plot.Add.Scatter(p.Points |> Array.map (fun q -> q[0]), p.Points |> Array.map (fun q -> q[1]))

        s.Color <- palette.GetColor i
        s.LineWidth <- 2.0f
        s.MarkerSize <- 3.0f
        s.LegendText <- p.Name)

    plot.Axes.SetLimits(xMin, xMax, yMin, yMax)
    plot.ShowLegend() |> ignore
    Plot.save figure file plot
