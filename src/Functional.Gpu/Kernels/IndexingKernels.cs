using ILGPU;
using ILGPU.Runtime;

namespace Functional.Gpu.Kernels;

/// <summary>Gather and scatter-add along an axis (torch.gather / torch.scatter_add semantics). Scatter-add is written
/// from the output's side, each output element summing its sources in ascending order, so it needs no atomics and
/// gives the CPU backend's bits.</summary>
internal static class IndexingKernels
{
    /// <summary>dst[i] = x[start(i) + index[iv(i)]·axisStride], i over the index's shape; <paramref name="start"/> is x's
    /// view over the index's shape with stride 0 on the axis. An index outside [0, size) records the smallest such i in
    /// <paramref name="firstBad"/>[0] (and writes 0).</summary>
    public static void Gather<T, TI, TIOps>(
        Index1D i, ArrayView<T> x, StridedView start, int axisStride, int size, ArrayView<TI> index, StridedView iv,
        ArrayView<T> dst, ArrayView<int> firstBad)
        where T : unmanaged where TI : unmanaged where TIOps : struct, INumeric<TI>
    {
        TIOps io = default;
        long at = io.ToLong(index[iv.At(i)]);
        if (at < 0 || at >= size)
        {
            Atomic.Min(ref firstBad[0], i);
            dst[i] = default;
            return;
        }
        dst[i] = x[start.At(i) + (int)at * axisStride];
    }

    /// <summary>Records in <paramref name="firstBad"/>[0] the smallest i whose index lies outside [0, size).</summary>
    public static void CheckIndices<TI, TIOps>(
        Index1D i, ArrayView<TI> index, StridedView iv, int size, ArrayView<int> firstBad)
        where TI : unmanaged where TIOps : struct, INumeric<TI>
    {
        TIOps io = default;
        long at = io.ToLong(index[iv.At(i)]);
        if (at < 0 || at >= size) Atomic.Min(ref firstBad[0], i);
    }

    /// <summary>dst[o] = Σ src[j] over the index positions j on o's line (same outer and inner coordinates) whose index
    /// equals o's coordinate on the axis, j ascending. dst is contiguous [outer, size, inner]; index and src have the
    /// index's shape [outer, length, inner], read through <paramref name="iv"/> and <paramref name="sv"/>.</summary>
    public static void ScatterAdd<T, TOps, TI, TIOps>(
        Index1D o, ArrayView<TI> index, StridedView iv, ArrayView<T> src, StridedView sv, ArrayView<T> dst, int size,
        int length, int inner)
        where T : unmanaged where TOps : struct, INumeric<T> where TI : unmanaged where TIOps : struct, INumeric<TI>
    {
        TOps ops = default;
        TIOps io = default;
        int within = o % inner, rest = o / inner;
        int p = rest % size, outer = rest / size;
        T acc = ops.Zero;
        for (int k = 0; k < length; k++)
        {
            int j = (outer * length + k) * inner + within;
            if (io.ToLong(index[iv.At(j)]) == p) acc = ops.Add(acc, src[sv.At(j)]);
        }
        dst[o] = acc;
    }
}
