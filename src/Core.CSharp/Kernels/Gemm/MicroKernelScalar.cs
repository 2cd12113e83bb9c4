using System.Numerics;

namespace Functional.Core.Kernels;

/// <summary>Scalar micro-kernel: C[6 × w] += A·B for a packed 6 × kc A micro-panel and a packed kc × w B
/// micro-panel, with the same fused multiply-add chains as the vector kernels (so the same bits), for hardware
/// without them.</summary>
internal static unsafe class MicroKernelScalar
{
    /// <summary>The widest tile this kernel takes.</summary>
    public const int MaxNr = 4;

    /// <summary>C[6 × w] += A·B for w ≤ <see cref="MaxNr"/>.</summary>
    public static void Tile<T>(T* a, T* b, int kc, int w, T* c, nint ldc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T* acc = stackalloc T[GemmPlan.Mr * MaxNr];
        for (int i = 0; i < GemmPlan.Mr * MaxNr; i++) acc[i] = T.Zero;
        for (int p = 0; p < kc; p++, a += GemmPlan.Mr, b += w)
        {
            for (int r = 0; r < GemmPlan.Mr; r++)
            {
                T x = a[r];
                for (int j = 0; j < w; j++)
                    acc[r * MaxNr + j] = T.FusedMultiplyAdd(x, b[j], acc[r * MaxNr + j]);
            }
        }
        for (int r = 0; r < GemmPlan.Mr; r++, c += ldc)
        {
            for (int j = 0; j < w; j++)
                c[j] += acc[r * MaxNr + j];
        }
    }
}
