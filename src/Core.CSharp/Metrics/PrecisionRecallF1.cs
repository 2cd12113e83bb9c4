using System;
using System.Collections.Generic;

namespace Functional.Core.Metrics;

/// <summary>Precision, recall and F1 of one class, with its support.</summary>
/// <param name="Class">The class label.</param>
/// <param name="Precision">TP / (TP + FP): of the examples predicted as this class, the share that are; 0 when none
/// was predicted.</param>
/// <param name="Recall">TP / (TP + FN): of the examples of this class, the share found; 0 when there are none.</param>
/// <param name="F1">2 · precision · recall / (precision + recall); 0 when both are 0.</param>
/// <param name="Support">How many examples truly belong to this class.</param>
public sealed record ClassScores(int Class, double Precision, double Recall, double F1, int Support);

/// <summary>Per-class precision, recall and F1, and their macro averages (unweighted means over classes), as
/// scikit-learn's precision_recall_fscore_support with zero_division = 0.</summary>
public sealed class PrecisionRecallF1
{
    private PrecisionRecallF1(ClassScores[] perClass)
    {
        PerClass = perClass;
        double p = 0, r = 0, f = 0;
        foreach (var s in perClass)
        {
            p += s.Precision;
            r += s.Recall;
            f += s.F1;
        }

        MacroPrecision = p / perClass.Length;
        MacroRecall = r / perClass.Length;
        MacroF1 = f / perClass.Length;
    }

    /// <summary>The scores of each class, in label order.</summary>
    public IReadOnlyList<ClassScores> PerClass { get; }

    /// <summary>The mean of the per-class precisions.</summary>
    public double MacroPrecision { get; }

    /// <summary>The mean of the per-class recalls.</summary>
    public double MacroRecall { get; }

    /// <summary>The mean of the per-class F1 scores (not the F1 of the macro precision and recall).</summary>
    public double MacroF1 { get; }

    /// <summary>Scores from a confusion matrix.</summary>
    /// <exception cref="ArgumentNullException">matrix is null.</exception>
    public static PrecisionRecallF1 Of(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int k = matrix.Classes;
        var scores = new ClassScores[k];
        for (int c = 0; c < k; c++)
        {
            int truePositive = matrix[c, c], predictedAs = 0, support = 0;
            for (int j = 0; j < k; j++)
            {
                predictedAs += matrix[j, c];
                support += matrix[c, j];
            }

            double precision = predictedAs == 0 ? 0 : (double)truePositive / predictedAs;
            double recall = support == 0 ? 0 : (double)truePositive / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores[c] = new ClassScores(c, precision, recall, f1, support);
        }

        return new PrecisionRecallF1(scores);
    }

    /// <summary>Scores of the predictions for labels 0 … classes − 1.</summary>
    /// <example><c>PrecisionRecallF1.Of([0, 1, 1], [0, 1, 0], 2).PerClass[1].Recall</c> is 0.5.</example>
    /// <exception cref="ArgumentException">The spans are empty or differ in length, classes &lt; 1, or a label lies
    /// outside 0 … classes − 1.</exception>
    public static PrecisionRecallF1 Of(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted, int classes) =>
        Of(ConfusionMatrix.Of(truth, predicted, classes));
}
