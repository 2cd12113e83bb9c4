using System;
using System.Linq;
using Functional.Core.Kernels;
using Functional.Core.Tensors;
using Functional.Gpu.Kernels;

namespace Functional.Gpu;

// GpuBackend: views (no kernel), slice scatter, gather, scatter-add and concat.
public sealed partial class GpuBackend
{
    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException">x's shape does not broadcast to <paramref name="shape"/>.</exception>
    public RawTensor Expand(RawTensor x, Shape shape)
    {
        GpuChecks.On(this, "expand", x, nameof(x));
        ArgumentNullException.ThrowIfNull(shape);
        var to = ShapeRules.Expand("expand", x.Shape, shape);
        return new RawTensor(x.Storage, to, StridedView.BroadcastStrides(x.Shape.Dims, x.Strides, to.Dims), x.Offset);
    }

    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException"><paramref name="perm"/> is not a permutation of x's axes.</exception>
    public RawTensor Permute(RawTensor x, int[] perm)
    {
        GpuChecks.On(this, "permute", x, nameof(x));
        ArgumentNullException.ThrowIfNull(perm);
        var shape = ShapeRules.Permute("permute", x.Shape, perm);
        return new RawTensor(x.Storage, shape, perm.Select(p => x.Strides[p]).ToArray(), x.Offset);
    }

    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException">The element counts differ.</exception>
    public RawTensor Reshape(RawTensor x, Shape shape)
    {
        GpuChecks.On(this, "reshape", x, nameof(x));
        ArgumentNullException.ThrowIfNull(shape);
        var result = ShapeRules.Reshape("reshape", x.Shape, shape.ToArray());
        var c = Contiguous(x);
        return new RawTensor(c.Storage, result, result.ContiguousStrides(), c.Offset);
    }

    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException">A range is missing, out of bounds, or has step &lt; 1.</exception>
    public RawTensor Slice(RawTensor x, int[] starts, int[] stops, int[] steps)
    {
        GpuChecks.On(this, "slice", x, nameof(x));
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentNullException.ThrowIfNull(steps);
        var shape = ShapeRules.Slice("slice", x.Shape, starts, stops, steps);
        int offset = x.Offset;
        var strides = new int[x.Shape.Rank];
        for (int i = 0; i < strides.Length; i++)
        {
            offset += starts[i] * x.Strides[i];
            strides[i] = x.Strides[i] * steps[i];
        }
        // An empty slice may start one past the end; its offset is never read, so keep the original.
        return new RawTensor(x.Storage, shape, strides, shape.NumElements == 0 ? x.Offset : offset);
    }

    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException">A range is invalid for <paramref name="shape"/>, or src's shape
    /// differs from the slice's.</exception>
    public RawTensor SliceScatter(Shape shape, RawTensor src, int[] starts, int[] stops, int[] steps)
    {
        ArgumentNullException.ThrowIfNull(shape);
        GpuChecks.On(this, "sliceScatter", src, nameof(src));
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentNullException.ThrowIfNull(steps);
        var slice = ShapeRules.Slice("sliceScatter", shape, starts, stops, steps);
        if (src.Shape != slice)
            ShapeRules.Fail("sliceScatter", $"src of the slice's shape {slice}", $"{src.Shape}");
        lock (_gate)
        {
            using var scope = Enter("sliceScatter");
            var result = Full(shape, src.DType, 0.0);
            var contiguous = shape.ContiguousStrides();
            int offset = 0;
            var strides = new int[shape.Rank];
            for (int i = 0; i < shape.Rank; i++)
            {
                offset += starts[i] * contiguous[i];
                strides[i] = contiguous[i] * steps[i];
            }
            var to = StridedView.Of(src.Shape.Dims, strides, offset);
            CopyInto(src, result, to);
            return result;
        }
    }

    /// <summary>Copies every element of <paramref name="src"/> (row-major) to <paramref name="dst"/> at
    /// <paramref name="to"/>.</summary>
    private void CopyInto(RawTensor src, RawTensor dst, StridedView to)
    {
        switch (src.DType)
        {
            case DType.Float32:
                Launch(src.NumElements, ElementwiseKernels.Copy<float>, Data<float>(src), StridedView.Of(src),
                    Data<float>(dst), to);
                break;
            case DType.Float64:
                Launch(src.NumElements, ElementwiseKernels.Copy<double>, Data<double>(src), StridedView.Of(src),
                    Data<double>(dst), to);
                break;
            case DType.Int32:
                Launch(src.NumElements, ElementwiseKernels.Copy<int>, Data<int>(src), StridedView.Of(src),
                    Data<int>(dst), to);
                break;
            default:
                Launch(src.NumElements, ElementwiseKernels.Copy<long>, Data<long>(src), StridedView.Of(src),
                    Data<long>(dst), to);
                break;
        }
    }

    /// <inheritdoc />
    /// <remarks>Reads one flag back from the device to report an index out of range as the CPU backend does.</remarks>
    /// <exception cref="DTypeMismatchException">index is not int32 or int64.</exception>
    /// <exception cref="ShapeMismatchException">index's rank, or a dimension other than axis, differs from x's.</exception>
    /// <exception cref="ArgumentException">An index lies outside [0, x.Shape[axis]).</exception>
    public RawTensor Gather(RawTensor x, int axis, RawTensor index)
    {
        lock (_gate)
        {
            using var scope = Enter("gather");
            GpuChecks.On(this, "gather", x, nameof(x));
            GpuChecks.On(this, "gather", index, nameof(index));
            Checks.Index("gather", index);
            int a = Checks.IndexShape("gather", x.Shape, axis, index.Shape, "x");
            return (x.DType, index.DType) switch
            {
                (DType.Float32, DType.Int32) => GatherOf<float, int, Int32Ops>(x, a, index),
                (DType.Float32, _) => GatherOf<float, long, Int64Ops>(x, a, index),
                (DType.Float64, DType.Int32) => GatherOf<double, int, Int32Ops>(x, a, index),
                (DType.Float64, _) => GatherOf<double, long, Int64Ops>(x, a, index),
                (DType.Int32, DType.Int32) => GatherOf<int, int, Int32Ops>(x, a, index),
                (DType.Int32, _) => GatherOf<int, long, Int64Ops>(x, a, index),
                (_, DType.Int32) => GatherOf<long, int, Int32Ops>(x, a, index),
                _ => GatherOf<long, long, Int64Ops>(x, a, index),
            };
        }
    }

    private RawTensor GatherOf<T, TI, TIOps>(RawTensor x, int axis, RawTensor index)
        where T : unmanaged where TI : unmanaged where TIOps : struct, INumeric<TI>
    {
        var result = New<T>(index.Shape);
        if (index.NumElements == 0) return result;
        var strides = (int[])x.Strides.Clone();
        strides[axis] = 0; // the index supplies the position along the axis
        var start = StridedView.Of(index.Shape.Dims, strides, x.Offset);
        int size = x.Shape.Dims[axis];
        int bad = FirstBad(flag => Launch(index.NumElements, IndexingKernels.Gather<T, TI, TIOps>, Data<T>(x), start,
            x.Strides[axis], size, Data<TI>(index), StridedView.Of(index), Data<T>(result), flag));
        if (bad >= 0)
            Checks.ThrowIndexOutOfRange("gather", size, default(TIOps).ToLong(ElementAt<TI>(index, bad)), bad);
        return result;
    }

    /// <inheritdoc />
    /// <remarks>Each output element sums its sources in ascending order (no atomics), so the result equals the CPU
    /// backend's bit for bit. The indices are checked first by a kernel whose flag is read back.</remarks>
    /// <exception cref="DTypeMismatchException">index is not int32 or int64, or src is not float.</exception>
    /// <exception cref="ShapeMismatchException">index and src differ in shape, or index's rank or dimensions (other
    /// than on axis) differ from <paramref name="shape"/>'s.</exception>
    /// <exception cref="ArgumentException">An index lies outside [0, shape[axis]).</exception>
    public RawTensor ScatterAdd(Shape shape, int axis, RawTensor index, RawTensor src)
    {
        ArgumentNullException.ThrowIfNull(shape);
        lock (_gate)
        {
            using var scope = Enter("scatterAdd");
            GpuChecks.On(this, "scatterAdd", index, nameof(index));
            GpuChecks.On(this, "scatterAdd", src, nameof(src));
            Checks.Index("scatterAdd", index);
            Checks.Float("scatterAdd", src);
            if (index.Shape != src.Shape)
                ShapeRules.Fail("scatterAdd", "index and src of equal shapes", $"index {index.Shape}, src {src.Shape}");
            int a = Checks.IndexShape("scatterAdd", shape, axis, index.Shape, "shape");
            return (src.DType, index.DType) switch
            {
                (DType.Float32, DType.Int32) => ScatterAddOf<float, Float32Ops, int, Int32Ops>(shape, a, index, src),
                (DType.Float32, _) => ScatterAddOf<float, Float32Ops, long, Int64Ops>(shape, a, index, src),
                (_, DType.Int32) => ScatterAddOf<double, Float64Ops, int, Int32Ops>(shape, a, index, src),
                _ => ScatterAddOf<double, Float64Ops, long, Int64Ops>(shape, a, index, src),
            };
        }
    }

    private RawTensor ScatterAddOf<T, TOps, TI, TIOps>(Shape shape, int axis, RawTensor index, RawTensor src)
        where T : unmanaged where TOps : struct, INumeric<T> where TI : unmanaged where TIOps : struct, INumeric<TI>
    {
        int size = shape.Dims[axis];
        var iv = StridedView.Of(index);
        if (index.NumElements > 0)
        {
            int bad = FirstBad(flag => Launch(index.NumElements, IndexingKernels.CheckIndices<TI, TIOps>,
                Data<TI>(index), iv, size, flag));
            if (bad >= 0)
                Checks.ThrowIndexOutOfRange("scatterAdd", size, default(TIOps).ToLong(ElementAt<TI>(index, bad)), bad);
        }
        var result = New<T>(shape);
        int inner = 1;
        for (int i = axis + 1; i < shape.Rank; i++) inner *= shape.Dims[i];
        Launch(shape.NumElements, IndexingKernels.ScatterAdd<T, TOps, TI, TIOps>, Data<TI>(index), iv, Data<T>(src),
            StridedView.Of(src), Data<T>(result), size, index.Shape.Dims[axis], inner);
        return result;
    }

    /// <inheritdoc />
    /// <exception cref="DTypeMismatchException">The dtypes differ.</exception>
    /// <exception cref="ShapeMismatchException">The shapes fail <see cref="ShapeRules.Concat"/>.</exception>
    public RawTensor Concat(RawTensor[] xs, int axis)
    {
        ArgumentNullException.ThrowIfNull(xs);
        lock (_gate)
        {
            using var scope = Enter("concat");
            for (int i = 0; i < xs.Length; i++) GpuChecks.On(this, "concat", xs[i], $"{nameof(xs)}[{i}]");
            var shape = ShapeRules.Concat("concat", Array.ConvertAll(xs, x => x.Shape), axis);
            Checks.AllSameDType("concat", xs);
            int a = ShapeRules.NormalizeAxis("concat", axis, shape.Rank);
            var result = xs[0].DType switch
            {
                DType.Float32 => New<float>(shape),
                DType.Float64 => New<double>(shape),
                DType.Int32 => New<int>(shape),
                _ => New<long>(shape),
            };
            var strides = shape.ContiguousStrides();
            int bandStart = 0;
            foreach (var x in xs)
            {
                CopyInto(x, result, StridedView.Of(x.Shape.Dims, strides, bandStart * strides[a]));
                bandStart += x.Shape.Dims[a];
            }
            return result;
        }
    }
}
