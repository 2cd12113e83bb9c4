using System;
using System.Text;

namespace Functional.Core.Metrics;

/// <summary>Counts of (actual, predicted) label pairs: row = actual class, column = predicted class, as scikit-learn's
/// confusion_matrix.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[] counts;

    private ConfusionMatrix(int classes, int[] counts)
    {
        Classes = classes;
        this.counts = counts;
    }

    /// <summary>The number of classes k; labels run 0 … k − 1.</summary>
    public int Classes { get; }

    /// <summary>How many examples of class <paramref name="actual"/> were predicted as <paramref name="predicted"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A class lies outside 0 … k − 1.</exception>
    public int this[int actual, int predicted]
    {
        get
        {
            if ((uint)actual >= (uint)Classes) throw OutOfRange(nameof(actual), actual);
            if ((uint)predicted >= (uint)Classes) throw OutOfRange(nameof(predicted), predicted);
            return counts[actual * Classes + predicted];
        }
    }

    /// <summary>The number of examples counted.</summary>
    public int Total
    {
        get
        {
            int total = 0;
            foreach (int c in counts) total += c;
            return total;
        }
    }

    /// <summary>The counts as a k×k array, [actual, predicted].</summary>
    public int[,] ToArray()
    {
        var result = new int[Classes, Classes];
        for (int i = 0; i < Classes; i++)
            for (int j = 0; j < Classes; j++)
                result[i, j] = counts[i * Classes + j];
        return result;
    }

    /// <summary>Counts the pairs (truth[i], predicted[i]) for labels 0 … classes − 1.</summary>
    /// <example><c>ConfusionMatrix.Of([0, 1, 1], [0, 1, 0], 2)[1, 0]</c> is 1.</example>
    /// <exception cref="ArgumentException">The spans are empty or differ in length, classes &lt; 1, or a label lies
    /// outside 0 … classes − 1.</exception>
    public static ConfusionMatrix Of(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int classes)
    {
        const string op = "confusionMatrix";
        MetricChecks.SameLengthNotEmpty(op, truth, nameof(truth), predicted, nameof(predicted));
        MetricChecks.Classes(op, classes);
        MetricChecks.Labels(op, truth, classes, nameof(truth));
        MetricChecks.Labels(op, predicted, classes, nameof(predicted));
        var counts = new int[checked(classes * classes)];
        for (int i = 0; i < truth.Length; i++) counts[truth[i] * classes + predicted[i]]++;
        return new ConfusionMatrix(classes, counts);
    }

    /// <summary>Counts the pairs with k = 1 + the largest label seen in either span.</summary>
    /// <exception cref="ArgumentException">The spans are empty or differ in length, or a label is negative.</exception>
    public static ConfusionMatrix Of(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        MetricChecks.SameLengthNotEmpty("confusionMatrix", truth, nameof(truth), predicted, nameof(predicted));
        return Of(truth, predicted, MetricChecks.ClassCount("confusionMatrix", truth, predicted));
    }

    /// <summary>The matrix as text, one row per actual class.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("actual \\ predicted");
        for (int j = 0; j < Classes; j++) text.Append('\t').Append(j);
        for (int i = 0; i < Classes; i++)
        {
            text.AppendLine().Append(i);
            for (int j = 0; j < Classes; j++) text.Append('\t').Append(counts[i * Classes + j]);
        }

        return text.ToString();
    }

    private ArgumentOutOfRangeException OutOfRange(string name, int value) =>
        new(name, value, $"confusionMatrix: expected a class between 0 and {Classes - 1}, received {value}");
}
