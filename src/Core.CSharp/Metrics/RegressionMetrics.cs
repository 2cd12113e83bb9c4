using System;

namespace Functional.Core.Metrics;

/// <summary>Errors of real-valued predictions: MSE, RMSE and R².</summary>
public static class RegressionMetrics
{
    /// <summary>Computes MSE = (1/n) Σᵢ (truth[i] − predicted[i])².</summary>
    /// <example><c>RegressionMetrics.MeanSquaredError([1, 2], [1, 4])</c> is 2.</example>
    /// <exception cref="ArgumentException">The spans are empty, differ in length, or hold NaN or infinity.</exception>
    public static double MeanSquaredError(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        Check("meanSquaredError", truth, predicted);
        return SumOfSquaredErrors(truth, predicted) / truth.Length;
    }

    /// <summary>Computes RMSE = √MSE, in the units of the targets.</summary>
    /// <exception cref="ArgumentException">The spans are empty, differ in length, or hold NaN or infinity.</exception>
    public static double RootMeanSquaredError(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        Check("rootMeanSquaredError", truth, predicted);
        return Math.Sqrt(SumOfSquaredErrors(truth, predicted) / truth.Length);
    }

    /// <summary>Computes the coefficient of determination R² = 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)². For constant truth the
    /// ratio is undefined; as scikit-learn's r2_score (force_finite), R² is then 1 for exact predictions, else 0.</summary>
    /// <example><c>RegressionMetrics.RSquared([1, 2, 3], [1, 2, 3])</c> is 1.</example>
    /// <exception cref="ArgumentException">The spans are empty, differ in length, or hold NaN or infinity.</exception>
    public static double RSquared(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        Check("rSquared", truth, predicted);
        double mean = 0;
        foreach (double y in truth) mean += y;
        mean /= truth.Length;
        double total = 0;
        foreach (double y in truth) total += (y - mean) * (y - mean);
        double residual = SumOfSquaredErrors(truth, predicted);
        if (total == 0) return residual == 0 ? 1.0 : 0.0;
        return 1.0 - residual / total;
    }

    private static void Check(string op, ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        MetricChecks.SameLengthNotEmpty(op, truth, nameof(truth), predicted, nameof(predicted));
        MetricChecks.Finite(op, truth, nameof(truth));
        MetricChecks.Finite(op, predicted, nameof(predicted));
    }

    private static double SumOfSquaredErrors(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        double sum = 0;
        for (int i = 0; i < truth.Length; i++) sum += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
        return sum;
    }
}
