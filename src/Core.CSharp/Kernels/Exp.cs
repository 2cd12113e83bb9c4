using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Functional.Core.Kernels;

/// <summary>e^x over a span with bits that depend on the values alone. TensorPrimitives.Exp for double computes
/// a vector holding an out-of-range lane (NaN, ±∞, |x| &gt; 709) another way, and which lanes share a vector
/// follows the addresses' alignment, so the same values could round differently in two runs. Here the doubles
/// pass through 64-byte-aligned scratch buffers in chunks that start at fixed indices.</summary>
internal static unsafe class Exp
{
    private const int Chunk = 512;

    /// <summary>Computes <c>destination[i] = e^x[i]</c> (destination may be x itself).</summary>
    /// <exception cref="ArgumentException">destination is shorter than x, or overlaps it partially.</exception>
    public static void Of<T>(ReadOnlySpan<T> x, Span<T> destination) where T : unmanaged, IExponentialFunctions<T>
    {
        Guard.FitsInto(x, destination, nameof(destination));
        Guard.NoPartialOverlap(x, destination, nameof(destination));
        if (typeof(T) != typeof(double))
        {
            TensorPrimitives.Exp(x, destination);
            return;
        }

        double* scratch = stackalloc double[2 * Chunk + 8];
        double* input = (double*)(((nint)scratch + 63) & ~(nint)63);
        var inSpan = new Span<T>(input, Chunk);
        var outSpan = new Span<T>(input + Chunk, Chunk);
        for (int at = 0; at < x.Length; at += Chunk)
        {
            int n = Math.Min(Chunk, x.Length - at);
            x.Slice(at, n).CopyTo(inSpan);
            TensorPrimitives.Exp<T>(inSpan[..n], outSpan[..n]);
            outSpan[..n].CopyTo(destination.Slice(at, n));
        }
    }

    /// <summary>Computes <c>x[i] = e^x[i]</c> in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void InPlace<T>(Span<T> x) where T : unmanaged, IExponentialFunctions<T> => Of<T>(x, x);
}
