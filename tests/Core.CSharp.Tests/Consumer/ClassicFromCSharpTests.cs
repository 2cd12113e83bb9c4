using System;
using System.IO;
using System.Linq;
using Deedle;
using Functional;
using Functional.CSharp;

namespace Functional.Core.Tests.Consumer;

/// The classic algorithms as a C# program fits them: settings from Defaults with With… copies, results read through
/// value tuples and TryGet…, data from Deedle frames by column name, figures written to a folder.
public sealed class ClassicFromCSharpTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("functional-classic-csharp-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Tensor Matrix(int columns, params double[] values) =>
        Tensor.FromArray(values, new[] { values.Length / columns, columns });

    private static Tensor Vector(params double[] values) => Tensor.FromArray(values);

    private static double Mean(double[] v) => v.Average();

    /// Five heights (cm) and weights (kg), as in docs/getting-started-csharp.md.
    private static readonly double[] Heights = { 166, 176, 171, 173, 169 };

    private static readonly double[] Weights = { 58.7, 75.7, 62.1, 70.4, 60.1 };

    /// Σ (a − ā)(b − b̄), the centred cross product of the closed-form one-feature fits below.
    private static double Centred(double[] a, double[] b) =>
        a.Zip(b, (x, y) => (x - Mean(a)) * (y - Mean(b))).Sum();

    [Fact]
    public void Least_squares_through_Defaults_matches_the_closed_form_slope_and_intercept()
    {
        var fit = LeastSquares.FitTensor(LeastSquares.Defaults, Matrix(1, Heights), Vector(Weights));

        // oracle: one feature, w = Sxy / Sxx and b = ȳ − w·x̄
        double slope = Centred(Heights, Weights) / Centred(Heights, Heights);
        Assert.Equal(slope, fit.Coefficients[0], 9);
        Assert.Equal(Mean(Weights) - slope * Mean(Heights), fit.Intercept, 7);
        Assert.Equal(1.820690, fit.Coefficients[0], 6); // the number the C# getting-started page prints
    }

    [Fact]
    public void Least_squares_without_an_intercept_goes_through_the_origin()
    {
        var fit = LeastSquares.FitTensor(LeastSquares.Defaults.WithIntercept(false), Matrix(1, Heights),
            Vector(Weights));

        // oracle: through the origin, w = Σxy / Σx²
        Assert.Equal(Heights.Zip(Weights, (x, y) => x * y).Sum() / Heights.Sum(x => x * x), fit.Coefficients[0], 12);
        Assert.Equal(0.0, fit.Intercept);
        Assert.True(LeastSquares.Defaults.Intercept, "With… returns a copy; Defaults keeps its intercept");
    }

    [Fact]
    public void Ridge_with_a_penalty_shrinks_the_slope_to_Sxy_over_Sxx_plus_lambda()
    {
        var fit = Ridge.Fit(Ridge.Defaults.WithPenalty(30.0), Matrix(1, Heights), Vector(Weights));

        // oracle: unpenalised intercept, so w = Sxy / (Sxx + λ) on centred data and b = ȳ − w·x̄
        double slope = Centred(Heights, Weights) / (Centred(Heights, Heights) + 30.0);
        Assert.Equal(slope, fit.Coefficients[0], 10);
        Assert.Equal(Mean(Weights) - slope * Mean(Heights), fit.Intercept, 8);
        Assert.Equal(1.0, Ridge.Defaults.Penalty);
    }

    [Fact]
    public void Penalised_logistic_regression_stops_where_its_gradient_vanishes()
    {
        double[] xs = { -2, -1, -0.5, 0.5, 1, 2, 0.2, -0.2 };
        double[] ys = { 0, 0, 1, 0, 1, 1, 1, 0 };
        var settings = LogisticRegression.Defaults.WithPenalty(1.0);

        var fit = LogisticRegression.Fit(settings, Matrix(1, xs), Vector(ys));

        // oracle: J = −Σ log-likelihood + (λ/2)w², so at the minimum Σ(p − y) = 0 and Σ(p − y)x + λw = 0
        double[] p = xs.Select(x => 1 / (1 + Math.Exp(-(fit.Intercept + fit.Coefficients[0] * x)))).ToArray();
        Assert.Equal(0.0, p.Zip(ys, (pi, y) => pi - y).Sum(), 8);
        Assert.Equal(0.0, p.Zip(ys, (pi, y) => pi - y).Zip(xs, (r, x) => r * x).Sum() + 1.0 * fit.Coefficients[0], 8);
        Assert.True(fit.Converged);
        // The Core estimator runs the same F# fit.
        var estimated = new LogisticEstimator(settings).Fit(Matrix(1, xs), Vector(ys));
        Assert.Equal(fit.Coefficients, estimated.Fitted.Coefficients);
    }

    [Fact]
    public void Softmax_regression_with_three_classes_gives_three_probabilities_per_row()
    {
        var x = Matrix(1, -1, -0.5, 0.5, 1);
        var y = Vector(0, 0, 1, 1);

        var fit = SoftmaxRegression.Fit(SoftmaxRegression.Defaults.WithClasses(3).WithMaxIterations(50), x, y);
        var probabilities = SoftmaxRegression.PredictProba(fit, x);

        Assert.Equal(3, fit.Classes);
        Assert.Equal(new[] { 4, 3 }, probabilities.Dims);
        Assert.All(Enumerable.Range(0, 4), i =>
            Assert.Equal(1.0, probabilities.ToFloatArray().Skip(3 * i).Take(3).Sum(), 12));
        Assert.Equal(2, SoftmaxRegression.Fit(SoftmaxRegression.Defaults, x, y).Classes); // null: K from the labels
    }

    [Fact]
    public void Gradient_descent_starts_from_the_initial_weights_and_null_means_zeros()
    {
        var x = new double[,] { { 1, 0 }, { 0, 1 }, { 1, 1 } };
        var y = new double[] { 1, 2, 3 };

        var notMoved = GradientDescent.Fit(
            GradientDescent.Defaults.WithInitialWeights(new[] { 2.0, -1.0 }).WithIterations(0), x, y);
        var fromZeros = GradientDescent.Fit(GradientDescent.Defaults.WithInitialWeights(null), x, y);

        Assert.Equal(new[] { 2.0, -1.0 }, notMoved.Weights);
        Assert.Equal(GradientDescent.Fit(GradientDescent.Defaults, x, y).Weights, fromZeros.Weights);
        Assert.Equal(200, fromZeros.Trace.Length);
    }

    [Fact]
    public void Standardization_returns_the_standardizer_and_z_as_a_named_tuple()
    {
        var x = Matrix(2, 1, 10, 2, 20, 3, 30);

        var result = Standardization.FitTransform(x);
        var (standardizer, z) = result;

        // oracle: column means 2 and 20, sample standard deviations 1 and 10, so z = −1, 0, 1 in each column
        Assert.Equal(new double[] { 2, 20 }, result.Standardizer.Mean);
        Assert.Equal(new double[] { 1, 10 }, standardizer.StandardDeviation);
        Assert.Equal(new double[] { -1, -1, 0, 0, 1, 1 }, result.Standardized.ToFloatArray());
        Assert.Equal(Standardize.Transform(Standardize.Fit(x), x).ToFloatArray(), z.ToFloatArray());
    }

    [Fact]
    public void Pca_with_one_component_finds_the_line_the_points_lie_on()
    {
        double[] t = { -1, 0, 1, 3 };
        var x = Matrix(2, t.SelectMany(ti => new[] { ti, 2 * ti }).ToArray()); // every point on y = 2x

        var fit = Pca.Fit(Pca.Defaults.WithComponents(1), x);

        Assert.Equal(new[] { 1, 2 }, fit.Components.Dims);
        // oracle: the axis is (1, 2)/√5 up to sign; the variance along it is 5·Σ(t − t̄)²/(n − 1)
        var axis = fit.Components.ToFloatArray();
        Assert.Equal(1 / Math.Sqrt(5), Math.Abs(axis[0]), 12);
        Assert.Equal(2 / Math.Sqrt(5), Math.Abs(axis[1]), 12);
        Assert.Equal(5 * t.Sum(ti => (ti - t.Average()) * (ti - t.Average())) / 3, fit.ExplainedVariance[0], 10);
        Assert.Equal(1.0, fit.ExplainedVarianceRatio[0], 12);
        Assert.Equal(2, Pca.Fit(Pca.Defaults, x).Components.Dims[0]); // null: min(n, d) components
    }

    [Fact]
    public void Kernel_pca_with_the_linear_kernel_has_the_squared_singular_value_of_pca()
    {
        var x = Matrix(2, 1, 2, 2, 1, 3, 5, 0, 1, 4, 4);

        var kernel = KernelPca.Fit(KernelPca.Defaults.WithKernel(KernelModule.Linear).WithComponents(1), x);
        var pca = Pca.Fit(Pca.Defaults.WithComponents(1), x);

        // oracle: the centred Gram matrix of the linear kernel is Xc·Xcᵀ, whose top eigenvalue is s₁²
        Assert.Single(kernel.Eigenvalues);
        Assert.Equal(pca.SingularValues[0] * pca.SingularValues[0], kernel.Eigenvalues[0], 9);
    }

    [Fact]
    public void K_means_with_k_2_finds_the_means_of_two_separated_squares()
    {
        var x = Matrix(2, 0, 0, 0, 1, 1, 0, 1, 1, 10, 10, 10, 11, 11, 10, 11, 11);

        var fit = KMeans.Fit(KMeans.Defaults.WithK(2).WithRestarts(3), new Random(0), x);

        var centres = fit.Centres.ToFloatArray();
        var sorted = new[] { (centres[0], centres[1]), (centres[2], centres[3]) }.OrderBy(c => c.Item1).ToArray();
        // oracle: each centre is its square's mean; every point is (0.5, 0.5) away, so inertia = 8·0.5
        Assert.Equal((0.5, 0.5), sorted[0]);
        Assert.Equal((10.5, 10.5), sorted[1]);
        Assert.Equal(4.0, fit.Inertia, 12);
        Assert.Equal(3, fit.RestartInertias.Length);
        Assert.Equal(8, KMeans.Defaults.K);
    }

    [Fact]
    public void Knn_neighbours_come_back_as_named_indices_and_distances()
    {
        var x = Matrix(2, 0, 0, 1, 0, 5, 5);
        var y = Vector(0, 0, 1);
        var fit = Knn.Fit(Knn.Defaults.WithK(2), x, y);

        var (indices, distances) = fit.Neighbours(Matrix(2, 0.2, 0));
        var named = fit.Neighbours(Matrix(2, 4, 4));

        // oracle: (0.2, 0) is 0.2 from row 0 and 0.8 from row 1; (4, 4) is √2 from row 2 and 5 from row 1
        Assert.Equal(new double[] { 0, 1 }, indices.ToFloatArray());
        Assert.Equal(new[] { 0.2, 0.8 }, distances.ToFloatArray().Select(d => Math.Round(d, 12)));
        Assert.Equal(new double[] { 2, 1 }, named.Indices.ToFloatArray());
        Assert.Equal(Math.Sqrt(2), named.Distances.ToFloatArray()[0], 12);
        var nearest = Knn.Fit(Knn.Defaults.WithK(1), x, y);
        Assert.Equal(new double[] { 1 }, Knn.Classify(nearest, Matrix(2, 4, 4)).ToFloatArray());
    }

    /// Two classes split by x₀ = 0, the closest points (±1, 0): a hard margin of width 2.
    private static readonly Tensor SvmInputs = Matrix(2, 1, 0, -1, 0, 2, 1, -2, -1, 3, -2, -3, 2);

    private static readonly Tensor SvmLabels = Vector(1, 0, 1, 0, 1, 0);

    [Fact]
    public void A_linear_svm_reports_its_weights_through_TryGetWeights()
    {
        var fit = Svm.Fit(Svm.Defaults.WithC(1000).WithTolerance(1e-8), SvmInputs, SvmLabels);

        Assert.True(fit.TryGetWeights(out var w));
        // oracle: the maximum-margin line through the support vectors (±1, 0) is x₀ = 0, w = (1, 0), b = 0, margin 2
        Assert.Equal(1.0, w.ToFloatArray()[0], 6);
        Assert.Equal(0.0, w.ToFloatArray()[1], 6);
        Assert.Equal(0.0, fit.Bias, 6);
        Assert.Equal(2.0, fit.Margin, 6);
        Assert.Equal(SvmLabels.ToFloatArray(), Svm.Predict(fit, SvmInputs).ToFloatArray());
    }

    [Fact]
    public void An_rbf_svm_has_no_weight_vector()
    {
        var fit = Svm.Fit(Svm.Defaults.WithKernel(KernelModule.Rbf(0.5)), SvmInputs, SvmLabels);

        Assert.False(fit.TryGetWeights(out var w));
        Assert.Null(w);
        Assert.Equal(SvmLabels.ToFloatArray(), Svm.Predict(fit, SvmInputs).ToFloatArray());
    }

    [Fact]
    public void Gaussian_naive_Bayes_takes_given_priors_and_fits_the_class_means()
    {
        var x = Matrix(1, 1, 2, 3, 7, 8, 9);
        var y = Vector(0, 0, 0, 1, 1, 1);

        var fit = NaiveBayes.FitGaussian(NaiveBayes.GaussianDefaults.WithPriors(new[] { 0.25, 0.75 }), x, y);

        var gaussian = Assert.IsType<NaiveBayesFit.Gaussian>(fit).Item;
        Assert.Equal(new[] { 0.25, 0.75 }, gaussian.Priors);
        // oracle: class means 2 and 8; biased variances (1 + 0 + 1)/3 plus ε
        Assert.Equal(new double[] { 2, 8 }, gaussian.Means.ToFloatArray());
        Assert.Equal(2.0 / 3.0, gaussian.Variances.ToFloatArray()[0], 6);
        Assert.Equal(new double[] { 0, 1 }, NaiveBayes.Predict(fit, Matrix(1, 1.5, 8.5)).ToFloatArray());
        var frequencies = NaiveBayes.FitGaussian(NaiveBayes.GaussianDefaults.WithPriors(null), x, y);
        Assert.Equal(new[] { 0.5, 0.5 }, Assert.IsType<NaiveBayesFit.Gaussian>(frequencies).Item.Priors);
    }

    [Fact]
    public void Bernoulli_naive_Bayes_binarizes_at_the_given_threshold()
    {
        var x = Matrix(2, 0.9, 0.1, 0.8, 0.7, 0.2, 0.9, 0.1, 0.3);
        var y = Vector(0, 0, 1, 1);

        var fit = NaiveBayes.FitBernoulli(NaiveBayes.BernoulliDefaults.WithBinarize(0.5), x, y);

        var bernoulli = Assert.IsType<NaiveBayesFit.Bernoulli>(fit).Item;
        Assert.True(bernoulli.TryGetBinarize(out var threshold));
        Assert.Equal(0.5, threshold);
        // oracle: on at > 0.5 gives rows 10, 11 | 01, 00; with α = 1, p = (on + 1) / (rows + 2)
        Assert.Equal(new[] { 0.75, 0.5, 0.25, 0.5 }, bernoulli.FeatureProbabilities.ToFloatArray());
        var unbinarized = NaiveBayes.FitBernoulli(NaiveBayes.BernoulliDefaults.WithBinarize(null), Matrix(1, 1, 0),
            Vector(0, 1));
        Assert.False(Assert.IsType<NaiveBayesFit.Bernoulli>(unbinarized).Item.TryGetBinarize(out _));
    }

    [Fact]
    public void With_copies_leave_the_defaults_unchanged_and_refuse_null()
    {
        var settings = KMeans.Defaults.WithK(3).WithRestarts(1).WithMaxIterations(20).WithTolerance(1e-6);

        Assert.Equal((3, 1, 20, 1e-6), (settings.K, settings.Restarts, settings.MaxIterations, settings.Tolerance));
        Assert.Equal((8, 10, 300), (KMeans.Defaults.K, KMeans.Defaults.Restarts, KMeans.Defaults.MaxIterations));
        Assert.Equal(5, PolynomialFeatures.Defaults.WithDegree(5).Degree);
        Assert.Equal((1.0, 3.0), (BayesianLinearRegression.Defaults.WithAlpha(1.0).Alpha,
            BayesianLinearRegression.Defaults.WithBeta(3.0).Beta));
        Assert.Throws<ArgumentNullException>(() => ((KMeans.Settings)null!).WithK(3));
    }

    [Fact]
    public void A_frame_is_one_hot_encoded_and_turned_into_a_design_matrix_by_column_names()
    {
        var frame = Csv.Parse("salary,education,age\n50,high,30\n60,university,40\n55,high,35\n");

        var design = frame.OneHotEncode("education").ToDesignMatrixExcept("salary");
        var ages = frame.ToDesignMatrix("age", "salary");

        // oracle: the categories sorted, one 0/1 column each, after the untouched columns
        Assert.Equal(new[] { "age", "education_high", "education_university" }, design.Columns);
        Assert.Equal(new double[] { 30, 1, 0, 40, 0, 1, 35, 1, 0 }, design.X.ToFloatArray());
        Assert.Equal(new[] { "age", "salary" }, ages.Columns);
        Assert.Equal(new double[] { 30, 50, 40, 60, 35, 55 }, ages.X.ToFloatArray());
        Assert.Throws<ArgumentException>(() => frame.OneHotEncode("education", "education"));
    }

    [Fact]
    public void A_vocabulary_look_up_is_a_TryGetIndex()
    {
        var vocabulary = new Vocabulary(new[] { "aa", "ab", "abil" });

        Assert.True(vocabulary.TryGetIndex("ab", out var index));
        Assert.Equal(2, index);
        Assert.False(vocabulary.TryGetIndex("zebra", out _));
    }

    [Fact]
    public void The_regularised_cost_as_a_delegate_differentiates_to_the_closed_form_gradient()
    {
        var x = new double[,] { { 1, 1 }, { 1, 2 }, { 1, 3 } };
        var y = new double[] { 1, 2, 2 };
        var theta = Tensor.FromArray(new[] { 0.5, 0.5 });

        Func<Tensor, Tensor> cost = CostFunctions.RegularizedLinearRegression(1.0, x, y);

        var expected = RegularizedLinearRegression.Gradient(1.0, x, y, theta.ToFloatArray());
        var reverse = Differentiation.Grad(cost, theta).ToFloatArray();
        var numeric = Differentiation.NumericalGrad(1e-6, cost, theta).ToFloatArray();

        Assert.Equal(RegularizedLinearRegression.Cost(1.0, x, y, theta.ToFloatArray()), cost(theta).ToScalar(), 12);
        for (int j = 0; j < expected.Length; j++)
        {
            Assert.Equal(expected[j], reverse[j], 12);
            Assert.Equal(expected[j], numeric[j], 7);
        }
    }

    private static bool IsPng(string path, int width, int height)
    {
        var bytes = File.ReadAllBytes(path);
        int Int32At(int offset) => (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8)
            | bytes[offset + 3];
        return bytes.Take(8).SequenceEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10 })
            && Int32At(16) == width && Int32At(20) == height;
    }

    [Fact]
    public void A_decision_boundary_with_its_margins_is_written_as_a_png_of_the_figure_size()
    {
        var fit = Svm.Fit(Svm.Defaults.WithC(1000), SvmInputs, SvmLabels);
        var figure = Plot.Defaults.WithTitle("linear SVM").WithXLabel("x₀").WithYLabel("x₁").WithWidth(400)
            .WithHeight(300);

        var path = Plots.DecisionBoundary(figure, new[] { -1.0, 0.0, 1.0 }, SvmInputs, SvmLabels,
            grid => Svm.DecisionFunction(fit, grid), Path.Combine(_folder, "svm", "boundary.png"));

        Assert.Equal(Path.Combine(_folder, "svm", "boundary.png"), path);
        Assert.True(IsPng(path, 400, 300), "a 400x300 PNG");
        Assert.Equal("", Plot.Defaults.Title);
    }

    [Fact]
    public void Clusters_with_centres_and_named_lines_are_written_as_pngs()
    {
        var x = Matrix(2, 0, 0, 0, 1, 10, 10, 10, 11);
        var fit = KMeans.Fit(KMeans.Defaults.WithK(2), new Random(1), x);
        var small = Plot.Defaults.WithWidth(200).WithHeight(150);

        var clusters = Plots.Clusters(small, x, fit.Labels, fit.Centres, Path.Combine(_folder, "clusters.png"));
        var plain = Plots.Clusters(small, x, fit.Labels, Path.Combine(_folder, "points.png"));
        var steps = Enumerable.Range(0, fit.InertiaTrace.Length).Select(i => (double)i).ToArray();
        var lines = Plots.Lines(small,
            new[] { ("inertia", steps, fit.InertiaTrace), ("zero", new double[] { 0, 1 }, new double[] { 0, 0 }) },
            Path.Combine(_folder, "lines.png"));

        Assert.All(new[] { clusters, plain, lines }, p => Assert.True(IsPng(p, 200, 150), p));
    }
}
