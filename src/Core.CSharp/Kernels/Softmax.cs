using System;
using System.Numerics;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>Softmax, log-softmax and log-sum-exp over one axis. Each line first subtracts its maximum, so
/// exp never overflows (inputs of ±1000 are fine); a NaN anywhere on a line makes the whole line NaN.</summary>
internal static class Softmax
{
    /// <summary>softmax: exp(x − m) / Σ exp(x − m); log-softmax: x − m − log Σ exp(x − m), where m is the
    /// line's maximum. A line of all −∞ gives NaN (0/0), as in PyTorch.</summary>
    public static T[] Normalize<T>(SoftmaxOp op, RawTensor x, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var src = Dense.Data<T>(x);
        var result = new T[x.NumElements];
        var walk = new AxisWalk(x, axis);
        int outStride = x.Shape.ContiguousStrides()[axis];
        var start = walk.Starts(x.Strides, x.Offset);
        var outStart = walk.Starts(x.Shape.ContiguousStrides(), 0);
        for (int line = 0; line < walk.Lines.NumElements; line++, start.MoveNext(), outStart.MoveNext())
        {
            T m = LineMax(src, start.Offset, walk);
            T sum = T.Zero;
            for (int k = 0, p = start.Offset; k < walk.Length; k++, p += walk.Stride)
                sum += T.Exp(src[p] - m);
            T logSum = T.Log(sum);
            int from = start.Offset, to = outStart.Offset;
            for (int k = 0; k < walk.Length; k++, from += walk.Stride, to += outStride)
                result[to] = op == SoftmaxOp.Softmax ? T.Exp(src[from] - m) / sum : src[from] - m - logSum;
        }
        return result;
    }

    /// <summary>log Σ exp x of each line: m + log Σ exp(x − m). An empty line gives −∞ (log 0); a line whose
    /// maximum is ±∞ gives that maximum.</summary>
    public static T[] LogSumExp<T>(RawTensor x, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var src = Dense.Data<T>(x);
        var walk = new AxisWalk(x, axis);
        var result = new T[walk.Lines.NumElements];
        var start = walk.Starts(x.Strides, x.Offset);
        for (int i = 0; i < result.Length; i++, start.MoveNext())
        {
            T m = LineMax(src, start.Offset, walk);
            if (T.IsInfinity(m))
            {
                result[i] = m;
                continue;
            }
            T sum = T.Zero;
            for (int k = 0, p = start.Offset; k < walk.Length; k++, p += walk.Stride)
                sum += T.Exp(src[p] - m);
            result[i] = m + T.Log(sum);
        }
        return result;
    }

    /// <summary>The maximum of a line, NaN winning; −∞ for an empty line.</summary>
    private static T LineMax<T>(T[] src, int offset, AxisWalk walk) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T m = T.NegativeInfinity;
        for (int k = 0, p = offset; k < walk.Length; k++, p += walk.Stride)
            m = FloatMath.MaxNaN(m, src[p]);
        return m;
    }
}
