// §5.7.2 SVMs and the kernel trick on coursera-ml-ex6 (fetched on first use; skipped, saying so, when it cannot be had).
// A section of ../003-deep-learning-ch5.fsx, which loads common.fsx and setup.fsx first: #load nothing here.

open System.IO
open Common
open Functional
open Setup

say "== SVM =="

/// An ex6 set's points (m×2) and 0/1 labels (m) from its MAT-file: X and y, or Xval and yval.
let ex6Set (data: Map<string, Tensor>) (x: string) (y: string) =
    data[x], data[y].Reshape [ data[y].Dims[0] ]

section
    "§5.7.2 SVMs on ex6data1-3"
    15
    [
        "coursera-ml-ex6", "ex6data1.mat"
        "coursera-ml-ex6", "ex6data2.mat"
        "coursera-ml-ex6", "ex6data3.mat"
    ]
    (fun paths ->
        let d1, d2, d3 = Mat.load paths[0], Mat.load paths[1], Mat.load paths[2]
        let x1, y1 = ex6Set d1 "X" "y"
        let linear1 = Svm.fit Svm.defaults x1 y1
        let correct1 = Svm.accuracy linear1 x1 y1 * 51.0 |> round
        let w1 = Tensor.toArray linear1.Weights.Value

        say
            $"ex6data1, linear, C = 1: {correct1}/51 correct, w = [{w1[0]:F4}, {w1[1]:F4}], b = {linear1.Bias:F4}, margin 2/‖w‖ = {linear1.Margin:F4}, {linear1.SupportIndices.Length} support vectors"
        // oracle: DESIGN.md §5 and scikit-learn 1.2.1 SVC(kernel="linear", C=1) → 50/51, coef_ [1.40719, 2.13398].
        checkClose "ex6data1 linear C = 1 correct" 50.0 0.0 correct1
        checkClose "ex6data1 w0 (scikit-learn 1.40719)" 1.4071856278 5e-3 w1[0]
        checkClose "ex6data1 w1 (scikit-learn 2.13398)" 2.1339805168 5e-3 w1[1]
        // Hinge-loss primal ½‖w‖² + C Σ max(0, 1 − y f(x)) equals the dual optimum: the duality gap is ~ the tolerance.
        let f1 = Svm.decisionFunction linear1 x1 |> Tensor.toArray
        let signs = Tensor.toArray y1 |> Array.map (fun v -> if v > 0.5 then 1.0 else -1.0)
        let hinge = Array.map2 (fun s f -> max 0.0 (1.0 - s * f)) signs f1 |> Array.sum
        let primal = 0.5 * (Array.sumBy (fun v -> v * v) w1) + hinge
        say $"hinge-loss primal {primal:F6}, dual {-linear1.Objective:F6}"
        checkThat "duality gap (primal − dual) / primal < 1e-3" (abs (primal + linear1.Objective) / primal < 1e-3)
        let linear100 = Svm.fit { Svm.defaults with C = 100.0 } x1 y1

        say
            $"ex6data1, linear, C = 100: {Svm.accuracy linear100 x1 y1 * 51.0:F0}/51, margin {linear100.Margin:F4} (narrower: the outlier is fitted)"

        checkClose "ex6data1 linear C = 100 correct" 51.0 0.0 (Svm.accuracy linear100 x1 y1 * 51.0 |> round)
        checkThat "a larger C narrows the margin" (linear100.Margin < linear1.Margin)

        for fit, c in [ linear1, 1; linear100, 100 ] do
            PlotClassic.decisionBoundary
                (figure $"§5.7.2 ex6data1, linear SVM, C = {c}: f(x) = 0 and the margins f = ±1" "x1" "x2")
                [ -1.0; 0.0; 1.0 ]
                x1
                y1
                (Svm.decisionFunction fit)
                (Path.Combine(dir, $"svm-ex6data1-C{c}.png"))
            |> wrote

        let x2, y2 = ex6Set d2 "X" "y"

        let rbf2 =
            Svm.fit
                {
                    Svm.defaults with
                        Kernel = Kernel.rbfOfSigma 0.1
                }
                x2
                y2

        let acc2 = Svm.accuracy rbf2 x2 y2
        let linear2 = Svm.fit Svm.defaults x2 y2

        say
            $"ex6data2, RBF σ = 0.1 (γ = 50), C = 1: training accuracy {acc2:F5}, {rbf2.SupportIndices.Length} support vectors; a line gets only {Svm.accuracy linear2 x2 y2:F4}"
        // oracle: DESIGN.md §5 and scikit-learn 1.2.1 SVC(kernel="rbf", gamma=50, C=1) → 0.98957 (854/863), 185 SVs.
        checkClose "ex6data2 RBF accuracy" 0.98957 5e-6 acc2
        checkThat "the kernel trick beats the best line on ex6data2" (acc2 > Svm.accuracy linear2 x2 y2 + 0.1)

        PlotClassic.decisionBoundary
            (figure "§5.7.2 ex6data2, RBF SVM σ = 0.1, C = 1" "x1" "x2")
            [ -1.0; 0.0; 1.0 ]
            x2
            y2
            (Svm.decisionFunction rbf2)
            (Path.Combine(dir, "svm-ex6data2-rbf.png"))
        |> wrote

        let x3, y3 = ex6Set d3 "X" "y"
        let x3v, y3v = ex6Set d3 "Xval" "yval"
        let grid = [ 0.01; 0.03; 0.1; 0.3; 1.0; 3.0; 10.0; 30.0 ]
        // Every C with every σ of the grid, each fitted on ex6data3 and scored on its validation set.
        let selection =
            Svm.selectOnValidation Svm.defaults Kernel.rbfOfSigma grid grid (x3, y3) (x3v, y3v)

        say
            $"ex6data3: best on the validation set C = {selection.C}, σ = {selection.Parameter}, validation error {selection.ValidationError:F4}"
        // oracle: scikit-learn 1.2.1 grid (SOURCE.md) → C = 1, sigma = 0.1, error 0.035.
        checkClose "ex6data3 best C" 1.0 0.0 selection.C
        checkClose "ex6data3 best σ" 0.1 0.0 selection.Parameter
        checkClose "ex6data3 best validation error" 0.035 1e-12 selection.ValidationError

        PlotClassic.decisionBoundary
            (figure
                $"§5.7.2 ex6data3, RBF SVM chosen on validation: C = {selection.C}, σ = {selection.Parameter}"
                "x1"
                "x2")
            [ -1.0; 0.0; 1.0 ]
            x3
            y3
            (Svm.decisionFunction selection.Fit)
            (Path.Combine(dir, "svm-ex6data3-best.png"))
        |> wrote)
