using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
            else if (bRow == 1 && Avx.IsSupported)
            {
                // Transposed B (a column-major view): columns are contiguous, so transpose 8 × 8 float (4 × 4
                // double) blocks in registers, and only the ragged edges go element by element.
                int group = Vector256<T>.Count, fullCols = cols / group * group, fullRows = kc / group * group;
                for (int j0 = 0; j0 < fullCols; j0 += group)
                {
                    for (int p0 = 0; p0 < fullRows; p0 += group)
                        TransposeBlock(src + j0 * bCol + p0, bCol, dst + (nint)p0 * w + j0, w);
                }
                Strided(src, bRow, bCol, kc, fullRows, 0, fullCols, w, dst);
                Strided(src, bRow, bCol, kc, 0, fullCols, cols, w, dst);
                ZeroColumns(dst, kc, cols, w);
            }
            else
            {
                Strided(src, bRow, bCol, kc, 0, 0, cols, w, dst);
                ZeroColumns(dst, kc, cols, w);
            }
            dst += kc * w;
            j += w;
        }
    }

    /// <summary>Copies rows [p0, kc) of columns [j0, j1) element by element, walking down each column (contiguous
    /// when bRow = 1).</summary>
    private static void Strided<T>(T* src, nint bRow, nint bCol, int kc, int p0, int j0, int j1, int w, T* dst)
        where T : unmanaged
    {
        for (int jj = j0; jj < j1; jj++)
        {
            T* s = src + jj * bCol;
            for (int p = p0; p < kc; p++)
                dst[(nint)p * w + jj] = s[p * bRow];
        }
    }

    /// <summary>Zeroes columns [cols, w) of a packed panel: the padding of its last tile.</summary>
    private static void ZeroColumns<T>(T* dst, int kc, int cols, int w) where T : unmanaged
    {
        if (cols == w) return;
        for (int p = 0; p < kc; p++)
            new Span<T>(dst + (nint)p * w + cols, w - cols).Clear();
    }

    /// <summary>Writes the transpose of the g × g block whose column j starts at src + j·ld (g = one 256-bit vector
    /// of T) to the rows of dst, w apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeBlock<T>(T* src, nint ld, T* dst, int w) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            float* s = (float*)src, d = (float*)dst;
            var t0 = Avx.UnpackLow(Avx.LoadVector256(s), Avx.LoadVector256(s + ld));
            var t1 = Avx.UnpackHigh(Avx.LoadVector256(s), Avx.LoadVector256(s + ld));
            var t2 = Avx.UnpackLow(Avx.LoadVector256(s + 2 * ld), Avx.LoadVector256(s + 3 * ld));
            var t3 = Avx.UnpackHigh(Avx.LoadVector256(s + 2 * ld), Avx.LoadVector256(s + 3 * ld));
            var t4 = Avx.UnpackLow(Avx.LoadVector256(s + 4 * ld), Avx.LoadVector256(s + 5 * ld));
            var t5 = Avx.UnpackHigh(Avx.LoadVector256(s + 4 * ld), Avx.LoadVector256(s + 5 * ld));
            var t6 = Avx.UnpackLow(Avx.LoadVector256(s + 6 * ld), Avx.LoadVector256(s + 7 * ld));
            var t7 = Avx.UnpackHigh(Avx.LoadVector256(s + 6 * ld), Avx.LoadVector256(s + 7 * ld));
            var u0 = Avx.Shuffle(t0, t2, 0x44);
            var u1 = Avx.Shuffle(t0, t2, 0xEE);
            var u2 = Avx.Shuffle(t1, t3, 0x44);
            var u3 = Avx.Shuffle(t1, t3, 0xEE);
            var u4 = Avx.Shuffle(t4, t6, 0x44);
            var u5 = Avx.Shuffle(t4, t6, 0xEE);
            var u6 = Avx.Shuffle(t5, t7, 0x44);
            var u7 = Avx.Shuffle(t5, t7, 0xEE);
            Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
            Avx.Store(d + w, Avx.Permute2x128(u1, u5, 0x20));
            Avx.Store(d + 2 * w, Avx.Permute2x128(u2, u6, 0x20));
            Avx.Store(d + 3 * w, Avx.Permute2x128(u3, u7, 0x20));
            Avx.Store(d + 4 * w, Avx.Permute2x128(u0, u4, 0x31));
            Avx.Store(d + 5 * w, Avx.Permute2x128(u1, u5, 0x31));
            Avx.Store(d + 6 * w, Avx.Permute2x128(u2, u6, 0x31));
            Avx.Store(d + 7 * w, Avx.Permute2x128(u3, u7, 0x31));
        }
        else
        {
            double* s = (double*)src, d = (double*)dst;
            var t0 = Avx.UnpackLow(Avx.LoadVector256(s), Avx.LoadVector256(s + ld));
            var t1 = Avx.UnpackHigh(Avx.LoadVector256(s), Avx.LoadVector256(s + ld));
            var t2 = Avx.UnpackLow(Avx.LoadVector256(s + 2 * ld), Avx.LoadVector256(s + 3 * ld));
            var t3 = Avx.UnpackHigh(Avx.LoadVector256(s + 2 * ld), Avx.LoadVector256(s + 3 * ld));
            Avx.Store(d, Avx.Permute2x128(t0, t2, 0x20));
            Avx.Store(d + w, Avx.Permute2x128(t1, t3, 0x20));
            Avx.Store(d + 2 * w, Avx.Permute2x128(t0, t2, 0x31));
            Avx.Store(d + 3 * w, Avx.Permute2x128(t1, t3, 0x31));
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
