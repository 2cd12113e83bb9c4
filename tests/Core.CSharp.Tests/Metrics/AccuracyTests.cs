using System;
using Functional.Core.Metrics;

namespace Functional.Core.Tests.Metrics;

public class AccuracyTests
{
    // oracle: scikit-learn 1.2.1 accuracy_score([0,1,2,2,1,0,2,1,1,0], [0,2,2,2,1,0,1,1,0,0]) = 0.7.
    private static readonly int[] Truth = { 0, 1, 2, 2, 1, 0, 2, 1, 1, 0 };
    private static readonly int[] Predicted = { 0, 2, 2, 2, 1, 0, 1, 1, 0, 0 };

    [Fact]
    public void Accuracy_is_the_share_of_correct_predictions()
    {
        Assert.Equal(0.7, Accuracy.Of(Truth, Predicted), 15);
        Assert.Equal(7, Accuracy.Correct(Truth, Predicted));
    }

    [Fact]
    public void Perfect_predictions_score_1() => Assert.Equal(1.0, Accuracy.Of(new[] { 3, 1 }, new[] { 3, 1 }));

    [Fact]
    public void Different_lengths_throw_naming_accuracy()
    {
        var e = Assert.Throws<ArgumentException>(() => Accuracy.Of(new[] { 1, 0 }, new[] { 1 }));
        Assert.Contains("accuracy: expected truth and predicted of one length, received lengths 2 and 1", e.Message);
        Assert.Equal("predicted", e.ParamName);
    }

    [Fact]
    public void Empty_spans_throw_naming_accuracy()
    {
        var e = Assert.Throws<ArgumentException>(() => Accuracy.Of(ReadOnlySpan<int>.Empty, ReadOnlySpan<int>.Empty));
        Assert.Contains("accuracy: expected at least one value", e.Message);
    }
}
