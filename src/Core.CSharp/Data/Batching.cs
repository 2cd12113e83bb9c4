using System;
using Functional.Core.Tensors;

namespace Functional.Core.Data;

/// <summary>Mini-batches: seeded shuffles of sample indices and copies of the rows (samples, axis 0) they pick.</summary>
public static class Batching
{
    /// <summary>The indices 0..n−1 in an order drawn from <paramref name="rng"/> (Fisher–Yates): the same seed gives
    /// the same order.</summary>
    public static int[] Shuffle(int n, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>A new contiguous tensor of the samples (entries along axis 0) at <paramref name="rows"/>, in that
    /// order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row is outside [0, x.Shape[0]).</exception>
    /// <exception cref="ShapeMismatchException">x has rank 0.</exception>
    public static RawTensor TakeRows(RawTensor x, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Shape.Rank == 0)
            ShapeRules.Fail("takeRows", "a tensor with a sample axis", $"{x.Shape}");
        var source = x.IsContiguous ? x : x.Backend.Contiguous(x);
        var dims = x.Shape.ToArray();
        int n = dims[0];
        dims[0] = rows.Length;
        int size = n == 0 ? 0 : x.NumElements / n;
        foreach (int r in rows)
            if ((uint)r >= (uint)n)
                throw new ArgumentOutOfRangeException(
                    nameof(rows), r, $"takeRows: expected rows in [0, {n}), received {r}");
        return x.DType switch
        {
            DType.Float32 => Copy<float>(source, rows, size, dims),
            DType.Float64 => Copy<double>(source, rows, size, dims),
            DType.Int32 => Copy<int>(source, rows, size, dims),
            DType.Int64 => Copy<long>(source, rows, size, dims),
            _ => throw new DTypeMismatchException("takeRows", "a float or integer tensor", x.DType.Name()),
        };
    }

    private static RawTensor Copy<T>(RawTensor source, ReadOnlySpan<int> rows, int size, int[] dims) where T : unmanaged
    {
        var from = ((CpuStorage<T>)source.Storage).Data.AsSpan(source.Offset, source.NumElements);
        var to = new T[rows.Length * size];
        for (int k = 0; k < rows.Length; k++)
            from.Slice(rows[k] * size, size).CopyTo(to.AsSpan(k * size, size));
        return RawTensor.FromArray(to, new Shape(dims));
    }
}
