using System;

namespace Functional.Core.Metrics;

/// <summary>Log-loss (cross-entropy) of predicted probabilities, as scikit-learn 1.2's log_loss: probabilities are
/// clipped to [ε, 1 − ε] with ε = 2⁻⁵² (float64 machine epsilon) so a confident mistake costs about 36, not infinity.</summary>
public static class LogLoss
{
    /// <summary>2⁻⁵², NumPy's finfo(float64).eps: the clipping bound.</summary>
    public static readonly double Epsilon = Math.BitIncrement(1.0) - 1.0;

    /// <summary>Computes −(1/n) Σᵢ [yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)] for labels yᵢ ∈ {0, 1} and pᵢ = P(y = 1).</summary>
    /// <example><c>LogLoss.Binary([1, 0], [0.5, 0.5])</c> is ln 2.</example>
    /// <exception cref="ArgumentException">The spans are empty or differ in length, a label is not 0 or 1, or a
    /// probability lies outside [0, 1] or is NaN.</exception>
    public static double Binary(ReadOnlySpan<int> truth, ReadOnlySpan<double> probabilityOfOne)
    {
        const string op = "logLoss";
        MetricChecks.SameLengthNotEmpty(op, truth, nameof(truth), probabilityOfOne, nameof(probabilityOfOne));
        MetricChecks.Labels(op, truth, 2, nameof(truth));
        Probabilities(op, probabilityOfOne, nameof(probabilityOfOne));
        double sum = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            double p = Clip(probabilityOfOne[i]);
            sum -= truth[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }

        return sum / truth.Length;
    }

    /// <summary>Computes −(1/n) Σᵢ log pᵢ,yᵢ for labels yᵢ ∈ {0 … k − 1} and probabilities row-major n×k (row i holds
    /// P(class 0 … k − 1) of example i). After clipping each row is renormalised, as scikit-learn does.</summary>
    /// <exception cref="ArgumentException">truth is empty, probabilities is not n×k, classes &lt; 1, a label lies outside
    /// 0 … k − 1, a probability lies outside [0, 1] or is NaN, or a row does not sum to 1 (within 1e-6).</exception>
    public static double Multiclass(ReadOnlySpan<int> truth, ReadOnlySpan<double> probabilities, int classes)
    {
        const string op = "logLoss";
        MetricChecks.Classes(op, classes);
        if (truth.Length == 0) MetricChecks.Throw(op, "at least one value", "truth of length 0", nameof(truth));
        if (probabilities.Length != (long)truth.Length * classes)
            MetricChecks.Throw(op, $"{truth.Length}x{classes} probabilities (row-major)",
                $"{probabilities.Length} values", nameof(probabilities));
        MetricChecks.Labels(op, truth, classes, nameof(truth));
        Probabilities(op, probabilities, nameof(probabilities));
        double sum = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            var row = probabilities.Slice(i * classes, classes);
            double rowSum = 0, clippedSum = 0;
            foreach (double p in row)
            {
                rowSum += p;
                clippedSum += Clip(p);
            }

            if (Math.Abs(rowSum - 1) > 1e-6)
                MetricChecks.Throw(op, "each row of probabilities to sum to 1", $"row {i} summing to {rowSum}",
                    nameof(probabilities));
            sum -= Math.Log(Clip(row[truth[i]]) / clippedSum);
        }

        return sum / truth.Length;
    }

    private static double Clip(double p) => Math.Clamp(p, Epsilon, 1 - Epsilon);

    private static void Probabilities(string op, ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
            if (!(values[i] >= 0 && values[i] <= 1))
                MetricChecks.Throw(op, $"probabilities in [0, 1] in {name}", $"{values[i]} at index {i}", name);
    }
}
