using System.Numerics;

namespace Functional.Core.Kernels;

/// <summary>Scalar micro-kernel: C[6 × w] += A·B for a 6 × kc A micro-panel and a kc × w B micro-panel, read
/// through the same strides as the vector kernels' and with the same fused multiply-add chains (so the same
/// bits), for hardware without them.</summary>
internal static unsafe class MicroKernelScalar
{
    /// <summary>The widest tile this kernel takes.</summary>
    public const int MaxNr = 4;

    /// <summary>C[6 × w] = A·B (or += when <paramref name="add"/>) for w ≤ <see cref="MaxNr"/>; A's row r,
    /// step p is at a + r·aRow + p·aStep and B's rows are bStep apart.</summary>
    public static void Tile<T>(T* a, nint aRow, nint aStep, T* b, nint bStep, int kc, int w, T* c, nint ldc,
        bool add) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T* acc = stackalloc T[GemmPlan.Mr * MaxNr];
        for (int i = 0; i < GemmPlan.Mr * MaxNr; i++) acc[i] = T.Zero;
        for (int p = 0; p < kc; p++, a += aStep, b += bStep)
        {
            for (int r = 0; r < GemmPlan.Mr; r++)
            {
                T x = a[r * aRow];
                for (int j = 0; j < w; j++)
                    acc[r * MaxNr + j] = T.FusedMultiplyAdd(x, b[j], acc[r * MaxNr + j]);
            }
        }
        for (int r = 0; r < GemmPlan.Mr; r++, c += ldc)
        {
            for (int j = 0; j < w; j++)
                c[j] = add ? c[j] + acc[r * MaxNr + j] : acc[r * MaxNr + j];
        }
    }
}
