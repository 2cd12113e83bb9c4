using System;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>Reading a tensor as contiguous runs, for the kernels that work on whole spans.</summary>
internal static class Runs
{
    /// <summary>x's elements as one run: its own storage when contiguous, else a gathered copy.</summary>
    public static ReadOnlySpan<T> Of<T>(RawTensor x) where T : unmanaged =>
        x.IsContiguous ? Dense.Data<T>(x).AsSpan(x.Offset, x.NumElements) : Dense.ToArray<T>(x);

    /// <summary>The shape read as [outer, length, inner] around <paramref name="axis"/>.</summary>
    public static (int Outer, int Length, int Inner) Around(Shape shape, int axis)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= shape.Dims[i];
        for (int i = axis + 1; i < shape.Rank; i++) inner *= shape.Dims[i];
        return (outer, shape.Dims[axis], inner);
    }
}
