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
    public static T[] ToArray<T>(RawTensor x) where T : unmanaged
    {
        var src = Data<T>(x);
        var result = new T[x.NumElements];
        if (x.IsContiguous)
        {
            System.Array.Copy(src, x.Offset, result, 0, result.Length);
            return result;
        }
        var it = StridedIndex.Of(x);
        for (int i = 0; i < result.Length; i++, it.MoveNext())
            result[i] = src[it.Offset];
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
