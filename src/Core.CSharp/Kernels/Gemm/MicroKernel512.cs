using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Functional.Core.Kernels;

/// <summary>AVX-512 micro-kernels: C[6 × w] += A·B for a 6 × kc A micro-panel and a kc × w B micro-panel, float or
/// double.</summary>
/// <remarks>The tile is stored into C on the first Kc pass (<c>add</c> false) and added to it on later ones.
/// Each step p loads one row of the B micro-panel as vectors (rows <c>bStep</c> apart: the panel width
/// when packed, B's row stride when read in place), broadcasts the six A values of column p and issues one fused
/// multiply-add per accumulator. Every accumulator lane is its own chain over p, so a C element gets the same
/// bits whichever tile, block, thread or instruction set computes it. Call only where Avx512F.IsSupported.
/// </remarks>
internal static unsafe class MicroKernel512
{
    /// <summary>The wide tile, 6 × 4 vectors (6 × 64 floats, 6 × 32 doubles) from a packed A micro-panel: 24
    /// accumulators, 4 B vectors and a broadcast fill 29 of the 32 registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Wide<T>(T* a, T* b, nint bStep, int kc, T* c, nint ldc, bool add) where T : unmanaged
    {
        int w = Vector512<T>.Count;
        // The C tile is read only after the loop: ask for its cache lines now, so they arrive meanwhile.
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
        for (int p = 0; p < kc; p++, a += GemmPlan.Mr, b += bStep)
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
        AddTo(c, c00, add);
        AddTo(c + w, c01, add);
        AddTo(c + 2 * w, c02, add);
        AddTo(c + 3 * w, c03, add);
        c += ldc;
        AddTo(c, c10, add);
        AddTo(c + w, c11, add);
        AddTo(c + 2 * w, c12, add);
        AddTo(c + 3 * w, c13, add);
        c += ldc;
        AddTo(c, c20, add);
        AddTo(c + w, c21, add);
        AddTo(c + 2 * w, c22, add);
        AddTo(c + 3 * w, c23, add);
        c += ldc;
        AddTo(c, c30, add);
        AddTo(c + w, c31, add);
        AddTo(c + 2 * w, c32, add);
        AddTo(c + 3 * w, c33, add);
        c += ldc;
        AddTo(c, c40, add);
        AddTo(c + w, c41, add);
        AddTo(c + 2 * w, c42, add);
        AddTo(c + 3 * w, c43, add);
        c += ldc;
        AddTo(c, c50, add);
        AddTo(c + w, c51, add);
        AddTo(c + 2 * w, c52, add);
        AddTo(c + 3 * w, c53, add);
    }

    /// <summary>The narrow tile, 6 × 1 vector, for a block's last columns. A is read through strides (row
    /// r, step p at a + r·aRow + p·aStep): a packed panel has aRow = 1 and aStep = 6, an unpacked row-major
    /// A has aRow = its row stride and aStep = 1, which spares packing A for a product only a few columns
    /// wide.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Narrow<T>(T* a, nint aRow, nint aStep, T* b, nint bStep, int kc, T* c, nint ldc,
        bool add) where T : unmanaged
    {
        T* r0 = a, r1 = a + aRow, r2 = a + 2 * aRow, r3 = a + 3 * aRow, r4 = a + 4 * aRow, r5 = a + 5 * aRow;
        Vector512<T> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        for (nint p = 0, at = 0; p < kc; p++, at += aStep, b += bStep)
        {
            var b0 = Vector512.Load(b);
            c0 = MulAdd(Vector512.Create(r0[at]), b0, c0);
            c1 = MulAdd(Vector512.Create(r1[at]), b0, c1);
            c2 = MulAdd(Vector512.Create(r2[at]), b0, c2);
            c3 = MulAdd(Vector512.Create(r3[at]), b0, c3);
            c4 = MulAdd(Vector512.Create(r4[at]), b0, c4);
            c5 = MulAdd(Vector512.Create(r5[at]), b0, c5);
        }
        AddTo(c, c0, add);
        c += ldc;
        AddTo(c, c1, add);
        c += ldc;
        AddTo(c, c2, add);
        c += ldc;
        AddTo(c, c3, add);
        c += ldc;
        AddTo(c, c4, add);
        c += ldc;
        AddTo(c, c5, add);
    }

    /// <summary>x · y + acc, rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> MulAdd<T>(Vector512<T> x, Vector512<T> y, Vector512<T> acc) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            return Avx512F.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), acc.AsSingle()).As<float, T>();
        return Avx512F.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), acc.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo<T>(T* c, Vector512<T> acc, bool add) where T : unmanaged =>
        Vector512.Store(add ? Vector512.Load(c) + acc : acc, c);
}
