using ILGPU;
using ILGPU.Runtime;
using Functional.Core.Tensors;

namespace Functional.Gpu.Kernels;

/// <summary>Reductions of lines: line l starts at <c>lines.At(l)</c> and its k-th element is <c>inner.At(k)</c> further
/// on. A reduction over one axis has a one-axis inner view; <c>SumTo</c> has the reduced (broadcast) axes as its inner
/// view. Short lines take one thread each (<c>…Serial</c>); long ones a group of <see cref="GroupSize"/> threads each
/// (<c>…Grouped</c>): strided partial results, then a tree in shared memory. Both orders are fixed, so results are
/// deterministic; they differ from the CPU's left-to-right sums only by rounding.</summary>
internal static class ReductionKernels
{
    /// <summary>Threads per group of the grouped kernels (a power of two).</summary>
    public const int GroupSize = 256;

    /// <summary>Lines at least this long are reduced by a group each.</summary>
    public const int GroupedFrom = 128;

    /// <summary>dst[l] = Σ, max or min (a <see cref="ReduceOp"/>) of line l; Σ of an empty line is 0.</summary>
    public static void ReduceSerial<T, TOps>(
        Index1D l, ArrayView<T> src, StridedView lines, StridedView inner, int count, ArrayView<T> dst, int op)
        where T : unmanaged where TOps : struct, INumeric<T>
    {
        TOps o = default;
        int start = lines.At(l);
        T acc = op == (int)ReduceOp.Sum ? o.Zero : src[start + inner.At(0)];
        for (int k = 0; k < count; k++) acc = Combine<T, TOps>(op, acc, src[start + inner.At(k)]);
        dst[l] = acc;
    }

    /// <summary>As <see cref="ReduceSerial{T, TOps}"/>, one group per line (grid = number of lines).</summary>
    public static void ReduceGrouped<T, TOps>(
        ArrayView<T> src, StridedView lines, StridedView inner, int count, ArrayView<T> dst, int op)
        where T : unmanaged where TOps : struct, INumeric<T>
    {
        TOps o = default;
        var shared = SharedMemory.Allocate<T>(GroupSize);
        int l = Grid.IdxX, t = Group.IdxX;
        int start = lines.At(l);
        T acc = op == (int)ReduceOp.Sum ? o.Zero : src[start + inner.At(0)];
        for (int k = t; k < count; k += GroupSize) acc = Combine<T, TOps>(op, acc, src[start + inner.At(k)]);
        shared[t] = acc;
        Group.Barrier();
        for (int half = GroupSize / 2; half > 0; half >>= 1)
        {
            if (t < half) shared[t] = Combine<T, TOps>(op, shared[t], shared[t + half]);
            Group.Barrier();
        }
        if (t == 0) dst[l] = shared[0];
    }

    /// <summary>dst[l] = index of the first maximum (or minimum) of line l; the first NaN counts as the extreme.</summary>
    public static void ArgReduceSerial<T, TOps>(
        Index1D l, ArrayView<T> src, StridedView lines, StridedView inner, int count, ArrayView<long> dst, int op)
        where T : unmanaged where TOps : struct, INumeric<T>
    {
        TOps o = default;
        int start = lines.At(l);
        T best = src[start + inner.At(0)];
        long bestAt = 0;
        for (int k = 1; k < count && !o.IsNaN(best); k++)
        {
            T v = src[start + inner.At(k)];
            bool better = o.IsNaN(v) || (op == (int)ArgReduceOp.ArgMax ? o.Lt(best, v) : o.Lt(v, best));
            if (better)
            {
                best = v;
                bestAt = k;
            }
        }
        dst[l] = bestAt;
    }

    /// <summary>Softmax (op 0) or log-softmax (op 1) of each line, written to dst[outLines.At(l) + k·outStride]:
    /// m = max, s = Σ exp(x − m); softmax exp(x − m)/s, log-softmax x − m − ln s.</summary>
    public static void SoftmaxSerial<T, TOps>(
        Index1D l, ArrayView<T> src, StridedView lines, StridedView inner, int count, ArrayView<T> dst,
        StridedView outLines, int outStride, int op)
        where T : unmanaged where TOps : struct, IFloat<T>
    {
        TOps o = default;
        int start = lines.At(l);
        T m = o.NegativeInfinity;
        for (int k = 0; k < count; k++) m = o.Max(m, src[start + inner.At(k)]);
        T sum = o.Zero;
        for (int k = 0; k < count; k++) sum = o.Add(sum, o.Exp(o.Sub(src[start + inner.At(k)], m)));
        T logSum = o.Log(sum);
        int to = outLines.At(l);
        for (int k = 0; k < count; k++)
        {
            T x = src[start + inner.At(k)];
            dst[to + k * outStride] = op == (int)SoftmaxOp.Softmax
                ? o.Div(o.Exp(o.Sub(x, m)), sum)
                : o.Sub(o.Sub(x, m), logSum);
        }
    }

    /// <summary>As <see cref="SoftmaxSerial{T, TOps}"/>, one group per line: tree max, tree sum, then the writes.</summary>
    public static void SoftmaxGrouped<T, TOps>(
        ArrayView<T> src, StridedView lines, StridedView inner, int count, ArrayView<T> dst,
        StridedView outLines, int outStride, int op)
        where T : unmanaged where TOps : struct, IFloat<T>
    {
        TOps o = default;
        var shared = SharedMemory.Allocate<T>(GroupSize);
        int l = Grid.IdxX, t = Group.IdxX;
        int start = lines.At(l);
        T m = GroupMax<T, TOps>(shared, src, start, inner, count, t);
        T sum = o.Zero;
        for (int k = t; k < count; k += GroupSize) sum = o.Add(sum, o.Exp(o.Sub(src[start + inner.At(k)], m)));
        sum = GroupSum<T, TOps>(shared, sum, t);
        T logSum = o.Log(sum);
        int to = outLines.At(l);
        for (int k = t; k < count; k += GroupSize)
        {
            T x = src[start + inner.At(k)];
            dst[to + k * outStride] = op == (int)SoftmaxOp.Softmax
                ? o.Div(o.Exp(o.Sub(x, m)), sum)
                : o.Sub(o.Sub(x, m), logSum);
        }
    }

    /// <summary>dst[l] = m + ln Σ exp(x − m) of line l, m its maximum; −∞ for an empty line, m itself when m = ±∞.</summary>
    public static void LogSumExpSerial<T, TOps>(
        Index1D l, ArrayView<T> src, StridedView lines, StridedView inner, int count, ArrayView<T> dst)
        where T : unmanaged where TOps : struct, IFloat<T>
    {
        TOps o = default;
        int start = lines.At(l);
        T m = o.NegativeInfinity;
        for (int k = 0; k < count; k++) m = o.Max(m, src[start + inner.At(k)]);
        if (o.IsInfinity(m))
        {
            dst[l] = m;
            return;
        }
        T sum = o.Zero;
        for (int k = 0; k < count; k++) sum = o.Add(sum, o.Exp(o.Sub(src[start + inner.At(k)], m)));
        dst[l] = o.Add(m, o.Log(sum));
    }

    /// <summary>As <see cref="LogSumExpSerial{T, TOps}"/>, one group per line.</summary>
    public static void LogSumExpGrouped<T, TOps>(
        ArrayView<T> src, StridedView lines, StridedView inner, int count, ArrayView<T> dst)
        where T : unmanaged where TOps : struct, IFloat<T>
    {
        TOps o = default;
        var shared = SharedMemory.Allocate<T>(GroupSize);
        int l = Grid.IdxX, t = Group.IdxX;
        int start = lines.At(l);
        T m = GroupMax<T, TOps>(shared, src, start, inner, count, t);
        T sum = o.Zero;
        if (!o.IsInfinity(m))
            for (int k = t; k < count; k += GroupSize) sum = o.Add(sum, o.Exp(o.Sub(src[start + inner.At(k)], m)));
        sum = GroupSum<T, TOps>(shared, sum, t);
        if (t == 0) dst[l] = o.IsInfinity(m) ? m : o.Add(m, o.Log(sum));
    }

    private static T Combine<T, TOps>(int op, T a, T b) where T : unmanaged where TOps : struct, INumeric<T>
    {
        TOps o = default;
        return op == (int)ReduceOp.Sum ? o.Add(a, b) : op == (int)ReduceOp.Max ? o.Max(a, b) : o.Min(a, b);
    }

    /// <summary>The line's maximum (NaN winning, −∞ when empty), known to every thread of the group.</summary>
    private static T GroupMax<T, TOps>(ArrayView<T> shared, ArrayView<T> src, int start, StridedView inner, int count, int t)
        where T : unmanaged where TOps : struct, IFloat<T>
    {
        TOps o = default;
        T m = o.NegativeInfinity;
        for (int k = t; k < count; k += GroupSize) m = o.Max(m, src[start + inner.At(k)]);
        shared[t] = m;
        Group.Barrier();
        for (int half = GroupSize / 2; half > 0; half >>= 1)
        {
            if (t < half) shared[t] = o.Max(shared[t], shared[t + half]);
            Group.Barrier();
        }
        T result = shared[0];
        Group.Barrier(); // shared is reused next
        return result;
    }

    /// <summary>The sum of every thread's <paramref name="value"/>, known to every thread of the group.</summary>
    private static T GroupSum<T, TOps>(ArrayView<T> shared, T value, int t)
        where T : unmanaged where TOps : struct, INumeric<T>
    {
        TOps o = default;
        shared[t] = value;
        Group.Barrier();
        for (int half = GroupSize / 2; half > 0; half >>= 1)
        {
            if (t < half) shared[t] = o.Add(shared[t], shared[t + half]);
            Group.Barrier();
        }
        T result = shared[0];
        Group.Barrier();
        return result;
    }
}
