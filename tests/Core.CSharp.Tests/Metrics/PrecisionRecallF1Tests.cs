using System;
using Functional.Core.Metrics;

namespace Functional.Core.Tests.Metrics;

public class PrecisionRecallF1Tests
{
    private static readonly int[] Truth = { 0, 1, 2, 2, 1, 0, 2, 1, 1, 0 };
    private static readonly int[] Predicted = { 0, 2, 2, 2, 1, 0, 1, 1, 0, 0 };

    [Fact]
    public void Per_class_scores_and_support_match_scikit_learn()
    {
        // oracle: scikit-learn 1.2.1 precision_recall_fscore_support(truth, predicted): precision [0.75, 2/3, 2/3],
        // recall [1.0, 0.5, 2/3], f1 [0.8571428571428571, 0.5714285714285715, 0.6666666666666666], support [3, 4, 3].
        var s = PrecisionRecallF1.Of(Truth, Predicted, 3);
        double[] precision = { 0.75, 0.6666666666666666, 0.6666666666666666 };
        double[] recall = { 1.0, 0.5, 0.6666666666666666 };
        double[] f1 = { 0.8571428571428571, 0.5714285714285715, 0.6666666666666666 };
        int[] support = { 3, 4, 3 };
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(c, s.PerClass[c].Class);
            Assert.Equal(precision[c], s.PerClass[c].Precision, 14);
            Assert.Equal(recall[c], s.PerClass[c].Recall, 14);
            Assert.Equal(f1[c], s.PerClass[c].F1, 14);
            Assert.Equal(support[c], s.PerClass[c].Support);
        }
    }

    [Fact]
    public void Macro_averages_are_unweighted_means_over_classes()
    {
        // oracle: scikit-learn 1.2.1 precision_recall_fscore_support(..., average='macro') =
        // (0.6944444444444443, 0.7222222222222222, 0.6984126984126985).
        var s = PrecisionRecallF1.Of(Truth, Predicted, 3);
        Assert.Equal(0.6944444444444443, s.MacroPrecision, 14);
        Assert.Equal(0.7222222222222222, s.MacroRecall, 14);
        Assert.Equal(0.6984126984126985, s.MacroF1, 14);
    }

    [Fact]
    public void A_class_never_predicted_has_precision_0_as_zero_division_0()
    {
        var s = PrecisionRecallF1.Of(new[] { 0, 1 }, new[] { 0, 0 }, 2);
        Assert.Equal(0.0, s.PerClass[1].Precision);
        Assert.Equal(0.0, s.PerClass[1].F1);
        Assert.Equal(0.5, s.PerClass[0].Precision);
    }

    [Fact]
    public void Bad_labels_throw_naming_confusionMatrix() =>
        Assert.Contains("confusionMatrix: expected labels in predicted between 0 and 1",
            Assert.Throws<ArgumentException>(() => PrecisionRecallF1.Of(new[] { 0 }, new[] { 2 }, 2)).Message);

    [Fact]
    public void A_null_matrix_throws_ArgumentNullException() =>
        Assert.Throws<ArgumentNullException>(() => PrecisionRecallF1.Of(null!));
}
