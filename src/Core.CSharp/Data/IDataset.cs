using System;
using Functional.Core.Tensors;

namespace Functional.Core.Data;

/// <summary>Examples that training reads in batches: how many there are, and the batch of the examples at given
/// positions. Training shuffles the positions; a dataset only has to fetch them (from memory, from disk, or by
/// generating them).</summary>
/// <typeparam name="TBatch">What one batch is (inputs and targets).</typeparam>
public interface IDataset<out TBatch>
{
    /// <summary>The number of examples.</summary>
    int Count { get; }

    /// <summary>The examples at <paramref name="rows"/> (each in [0, Count)), in that order, as one batch.</summary>
    TBatch Batch(int[] rows);
}

/// <summary>Inputs and targets held as tensors with one example per entry of axis 0: the dataset training uses when
/// given tensors.</summary>
public sealed class TensorDataset : IDataset<(RawTensor Inputs, RawTensor Targets)>
{
    /// <summary>Pairs inputs and targets.</summary>
    /// <exception cref="ShapeMismatchException">They are scalars or differ in their number of examples.</exception>
    public TensorDataset(RawTensor inputs, RawTensor targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Shape.Rank == 0 || targets.Shape.Rank == 0 || inputs.Shape[0] != targets.Shape[0])
            ShapeRules.Fail("tensorDataset", "inputs and targets with one example per row, as many of each",
                $"inputs {inputs.Shape}, targets {targets.Shape}");
        Inputs = inputs;
        Targets = targets;
    }

    /// <summary>All inputs.</summary>
    public RawTensor Inputs { get; }

    /// <summary>All targets.</summary>
    public RawTensor Targets { get; }

    /// <inheritdoc />
    public int Count => Inputs.Shape[0];

    /// <inheritdoc />
    public (RawTensor Inputs, RawTensor Targets) Batch(int[] rows) =>
        (Batching.TakeRows(Inputs, rows), Batching.TakeRows(Targets, rows));
}
