using System.Numerics;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>Gather and scatter-add along an axis (torch.gather / torch.scatter_add semantics), and concat.</summary>
internal static class Indexing
{
    /// <summary>result[i₀, …, iₐ, …] = x[i₀, …, index[i₀, …, iₐ, …], …] along <paramref name="axis"/>; the
    /// result has the index's shape. Shapes are checked by the caller, index values here.</summary>
    /// <exception cref="System.ArgumentException">An index lies outside [0, x.Shape[axis]).</exception>
    public static T[] Gather<T>(RawTensor x, int axis, RawTensor index) where T : unmanaged
    {
        var data = Dense.Data<T>(x);
        var indices = Dense.ToInt64Array(index);
        int size = x.Shape.Dims[axis];
        var result = new T[indices.Length];
        var strides = (int[])x.Strides.Clone();
        strides[axis] = 0; // the index supplies the position along the axis
        var from = new StridedIndex(index.Shape.Dims, strides, x.Offset);
        for (int i = 0; i < indices.Length; i++, from.MoveNext())
        {
            long at = indices[i];
            if (at < 0 || at >= size) Checks.ThrowIndexOutOfRange("gather", size, at, i);
            result[i] = data[from.Offset + (int)at * x.Strides[axis]];
        }
        return result;
    }

    /// <summary>Zeros of <paramref name="shape"/>, then result[i₀, …, index[i₀, …, iₐ, …], …] += src[i₀, …, iₐ, …]
    /// along <paramref name="axis"/>: the adjoint of <see cref="Gather{T}"/>. Repeated indices accumulate.</summary>
    /// <exception cref="System.ArgumentException">An index lies outside [0, shape[axis]).</exception>
    public static T[] ScatterAdd<T>(Shape shape, int axis, RawTensor index, RawTensor src)
        where T : unmanaged, INumber<T>
    {
        var data = Dense.Data<T>(src);
        var indices = Dense.ToInt64Array(index);
        int size = shape.Dims[axis];
        var result = new T[shape.NumElements];
        var strides = shape.ContiguousStrides();
        int axisStride = strides[axis];
        strides[axis] = 0;
        var to = new StridedIndex(index.Shape.Dims, strides, 0);
        var from = StridedIndex.Of(src);
        for (int i = 0; i < indices.Length; i++, to.MoveNext(), from.MoveNext())
        {
            long at = indices[i];
            if (at < 0 || at >= size) Checks.ThrowIndexOutOfRange("scatterAdd", size, at, i);
            result[to.Offset + (int)at * axisStride] += data[from.Offset];
        }
        return result;
    }

    /// <summary>Joins <paramref name="xs"/> along <paramref name="axis"/> into a contiguous tensor of
    /// <paramref name="shape"/> (checked by the caller): each input is copied into its band of the result.</summary>
    public static T[] Concat<T>(RawTensor[] xs, int axis, Shape shape) where T : unmanaged
    {
        var result = new T[shape.NumElements];
        var strides = shape.ContiguousStrides();
        int bandStart = 0;
        foreach (var x in xs)
        {
            var data = Dense.Data<T>(x);
            var from = StridedIndex.Of(x);
            var to = new StridedIndex(x.Shape.Dims, strides, bandStart * strides[axis]);
            for (int i = 0; i < x.NumElements; i++, from.MoveNext(), to.MoveNext())
                result[to.Offset] = data[from.Offset];
            bandStart += x.Shape.Dims[axis];
        }
        return result;
    }
}
