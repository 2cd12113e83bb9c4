using System;
using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Functional.Core.Kernels;

/// <summary>Span kernels of the activations TensorPrimitives lacks or computes differently: ReLU, leaky ReLU and
/// an overflow-free sigmoid. Each dispatches to the widest vector available; the scalar loop takes the tail and
/// is the tests' reference (it is <see cref="FloatMath"/>'s function, element by element).</summary>
internal static class Activations
{
    /// <summary>Computes <c>destination[i] = x[i] &gt; 0 ? x[i] : 0</c>. NaN stays NaN; −0 gives +0.</summary>
    /// <exception cref="ArgumentException">destination is shorter than x, or overlaps it partially.</exception>
    public static void Relu<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.FitsInto(x, destination, nameof(destination));
        Guard.NoPartialOverlap(x, destination, nameof(destination));

        int done = Vector512.IsHardwareAccelerated ? Relu512(x, destination)
                 : Vector256.IsHardwareAccelerated ? Relu256(x, destination)
                 : 0;
        ReluScalar(x[done..], destination[done..]);
    }

    /// <summary>Computes <c>destination[i]</c> = −1, 0 or 1 by the sign of x[i]; ±0 and NaN are copied unchanged, as
    /// <see cref="FloatMath.Sign{T}"/> does (LeakyReLU's reverse pass builds its mask from it).</summary>
    /// <exception cref="ArgumentException">destination is shorter than x, or overlaps it partially.</exception>
    public static void Sign<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.FitsInto(x, destination, nameof(destination));
        Guard.NoPartialOverlap(x, destination, nameof(destination));

        ref T src = ref MemoryMarshal.GetReference(x);
        ref T dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var one = Vector512<T>.One;
            for (; i <= x.Length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var v = Vector512.LoadUnsafe(ref src, (nuint)i);
                var negative = Vector512.ConditionalSelect(Vector512.LessThan(v, Vector512<T>.Zero), -one, v);
                Vector512.ConditionalSelect(Vector512.GreaterThan(v, Vector512<T>.Zero), one, negative)
                    .StoreUnsafe(ref dst, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var one = Vector256<T>.One;
            for (; i <= x.Length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var v = Vector256.LoadUnsafe(ref src, (nuint)i);
                var negative = Vector256.ConditionalSelect(Vector256.LessThan(v, Vector256<T>.Zero), -one, v);
                Vector256.ConditionalSelect(Vector256.GreaterThan(v, Vector256<T>.Zero), one, negative)
                    .StoreUnsafe(ref dst, (nuint)i);
            }
        }
        for (; i < x.Length; i++) destination[i] = FloatMath.Sign(x[i]);
    }

    /// <summary>Computes <c>destination[i] = x[i] &gt;= 0 ? x[i] : slope * x[i]</c>. NaN stays NaN.</summary>
    /// <exception cref="ArgumentException">destination is shorter than x, or overlaps it partially.</exception>
    public static void LeakyRelu<T>(ReadOnlySpan<T> x, T slope, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.FitsInto(x, destination, nameof(destination));
        Guard.NoPartialOverlap(x, destination, nameof(destination));

        int done = Vector512.IsHardwareAccelerated ? LeakyRelu512(x, slope, destination)
                 : Vector256.IsHardwareAccelerated ? LeakyRelu256(x, slope, destination)
                 : 0;
        LeakyReluScalar(x[done..], slope, destination[done..]);
    }

    /// <summary>Computes <c>destination[i] = 1 / (1 + e^−x[i])</c> without overflow: with e = e^−|x|, the result is
    /// 1 / (1 + e) for x ≥ 0 and e / (1 + e) for x &lt; 0, so sigmoid(−100) keeps its tiny value instead of
    /// 1 / ∞ = 0. NaN stays NaN. The exponentials come from TensorPrimitives.</summary>
    /// <exception cref="ArgumentException">destination is shorter than x, or overlaps it partially.</exception>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.FitsInto(x, destination, nameof(destination));
        Guard.NoPartialOverlap(x, destination, nameof(destination));

        // e^−|x| goes to destination, each element read back before it is overwritten; computing in place
        // needs a pooled buffer instead, since x is still needed.
        int n = x.Length;
        if (!x.Overlaps(destination))
        {
            SigmoidVia(x, destination[..n], destination);
            return;
        }
        T[] rented = ArrayPool<T>.Shared.Rent(n);
        try
        {
            SigmoidVia(x, rented.AsSpan(0, n), destination);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    private static void SigmoidVia<T>(ReadOnlySpan<T> x, Span<T> e, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Abs(x, e);
        TensorPrimitives.Negate(e, e);
        Exp.InPlace(e);
        int done = Vector512.IsHardwareAccelerated ? Sigmoid512(x, e, destination)
                 : Vector256.IsHardwareAccelerated ? Sigmoid256(x, e, destination)
                 : 0;
        SigmoidScalar(x[done..], e[done..], destination[done..]);
    }

    // x <= 0 is false for NaN, so NaN and positives keep x; ±0 and negatives give +0.
    private static int Relu512<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged
    {
        ref T src = ref MemoryMarshal.GetReference(x);
        ref T dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        for (; i <= x.Length - Vector512<T>.Count; i += Vector512<T>.Count)
        {
            var v = Vector512.LoadUnsafe(ref src, (nuint)i);
            Vector512.ConditionalSelect(Vector512.LessThanOrEqual(v, Vector512<T>.Zero), Vector512<T>.Zero, v)
                .StoreUnsafe(ref dst, (nuint)i);
        }
        return i;
    }

    private static int Relu256<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged
    {
        ref T src = ref MemoryMarshal.GetReference(x);
        ref T dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        for (; i <= x.Length - Vector256<T>.Count; i += Vector256<T>.Count)
        {
            var v = Vector256.LoadUnsafe(ref src, (nuint)i);
            Vector256.ConditionalSelect(Vector256.LessThanOrEqual(v, Vector256<T>.Zero), Vector256<T>.Zero, v)
                .StoreUnsafe(ref dst, (nuint)i);
        }
        return i;
    }

    private static void ReluScalar<T>(ReadOnlySpan<T> x, Span<T> destination) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) destination[i] = FloatMath.Relu(x[i]);
    }

    // x < 0 is false for NaN and −0, which keep x, as in the scalar reference.
    private static int LeakyRelu512<T>(ReadOnlySpan<T> x, T slope, Span<T> destination) where T : unmanaged
    {
        ref T src = ref MemoryMarshal.GetReference(x);
        ref T dst = ref MemoryMarshal.GetReference(destination);
        var s = Vector512.Create(slope);
        int i = 0;
        for (; i <= x.Length - Vector512<T>.Count; i += Vector512<T>.Count)
        {
            var v = Vector512.LoadUnsafe(ref src, (nuint)i);
            Vector512.ConditionalSelect(Vector512.LessThan(v, Vector512<T>.Zero), v * s, v)
                .StoreUnsafe(ref dst, (nuint)i);
        }
        return i;
    }

    private static int LeakyRelu256<T>(ReadOnlySpan<T> x, T slope, Span<T> destination) where T : unmanaged
    {
        ref T src = ref MemoryMarshal.GetReference(x);
        ref T dst = ref MemoryMarshal.GetReference(destination);
        var s = Vector256.Create(slope);
        int i = 0;
        for (; i <= x.Length - Vector256<T>.Count; i += Vector256<T>.Count)
        {
            var v = Vector256.LoadUnsafe(ref src, (nuint)i);
            Vector256.ConditionalSelect(Vector256.LessThan(v, Vector256<T>.Zero), v * s, v)
                .StoreUnsafe(ref dst, (nuint)i);
        }
        return i;
    }

    private static void LeakyReluScalar<T>(ReadOnlySpan<T> x, T slope, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++) destination[i] = FloatMath.LeakyRelu(x[i], slope);
    }

    private static int Sigmoid512<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> e, Span<T> destination) where T : unmanaged
    {
        ref T src = ref MemoryMarshal.GetReference(x);
        ref T exp = ref MemoryMarshal.GetReference(e);
        ref T dst = ref MemoryMarshal.GetReference(destination);
        var one = Vector512<T>.One;
        int i = 0;
        for (; i <= x.Length - Vector512<T>.Count; i += Vector512<T>.Count)
        {
            var v = Vector512.LoadUnsafe(ref src, (nuint)i);
            var ev = Vector512.LoadUnsafe(ref exp, (nuint)i);
            var d = one + ev;
            Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(v, Vector512<T>.Zero), one / d, ev / d)
                .StoreUnsafe(ref dst, (nuint)i);
        }
        return i;
    }

    private static int Sigmoid256<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> e, Span<T> destination) where T : unmanaged
    {
        ref T src = ref MemoryMarshal.GetReference(x);
        ref T exp = ref MemoryMarshal.GetReference(e);
        ref T dst = ref MemoryMarshal.GetReference(destination);
        var one = Vector256<T>.One;
        int i = 0;
        for (; i <= x.Length - Vector256<T>.Count; i += Vector256<T>.Count)
        {
            var v = Vector256.LoadUnsafe(ref src, (nuint)i);
            var ev = Vector256.LoadUnsafe(ref exp, (nuint)i);
            var d = one + ev;
            Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(v, Vector256<T>.Zero), one / d, ev / d)
                .StoreUnsafe(ref dst, (nuint)i);
        }
        return i;
    }

    private static void SigmoidScalar<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> e, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
            destination[i] = x[i] >= T.Zero ? T.One / (T.One + e[i]) : e[i] / (T.One + e[i]);
    }
}
