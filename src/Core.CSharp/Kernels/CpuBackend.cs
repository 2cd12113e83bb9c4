using System;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>The CPU backend. Each method checks its arguments (device, dtypes, shapes via
/// <see cref="ShapeRules"/>), then dispatches on the dtype to a generic kernel written once for float and double
/// (and int and long where the op allows): a fast kernel where one applies (the blocked, multi-threaded GEMM;
/// element-wise ops, reductions and softmax over contiguous runs through TensorPrimitives and SIMD), else the
/// plain scalar reference kernel, which the fast ones are tested against.</summary>
/// <remarks>Deterministic: the same inputs give the same bits on a machine, whatever
/// <see cref="CpuSettings.Threads"/> says.</remarks>
public sealed partial class CpuBackend : IBackend
{
    /// <inheritdoc />
    public Device Device => Device.Cpu;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="data"/> is no float[], double[], int[] or long[].</exception>
    /// <exception cref="ShapeMismatchException">Its length differs from the shape's element count.</exception>
    public RawTensor FromHostArray(Array data, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        if (data is not (float[] or double[] or int[] or long[]))
            throw new ArgumentException(
                $"fromHostArray: expected a float[], double[], int[] or long[], received {data.GetType().Name}",
                nameof(data));
        if (data.Length != shape.NumElements)
            ShapeRules.Fail("fromHostArray", $"{shape.NumElements} elements for shape {shape}", $"{data.Length}");
        return data switch
        {
            float[] f => Dense.Wrap((float[])f.Clone(), shape),
            double[] d => Dense.Wrap((double[])d.Clone(), shape),
            int[] i => Dense.Wrap((int[])i.Clone(), shape),
            long[] l => Dense.Wrap((long[])l.Clone(), shape),
            _ => throw new System.Diagnostics.UnreachableException(),
        };
    }

    /// <inheritdoc />
    public Array ToHostArray(RawTensor x)
    {
        Checks.Cpu("toHostArray", x, nameof(x));
        return x.DType switch
        {
            DType.Float32 => Dense.ToArray<float>(x),
            DType.Float64 => Dense.ToArray<double>(x),
            DType.Int32 => Dense.ToArray<int>(x),
            _ => Dense.ToArray<long>(x),
        };
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or ±∞ for an integer dtype.</exception>
    public RawTensor Full(Shape shape, DType dtype, double value)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return dtype switch
        {
            DType.Float32 => Conversion.Full(shape, (float)value),
            DType.Float64 => Conversion.Full(shape, value),
            DType.Int32 => Conversion.Full(shape, Conversion.FromDouble<int>("full", value, nameof(value))),
            DType.Int64 => Conversion.Full(shape, Conversion.FromDouble<long>("full", value, nameof(value))),
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "full: unknown dtype"),
        };
    }

    /// <inheritdoc />
    public RawTensor Contiguous(RawTensor x)
    {
        Checks.Cpu("contiguous", x, nameof(x));
        if (x.IsContiguous) return x;
        return x.DType switch
        {
            DType.Float32 => Dense.Wrap(Dense.ToArray<float>(x), x.Shape),
            DType.Float64 => Dense.Wrap(Dense.ToArray<double>(x), x.Shape),
            DType.Int32 => Dense.Wrap(Dense.ToArray<int>(x), x.Shape),
            _ => Dense.Wrap(Dense.ToArray<long>(x), x.Shape),
        };
    }

    /// <inheritdoc />
    /// <remarks>Floats to integers truncate toward zero and saturate at the integer's range; integers narrow by
    /// saturating. Casting to the same dtype returns <see cref="Contiguous"/> x.</remarks>
    /// <exception cref="ArgumentException">A NaN or ±∞ is cast to an integer dtype.</exception>
    public RawTensor Cast(RawTensor x, DType dtype)
    {
        Checks.Cpu("cast", x, nameof(x));
        if (dtype == x.DType) return Contiguous(x);
        return x.DType switch
        {
            DType.Float32 => CastFrom<float>(x, dtype),
            DType.Float64 => CastFrom<double>(x, dtype),
            DType.Int32 => CastFrom<int>(x, dtype),
            _ => CastFrom<long>(x, dtype),
        };
    }

    private static RawTensor CastFrom<TFrom>(RawTensor x, DType dtype)
        where TFrom : unmanaged, System.Numerics.INumber<TFrom> =>
        dtype switch
        {
            DType.Float32 => Dense.Wrap(Conversion.Cast<TFrom, float>(x), x.Shape),
            DType.Float64 => Dense.Wrap(Conversion.Cast<TFrom, double>(x), x.Shape),
            DType.Int32 => Dense.Wrap(Conversion.Cast<TFrom, int>(x), x.Shape),
            DType.Int64 => Dense.Wrap(Conversion.Cast<TFrom, long>(x), x.Shape),
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "cast: unknown dtype"),
        };
}
