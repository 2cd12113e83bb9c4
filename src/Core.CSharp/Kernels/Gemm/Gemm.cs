using System;
using System.Numerics;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>The fast matrix product C = A·B of float or double (batched) matrices: packed panels, cache blocks and
/// a register-blocked FMA micro-kernel (after Goto &amp; van de Geijn 2008, "Anatomy of high-performance matrix
/// multiplication", and the BLIS loop nest), multi-threaded over blocks of C.</summary>
/// <remarks>Operands are read through their strides, so transposed, sliced and expanded views need no copy.
/// Deterministic: each element of C is one thread's sum over k in a fixed order (fused multiply-add chains per
/// Kc pass, the passes added in order), whatever the thread count, tile or instruction set.</remarks>
internal static class Gemm
{
    /// <summary>Products of at most this many multiply-adds (m·n·k per batch) skip packing and threads: the
    /// direct loop of <see cref="GemmDirect"/> is faster for them (5×2 · 2×1, say).</summary>
    public const long DirectWork = 8 * 8 * 8;

    /// <summary>Products of fewer multiply-adds (all batches) run on the calling thread by default: forking
    /// costs more than it saves.</summary>
    public const long ParallelWork = 1L << 20;

    /// <summary>C[..., m, n] = A[..., m, k] · B[..., k, n] with equal batch axes (checked by the caller), using
    /// <see cref="CpuSettings.Threads"/> threads; the result is contiguous.</summary>
    public static T[] MatMul<T>(RawTensor a, RawTensor b, Shape result) where T : unmanaged, IFloatingPointIeee754<T> =>
        MatMul<T>(a, b, result, GemmPlan.Default<T>(CpuSettings.Threads));

    /// <summary>As <see cref="MatMul{T}(RawTensor, RawTensor, Shape)"/>, run as <paramref name="plan"/> says.</summary>
    public static T[] MatMul<T>(RawTensor a, RawTensor b, Shape result, GemmPlan plan)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rank = a.Shape.Rank;
        int m = a.Shape.Dims[rank - 2], k = a.Shape.Dims[rank - 1], n = b.Shape.Dims[rank - 1];
        int batches = m * n == 0 ? 0 : result.NumElements / (m * n);
        if (batches == 0 || k == 0) return new T[result.NumElements];

        // Every element is written (the first Kc pass stores), so the result skips the runtime's zeroing.
        var c = GC.AllocateUninitializedArray<T>(result.NumElements);
        T[] da = Dense.Data<T>(a), db = Dense.Data<T>(b);
        int aRow = a.Strides[rank - 2], aCol = a.Strides[rank - 1];
        int bRow = b.Strides[rank - 2], bCol = b.Strides[rank - 1];
        var (aOffsets, bOffsets) = BatchOffsets(a, b, batches);
        if (plan.Direct && (long)m * n * k <= DirectWork)
        {
            for (int batch = 0; batch < batches; batch++)
            {
                GemmDirect.Multiply(da, aOffsets[batch], aRow, aCol, db, bOffsets[batch], bRow, bCol,
                    c.AsSpan(batch * m * n, m * n), m, n, k);
            }
            return c;
        }
        new GemmJob<T>(plan, da, aOffsets, aRow, aCol, db, bOffsets, bRow, bCol, c, m, n, k).Run();
        return c;
    }

    /// <summary>Where each batch's matrices start in a's and b's storage, batches in row-major order.</summary>
    private static (int[] A, int[] B) BatchOffsets(RawTensor a, RawTensor b, int batches)
    {
        int rank = a.Shape.Rank;
        if (rank == 2) return (new[] { a.Offset }, new[] { b.Offset });
        var aOffsets = new int[batches];
        var bOffsets = new int[batches];
        var aBatch = new StridedIndex(a.Shape.Dims[..(rank - 2)], a.Strides[..(rank - 2)], a.Offset);
        var bBatch = new StridedIndex(a.Shape.Dims[..(rank - 2)], b.Strides[..(rank - 2)], b.Offset);
        for (int i = 0; i < batches; i++, aBatch.MoveNext(), bBatch.MoveNext())
            (aOffsets[i], bOffsets[i]) = (aBatch.Offset, bBatch.Offset);
        return (aOffsets, bOffsets);
    }
}
