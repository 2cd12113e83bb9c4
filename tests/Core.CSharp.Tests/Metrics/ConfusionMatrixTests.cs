using System;
using Functional.Core.Metrics;

namespace Functional.Core.Tests.Metrics;

public class ConfusionMatrixTests
{
    private static readonly int[] Truth = { 0, 1, 2, 2, 1, 0, 2, 1, 1, 0 };
    private static readonly int[] Predicted = { 0, 2, 2, 2, 1, 0, 1, 1, 0, 0 };

    [Fact]
    public void Rows_are_actual_classes_and_columns_predicted_ones()
    {
        // oracle: scikit-learn 1.2.1 confusion_matrix(truth, predicted) = [[3,0,0],[1,2,1],[0,1,2]].
        var m = ConfusionMatrix.Of(Truth, Predicted, 3);
        Assert.Equal(new[,] { { 3, 0, 0 }, { 1, 2, 1 }, { 0, 1, 2 } }, m.ToArray());
        Assert.Equal(1, m[1, 2]);
        Assert.Equal(10, m.Total);
        Assert.Equal(3, m.Classes);
    }

    [Fact]
    public void Without_a_class_count_it_is_one_more_than_the_largest_label()
    {
        var m = ConfusionMatrix.Of(new[] { 0, 4 }, new[] { 0, 0 });
        Assert.Equal(5, m.Classes);
        Assert.Equal(1, m[4, 0]);
    }

    [Fact]
    public void A_label_out_of_range_throws_naming_confusionMatrix_and_the_index()
    {
        var e = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Of(new[] { 0, 3 }, new[] { 0, 1 }, 3));
        Assert.Contains("confusionMatrix: expected labels in truth between 0 and 2, received 3 at index 1", e.Message);
        Assert.Equal("truth", e.ParamName);
    }

    [Fact]
    public void A_negative_label_throws_when_the_class_count_is_inferred()
    {
        var e = Assert.Throws<ArgumentException>(() => ConfusionMatrix.Of(new[] { 0, 1 }, new[] { -1, 1 }));
        Assert.Contains("confusionMatrix: expected labels >= 0 in predicted, received -1 at index 0", e.Message);
    }

    [Fact]
    public void Zero_classes_throw() =>
        Assert.Contains("at least one class",
            Assert.Throws<ArgumentException>(() => ConfusionMatrix.Of(new[] { 0 }, new[] { 0 }, 0)).Message);

    [Fact]
    public void Indexing_outside_the_classes_throws_ArgumentOutOfRangeException() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfusionMatrix.Of(Truth, Predicted, 3)[3, 0]);
}
