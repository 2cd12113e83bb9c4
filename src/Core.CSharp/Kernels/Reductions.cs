using System.Numerics;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>Reductions over one axis, and <c>SumTo</c>, the reverse of broadcasting.</summary>
internal static class Reductions
{
    /// <summary>Sum, max or min of each line along <paramref name="axis"/>, row-major over the other axes.
    /// Sums accumulate in <typeparamref name="T"/> from 0; max and min let NaN win. The caller has checked
    /// that max and min see a non-empty axis.</summary>
    public static T[] Reduce<T>(ReduceOp op, RawTensor x, int axis) where T : unmanaged, INumber<T>
    {
        var src = Dense.Data<T>(x);
        var walk = new AxisWalk(x, axis);
        var result = new T[walk.Lines.NumElements];
        var start = walk.Starts(x.Strides, x.Offset);
        for (int i = 0; i < result.Length; i++, start.MoveNext())
        {
            int p = start.Offset;
            if (op == ReduceOp.Sum)
            {
                T acc = T.Zero;
                for (int k = 0; k < walk.Length; k++, p += walk.Stride) acc += src[p];
                result[i] = acc;
            }
            else
            {
                T acc = src[p];
                for (int k = 1; k < walk.Length && !T.IsNaN(acc); k++)
                {
                    p += walk.Stride;
                    acc = op == ReduceOp.Max ? FloatMath.MaxNaN(acc, src[p]) : FloatMath.MinNaN(acc, src[p]);
                }
                result[i] = acc;
            }
        }
        return result;
    }

    /// <summary>Index of the first maximum (or minimum) of each line along <paramref name="axis"/>; the first
    /// NaN counts as the extreme. The caller has checked that the axis is non-empty.</summary>
    public static long[] ArgReduce<T>(ArgReduceOp op, RawTensor x, int axis) where T : unmanaged, INumber<T>
    {
        var src = Dense.Data<T>(x);
        var walk = new AxisWalk(x, axis);
        var result = new long[walk.Lines.NumElements];
        var start = walk.Starts(x.Strides, x.Offset);
        for (int i = 0; i < result.Length; i++, start.MoveNext())
        {
            int p = start.Offset;
            T best = src[p];
            long bestAt = 0;
            for (int k = 1; k < walk.Length && !T.IsNaN(best); k++)
            {
                p += walk.Stride;
                T v = src[p];
                bool better = T.IsNaN(v) || (op == ArgReduceOp.ArgMax ? v > best : v < best);
                if (better) (best, bestAt) = (v, k);
            }
            result[i] = bestAt;
        }
        return result;
    }

    /// <summary>Sums <paramref name="x"/> down to <paramref name="shape"/>, which broadcasts to x's shape: each
    /// element of x is added to the result element it was (or could have been) broadcast from.</summary>
    public static T[] SumTo<T>(RawTensor x, Shape shape) where T : unmanaged, INumber<T>
    {
        var src = Dense.Data<T>(x);
        var result = new T[shape.NumElements];
        if (x.NumElements == 0) return result;
        if (x.Shape.Rank == 0)
        {
            result[0] = src[x.Offset];
            return result;
        }
        var toStrides = StridedIndex.BroadcastStrides(shape, shape.ContiguousStrides(), x.Shape);
        // The odometer turns over the outer axes only; the last axis is a tight loop (it dominated the cost when
        // every element stepped two odometers). Elements are added in the same row-major order, so the bits are too.
        int rank = x.Shape.Rank, kept = rank - 1;
        int inner = x.Shape.Dims[rank - 1];
        int fromStride = x.Strides[rank - 1], toStride = toStrides[rank - 1];
        // Trailing axes that all add into one result element and lie contiguously in x merge into the inner loop: a
        // bias gradient's [N, C, H, W] → [1, C, 1, 1] runs H·W values per line instead of W. Same order, same bits.
        if (toStride == 0 && fromStride == 1)
        {
            while (kept > 0 && toStrides[kept - 1] == 0 && x.Strides[kept - 1] == inner)
            {
                inner *= x.Shape.Dims[kept - 1];
                kept--;
            }
        }
        var outer = x.Shape.Dims[..kept];
        var from = new StridedIndex(outer, x.Strides[..kept], x.Offset);
        var to = new StridedIndex(outer, toStrides[..kept], 0);
        int lines = x.NumElements / inner;
        for (int line = 0; line < lines; line++, from.MoveNext(), to.MoveNext())
        {
            int f = from.Offset, t = to.Offset;
            if (toStride == 0)
            {
                T acc = result[t];
                for (int k = 0; k < inner; k++, f += fromStride) acc += src[f];
                result[t] = acc;
            }
            else
            {
                for (int k = 0; k < inner; k++, f += fromStride, t += toStride) result[t] += src[f];
            }
        }
        return result;
    }
}
