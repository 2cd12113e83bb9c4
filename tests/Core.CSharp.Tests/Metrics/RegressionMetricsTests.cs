using System;
using Functional.Core.Metrics;

namespace Functional.Core.Tests.Metrics;

public class RegressionMetricsTests
{
    // oracle: scikit-learn 1.2.1 on truth [3, −0.5, 2, 7] and predictions [2.5, 0, 2, 8]: mean_squared_error 0.375,
    // its square root 0.6123724356957945, r2_score 0.9486081370449679.
    private static readonly double[] Truth = { 3.0, -0.5, 2.0, 7.0 };
    private static readonly double[] Predicted = { 2.5, 0.0, 2.0, 8.0 };

    [Fact]
    public void Mse_rmse_and_r2_match_scikit_learn()
    {
        Assert.Equal(0.375, RegressionMetrics.MeanSquaredError(Truth, Predicted), 15);
        Assert.Equal(0.6123724356957945, RegressionMetrics.RootMeanSquaredError(Truth, Predicted), 15);
        Assert.Equal(0.9486081370449679, RegressionMetrics.RSquared(Truth, Predicted), 15);
    }

    [Fact]
    public void R2_of_constant_truth_is_1_when_exact_and_0_otherwise_as_scikit_learn()
    {
        // oracle: scikit-learn 1.2.1 r2_score([2, 2], [2, 2]) = 1.0 and r2_score([2, 2], [1, 2]) = 0.0.
        Assert.Equal(1.0, RegressionMetrics.RSquared(new[] { 2.0, 2.0 }, new[] { 2.0, 2.0 }));
        Assert.Equal(0.0, RegressionMetrics.RSquared(new[] { 2.0, 2.0 }, new[] { 1.0, 2.0 }));
    }

    [Fact]
    public void Predicting_the_mean_gives_r2_0_and_worse_gives_negative_r2()
    {
        Assert.Equal(0.0, RegressionMetrics.RSquared(new[] { 1.0, 3.0 }, new[] { 2.0, 2.0 }), 15);
        Assert.True(RegressionMetrics.RSquared(new[] { 1.0, 3.0 }, new[] { 3.0, 1.0 }) < 0);
    }

    [Fact]
    public void NaN_throws_naming_the_metric_and_the_index()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            RegressionMetrics.MeanSquaredError(new[] { 1.0, 2.0 }, new[] { 1.0, double.NaN }));
        Assert.Contains("meanSquaredError: expected finite values in predicted, received NaN at index 1", e.Message);
        Assert.Equal("predicted", e.ParamName);
    }

    [Fact]
    public void Different_lengths_throw_naming_rSquared() =>
        Assert.Contains("rSquared: expected truth and predicted of one length",
            Assert.Throws<ArgumentException>(() => RegressionMetrics.RSquared(new[] { 1.0 }, new[] { 1.0, 2.0 }))
                .Message);
}
