using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Functional.Core.Kernels;

/// <summary>Copies blocks of A and B into the order the micro-kernels read them, zero-padding edge tiles. Both
/// read their source through row and column strides, so a transposed or sliced view packs without a copy.</summary>
internal static unsafe class Pack
{
    /// <summary>Packs A[mc × kc] into micro-panels of <see cref="GemmPlan.Mr"/> rows: panel s holds, for
    /// p = 0..kc−1, the values A[s·Mr + r, p] for r = 0..Mr−1 (zero past row mc).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void A<T>(T* a, nint aRow, nint aCol, int mc, int kc, T* dst) where T : unmanaged
    {
        const int mr = GemmPlan.Mr;
        for (int s = 0; s < mc; s += mr, dst += mr * kc)
        {
            int rows = Math.Min(mr, mc - s);
            T* src = a + s * aRow;
            if (rows == mr && aCol == 1)
            {
                // Row-major A: six rows read side by side.
                T* r0 = src, r1 = src + aRow, r2 = src + 2 * aRow, r3 = src + 3 * aRow, r4 = src + 4 * aRow,
                    r5 = src + 5 * aRow;
                T* d = dst;
                for (int p = 0; p < kc; p++, d += mr)
                {
                    d[0] = r0[p];
                    d[1] = r1[p];
                    d[2] = r2[p];
                    d[3] = r3[p];
                    d[4] = r4[p];
                    d[5] = r5[p];
                }
            }
            else if (rows == mr && aRow == 1)
            {
                // Column-major A (a transposed view): each column's six values are adjacent.
                T* d = dst;
                for (int p = 0; p < kc; p++, d += mr, src += aCol)
                {
                    d[0] = src[0];
                    d[1] = src[1];
                    d[2] = src[2];
                    d[3] = src[3];
                    d[4] = src[4];
                    d[5] = src[5];
                }
            }
            else
            {
                for (int r = 0; r < mr; r++)
                {
                    T* d = dst + r;
                    T* q = src + r * aRow;
                    for (int p = 0; p < kc; p++)
                        d[p * mr] = r < rows ? q[p * aCol] : default;
                }
            }
        }
    }

    /// <summary>Packs B[kc × nc] into micro-panels of <paramref name="wide"/> columns, and the last
    /// nc mod wide columns into panels of <paramref name="narrow"/> columns: a panel of width w holds, for
    /// p = 0..kc−1, the values B[p, j..j+w) (zero past column nc).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void B<T>(T* b, nint bRow, nint bCol, int kc, int nc, int wide, int narrow, T* dst)
        where T : unmanaged
    {
        for (int j = 0; j < nc;)
        {
            int w = nc - j >= wide ? wide : narrow;
            int cols = Math.Min(w, nc - j);
            T* src = b + j * bCol;
            if (bCol == 1)
            {
                // Row-major B: each panel row is a contiguous run.
                for (int p = 0; p < kc; p++)
                    CopyRow(src + p * bRow, dst + p * w, cols, w);
            }
            else
            {
                // Transposed or strided B: walk down each column, which is contiguous when bRow = 1.
                for (int jj = 0; jj < w; jj++)
                {
                    T* s = src + jj * bCol;
                    T* d = dst + jj;
                    for (int p = 0; p < kc; p++)
                        d[p * w] = jj < cols ? s[p * bRow] : default;
                }
            }
            dst += kc * w;
            j += w;
        }
    }

    /// <summary>Copies <paramref name="cols"/> elements and zeroes the rest up to <paramref name="w"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRow<T>(T* s, T* d, int cols, int w) where T : unmanaged
    {
        int q = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; q <= cols - Vector256<T>.Count; q += Vector256<T>.Count)
                Vector256.Store(Vector256.Load(s + q), d + q);
        }
        for (; q < cols; q++) d[q] = s[q];
        for (; q < w; q++) d[q] = default;
    }
}
