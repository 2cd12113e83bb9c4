using System;
using System.Diagnostics.CodeAnalysis;

namespace Functional.Core.Metrics;

/// <summary>Argument checks shared by the metrics, done before any work; messages name the metric, what it expected
/// and what it received.</summary>
internal static class MetricChecks
{
    /// <summary>Throws unless both spans are non-empty and of one length.</summary>
    public static void SameLengthNotEmpty<TA, TB>(
        string op, ReadOnlySpan<TA> a, string aName, ReadOnlySpan<TB> b, string bName)
    {
        if (a.Length != b.Length)
            Throw(op, $"{aName} and {bName} of one length", $"lengths {a.Length} and {b.Length}", bName);
        if (a.Length == 0) Throw(op, "at least one value", $"{aName} and {bName} of length 0", aName);
    }

    /// <summary>Throws unless every value is finite.</summary>
    public static void Finite(string op, ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                Throw(op, $"finite values in {name}", $"{values[i]} at index {i}", name);
    }

    /// <summary>Throws unless every label lies in [0, classes).</summary>
    public static void Labels(string op, ReadOnlySpan<int> labels, int classes, string name)
    {
        for (int i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)classes)
                Throw(op, $"labels in {name} between 0 and {classes - 1}", $"{labels[i]} at index {i}", name);
    }

    /// <summary>Throws unless there is at least one class.</summary>
    public static void Classes(string op, int classes)
    {
        if (classes < 1) Throw(op, "at least one class", $"classes = {classes}", nameof(classes));
    }

    /// <summary>One more than the largest label of either span (the labels must not be negative).</summary>
    public static int ClassCount(string op, ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted) =>
        Math.Max(Largest(op, truth, nameof(truth)), Largest(op, predicted, nameof(predicted))) + 1;

    private static int Largest(string op, ReadOnlySpan<int> labels, string name)
    {
        int largest = -1;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0) Throw(op, $"labels >= 0 in {name}", $"{labels[i]} at index {i}", name);
            largest = Math.Max(largest, labels[i]);
        }

        return largest;
    }

    /// <summary>Throws <see cref="ArgumentException"/> with the message "op: expected …, received …".</summary>
    [DoesNotReturn]
    public static void Throw(string op, string expected, string received, string paramName) =>
        throw new ArgumentException($"{op}: expected {expected}, received {received}", paramName);
}
