using System;

namespace Functional.Core.Metrics;

/// <summary>Classification accuracy: the share of predictions equal to the truth.</summary>
public static class Accuracy
{
    /// <summary>Computes (1/n) Σᵢ [predicted[i] = truth[i]] (scikit-learn's accuracy_score).</summary>
    /// <example><c>Accuracy.Of([0, 1, 1], [0, 1, 0])</c> is 2/3.</example>
    /// <exception cref="ArgumentException">The spans are empty or differ in length.</exception>
    public static double Of(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted) =>
        (double)Correct(truth, predicted) / truth.Length;

    /// <summary>Counts the predictions equal to the truth.</summary>
    /// <exception cref="ArgumentException">The spans are empty or differ in length.</exception>
    public static int Correct(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        MetricChecks.SameLengthNotEmpty("accuracy", truth, nameof(truth), predicted, nameof(predicted));
        int correct = 0;
        for (int i = 0; i < truth.Length; i++)
            if (truth[i] == predicted[i]) correct++;
        return correct;
    }
}
