using System;
using Functional.Core.Metrics;

namespace Functional.Core.Tests.Metrics;

public class LogLossTests
{
    [Fact]
    public void Binary_log_loss_matches_scikit_learn()
    {
        // oracle: scikit-learn 1.2.1 log_loss([1, 0, 1, 1], [0.9, 0.2, 0.6, 0.99]) = 0.21234500664788206.
        Assert.Equal(0.21234500664788206,
            LogLoss.Binary(new[] { 1, 0, 1, 1 }, new[] { 0.9, 0.2, 0.6, 0.99 }), 14);
    }

    [Fact]
    public void Multiclass_log_loss_matches_scikit_learn()
    {
        // oracle: scikit-learn 1.2.1 log_loss([0, 2, 1], [[.7,.2,.1],[.1,.3,.6],[.25,.5,.25]]) = 0.5202159160882228.
        double[] p = { 0.7, 0.2, 0.1, 0.1, 0.3, 0.6, 0.25, 0.5, 0.25 };
        Assert.Equal(0.5202159160882228, LogLoss.Multiclass(new[] { 0, 2, 1 }, p, 3), 14);
    }

    [Fact]
    public void A_confident_mistake_is_clipped_at_machine_epsilon_as_scikit_learn()
    {
        // oracle: scikit-learn 1.2.1 log_loss([1, 0], [0.0, 0.0], labels=[0, 1]) = 18.021826694558577 (= −ln(2⁻⁵²) / 2).
        Assert.Equal(18.021826694558577, LogLoss.Binary(new[] { 1, 0 }, new[] { 0.0, 0.0 }), 12);
    }

    [Fact]
    public void A_probability_above_1_throws_naming_logLoss()
    {
        var e = Assert.Throws<ArgumentException>(() => LogLoss.Binary(new[] { 1 }, new[] { 1.5 }));
        Assert.Contains("logLoss: expected probabilities in [0, 1] in probabilityOfOne, received 1.5 at index 0", e.Message);
    }

    [Fact]
    public void A_label_other_than_0_or_1_throws_naming_logLoss() =>
        Assert.Contains("logLoss: expected labels in truth between 0 and 1, received 2 at index 0",
            Assert.Throws<ArgumentException>(() => LogLoss.Binary(new[] { 2 }, new[] { 0.5 })).Message);

    [Fact]
    public void A_row_not_summing_to_1_throws_naming_the_row() =>
        Assert.Contains("logLoss: expected each row of probabilities to sum to 1, received row 1 summing to 0.5",
            Assert.Throws<ArgumentException>(() =>
                LogLoss.Multiclass(new[] { 0, 1 }, new[] { 0.5, 0.5, 0.25, 0.25 }, 2)).Message);

    [Fact]
    public void Probabilities_of_the_wrong_size_throw() =>
        Assert.Contains("logLoss: expected 2x3 probabilities (row-major), received 5 values",
            Assert.Throws<ArgumentException>(() =>
                LogLoss.Multiclass(new[] { 0, 1 }, new double[5], 3)).Message);
}
