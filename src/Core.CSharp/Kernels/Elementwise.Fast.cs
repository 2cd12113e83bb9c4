using System;
using System.Numerics;
using System.Numerics.Tensors;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>The element-wise ops over whole contiguous runs: TensorPrimitives where it computes what the reference
/// computes, our span kernels (<see cref="Activations"/>) where it does not. A strided view is first gathered
/// into the result, so every layout gives the same bits. <see cref="Elementwise"/> stays the reference.</summary>
/// <remarks>Tanh keeps the scalar function: TensorPrimitives.Tanh(0) is ±6e−8 in float, not 0.</remarks>
internal static class ElementwiseFast
{
    /// <summary>f(x) for every element; the result is contiguous.</summary>
    public static T[] Unary<T>(UnaryOp op, RawTensor x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = SourceAndResult<T>(x, out var source, out int offset);
        Chunks(result.Length, (start, end) =>
            UnaryRun(op, source.AsSpan(offset + start, end - start), result.AsSpan(start, end - start)));
        return result;
    }

    private static void UnaryRun<T>(UnaryOp op, ReadOnlySpan<T> src, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (op)
        {
            case UnaryOp.Neg: TensorPrimitives.Negate(src, result); break;
            case UnaryOp.Exp: Exp.Of(src, result); break;
            case UnaryOp.Log: TensorPrimitives.Log(src, result); break;
            case UnaryOp.Sqrt: TensorPrimitives.Sqrt(src, result); break;
            case UnaryOp.Abs: TensorPrimitives.Abs(src, result); break;
            case UnaryOp.Sigmoid: Activations.Sigmoid(src, result); break;
            case UnaryOp.Relu: Activations.Relu(src, result); break;
            case UnaryOp.Sign: Activations.Sign(src, result); break;
            default: Scalar(src, result, Elementwise.UnaryFunction<T>(op)); break;
        }
    }

    /// <summary>f(x, s) for every element; the result is contiguous.</summary>
    public static T[] Scalar<T>(ScalarOp op, RawTensor x, T s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = SourceAndResult<T>(x, out var source, out int offset);
        Chunks(result.Length, (start, end) =>
            ScalarRun(op, source.AsSpan(offset + start, end - start), s, result.AsSpan(start, end - start)));
        return result;
    }

    private static void ScalarRun<T>(ScalarOp op, ReadOnlySpan<T> src, T s, Span<T> result)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (op)
        {
            case ScalarOp.Add: TensorPrimitives.Add(src, s, result); break;
            case ScalarOp.Mul: TensorPrimitives.Multiply(src, s, result); break;
            case ScalarOp.LeakyRelu: Activations.LeakyRelu(src, s, result); break;
            default: Scalar(src, result, Elementwise.ScalarFunction(op, s)); break;
        }
    }

    /// <summary>True for the binary ops with a fast path: add, subtract, multiply, divide, max and min (all
    /// exactly rounded or exact, so the bits equal the reference's).</summary>
    public static bool Covers(BinaryOp op) =>
        op is BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul or BinaryOp.Div or BinaryOp.Max or BinaryOp.Min;

    /// <summary>f(a, b) broadcast to <paramref name="shape"/> when the layout has a fast path: equal shapes, a
    /// single-element operand, or one operand repeating as a trailing block (a bias row, [n] against [m, n]) or
    /// constant over trailing axes (a column, [m, 1] against [m, n]). Null otherwise, or when
    /// <see cref="Covers"/> is false.</summary>
    public static T[]? Binary<T>(BinaryOp op, RawTensor a, RawTensor b, Shape shape) where T : unmanaged, INumber<T>
    {
        if (!Covers(op)) return null;
        int n = shape.NumElements;
        if (a.Shape == shape && b.Shape == shape)
        {
            var result = new T[n];
            var (x, xOffset) = Runs.ArrayOf<T>(a);
            var (y, yOffset) = Runs.ArrayOf<T>(b);
            Chunks(n, (start, end) => Run(op, x.AsSpan(xOffset + start, end - start),
                y.AsSpan(yOffset + start, end - start), result.AsSpan(start, end - start)));
            return result;
        }
        if (a.Shape == shape) return Broadcast(op, Runs.ArrayOf<T>(a), b, shape, bIsRight: true);
        if (b.Shape == shape) return Broadcast(op, Runs.ArrayOf<T>(b), a, shape, bIsRight: false);
        return null;
    }

    /// <summary>full ∘ small (or small ∘ full when <paramref name="bIsRight"/> is false), small broadcast.
    /// </summary>
    private static T[]? Broadcast<T>(BinaryOp op, (T[] Array, int Offset) fullRun, RawTensor small, Shape shape,
        bool bIsRight)
        where T : unmanaged, INumber<T>
    {
        if (!small.IsContiguous) return null;
        var full = fullRun.Array.AsSpan(fullRun.Offset, shape.NumElements);
        var smallArray = Dense.Data<T>(small);
        int smallOffset = small.Offset;
        var data = smallArray.AsSpan(smallOffset, small.NumElements);
        var result = new T[shape.NumElements];
        if (small.NumElements == 1)
        {
            RunScalar(op, full, data[0], result, bIsRight);
            return result;
        }
        if (TrailingBlock(small.Shape, shape, out int block))
        {
            for (int at = 0; at < result.Length; at += block)
            {
                var x = full.Slice(at, block);
                var d = result.AsSpan(at, block);
                if (bIsRight) Run(op, x, data, d);
                else Run(op, data, x, d);
            }
            return result;
        }
        if (LeadingBlock(small.Shape, shape, out int run))
        {
            for (int at = 0, i = 0; at < result.Length; at += run, i++)
                RunScalar(op, full.Slice(at, run), data[i], result.AsSpan(at, run), bIsRight);
            return result;
        }
        if (MiddleBlock(small.Shape, shape, out int inner))
        {
            // A per-channel value [1, C, 1, 1] over [N, C, H, W]: element i of small covers runs of `inner`,
            // cycling through small for each outer index.
            // Large ones split into per-thread ranges of whole runs (the bits do not depend on the split).
            int count = small.NumElements, runs = result.Length / inner;
            var (fullArray, fullOffset) = fullRun;
            int threads = result.Length < ParallelElements ? 1 : CpuSettings.Threads;
            KernelTeam.ForRanges(runs, threads, (first, end) =>
            {
                for (int r = first; r < end; r++)
                    RunScalar(op, fullArray.AsSpan(fullOffset + r * inner, inner), smallArray[smallOffset + r % count],
                        result.AsSpan(r * inner, inner), bIsRight);
            });
            return result;
        }
        return null;
    }

    /// <summary>Whether <paramref name="small"/>, aligned right against <paramref name="shape"/>, is 1 on some
    /// leading axes, equal to shape on a middle range and 1 on the trailing axes (BatchNorm's and a convolution
    /// bias's [1, C, 1, 1] against [N, C, H, W]): each of its elements covers a run of <paramref name="inner"/>, and
    /// the whole of it repeats for each leading index.</summary>
    private static bool MiddleBlock(Shape small, Shape shape, out int inner)
    {
        int extra = shape.Rank - small.Rank, q = shape.Rank;
        inner = 1;
        while (q > 0 && Dim(small, q - 1 - extra) == 1)
            inner *= shape.Dims[--q];
        int middle = 0;
        while (q > 0 && Dim(small, q - 1 - extra) == shape.Dims[q - 1] && shape.Dims[q - 1] != 1)
        {
            q--;
            middle++;
        }
        for (int i = 0; i < q; i++)
            if (Dim(small, i - extra) != 1) return false;
        return middle > 0 && inner > 0;
    }

    /// <summary>Whether <paramref name="small"/>, aligned right against <paramref name="shape"/>, is 1 on some
    /// leading axes and equal to shape on the rest: it repeats as one block of <paramref name="block"/>
    /// elements.</summary>
    private static bool TrailingBlock(Shape small, Shape shape, out int block)
    {
        int extra = shape.Rank - small.Rank, q = shape.Rank;
        block = 1;
        while (q > 0 && Dim(small, q - 1 - extra) == shape.Dims[q - 1])
            block *= shape.Dims[--q];
        for (int i = 0; i < q; i++)
            if (Dim(small, i - extra) != 1) return false;
        return block > 0;
    }

    /// <summary>Whether <paramref name="small"/>, aligned right against <paramref name="shape"/>, equals shape on
    /// some leading axes and is 1 on the rest: each of its elements covers a run of <paramref name="run"/>.</summary>
    private static bool LeadingBlock(Shape small, Shape shape, out int run)
    {
        int extra = shape.Rank - small.Rank, q = shape.Rank;
        run = 1;
        while (q > 0 && Dim(small, q - 1 - extra) == 1)
            run *= shape.Dims[--q];
        for (int i = 0; i < q; i++)
            if (Dim(small, i - extra) != shape.Dims[i]) return false;
        return run > 0;
    }

    private static int Dim(Shape s, int axis) => axis < 0 ? 1 : s.Dims[axis];

    private static void Run<T>(BinaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : INumber<T>
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(x, y, d); break;
            case BinaryOp.Sub: TensorPrimitives.Subtract(x, y, d); break;
            case BinaryOp.Mul: TensorPrimitives.Multiply(x, y, d); break;
            case BinaryOp.Div: TensorPrimitives.Divide(x, y, d); break;
            case BinaryOp.Max: TensorPrimitives.Max(x, y, d); break;
            default: TensorPrimitives.Min(x, y, d); break;
        }
    }

    /// <summary>x ∘ s when <paramref name="sIsRight"/>, else s ∘ x.</summary>
    private static void RunScalar<T>(BinaryOp op, ReadOnlySpan<T> x, T s, Span<T> d, bool sIsRight)
        where T : INumber<T>
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(x, s, d); break;
            case BinaryOp.Mul: TensorPrimitives.Multiply(x, s, d); break;
            case BinaryOp.Max: TensorPrimitives.Max(x, s, d); break;
            case BinaryOp.Min: TensorPrimitives.Min(x, s, d); break;
            case BinaryOp.Sub when sIsRight: TensorPrimitives.Subtract(x, s, d); break;
            case BinaryOp.Sub: TensorPrimitives.Subtract(s, x, d); break;
            case BinaryOp.Div when sIsRight: TensorPrimitives.Divide(x, s, d); break;
            default: TensorPrimitives.Divide(s, x, d); break;
        }
    }

    /// <summary>A new result array, and x's elements as one run (array and offset): its storage when contiguous,
    /// else gathered into the result itself (the ops then run in place).</summary>
    private static T[] SourceAndResult<T>(RawTensor x, out T[] source, out int offset) where T : unmanaged
    {
        if (x.IsContiguous)
        {
            (source, offset) = (Dense.Data<T>(x), x.Offset);
            return new T[x.NumElements];
        }
        var gathered = Dense.ToArray<T>(x);
        (source, offset) = (gathered, 0);
        return gathered;
    }

    /// <summary>Elements from which an element-wise op splits its work over the kernel threads.</summary>
    private const int ParallelElements = 1 << 17;

    /// <summary>body(start, end) over [0, n) elements: one call, or for large n one aligned range per kernel
    /// thread (<see cref="KernelTeam.ForAlignedRanges"/>: the bits do not depend on the thread count).</summary>
    private static void Chunks(int n, Action<int, int> body) =>
        KernelTeam.ForAlignedRanges(n, n < ParallelElements ? 1 : CpuSettings.Threads, body);

    private static void Scalar<T>(ReadOnlySpan<T> src, Span<T> result, Func<T, T> f)
    {
        for (int i = 0; i < src.Length; i++) result[i] = f(src[i]);
    }
}
