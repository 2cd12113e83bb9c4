using System;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>Moving elements between CPU tensors and plain arrays.</summary>
internal static class Dense
{
    /// <summary>The storage array of a CPU tensor whose dtype is <typeparamref name="T"/>.</summary>
    public static T[] Data<T>(RawTensor x) where T : unmanaged => ((CpuStorage<T>)x.Storage).Data;

    /// <summary>A contiguous tensor over <paramref name="data"/> (no copy).</summary>
    public static RawTensor Wrap<T>(T[] data, Shape shape) where T : unmanaged => RawTensor.FromArray(data, shape);

    /// <summary>The elements of <paramref name="x"/>, row-major, in a new array.</summary>
    /// <remarks>Strided views copy row by row: the odometer turns over the outer axes only, and the last axis is a
    /// tight loop (a block copy when its stride is 1), since per-element odometer steps dominate large copies.</remarks>
    public static T[] ToArray<T>(RawTensor x) where T : unmanaged
    {
        var src = Data<T>(x);
        var result = new T[x.NumElements];
        if (x.IsContiguous)
        {
            System.Array.Copy(src, x.Offset, result, 0, result.Length);
            return result;
        }
        if (result.Length == 0) return result;
        int rank = x.Shape.Rank;
        int inner = x.Shape.Dims[rank - 1];
        int stride = x.Strides[rank - 1];
        var rows = new StridedIndex(x.Shape.Dims[..(rank - 1)], x.Strides[..(rank - 1)], x.Offset);
        int count = result.Length / inner;
        var dst = result.AsSpan();
        for (int r = 0; r < count; r++, rows.MoveNext())
        {
            var row = dst.Slice(r * inner, inner);
            int o = rows.Offset;
            if (stride == 1)
                src.AsSpan(o, inner).CopyTo(row);
            else
                for (int i = 0; i < inner; i++, o += stride)
                    row[i] = src[o];
        }
        return result;
    }

    /// <summary>The elements of an int32 or int64 tensor, row-major, widened to long.</summary>
    public static long[] ToInt64Array(RawTensor x)
    {
        if (x.DType == DType.Int64) return ToArray<long>(x);
        var ints = ToArray<int>(x);
        var result = new long[ints.Length];
        for (int i = 0; i < ints.Length; i++) result[i] = ints[i];
        return result;
    }
}
