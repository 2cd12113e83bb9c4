using System;
using System.Numerics;
using System.Numerics.Tensors;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>Reductions over whole contiguous runs with TensorPrimitives; <see cref="Reductions"/> stays the
/// reference. A strided view is first gathered, so every layout gives the same bits.</summary>
/// <remarks>The tensor is read as [outer, length, inner] around the axis. With inner = 1 each line is one run,
/// reduced by TensorPrimitives (a sum then adds in its own order: within rounding of the reference). With
/// inner &gt; 1 the rows of length inner are combined element-wise in axis order, exactly the reference's
/// order, so the bits equal the reference's.</remarks>
internal static class ReductionsFast
{
    /// <summary>Sum, max or min along <paramref name="axis"/> (normalised; the caller has checked that max and
    /// min see a non-empty axis). Max and min let NaN win, as the reference does.</summary>
    public static T[] Reduce<T>(ReduceOp op, RawTensor x, int axis) where T : unmanaged, INumber<T>
    {
        var src = Runs.Of<T>(x);
        var (outer, length, inner) = Runs.Around(x.Shape, axis);
        var result = new T[outer * inner];
        for (int o = 0; o < outer; o++)
        {
            var block = src.Slice(o * length * inner, length * inner);
            if (inner == 1)
            {
                result[o] = op switch
                {
                    ReduceOp.Sum => TensorPrimitives.Sum<T>(block),
                    ReduceOp.Max => TensorPrimitives.Max<T>(block),
                    _ => TensorPrimitives.Min<T>(block),
                };
                continue;
            }
            var acc = result.AsSpan(o * inner, inner);
            if (op == ReduceOp.Sum) acc.Clear();
            else block[..inner].CopyTo(acc);
            for (int p = op == ReduceOp.Sum ? 0 : 1; p < length; p++)
            {
                var row = block.Slice(p * inner, inner);
                switch (op)
                {
                    case ReduceOp.Sum: TensorPrimitives.Add(acc, row, acc); break;
                    case ReduceOp.Max: TensorPrimitives.Max(acc, row, acc); break;
                    default: TensorPrimitives.Min(acc, row, acc); break;
                }
            }
        }
        return result;
    }

    /// <summary>Sums x down to <paramref name="shape"/> when shape keeps only x's trailing axes (the bias
    /// gradient: [m, n] → [n], summed row by row in the reference's order) or only its leading axes ([m, n] →
    /// [m, 1] or a scalar: one run per element). Null for any other shape.</summary>
    public static T[]? SumTo<T>(RawTensor x, Shape shape) where T : unmanaged, INumber<T>
    {
        var src = Runs.Of<T>(x);
        var result = new T[shape.NumElements];
        if (result.Length == 0) return result;
        if (result.Length > 1 && Keeps(shape, x.Shape, trailing: true))
        {
            for (int at = 0; at < src.Length; at += result.Length)
                TensorPrimitives.Add(result, src.Slice(at, result.Length), result);
            return result;
        }
        if (Keeps(shape, x.Shape, trailing: false))
        {
            int run = src.Length / result.Length;
            for (int i = 0; i < result.Length; i++)
                result[i] = TensorPrimitives.Sum<T>(src.Slice(i * run, run));
            return result;
        }
        return null;
    }

    /// <summary>Whether <paramref name="small"/>, aligned right against <paramref name="shape"/>, equals it on
    /// the trailing (or leading) axes and is 1 on the others.</summary>
    private static bool Keeps(Shape small, Shape shape, bool trailing)
    {
        int extra = shape.Rank - small.Rank;
        int i = trailing ? shape.Rank - 1 : 0, step = trailing ? -1 : 1;
        for (; i >= 0 && i < shape.Rank && Dim(small, i - extra) == shape.Dims[i]; i += step)
        {
        }
        for (; i >= 0 && i < shape.Rank; i += step)
            if (Dim(small, i - extra) != 1) return false;
        return true;
    }

    private static int Dim(Shape s, int axis) => axis < 0 ? 1 : s.Dims[axis];
}
