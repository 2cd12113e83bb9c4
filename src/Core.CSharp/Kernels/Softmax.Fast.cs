using System;
using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>Softmax, log-softmax and log-sum-exp along the last axis with TensorPrimitives, line by line, in the
/// reference's formulas (subtract the line's maximum first); <see cref="Softmax"/> stays the reference and
/// serves the other axes.</summary>
internal static class SoftmaxFast
{
    /// <summary>softmax: exp(x − m) / Σ exp(x − m); log-softmax: (x − m) − log Σ exp(x − m), m the line's
    /// maximum (NaN if the line holds a NaN). Null unless <paramref name="axis"/> is the last.</summary>
    public static T[]? Normalize<T>(SoftmaxOp op, RawTensor x, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (axis != x.Shape.Rank - 1) return null;
        var result = Dense.ToArray<T>(x);
        int length = x.Shape.Dims[axis];
        if (length == 0) return result;
        T[]? exps = op == SoftmaxOp.LogSoftmax ? ArrayPool<T>.Shared.Rent(length) : null;
        try
        {
            for (int at = 0; at < result.Length; at += length)
            {
                var line = result.AsSpan(at, length);
                TensorPrimitives.Subtract(line, TensorPrimitives.Max<T>(line), line);
                if (op == SoftmaxOp.Softmax)
                {
                    Exp.InPlace(line);
                    TensorPrimitives.Divide(line, TensorPrimitives.Sum<T>(line), line);
                }
                else
                {
                    var e = exps.AsSpan(0, length);
                    Exp.Of<T>(line, e);
                    TensorPrimitives.Subtract(line, T.Log(TensorPrimitives.Sum<T>(e)), line);
                }
            }
        }
        finally
        {
            if (exps is not null) ArrayPool<T>.Shared.Return(exps);
        }
        return result;
    }

    /// <summary>m + log Σ exp(x − m) of each line, m its maximum; −∞ for an empty line, m itself when m is
    /// ±∞.
    /// Null unless <paramref name="axis"/> is the last.</summary>
    public static T[]? LogSumExp<T>(RawTensor x, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (axis != x.Shape.Rank - 1) return null;
        var src = Runs.Of<T>(x);
        int length = x.Shape.Dims[axis];
        var result = new T[LinesOf(x.Shape)];
        if (length == 0)
        {
            Array.Fill(result, T.NegativeInfinity);
            return result;
        }
        var exps = ArrayPool<T>.Shared.Rent(length);
        try
        {
            var e = exps.AsSpan(0, length);
            for (int i = 0; i < result.Length; i++)
            {
                var line = src.Slice(i * length, length);
                T m = TensorPrimitives.Max<T>(line);
                if (T.IsInfinity(m))
                {
                    result[i] = m;
                    continue;
                }
                TensorPrimitives.Subtract(line, m, e);
                Exp.InPlace(e);
                result[i] = m + T.Log(TensorPrimitives.Sum<T>(e));
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(exps);
        }
        return result;
    }

    private static int LinesOf(Shape shape)
    {
        int lines = 1;
        for (int i = 0; i < shape.Rank - 1; i++) lines *= shape.Dims[i];
        return lines;
    }
}
