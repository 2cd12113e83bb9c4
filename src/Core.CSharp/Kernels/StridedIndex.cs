using System;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>An odometer over a shape: visits its elements in row-major order and tracks the storage offset of
/// the current one under given strides. Every kernel reads its (strided, broadcast) inputs through it.</summary>
/// <remarks>A mutable struct: keep it in a local and call <see cref="MoveNext"/> on that local. After the last
/// element it wraps around to the first, so a loop may advance unconditionally.</remarks>
internal struct StridedIndex
{
    private readonly int[] _dims;
    private readonly int[] _strides;
    private readonly int[] _counter;

    /// <summary>Starts at element [0, 0, ...], whose storage offset is <paramref name="offset"/>.</summary>
    public StridedIndex(ReadOnlySpan<int> dims, int[] strides, int offset)
    {
        _dims = dims.ToArray();
        _strides = strides;
        _counter = new int[_dims.Length];
        Offset = offset;
    }

    /// <summary>Storage offset of the current element.</summary>
    public int Offset { get; private set; }

    /// <summary>Steps to the next element in row-major order: the last axis turns fastest.</summary>
    public void MoveNext()
    {
        for (int axis = _dims.Length - 1; axis >= 0; axis--)
        {
            if (++_counter[axis] < _dims[axis])
            {
                Offset += _strides[axis];
                return;
            }
            Offset -= _strides[axis] * (_counter[axis] - 1);
            _counter[axis] = 0;
        }
    }

    /// <summary>Visits <paramref name="x"/>'s own elements in row-major order.</summary>
    public static StridedIndex Of(RawTensor x) => new(x.Shape.Dims, x.Strides, x.Offset);

    /// <summary>Visits <paramref name="x"/> broadcast to <paramref name="to"/> (which it must broadcast to).</summary>
    public static StridedIndex Broadcast(RawTensor x, Shape to) =>
        new(to.Dims, BroadcastStrides(x.Shape, x.Strides, to), x.Offset);

    /// <summary>Strides that read a tensor of shape <paramref name="from"/> as if broadcast to
    /// <paramref name="to"/>: 0 on new leading axes and on size-1 axes that get stretched.</summary>
    public static int[] BroadcastStrides(Shape from, int[] strides, Shape to)
    {
        int extra = to.Rank - from.Rank;
        var result = new int[to.Rank];
        for (int i = extra; i < to.Rank; i++)
        {
            int d = from.Dims[i - extra];
            result[i] = d == 1 && to.Dims[i] != 1 ? 0 : strides[i - extra];
        }
        return result;
    }
}
