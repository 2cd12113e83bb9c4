using System;
using System.Numerics;

namespace Functional.Core.Kernels;

/// <summary>The direct path for tiny products: no packing, no threads, no padding; one fused multiply-add chain
/// per element of C over p = 0..k−1, as the packed path computes it (the same bits for k ≤ Kc).</summary>
internal static unsafe class GemmDirect
{
    /// <summary>C[m × n] (contiguous) = A · B, A and B read at their offsets through their strides.</summary>
    public static void Multiply<T>(T[] a, int aOffset, nint aRow, nint aCol, T[] b, int bOffset, nint bRow, nint bCol,
        Span<T> c, int m, int n, int k) where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* pa = a, pb = b, pc = c)
        {
            T* ci = pc;
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    T acc = T.Zero;
                    T* ap = pa + aOffset + i * aRow, bp = pb + bOffset + j * bCol;
                    for (int p = 0; p < k; p++, ap += aCol, bp += bRow)
                        acc = T.FusedMultiplyAdd(*ap, *bp, acc);
                    *ci++ = acc;
                }
            }
        }
    }
}
