namespace Functional.Core.Models;

/// <summary>A fitted model: maps a batch of inputs to a batch of predictions. Classic estimators and neural models
/// both implement it, so evaluation tools (learning curves, error analysis) treat them alike.</summary>
/// <typeparam name="TInput">The batch of inputs (e.g. a feature matrix).</typeparam>
/// <typeparam name="TPrediction">The batch of predictions (e.g. a vector of values or labels).</typeparam>
public interface IPredictor<in TInput, out TPrediction>
{
    /// <summary>Predicts one output per input row.</summary>
    TPrediction Predict(TInput inputs);
}
