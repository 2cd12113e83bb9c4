using System;
using System.IO;
using System.Linq;
using Functional;
using Functional.Core.Models;
using Functional.Core.Tensors;
using Functional.CSharp;
using Functional.Nn;
using static Functional.Core.Tests.Consumer.NetworkExamples;

namespace Functional.Core.Tests.Consumer;

/// Checkpoints as a C# program saves, loads and resumes from them: bit-identical reloads, refused files that leave
/// the model as it was, and resuming with or without the optimizer state.
public sealed class CheckpointsFromCSharpTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("functional-checkpoints-csharp-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string FileNamed(string name) => Path.Combine(_folder, name);

    [Fact]
    public void A_saved_model_loads_into_a_fresh_one_with_bit_identical_predictions()
    {
        var model = SmallNetwork(seed: 3);
        model.Fit(LineInputs, LineTargets, Losses.BceWithLogits, new Adam(0.05),
            new FitSettings { Epochs = 20, BatchSize = 4, Progress = ProgressMode.Silent });
        var path = FileNamed("line.safetensors");

        model.Save(path, epoch: 20);
        var fresh = SmallNetwork(seed: 11);
        var info = fresh.Load(path);

        Assert.Equal(20, info.Epoch);
        Assert.Equal(0, info.OptimizerSteps);
        Assert.Equal(model.Predict(LineInputs).ToFloatArray(), fresh.Predict(LineInputs).ToFloatArray());
        Assert.Equal(Weights(model), Weights(fresh));
    }

    [Fact]
    public void A_truncated_or_corrupt_checkpoint_throws_InvalidDataException_and_leaves_the_model_as_it_was()
    {
        var path = FileNamed("broken.safetensors");
        SmallNetwork(seed: 3).Save(path);
        var bytes = File.ReadAllBytes(path);
        var model = SmallNetwork(seed: 11);
        var before = Weights(model);

        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Throws<InvalidDataException>(() => model.Load(path));

        var corrupt = (byte[])bytes.Clone();
        corrupt[10] = (byte)'#'; // inside the JSON header
        File.WriteAllBytes(path, corrupt);
        Assert.Throws<InvalidDataException>(() => model.Load(path));

        Assert.Equal(before, Weights(model));
    }

    [Fact]
    public void A_checkpoint_of_another_architecture_is_refused()
    {
        var path = FileNamed("other.safetensors");
        XorNetwork().Save(path);

        var e = Assert.Throws<InvalidDataException>(() => SmallNetwork(seed: 3).Load(path));

        Assert.Contains("checkpoint:", e.Message);
    }

    [Fact]
    public void Resuming_from_a_checkpoint_with_the_optimizer_state_continues_exactly_as_an_uninterrupted_run()
    {
        // Shuffle = false: fit draws each epoch's order from a fresh Random(Seed), so a resumed run would replay
        // epoch 1's order at epoch 3 (see the test below).
        FitSettings Settings(int initialEpoch, int epochs) => new()
        {
            Epochs = epochs,
            InitialEpoch = initialEpoch,
            BatchSize = 4,
            Shuffle = false,
            Progress = ProgressMode.Silent,
        };
        var uninterrupted = SmallNetwork(seed: 5);
        uninterrupted.Fit(LineInputs, LineTargets, Losses.BceWithLogits, new Adam(0.05), Settings(0, 3));

        var first = SmallNetwork(seed: 5);
        var firstOptimizer = new Adam(0.05);
        first.Fit(LineInputs, LineTargets, Losses.BceWithLogits, firstOptimizer, Settings(0, 2));
        var path = FileNamed("resume.safetensors");
        first.Save(path, firstOptimizer, epoch: 2);

        var resumed = SmallNetwork(seed: 99);
        var optimizer = new Adam(0.05);
        var info = resumed.Load(path, optimizer);
        var history = resumed.Fit(LineInputs, LineTargets, Losses.BceWithLogits, optimizer,
            Settings(info.Epoch, 3));

        Assert.Equal(2, info.Epoch);
        Assert.Equal(4, info.OptimizerSteps); // 2 epochs of 2 batches
        Assert.Equal(6, optimizer.Steps);
        Assert.Equal(new[] { 3 }, history.Epochs.Select(e => e.Epoch));
        Assert.Equal(Weights(uninterrupted), Weights(resumed));
    }

    [Fact]
    public void Resuming_without_the_optimizer_state_restarts_Adam_and_ends_elsewhere()
    {
        var settings = new FitSettings { Epochs = 2, BatchSize = 4, Shuffle = false, Progress = ProgressMode.Silent };
        var uninterrupted = SmallNetwork(seed: 5);
        uninterrupted.Fit(LineInputs, LineTargets, Losses.BceWithLogits, new Adam(0.05), settings);
        var first = SmallNetwork(seed: 5);
        first.Fit(LineInputs, LineTargets, Losses.BceWithLogits, new Adam(0.05),
            new FitSettings { Epochs = 1, BatchSize = 4, Shuffle = false, Progress = ProgressMode.Silent });
        var path = FileNamed("weights-only.safetensors");
        first.Save(path, null, 1);

        var resumed = SmallNetwork(seed: 99);
        var info = resumed.Load(path, null);
        resumed.Fit(LineInputs, LineTargets, Losses.BceWithLogits, new Adam(0.05),
            new FitSettings
            {
                Epochs = 2,
                InitialEpoch = info.Epoch,
                BatchSize = 4,
                Shuffle = false,
                Progress = ProgressMode.Silent,
            });

        Assert.NotEqual(Weights(uninterrupted), Weights(resumed));
    }
}
