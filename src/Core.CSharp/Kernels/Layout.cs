using System.Linq;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>Layout changes. Expand, Permute and Slice return views sharing the storage; SliceScatter writes a
/// tensor into a fresh one; Copy makes any view contiguous.</summary>
internal static class Layout
{
    /// <summary>A view of <paramref name="x"/> broadcast to <paramref name="shape"/> (checked by the caller):
    /// stride 0 on new leading axes and on stretched size-1 axes.</summary>
    public static RawTensor Expand(RawTensor x, Shape shape) =>
        new(x.Storage, shape, StridedIndex.BroadcastStrides(x.Shape, x.Strides, shape), x.Offset);

    /// <summary>A view whose axis i is x's axis perm[i] (perm checked by the caller).</summary>
    public static RawTensor Permute(RawTensor x, Shape shape, int[] perm) =>
        new(x.Storage, shape, perm.Select(p => x.Strides[p]).ToArray(), x.Offset);

    /// <summary>A contiguous view of <paramref name="x"/> (which must be contiguous) with a new shape of the
    /// same element count.</summary>
    public static RawTensor Reshape(RawTensor x, Shape shape) =>
        new(x.Storage, shape, shape.ContiguousStrides(), x.Offset);

    /// <summary>A view of the strided range starts[i]..stops[i] step steps[i] on every axis (checked by the
    /// caller): the offset moves to the range's first element and each stride is multiplied by its step.</summary>
    public static RawTensor Slice(RawTensor x, Shape shape, int[] starts, int[] steps)
    {
        int offset = x.Offset;
        var strides = new int[x.Shape.Rank];
        for (int i = 0; i < strides.Length; i++)
        {
            offset += starts[i] * x.Strides[i];
            strides[i] = x.Strides[i] * steps[i];
        }
        // An empty slice may start one past the end; its offset is never read, so keep the original.
        return new RawTensor(x.Storage, shape, strides, shape.NumElements == 0 ? x.Offset : offset);
    }

    /// <summary>Zeros of <paramref name="shape"/> with <paramref name="src"/> written at the slice
    /// starts..stops step steps (src's shape equals the slice's, checked by the caller).</summary>
    public static T[] SliceScatter<T>(Shape shape, RawTensor src, int[] starts, int[] steps) where T : unmanaged
    {
        var data = Dense.Data<T>(src);
        var result = new T[shape.NumElements];
        var contiguous = shape.ContiguousStrides();
        int offset = 0;
        var strides = new int[shape.Rank];
        for (int i = 0; i < shape.Rank; i++)
        {
            offset += starts[i] * contiguous[i];
            strides[i] = contiguous[i] * steps[i];
        }
        var from = StridedIndex.Of(src);
        var to = new StridedIndex(src.Shape.Dims, strides, offset);
        for (int i = 0; i < src.NumElements; i++, from.MoveNext(), to.MoveNext())
            result[to.Offset] = data[from.Offset];
        return result;
    }
}
