namespace Functional.Core.Models;

/// <summary>A learning algorithm with its settings: fits a predictor to inputs and targets. Fitting twice with the
/// same data (and seed) gives the same predictor.</summary>
/// <typeparam name="TInput">The batch of inputs.</typeparam>
/// <typeparam name="TTarget">The batch of targets.</typeparam>
/// <typeparam name="TPrediction">What the fitted predictor returns.</typeparam>
public interface IEstimator<in TInput, in TTarget, TPrediction>
{
    /// <summary>Fits a predictor to the inputs and targets.</summary>
    IPredictor<TInput, TPrediction> Fit(TInput inputs, TTarget targets);
}
