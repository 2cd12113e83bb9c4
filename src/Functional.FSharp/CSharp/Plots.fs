namespace Functional.CSharp

open System
open System.Runtime.CompilerServices
open Functional
open Functional.Nn

/// <summary>The classic and evaluation figures for C#: the <c>PlotClassic</c>, <c>PlotEvaluate</c> and
/// <c>PlotImages</c> functions with delegates for F# functions, arrays for F# lists, and an overload for an F# option.
/// Each saves a PNG atomically and returns the full path written.</summary>
[<AbstractClass; Sealed>]
type Plots =
    /// <summary>A 2-D classifier's view: the plane shaded by the sign of <paramref name="score"/> (grid points [m, 2]
    /// → values [m]), its contours at <paramref name="levels"/> ([0] for the boundary, [−1, 0, 1] for an SVM's
    /// margins) and the points x [n, 2] coloured by label: PlotClassic.decisionBoundary.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not [n, 2], the labels are not one per
    /// point, or score does not return one value per grid point.</exception>
    /// <exception cref="T:System.ArgumentException">A point or score is not finite, or the path is empty.</exception>
    static member DecisionBoundary
        (figure: Plot.Figure, levels: float[], x: Tensor, labels: Tensor, score: Func<Tensor, Tensor>, path: string)
        : string =
        Arguments.notNull (nameof levels) levels
        Arguments.notNull (nameof score) score
        PlotClassic.decisionBoundary figure (List.ofArray levels) x labels score.Invoke path

    /// <summary>A 2-D multi-class classifier's view: the plane coloured by the class <paramref name="predict"/> gives
    /// each grid point, and the points x [n, 2] coloured by label: PlotClassic.regions.</summary>
    static member Regions
        (figure: Plot.Figure, x: Tensor, labels: Tensor, predict: Func<Tensor, Tensor>, path: string)
        : string =
        Arguments.notNull (nameof predict) predict
        PlotClassic.regions figure x labels predict.Invoke path

    /// <summary>Points x [n, 2] coloured by label: PlotClassic.clusters without centres.</summary>
    static member Clusters(figure: Plot.Figure, x: Tensor, labels: Tensor, path: string) : string =
        PlotClassic.clusters figure x labels None path

    /// <summary>Points x [n, 2] coloured by label, with the centres [k, 2] drawn as large crosses (k-means):
    /// PlotClassic.clusters.</summary>
    static member Clusters(figure: Plot.Figure, x: Tensor, labels: Tensor, centres: Tensor, path: string) : string =
        Arguments.notNull (nameof centres) centres
        PlotClassic.clusters figure x labels (Some centres) path

    /// <summary>Several named lines in one chart with a legend: PlotClassic.lines.</summary>
    /// <param name="figure">Title, axis labels and size.</param>
    /// <param name="series">(name, xs, ys) per line.</param>
    /// <param name="path">The PNG to write.</param>
    static member Lines(figure: Plot.Figure, series: struct (string * float[] * float[])[], path: string) : string =
        Arguments.notNull (nameof series) series
        let series = series |> Array.map (fun (struct (name, xs, ys)) -> name, xs, ys)
        PlotClassic.lines figure (List.ofArray series) path

    /// <summary>Optimizers' paths over the contours of f(x, y) on [xMin, xMax] × [yMin, yMax], contours at
    /// <paramref name="levels"/>: PlotClassic.optimizerPaths.</summary>
    static member OptimizerPaths
        (
            figure: Plot.Figure,
            f: Func<float, float, float>,
            xMin: float,
            xMax: float,
            yMin: float,
            yMax: float,
            levels: float[],
            paths: OptimizationPath[],
            path: string
        ) : string =
        Arguments.notNull (nameof f) f
        Arguments.notNull (nameof levels) levels
        Arguments.notNull (nameof paths) paths

        PlotClassic.optimizerPaths
            figure
            (fun x y -> f.Invoke(x, y))
            (xMin, xMax)
            (yMin, yMax)
            (List.ofArray levels)
            (List.ofArray paths)
            path

    /// <summary>J_train and J_cv against a hyper-parameter, the best value circled; <paramref name="toX"/> places
    /// each value on the horizontal axis: PlotEvaluate.validationCurve.</summary>
    static member ValidationCurve
        (figure: Plot.Figure, toX: Func<'Value, float>, curve: ValidationCurve<'Value>, path: string)
        : string =
        Arguments.notNull (nameof toX) toX
        PlotEvaluate.validationCurve figure toX.Invoke curve path

    /// <summary>Rows of side × side images as one PNG, each row labelled, each image scaled and captioned:
    /// PlotImages.imageGrid.</summary>
    static member ImageGrid(title: string, side: int, scale: int, rows: PlotImages.ImageRow[], path: string) : string =
        Arguments.notNull (nameof rows) rows
        PlotImages.imageGrid title side scale (List.ofArray rows) path

/// <summary>C# for F#'s <c>{ Plot.defaults with Title = "…" }</c>: <c>Plot.Defaults.WithTitle("…")</c>. Each returns a
/// copy with one field changed.</summary>
[<AbstractClass; Sealed; Extension>]
type FigureExtensions =
    /// <summary>A copy with the title (empty for none).</summary>
    [<Extension>]
    static member WithTitle(figure: Plot.Figure, title: string) : Plot.Figure =
        Arguments.withChange (nameof figure) figure (fun f -> { f with Title = title })

    /// <summary>A copy with the horizontal axis' label.</summary>
    [<Extension>]
    static member WithXLabel(figure: Plot.Figure, xLabel: string) : Plot.Figure =
        Arguments.withChange (nameof figure) figure (fun f -> { f with XLabel = xLabel })

    /// <summary>A copy with the vertical axis' label.</summary>
    [<Extension>]
    static member WithYLabel(figure: Plot.Figure, yLabel: string) : Plot.Figure =
        Arguments.withChange (nameof figure) figure (fun f -> { f with YLabel = yLabel })

    /// <summary>A copy <paramref name="width"/> pixels wide.</summary>
    [<Extension>]
    static member WithWidth(figure: Plot.Figure, width: int) : Plot.Figure =
        Arguments.withChange (nameof figure) figure (fun f -> { f with Width = width })

    /// <summary>A copy <paramref name="height"/> pixels high.</summary>
    [<Extension>]
    static member WithHeight(figure: Plot.Figure, height: int) : Plot.Figure =
        Arguments.withChange (nameof figure) figure (fun f -> { f with Height = height })
