using System;
using System.Runtime.CompilerServices;
using Functional.Core.Tensors;

namespace Functional.Gpu.Kernels;

/// <summary>How a kernel finds element i (row-major) of a tensor view in its storage: up to eight dimensions and
/// strides, passed by value so a launch needs no extra copy to the device. Axes are right-aligned (the last axis is
/// slot 7); <see cref="Of(RawTensor)"/> merges axes that are contiguous with each other and drops size-1 axes first, so
/// a contiguous tensor of any shape is rank 1 and costs one multiply-add per element.</summary>
internal struct StridedView
{
    /// <summary>The largest rank a view may have after merging.</summary>
    public const int MaxRank = 8;

    /// <summary>Number of axes in use (0 for a single element).</summary>
    public int Rank;

    /// <summary>Storage index of element [0, …, 0].</summary>
    public int Offset;

    /// <summary>Dimensions, slot 7 the last axis; unused slots hold 1.</summary>
    public int D0, D1, D2, D3, D4, D5, D6, D7;

    /// <summary>Strides in elements, matching the dimensions; unused slots hold 0.</summary>
    public int S0, S1, S2, S3, S4, S5, S6, S7;

    /// <summary>The storage index of element <paramref name="i"/> in row-major order: the mixed-radix digits of i
    /// over the dimensions, each times its stride.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int At(int i)
    {
        if (Rank <= 1) return Offset + i * S7;
        int off = Offset, q;
        q = i / D7; off += (i - q * D7) * S7; i = q;
        if (Rank == 2) return off + i * S6;
        q = i / D6; off += (i - q * D6) * S6; i = q;
        if (Rank == 3) return off + i * S5;
        q = i / D5; off += (i - q * D5) * S5; i = q;
        if (Rank == 4) return off + i * S4;
        q = i / D4; off += (i - q * D4) * S4; i = q;
        if (Rank == 5) return off + i * S3;
        q = i / D3; off += (i - q * D3) * S3; i = q;
        if (Rank == 6) return off + i * S2;
        q = i / D2; off += (i - q * D2) * S2; i = q;
        if (Rank == 7) return off + i * S1;
        q = i / D1; off += (i - q * D1) * S1; i = q;
        return off + i * S0;
    }

    /// <summary>The view of <paramref name="x"/> itself.</summary>
    /// <exception cref="NotSupportedException">More than <see cref="MaxRank"/> axes remain after merging.</exception>
    public static StridedView Of(RawTensor x) => Of(x.Shape.Dims, x.Strides, x.Offset);

    /// <summary>The view of <paramref name="x"/> broadcast to <paramref name="shape"/> (stride 0 on broadcast
    /// axes).</summary>
    /// <exception cref="NotSupportedException">More than <see cref="MaxRank"/> axes remain after merging.</exception>
    public static StridedView Broadcast(RawTensor x, Shape shape) =>
        Of(shape.Dims, BroadcastStrides(x.Shape.Dims, x.Strides, shape.Dims), x.Offset);

    /// <summary>The contiguous row-major view of <paramref name="dims"/> starting at <paramref name="offset"/>.</summary>
    public static StridedView Contiguous(ReadOnlySpan<int> dims, int offset) =>
        Of(dims, ContiguousStrides(dims), offset);

    /// <summary>Strides of <paramref name="from"/> (with strides <paramref name="strides"/>) broadcast to
    /// <paramref name="to"/>: 0 on new leading axes and on stretched size-1 axes.</summary>
    public static int[] BroadcastStrides(ReadOnlySpan<int> from, int[] strides, ReadOnlySpan<int> to)
    {
        var result = new int[to.Length];
        int lead = to.Length - from.Length;
        for (int i = 0; i < from.Length; i++)
            result[lead + i] = from[i] == 1 && to[lead + i] != 1 ? 0 : strides[i];
        return result;
    }

    /// <summary>Row-major strides of <paramref name="dims"/>.</summary>
    public static int[] ContiguousStrides(ReadOnlySpan<int> dims)
    {
        var strides = new int[dims.Length];
        int s = 1;
        for (int i = dims.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Math.Max(dims[i], 1);
        }
        return strides;
    }

    /// <summary>A view over <paramref name="dims"/> with <paramref name="strides"/>, axes merged by
    /// <see cref="Merge"/>.</summary>
    /// <exception cref="NotSupportedException">More than <see cref="MaxRank"/> axes remain after merging (the message
    /// names the op and device running, from <see cref="GpuBackend.CurrentOp"/>).</exception>
    public static StridedView Of(ReadOnlySpan<int> dims, ReadOnlySpan<int> strides, int offset)
    {
        var (d, s) = Merge(dims, strides);
        if (d.Length > MaxRank)
            throw new NotSupportedException(
                $"{GpuBackend.CurrentOp}: expected views of at most {MaxRank} axes after merging contiguous ones, " +
                $"received dimensions [{string.Join(", ", dims.ToArray())}] with strides " +
                $"[{string.Join(", ", strides.ToArray())}]; make the tensor contiguous first (Contiguous works at any rank)");
        var v = new StridedView { Rank = d.Length, Offset = offset };
        v.D0 = v.D1 = v.D2 = v.D3 = v.D4 = v.D5 = v.D6 = v.D7 = 1;
        for (int k = 0; k < d.Length; k++) v.Set(MaxRank - d.Length + k, d[k], s[k]);
        return v;
    }

    /// <summary>The same walk over memory with fewer axes: size-1 axes dropped, then each axis merged into the next when
    /// stride[k] = stride[k+1]·dim[k+1] (they walk memory as one axis).</summary>
    public static (int[] Dims, int[] Strides) Merge(ReadOnlySpan<int> dims, ReadOnlySpan<int> strides)
    {
        var d = new int[dims.Length];
        var s = new int[dims.Length];
        int rank = 0;
        for (int k = 0; k < dims.Length; k++)
        {
            if (dims[k] == 1) continue;
            if (rank > 0 && s[rank - 1] == strides[k] * dims[k])
            {
                d[rank - 1] *= dims[k];
                s[rank - 1] = strides[k];
                continue;
            }
            d[rank] = dims[k];
            s[rank] = strides[k];
            rank++;
        }
        return (d[..rank], s[..rank]);
    }

    private void Set(int slot, int dim, int stride)
    {
        switch (slot)
        {
            case 0: D0 = dim; S0 = stride; break;
            case 1: D1 = dim; S1 = stride; break;
            case 2: D2 = dim; S2 = stride; break;
            case 3: D3 = dim; S3 = stride; break;
            case 4: D4 = dim; S4 = stride; break;
            case 5: D5 = dim; S5 = stride; break;
            case 6: D6 = dim; S6 = stride; break;
            default: D7 = dim; S7 = stride; break;
        }
    }
}
