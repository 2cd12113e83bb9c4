using System;
using System.Collections.Generic;
using System.Linq;

namespace Functional.Core.Models;

/// <summary>What one epoch of training measured.</summary>
/// <param name="Epoch">The epoch, counted from 1.</param>
/// <param name="Loss">The mean training loss over the epoch's steps (weighted by batch size).</param>
/// <param name="Metrics">Training metrics by name (e.g. "accuracy"), over the epoch's batches.</param>
/// <param name="ValidationLoss">The loss on the validation data after the epoch; null without validation data.</param>
/// <param name="ValidationMetrics">Validation metrics by name; empty without validation data.</param>
/// <param name="LearningRate">The learning rate the epoch ended with.</param>
/// <param name="Elapsed">Wall time of the epoch, validation included.</param>
public sealed record EpochRecord(
    int Epoch,
    double Loss,
    IReadOnlyDictionary<string, double> Metrics,
    double? ValidationLoss,
    IReadOnlyDictionary<string, double> ValidationMetrics,
    double LearningRate,
    TimeSpan Elapsed)
{
    // Records print their members; the metric dictionaries would print as a type name, so list their entries.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        static string Entries(IReadOnlyDictionary<string, double> m) =>
            "{ " + string.Join(", ", m.Select(kv => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{kv.Key} = {kv.Value:G6}"))) + " }";
        builder.Append(inv, $"Epoch = {Epoch}, Loss = {Loss:G6}, Metrics = {Entries(Metrics)}");
        if (ValidationLoss is double v)
            builder.Append(inv, $", ValidationLoss = {v:G6}, ValidationMetrics = {Entries(ValidationMetrics)}");
        builder.Append(inv, $", LearningRate = {LearningRate:G6}, Elapsed = {Elapsed.TotalSeconds:F2} s");
        return true;
    }
}

/// <summary>The loss of one optimizer step.</summary>
/// <param name="Epoch">The epoch, counted from 1.</param>
/// <param name="Step">The step within the epoch, counted from 1.</param>
/// <param name="Loss">The mini-batch loss before the step's update.</param>
public readonly record struct StepRecord(int Epoch, int Step, double Loss);

/// <summary>The record of a training run: one entry per epoch and one per optimizer step, in order. Training appends
/// to it; readers see a consistent snapshot through the read-only lists.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochRecord> _epochs = new();
    private readonly List<StepRecord> _steps = new();

    /// <summary>The epochs finished so far.</summary>
    public IReadOnlyList<EpochRecord> Epochs => _epochs;

    /// <summary>Every optimizer step so far.</summary>
    public IReadOnlyList<StepRecord> Steps => _steps;

    /// <summary>Why training stopped before its last epoch (early stopping, a callback); null if it ran them all.</summary>
    public string? StoppedEarly { get; set; }

    /// <summary>Appends a finished epoch.</summary>
    /// <exception cref="ArgumentException">Its number does not follow the last one.</exception>
    public void Add(EpochRecord epoch)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        int expected = _epochs.Count == 0 ? epoch.Epoch : _epochs[^1].Epoch + 1;
        if (epoch.Epoch != expected || epoch.Epoch < 1)
            throw new ArgumentException(
                $"trainingHistory.add: expected epoch {expected}, received {epoch.Epoch}", nameof(epoch));
        _epochs.Add(epoch);
    }

    /// <summary>Appends a step.</summary>
    public void Add(StepRecord step) => _steps.Add(step);

    /// <summary>The training loss per epoch, in order.</summary>
    public double[] Losses => _epochs.Select(e => e.Loss).ToArray();

    /// <summary>The validation loss per epoch (NaN where there was none).</summary>
    public double[] ValidationLosses => _epochs.Select(e => e.ValidationLoss ?? double.NaN).ToArray();

    /// <summary>A training metric per epoch, in order.</summary>
    /// <exception cref="KeyNotFoundException">No epoch recorded it.</exception>
    public double[] Metric(string name) => Column(name, e => e.Metrics, "metric");

    /// <summary>A validation metric per epoch, in order.</summary>
    /// <exception cref="KeyNotFoundException">No epoch recorded it.</exception>
    public double[] ValidationMetric(string name) => Column(name, e => e.ValidationMetrics, "validationMetric");

    private double[] Column(string name, Func<EpochRecord, IReadOnlyDictionary<string, double>> of, string op)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_epochs.Count == 0 || !of(_epochs[0]).ContainsKey(name))
        {
            var known = _epochs.Count == 0 ? "no epochs" : string.Join(", ", of(_epochs[0]).Keys);
            throw new KeyNotFoundException($"trainingHistory.{op}: expected one of [{known}], received \"{name}\"");
        }
        return _epochs.Select(e => of(e)[name]).ToArray();
    }

    /// <inheritdoc />
    public override string ToString()
    {
        if (_epochs.Count == 0) return "TrainingHistory (no epochs)";
        var last = _epochs[^1];
        var validation = last.ValidationLoss is double v ? $", validation loss {v:G6}" : "";
        return $"TrainingHistory ({_epochs.Count} epochs, {_steps.Count} steps; last loss {last.Loss:G6}{validation})";
    }
}
