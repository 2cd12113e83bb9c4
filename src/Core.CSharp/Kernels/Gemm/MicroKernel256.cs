using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Functional.Core.Kernels;

/// <summary>AVX2 + FMA micro-kernels: C[6 × w] += A·B for a packed 6 × kc A micro-panel and a packed kc × w B
/// micro-panel, float or double.</summary>
/// <remarks>Each step p loads one row of the B micro-panel as vectors, broadcasts the six A values of column p
/// and issues one fused multiply-add per accumulator; every accumulator lane is its own chain over p, so a C
/// element gets the same bits whichever tile, block or thread computes it. Call only where
/// Fma.IsSupported.</remarks>
internal static unsafe class MicroKernel256
{
    /// <summary>The wide tile, 6 × 2 vectors (6 × 16 floats, 6 × 8 doubles): 12 accumulators, 2 B vectors and
    /// a broadcast fill 15 of the 16 registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Wide<T>(T* a, T* b, int kc, T* c, nint ldc) where T : unmanaged
    {
        int w = Vector256<T>.Count;
        Vector256<T> c00 = default, c01 = default;
        Vector256<T> c10 = default, c11 = default;
        Vector256<T> c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default;
        Vector256<T> c40 = default, c41 = default;
        Vector256<T> c50 = default, c51 = default;
        for (int p = 0; p < kc; p++, a += GemmPlan.Mr, b += 2 * w)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + w);
            var a0 = Vector256.Create(a[0]);
            c00 = MulAdd(a0, b0, c00); c01 = MulAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = MulAdd(a1, b0, c10); c11 = MulAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = MulAdd(a2, b0, c20); c21 = MulAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = MulAdd(a3, b0, c30); c31 = MulAdd(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = MulAdd(a4, b0, c40); c41 = MulAdd(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = MulAdd(a5, b0, c50); c51 = MulAdd(a5, b1, c51);
        }
        AddTo(c, c00);
        AddTo(c + w, c01);
        c += ldc;
        AddTo(c, c10);
        AddTo(c + w, c11);
        c += ldc;
        AddTo(c, c20);
        AddTo(c + w, c21);
        c += ldc;
        AddTo(c, c30);
        AddTo(c + w, c31);
        c += ldc;
        AddTo(c, c40);
        AddTo(c + w, c41);
        c += ldc;
        AddTo(c, c50);
        AddTo(c + w, c51);
    }

    /// <summary>The narrow tile, 6 × 1 vector, for the last columns of a block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Narrow<T>(T* a, T* b, int kc, T* c, nint ldc) where T : unmanaged
    {
        int w = Vector256<T>.Count;
        Vector256<T> c00 = default;
        Vector256<T> c10 = default;
        Vector256<T> c20 = default;
        Vector256<T> c30 = default;
        Vector256<T> c40 = default;
        Vector256<T> c50 = default;
        for (int p = 0; p < kc; p++, a += GemmPlan.Mr, b += w)
        {
            var b0 = Vector256.Load(b);
            var a0 = Vector256.Create(a[0]);
            c00 = MulAdd(a0, b0, c00);
            var a1 = Vector256.Create(a[1]);
            c10 = MulAdd(a1, b0, c10);
            var a2 = Vector256.Create(a[2]);
            c20 = MulAdd(a2, b0, c20);
            var a3 = Vector256.Create(a[3]);
            c30 = MulAdd(a3, b0, c30);
            var a4 = Vector256.Create(a[4]);
            c40 = MulAdd(a4, b0, c40);
            var a5 = Vector256.Create(a[5]);
            c50 = MulAdd(a5, b0, c50);
        }
        AddTo(c, c00);
        c += ldc;
        AddTo(c, c10);
        c += ldc;
        AddTo(c, c20);
        c += ldc;
        AddTo(c, c30);
        c += ldc;
        AddTo(c, c40);
        c += ldc;
        AddTo(c, c50);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> MulAdd<T>(Vector256<T> x, Vector256<T> y, Vector256<T> acc) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            return Fma.MultiplyAdd(x.AsSingle(), y.AsSingle(), acc.AsSingle()).As<float, T>();
        return Fma.MultiplyAdd(x.AsDouble(), y.AsDouble(), acc.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo<T>(T* c, Vector256<T> acc) where T : unmanaged =>
        Vector256.Store(Vector256.Load(c) + acc, c);
}
