using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>Walks a tensor one line at a time along an axis: the lines come in the row-major order of the
/// shape with that axis set to 1, which is also the order of a contiguous reduced result.</summary>
internal readonly struct AxisWalk
{
    /// <summary>Prepares a walk of <paramref name="x"/> along <paramref name="axis"/> (already normalised).</summary>
    public AxisWalk(RawTensor x, int axis)
    {
        var dims = x.Shape.ToArray();
        Length = dims[axis];
        Stride = x.Strides[axis];
        dims[axis] = 1;
        Lines = new Shape(dims);
    }

    /// <summary>The shape with the axis set to 1: one element per line.</summary>
    public Shape Lines { get; }

    /// <summary>Number of elements in each line (the axis size).</summary>
    public int Length { get; }

    /// <summary>Storage stride between neighbours on a line.</summary>
    public int Stride { get; }

    /// <summary>An odometer over the lines' first elements under the given layout.</summary>
    public StridedIndex Starts(int[] strides, int offset) => new(Lines.Dims, strides, offset);
}
