using System;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>Reading a tensor as contiguous runs, for the kernels that work on whole spans.</summary>
internal static class Runs
{
    /// <summary>x's elements as one run: its own storage when contiguous, else a gathered copy.</summary>
    public static ReadOnlySpan<T> Of<T>(RawTensor x) where T : unmanaged
    {
        var (array, offset) = ArrayOf<T>(x);
        return array.AsSpan(offset, x.NumElements);
    }

    /// <summary><see cref="Of{T}"/> as an array and offset, for kernels that split the run over threads (a span
    /// cannot be captured).</summary>
    public static (T[] Array, int Offset) ArrayOf<T>(RawTensor x) where T : unmanaged =>
        x.IsContiguous ? (Dense.Data<T>(x), x.Offset) : (Dense.ToArray<T>(x), 0);

    /// <summary>The shape read as [outer, length, inner] around <paramref name="axis"/>.</summary>
    public static (int Outer, int Length, int Inner) Around(Shape shape, int axis)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= shape.Dims[i];
        for (int i = axis + 1; i < shape.Rank; i++) inner *= shape.Dims[i];
        return (outer, shape.Dims[axis], inner);
    }
}
