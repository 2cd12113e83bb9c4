// Lecture 000, (c) the wage regression: salary ~ age + education + company size, one-hot, least squares.
// Loaded by ../000-simple-ml.fsx after common.fsx and setup.fsx: #load nothing here.
open System
open System.Globalization
open System.IO
open Deedle
open Common
open Functional
open Functional.Nn
open Setup

// salary.csv is fetched from the lecture's own site (or a mirror) on first use and cached.
section "wage regression" 13 [ "kaityo256-python_zero", "salary.csv" ] (fun paths ->
    let path = List.exactlyOne paths

    let frame =
        Csv.read path |> Frame.filterRowValues (fun row -> row.GetAs<int> "age" < 55)

    checkThat "wage: 84 rows with age < 55" (frame.RowCount = 84)
    // Every category gets a column (as pandas.get_dummies): the design is rank-deficient, since the education
    // columns sum to 1 as do the size columns. The minimum-norm solution is scikit-learn's.
    let encoded = OneHot.encode [ "education"; "company_size" ] frame
    let design = DesignMatrix.ofFrameExcept [ "salary" ] encoded
    let salary = DesignMatrix.column "salary" encoded
    let wage = LeastSquares.fitTensor LeastSquares.defaults design.X salary
    let r2 = LinearFit.rSquared wage design.X salary

    say "column                 coefficient (thousand yen a month)"

    Array.iter2 (fun (name: string) (w: float) -> say (sprintf "%-22s %12.6f" name w)) design.Columns wage.Coefficients

    say (sprintf "%-22s %12.6f" "intercept" wage.Intercept)
    say (sprintf "%-22s %12.6f" "R²" r2)
    // oracle: DESIGN.md §5 lecture 000, scikit-learn 1.2.1 LinearRegression (computed), 6 decimals → 1e-5.
    let coefficient name =
        wage.Coefficients[Array.findIndex ((=) name) design.Columns]

    for name, expected in
        [
            "age", 5.124881
            "education_high", -25.105952
            "education_middle", -29.434524
            "education_tech", -9.958333
            "education_university", 64.498810
            "company_size_large", 28.053571
            "company_size_middle", -9.214286
            "company_size_small", -18.839286
        ] do
        checkClose $"wage: {name}" expected 1e-5 (coefficient name)

    checkClose "wage: intercept" 93.290119 1e-5 wage.Intercept
    checkClose "wage: R²" 0.847980 1e-5 r2
    // The QR solver (complete orthogonal decomposition) reaches the same minimum-norm weights.
    let byQr =
        LeastSquares.fitTensor
            {
                LeastSquares.defaults with
                    Decomposition = Decomposition.Qr
            }
            design.X
            salary

    checkClose
        "wage: QR and SVD agree (largest difference)"
        0.0
        1e-9
        (Array.map2 (fun a b -> abs (a - b)) byQr.Coefficients wage.Coefficients
         |> Array.max)

    // The large-company pivot: salary against age for each education, with the fitted lines of two of them.
    let large =
        frame
        |> Frame.filterRowValues (fun row -> row.GetAs<string> "company_size" = "large")

    let plot = Plot.create ()
    // One colour per education level, shared by its points and its fitted line.
    let palette = ScottPlot.Palettes.Category10()
    let colour = Map.ofList [ "middle", 0; "high", 1; "tech", 2; "university", 3 ]

    for education in [ "middle"; "high"; "tech"; "university" ] do
        let rows =
            large
            |> Frame.filterRowValues (fun row -> row.GetAs<string> "education" = education)

        let points =
            plot.Add.ScatterPoints(
                (rows.GetColumn<float> "age").Values |> Seq.toArray,
                (rows.GetColumn<float> "salary").Values |> Seq.toArray
            )

        points.MarkerSize <- 9.0f
        points.Color <- palette.GetColor colour[education]
        points.LegendText <- education

    let ages = [| 20.0; 55.0 |]

    for education in [ "university"; "middle" ] do
        let level =
            wage.Intercept
            + coefficient $"education_{education}"
            + coefficient "company_size_large"

        let line =
            plot.Add.ScatterLine(ages, ages |> Array.map (fun a -> level + coefficient "age" * a))

        line.LineWidth <- 2.0f
        line.Color <- palette.GetColor colour[education]
        line.LegendText <- $"fit: {education}, large company"

    plot.ShowLegend() |> ignore

    Plot.save
        (figure "Lecture 000: monthly salary at large companies (age < 55)" "age" "salary (thousand yen)")
        (Path.Combine(dir, "wage-large-companies.png"))
        plot
    |> wrote)
