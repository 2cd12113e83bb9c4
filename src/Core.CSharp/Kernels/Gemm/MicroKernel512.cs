using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Functional.Core.Kernels;

/// <summary>AVX-512 micro-kernels: C[6 × w] += A·B for a packed 6 × kc A micro-panel and a packed kc × w B
/// micro-panel, float or double.</summary>
/// <remarks>Each step p loads one row of the B micro-panel as vectors, broadcasts the six A values of column p
/// and issues one fused multiply-add per accumulator; every accumulator lane is its own chain over p, so a C
/// element gets the same bits whichever tile, block or thread computes it. Call only where
/// Avx512F.IsSupported.</remarks>
internal static unsafe class MicroKernel512
{
    /// <summary>The wide tile, 6 × 4 vectors (6 × 64 floats, 6 × 32 doubles): 24 accumulators, 4 B vectors
    /// and a broadcast fill 29 of the 32 registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Wide<T>(T* a, T* b, int kc, T* c, nint ldc) where T : unmanaged
    {
        int w = Vector512<T>.Count;
        // The C tile is read only after the loop: ask for its 24 cache lines now, so they arrive meanwhile.
        for (int r = 0; r < GemmPlan.Mr; r++)
        {
            Sse.Prefetch0(c + r * ldc);
            Sse.Prefetch0(c + r * ldc + w);
            Sse.Prefetch0(c + r * ldc + 2 * w);
            Sse.Prefetch0(c + r * ldc + 3 * w);
        }
        Vector512<T> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<T> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<T> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<T> c30 = default, c31 = default, c32 = default, c33 = default;
        Vector512<T> c40 = default, c41 = default, c42 = default, c43 = default;
        Vector512<T> c50 = default, c51 = default, c52 = default, c53 = default;
        for (int p = 0; p < kc; p++, a += GemmPlan.Mr, b += 4 * w)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + w);
            var b2 = Vector512.Load(b + 2 * w);
            var b3 = Vector512.Load(b + 3 * w);
            var a0 = Vector512.Create(a[0]);
            c00 = MulAdd(a0, b0, c00); c01 = MulAdd(a0, b1, c01); c02 = MulAdd(a0, b2, c02); c03 = MulAdd(a0, b3, c03);
            var a1 = Vector512.Create(a[1]);
            c10 = MulAdd(a1, b0, c10); c11 = MulAdd(a1, b1, c11); c12 = MulAdd(a1, b2, c12); c13 = MulAdd(a1, b3, c13);
            var a2 = Vector512.Create(a[2]);
            c20 = MulAdd(a2, b0, c20); c21 = MulAdd(a2, b1, c21); c22 = MulAdd(a2, b2, c22); c23 = MulAdd(a2, b3, c23);
            var a3 = Vector512.Create(a[3]);
            c30 = MulAdd(a3, b0, c30); c31 = MulAdd(a3, b1, c31); c32 = MulAdd(a3, b2, c32); c33 = MulAdd(a3, b3, c33);
            var a4 = Vector512.Create(a[4]);
            c40 = MulAdd(a4, b0, c40); c41 = MulAdd(a4, b1, c41); c42 = MulAdd(a4, b2, c42); c43 = MulAdd(a4, b3, c43);
            var a5 = Vector512.Create(a[5]);
            c50 = MulAdd(a5, b0, c50); c51 = MulAdd(a5, b1, c51); c52 = MulAdd(a5, b2, c52); c53 = MulAdd(a5, b3, c53);
        }
        AddTo(c, c00);
        AddTo(c + w, c01);
        AddTo(c + 2 * w, c02);
        AddTo(c + 3 * w, c03);
        c += ldc;
        AddTo(c, c10);
        AddTo(c + w, c11);
        AddTo(c + 2 * w, c12);
        AddTo(c + 3 * w, c13);
        c += ldc;
        AddTo(c, c20);
        AddTo(c + w, c21);
        AddTo(c + 2 * w, c22);
        AddTo(c + 3 * w, c23);
        c += ldc;
        AddTo(c, c30);
        AddTo(c + w, c31);
        AddTo(c + 2 * w, c32);
        AddTo(c + 3 * w, c33);
        c += ldc;
        AddTo(c, c40);
        AddTo(c + w, c41);
        AddTo(c + 2 * w, c42);
        AddTo(c + 3 * w, c43);
        c += ldc;
        AddTo(c, c50);
        AddTo(c + w, c51);
        AddTo(c + 2 * w, c52);
        AddTo(c + 3 * w, c53);
    }

    /// <summary>The narrow tile, 6 × 1 vector, for the last columns of a block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Narrow<T>(T* a, T* b, int kc, T* c, nint ldc) where T : unmanaged
    {
        int w = Vector512<T>.Count;
        Vector512<T> c00 = default;
        Vector512<T> c10 = default;
        Vector512<T> c20 = default;
        Vector512<T> c30 = default;
        Vector512<T> c40 = default;
        Vector512<T> c50 = default;
        for (int p = 0; p < kc; p++, a += GemmPlan.Mr, b += w)
        {
            var b0 = Vector512.Load(b);
            var a0 = Vector512.Create(a[0]);
            c00 = MulAdd(a0, b0, c00);
            var a1 = Vector512.Create(a[1]);
            c10 = MulAdd(a1, b0, c10);
            var a2 = Vector512.Create(a[2]);
            c20 = MulAdd(a2, b0, c20);
            var a3 = Vector512.Create(a[3]);
            c30 = MulAdd(a3, b0, c30);
            var a4 = Vector512.Create(a[4]);
            c40 = MulAdd(a4, b0, c40);
            var a5 = Vector512.Create(a[5]);
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
    private static Vector512<T> MulAdd<T>(Vector512<T> x, Vector512<T> y, Vector512<T> acc) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            return Avx512F.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), acc.AsSingle()).As<float, T>();
        return Avx512F.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), acc.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo<T>(T* c, Vector512<T> acc) where T : unmanaged =>
        Vector512.Store(Vector512.Load(c) + acc, c);
}
