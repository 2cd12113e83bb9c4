using System;
using System.IO;
using System.Linq;
using Functional;
using Functional.CSharp;

namespace Functional.Core.Tests.Consumer;

/// The evaluation tools as a C# program uses them: learners from lambdas and estimators, curves over a split, error
/// and ceiling analysis with (name, …) tuples, diagnoses read as arrays and TryGet….
public sealed class EvaluationFromCSharpTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("functional-evaluation-csharp-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// y = 1 + 2x + a fixed wiggle, for x = 1 … 20: one feature per example.
    private static readonly Examples<double[], double> Line = Examples.Create(
        Enumerable.Range(1, 20).Select(i => new[] { i / 4.0 }).ToArray(),
        Enumerable.Range(1, 20).Select(i => 1 + 2 * (i / 4.0) + Math.Sin(3 * i)).ToArray());

    private static readonly Split<Examples<double[], double>> LineSplit =
        Splits.Split(Splits.Defaults.WithSeed(7), Line);

    /// [1, row…] for each row: the deck's X = [ones(m, 1), X].
    private static double[,] WithOnes(double[][] rows)
    {
        var x = new double[rows.Length, rows[0].Length + 1];
        for (int i = 0; i < rows.Length; i++)
        {
            x[i, 0] = 1;
            for (int j = 0; j < rows[i].Length; j++)
                x[i, j + 1] = rows[i][j];
        }
        return x;
    }

    /// The deck's regularised linear regression, written in C#.
    private static Learner<double[], double, RegularizedFit> CSharpLearner(double lambda) =>
        Learners.Create(
            (Examples<double[], double> examples) =>
                RegularizedLinearRegression.Fit(lambda, WithOnes(examples.Inputs), examples.Targets),
            (fit, inputs) => RegularizedLinearRegression.Predict(fit, WithOnes(inputs)),
            ErrorMeasure.HalfMeanSquaredError);

    /// Fits on the training part and measures on the given part, by hand: the oracle of the curves.
    private static double ErrorAfterTraining(Learner<double[], double, RegularizedFit> learner,
        Examples<double[], double> measuredOn)
    {
        var model = learner.FitTo(LineSplit.Train.Value);
        return learner.ErrorOf(model, measuredOn);
    }

    [Fact]
    public void A_split_has_the_default_shares_and_maps_part_by_part()
    {
        var sizes = LineSplit.Map(Examples.Count);

        Assert.Equal((12, 4, 4), (sizes.Train.Value, sizes.Validation.Value, sizes.Test.Value));
        Assert.Equal(0, Splits.Defaults.Seed);
        Assert.Equal(0.5, Splits.Defaults.WithTrainFraction(0.5).TrainFraction);
    }

    [Fact]
    public void A_learner_written_with_CSharp_lambdas_has_the_learning_curve_of_the_FSharp_learner()
    {
        var curve = Curves.LearningCurve(CSharpLearner(0.0), LineSplit);
        var fsharp = LearningCurveModule.Compute(RegularizedLinearRegression.Learner(0.0), LineSplit.Train,
            LineSplit.Validation);

        Assert.Equal(Enumerable.Range(1, 12), curve.Points.Select(p => p.TrainingSize));
        Assert.Equal(fsharp.Points, curve.Points);
        // oracle: with λ = 0 one example is fitted exactly (minimum norm), so J_train(1) = 0
        Assert.Equal(0.0, curve.Points[0].TrainingError, 15);
    }

    [Fact]
    public void A_learning_curve_at_chosen_sizes_over_a_Core_estimator_fits_the_first_examples()
    {
        var learner = Learners.OfMatrixEstimator<double, double[]>(new RidgeEstimator(Ridge.Defaults.WithPenalty(0.5)),
            ErrorMeasure.HalfMeanSquaredError);

        var curve = Curves.LearningCurve(learner, new[] { 12, 2, 5 }, LineSplit.Train, LineSplit.Validation);

        Assert.Equal(new[] { 2, 5, 12 }, curve.Points.Select(p => p.TrainingSize));
        // oracle: ridge fitted by hand to the first 5 training examples, J = Σ(ŷ − y)² / 2m on the validation set
        var firstFive = Examples.Take(5, LineSplit.Train.Value);
        var predictor = new RidgeEstimator(Ridge.Defaults.WithPenalty(0.5))
            .Fit(TensorModule.OfArray2D(Examples.InputMatrix(firstFive)), TensorModule.OfArray(firstFive.Targets));
        var validation = LineSplit.Validation.Value;
        var predicted = predictor.Predict(TensorModule.OfArray2D(Examples.InputMatrix(validation))).ToFloatArray();
        var expected = predicted.Zip(validation.Targets, (p, y) => (p - y) * (p - y)).Sum() / (2.0 * predicted.Length);
        Assert.Equal(expected, curve.Points[1].ValidationError, 12);
    }

    [Fact]
    public void A_validation_curve_over_lambda_picks_the_lowest_validation_error_and_reports_its_test_error()
    {
        var lambdas = new[] { 0.0, 0.3, 3.0, 30.0, 300.0 };

        var curve = Curves.ValidationCurve(lambdas, CSharpLearner, LineSplit);

        Assert.Equal(lambdas, curve.Points.Select(p => p.Value));
        foreach (var point in curve.Points)
        {
            Assert.Equal(ErrorAfterTraining(CSharpLearner(point.Value), LineSplit.Train.Value), point.TrainingError,
                12);
            Assert.Equal(ErrorAfterTraining(CSharpLearner(point.Value), LineSplit.Validation.Value),
                point.ValidationError, 12);
        }
        Assert.Equal(curve.Points.MinBy(p => p.ValidationError)!.Value, curve.Best.Value);
        // Training error only grows with λ.
        var trainingErrors = curve.Points.Select(p => p.TrainingError).ToArray();
        Assert.Equal(trainingErrors.OrderBy(e => e), trainingErrors);
        Assert.Equal(ErrorAfterTraining(CSharpLearner(curve.Best.Value), LineSplit.Test.Value),
            Curves.TestError(CSharpLearner, curve, LineSplit), 12);
    }

    [Fact]
    public void A_feature_curve_over_polynomial_degrees_maps_the_inputs_of_one_learner()
    {
        Learner<double[], double, RegularizedFit> Degree(int degree) =>
            RegularizedLinearRegression.Learner(0.0)
                .MapInputs((double[] row) => Enumerable.Range(1, degree).Select(p => Math.Pow(row[0], p)).ToArray());

        var curve = Curves.FeatureCurve(new[] { 1, 2, 3 }, Degree, LineSplit);

        Assert.Equal(new[] { 1, 2, 3 }, curve.Points.Select(p => p.Features));
        for (int i = 0; i < 3; i++)
            Assert.Equal(ErrorAfterTraining(Degree(i + 1), LineSplit.Validation.Value), curve.Points[i].ValidationError,
                12);
        // Nested least-squares models: a higher degree never fits the training set worse.
        Assert.True(curve.Points[2].TrainingError <= curve.Points[0].TrainingError + 1e-12);
    }

    /// Six "e-mails" with labels (1 = spam), as the F# error-analysis tests use.
    private static readonly Examples<string, int> Emails = Examples.Create(
        new[] { "cheap pharma", "hello friend", "replica watches", "meeting notes", "steal password", "cheap flights" },
        new[] { 1, 0, 1, 0, 1, 0 });

    /// Calls spam whatever contains "cheap": right on 1, 2 and 4; wrong on 3 and 5 (missed spam) and 6 (false alarm).
    private static int[] CheapIsSpam(string[] inputs) => inputs.Select(s => s.Contains("cheap") ? 1 : 0).ToArray();

    [Fact]
    public void Error_analysis_counts_the_validation_mistakes_in_each_named_category()
    {
        var analysis = ErrorAnalyses.ByCategory(CheapIsSpam, Roles.Validation(Emails),
            ("missed spam", m => m.Target == 1),
            ("false alarm", m => m.Target == 0),
            ("replica", m => m.Input.Contains("replica")),
            ("pharma", m => m.Input.Contains("pharma")));

        Assert.Equal((6, 3, 0.5), (analysis.Examples, analysis.Mistakes.Length, analysis.ErrorRate));
        Assert.Equal(new[] { ("missed spam", 2), ("false alarm", 1), ("replica", 1), ("pharma", 0) },
            analysis.Categories.Select(c => (c.Category, c.Count)));
        Assert.Equal(2.0 / 3.0, analysis.Categories[0].ShareOfMistakes, 15);
        Assert.Empty(analysis.Uncategorised);
        Assert.Equal(new[] { 2, 4, 5 },
            ErrorAnalyses.Mistakes(CheapIsSpam, Roles.Validation(Emails)).Select(m => m.Index));
    }

    [Fact]
    public void Error_analysis_refuses_two_categories_of_one_name()
    {
        var e = Assert.Throws<ArgumentException>(() => ErrorAnalyses.ByCategory(CheapIsSpam, Roles.Validation(Emails),
            ("spam", m => true), ("spam", m => false)));

        Assert.Contains("\"spam\" twice", e.Message);
    }

    [Fact]
    public void One_change_at_a_time_tabulates_each_change_against_the_baseline()
    {
        var table = ErrorAnalyses.OneChangeAtATime(CSharpLearner(0.0), LineSplit,
            ("λ = 3", CSharpLearner(3.0)), ("λ = 300", CSharpLearner(300.0)));

        Assert.Equal(new[] { "baseline", "λ = 3", "λ = 300" }, table.Select(c => c.Change));
        double baseline = ErrorAfterTraining(CSharpLearner(0.0), LineSplit.Validation.Value);
        double strong = ErrorAfterTraining(CSharpLearner(300.0), LineSplit.Validation.Value);
        Assert.Equal(baseline, table[0].ValidationError, 12);
        Assert.Equal(strong, table[2].ValidationError, 12);
        Assert.Equal(strong - baseline, table[2].Difference, 12);
    }

    [Fact]
    public void A_Core_classifier_on_tensors_is_a_learner_with_the_misclassification_rate()
    {
        var points = Examples.Create(
            new[] { new[] { 1.0, 0 }, new[] { -1.0, 0 }, new[] { 2.0, 1 }, new[] { -2.0, -1 }, new[] { 0.5, 3 },
                new[] { -0.5, -3 } },
            new[] { 1.0, 0, 1, 0, 1, 0 });
        var learner = Learners.OfTensorEstimator(new SvmClassifier(Svm.Defaults.WithC(100)),
            ErrorMeasure.MisclassificationRate);

        var model = learner.FitTo(points);

        Assert.Equal(0.0, learner.ErrorOf(model, points));
        var flipped = Examples.Create(points.Inputs, points.Targets.Select(t => 1 - t).ToArray());
        Assert.Equal(1.0, learner.ErrorOf(model, flipped));
    }

    [Fact]
    public void Ceiling_analysis_of_the_decks_photo_OCR_accuracies_points_at_character_segmentation()
    {
        var analysis = CeilingAnalyses.OfAccuracies(0.70,
            ("text detection", 0.75), ("character segmentation", 0.90), ("character recognition", 1.00));

        // oracle: Ng, ML week 11, the photo OCR ceiling table: gains 5, 15 and 10 points
        Assert.Equal(new[] { 0.05, 0.15, 0.10 }, analysis.Rows.Select(r => Math.Round(r.Gain, 12)));
        Assert.Equal("character segmentation", analysis.WorthImprovingMost);
    }

    [Fact]
    public void Ceiling_analysis_runs_a_CSharp_pipeline_with_each_stage_replaced_by_ground_truth()
    {
        // Ten numbers n through "double" then "add one"; right when the result is 2n + 1. Doubling is wrong for 3,
        // adding one is wrong from 8 on.
        var stages = new[]
        {
            CeilingAnalyses.Stage<int, int>("double", (n, s) => n == 3 ? s * 2 + 5 : s * 2, (n, _) => 2 * n),
            CeilingAnalyses.Stage<int, int>("add one", (n, s) => n >= 8 ? s : s + 1, (n, _) => 2 * n + 1),
        };

        var analysis = CeilingAnalyses.Run(stages, n => n, (n, s) => s == 2 * n + 1, Enumerable.Range(0, 10).ToArray());

        // oracle: 3 of 10 wrong as built; perfect doubling fixes 3 only; perfect adding fixes 8 and 9 as well
        Assert.Equal(0.7, analysis.Overall, 15);
        Assert.Equal(new[] { 0.8, 1.0 }, analysis.Rows.Select(r => r.Accuracy));
        Assert.Equal("add one", analysis.WorthImprovingMost);
    }

    [Fact]
    public void A_diagnosis_of_two_errors_lists_its_remedies_and_has_no_validation_drop()
    {
        var diagnosis = DiagnosisModule.OfErrors(DiagnosisModule.WithTarget(5.0), 22.4, 29.4);

        // oracle: the deck, J_train 22.4 > ε = 5 is high bias
        Assert.Equal(Verdict.HighBias, diagnosis.Verdict);
        Assert.Equal(new[] { Remedy.MoreFeatures, Remedy.PolynomialFeatures, Remedy.DecreaseLambda },
            diagnosis.GetRemedies());
        Assert.False(diagnosis.Evidence.TryGetValidationDrop(out _));
        Assert.Equal(new[] { Remedy.MoreTrainingExamples, Remedy.FewerFeatures, Remedy.IncreaseLambda },
            Verdict.HighVariance.Remedies());
        Assert.Empty(Verdict.Fine.Remedies());
        Assert.Equal(Verdict.HighVariance,
            DiagnosisModule.OfErrors(DiagnosisModule.WithTarget(5.0).WithMinGapShare(0.1), 4.0, 6.0).Verdict);
    }

    [Fact]
    public void A_diagnosis_of_a_learning_curve_reads_the_drop_over_its_second_half()
    {
        var curve = Curves.LearningCurve(CSharpLearner(0.0), LineSplit);

        var diagnosis = DiagnosisModule.OfLearningCurve(DiagnosisModule.WithTarget(0.01), curve);

        Assert.True(diagnosis.Evidence.TryGetValidationDrop(out var drop));
        // oracle: J_cv at the middle size (6, index 5 of 12) minus J_cv at the largest
        Assert.Equal(curve.Points[5].ValidationError - curve.Points[11].ValidationError, drop, 15);
        Assert.Equal(curve.Points[11].TrainingError, diagnosis.Evidence.TrainingError);
    }

    [Fact]
    public void A_validation_curve_is_plotted_with_its_values_on_the_horizontal_axis()
    {
        var curve = Curves.ValidationCurve(new[] { 0.0, 1.0, 10.0 }, CSharpLearner, LineSplit);

        var path = Plots.ValidationCurve(Plot.Defaults.WithTitle("λ").WithWidth(320).WithHeight(240), lambda => lambda,
            curve, Path.Combine(_folder, "validation-curve.png"));

        Assert.True(File.Exists(path));
        Assert.Equal(Path.Combine(_folder, "validation-curve.png"), path);
    }

    [Fact]
    public void Null_delegates_throw_ArgumentNullException_naming_the_argument()
    {
        var e = Assert.Throws<ArgumentNullException>(() =>
            Curves.ValidationCurve(new[] { 0.0 }, (Func<double, Learner<double[], double, RegularizedFit>>)null!,
                LineSplit));

        Assert.Equal("learnerFor", e.ParamName);
        Assert.Throws<ArgumentNullException>(() => ErrorAnalyses.Mistakes(null!, Roles.Validation(Emails)));
    }
}
