using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Functional.Core.Kernels;

/// <summary>AVX2 + FMA micro-kernels: C[6 × w] += A·B for a 6 × kc A micro-panel and a kc × w B micro-panel,
/// float or double.</summary>
/// <remarks>The tile is stored into C on the first Kc pass (<c>add</c> false) and added to it on later ones.
/// Each step p loads one row of the B micro-panel as vectors (rows <c>bStep</c> apart: the panel width
/// when packed, B's row stride when read in place), broadcasts the six A values of column p and issues one fused
/// multiply-add per accumulator. Every accumulator lane is its own chain over p, so a C element gets the same
/// bits whichever tile, block, thread or instruction set computes it. Call only where Fma.IsSupported.
/// </remarks>
internal static unsafe class MicroKernel256
{
    /// <summary>The wide tile, 6 × 2 vectors (6 × 16 floats, 6 × 8 doubles) from a packed A micro-panel: 12
    /// accumulators, 2 B vectors and a broadcast fill 15 of the 16 registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Wide<T>(T* a, T* b, nint bStep, int kc, T* c, nint ldc, bool add) where T : unmanaged
    {
        int w = Vector256<T>.Count;
        Vector256<T> c00 = default, c01 = default;
        Vector256<T> c10 = default, c11 = default;
        Vector256<T> c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default;
        Vector256<T> c40 = default, c41 = default;
        Vector256<T> c50 = default, c51 = default;
        for (int p = 0; p < kc; p++, a += GemmPlan.Mr, b += bStep)
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
        AddTo(c, c00, add);
        AddTo(c + w, c01, add);
        c += ldc;
        AddTo(c, c10, add);
        AddTo(c + w, c11, add);
        c += ldc;
        AddTo(c, c20, add);
        AddTo(c + w, c21, add);
        c += ldc;
        AddTo(c, c30, add);
        AddTo(c + w, c31, add);
        c += ldc;
        AddTo(c, c40, add);
        AddTo(c + w, c41, add);
        c += ldc;
        AddTo(c, c50, add);
        AddTo(c + w, c51, add);
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
        Vector256<T> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default, c5 = default;
        for (nint p = 0, at = 0; p < kc; p++, at += aStep, b += bStep)
        {
            var b0 = Vector256.Load(b);
            c0 = MulAdd(Vector256.Create(r0[at]), b0, c0);
            c1 = MulAdd(Vector256.Create(r1[at]), b0, c1);
            c2 = MulAdd(Vector256.Create(r2[at]), b0, c2);
            c3 = MulAdd(Vector256.Create(r3[at]), b0, c3);
            c4 = MulAdd(Vector256.Create(r4[at]), b0, c4);
            c5 = MulAdd(Vector256.Create(r5[at]), b0, c5);
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
    internal static Vector256<T> MulAdd<T>(Vector256<T> x, Vector256<T> y, Vector256<T> acc) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
            return Fma.MultiplyAdd(x.AsSingle(), y.AsSingle(), acc.AsSingle()).As<float, T>();
        return Fma.MultiplyAdd(x.AsDouble(), y.AsDouble(), acc.AsDouble()).As<double, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTo<T>(T* c, Vector256<T> acc, bool add) where T : unmanaged =>
        Vector256.Store(add ? Vector256.Load(c) + acc : acc, c);
}
