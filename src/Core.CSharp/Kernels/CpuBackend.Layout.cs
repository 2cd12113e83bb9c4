using System;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

// CpuBackend: views, slice scatter, gather, scatter-add and concat (argument checks, then dispatch on the dtype).
public sealed partial class CpuBackend
{
    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException">x's shape does not broadcast to <paramref name="shape"/>.</exception>
    public RawTensor Expand(RawTensor x, Shape shape)
    {
        Checks.Cpu("expand", x, nameof(x));
        ArgumentNullException.ThrowIfNull(shape);
        return Layout.Expand(x, ShapeRules.Expand("expand", x.Shape, shape));
    }

    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException"><paramref name="perm"/> is not a permutation of x's axes.</exception>
    public RawTensor Permute(RawTensor x, int[] perm)
    {
        Checks.Cpu("permute", x, nameof(x));
        ArgumentNullException.ThrowIfNull(perm);
        return Layout.Permute(x, ShapeRules.Permute("permute", x.Shape, perm), perm);
    }

    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException">The element counts differ.</exception>
    public RawTensor Reshape(RawTensor x, Shape shape)
    {
        Checks.Cpu("reshape", x, nameof(x));
        ArgumentNullException.ThrowIfNull(shape);
        var result = ShapeRules.Reshape("reshape", x.Shape, shape.ToArray());
        return Layout.Reshape(Contiguous(x), result);
    }

    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException">A range is missing, out of bounds, or has step &lt; 1.</exception>
    public RawTensor Slice(RawTensor x, int[] starts, int[] stops, int[] steps)
    {
        Checks.Cpu("slice", x, nameof(x));
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentNullException.ThrowIfNull(steps);
        var shape = ShapeRules.Slice("slice", x.Shape, starts, stops, steps);
        return Layout.Slice(x, shape, starts, steps);
    }

    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException">A range is invalid for <paramref name="shape"/>, or src's shape
    /// differs from the slice's.</exception>
    public RawTensor SliceScatter(Shape shape, RawTensor src, int[] starts, int[] stops, int[] steps)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Checks.Cpu("sliceScatter", src, nameof(src));
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentNullException.ThrowIfNull(steps);
        var slice = ShapeRules.Slice("sliceScatter", shape, starts, stops, steps);
        if (src.Shape != slice)
            ShapeRules.Fail("sliceScatter", $"src of the slice's shape {slice}", $"{src.Shape}");
        return src.DType switch
        {
            DType.Float32 => Dense.Wrap(Layout.SliceScatter<float>(shape, src, starts, steps), shape),
            DType.Float64 => Dense.Wrap(Layout.SliceScatter<double>(shape, src, starts, steps), shape),
            DType.Int32 => Dense.Wrap(Layout.SliceScatter<int>(shape, src, starts, steps), shape),
            _ => Dense.Wrap(Layout.SliceScatter<long>(shape, src, starts, steps), shape),
        };
    }

    /// <inheritdoc />
    /// <exception cref="DTypeMismatchException">index is not int32 or int64.</exception>
    /// <exception cref="ShapeMismatchException">index's rank, or a dimension other than axis, differs from x's.</exception>
    /// <exception cref="ArgumentException">An index lies outside [0, x.Shape[axis]).</exception>
    public RawTensor Gather(RawTensor x, int axis, RawTensor index)
    {
        Checks.Cpu("gather", x, nameof(x));
        Checks.Cpu("gather", index, nameof(index));
        Checks.Index("gather", index);
        int a = Checks.IndexShape("gather", x.Shape, axis, index.Shape, "x");
        return x.DType switch
        {
            DType.Float32 => Dense.Wrap(Indexing.Gather<float>(x, a, index), index.Shape),
            DType.Float64 => Dense.Wrap(Indexing.Gather<double>(x, a, index), index.Shape),
            DType.Int32 => Dense.Wrap(Indexing.Gather<int>(x, a, index), index.Shape),
            _ => Dense.Wrap(Indexing.Gather<long>(x, a, index), index.Shape),
        };
    }

    /// <inheritdoc />
    /// <exception cref="DTypeMismatchException">index is not int32 or int64, or src is not float.</exception>
    /// <exception cref="ShapeMismatchException">index and src differ in shape, or index's rank or dimensions (other
    /// than on axis) differ from <paramref name="shape"/>'s.</exception>
    /// <exception cref="ArgumentException">An index lies outside [0, shape[axis]).</exception>
    public RawTensor ScatterAdd(Shape shape, int axis, RawTensor index, RawTensor src)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Checks.Cpu("scatterAdd", index, nameof(index));
        Checks.Cpu("scatterAdd", src, nameof(src));
        Checks.Index("scatterAdd", index);
        Checks.Float("scatterAdd", src);
        if (index.Shape != src.Shape)
            ShapeRules.Fail("scatterAdd", "index and src of equal shapes", $"index {index.Shape}, src {src.Shape}");
        int a = Checks.IndexShape("scatterAdd", shape, axis, index.Shape, "shape");
        return src.DType == DType.Float32
            ? Dense.Wrap(Indexing.ScatterAdd<float>(shape, a, index, src), shape)
            : Dense.Wrap(Indexing.ScatterAdd<double>(shape, a, index, src), shape);
    }

    /// <inheritdoc />
    /// <exception cref="DTypeMismatchException">The dtypes differ.</exception>
    /// <exception cref="ShapeMismatchException">The shapes fail <see cref="ShapeRules.Concat"/>.</exception>
    public RawTensor Concat(RawTensor[] xs, int axis)
    {
        ArgumentNullException.ThrowIfNull(xs);
        for (int i = 0; i < xs.Length; i++) Checks.Cpu("concat", xs[i], $"{nameof(xs)}[{i}]");
        var shape = ShapeRules.Concat("concat", Array.ConvertAll(xs, x => x.Shape), axis);
        Checks.AllSameDType("concat", xs);
        int a = ShapeRules.NormalizeAxis("concat", axis, shape.Rank);
        return xs[0].DType switch
        {
            DType.Float32 => Dense.Wrap(Indexing.Concat<float>(xs, a, shape), shape),
            DType.Float64 => Dense.Wrap(Indexing.Concat<double>(xs, a, shape), shape),
            DType.Int32 => Dense.Wrap(Indexing.Concat<int>(xs, a, shape), shape),
            _ => Dense.Wrap(Indexing.Concat<long>(xs, a, shape), shape),
        };
    }
}
