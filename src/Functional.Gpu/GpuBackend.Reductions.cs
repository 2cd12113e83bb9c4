using System;
using Functional.Core.Kernels;
using Functional.Core.Tensors;
using Functional.Gpu.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace Functional.Gpu;

// GpuBackend: reductions over an axis, softmax, log-sum-exp and sumTo (argument checks, then dispatch on the dtype).
public sealed partial class GpuBackend
{
    /// <summary>The lines of a reduction over one axis of <paramref name="x"/>: where each starts (a view over the other
    /// axes) and how its elements follow (a one-axis view).</summary>
    private static (StridedView Lines, StridedView Inner, int Count, int LineCount) AxisLines(RawTensor x, int axis)
    {
        int rank = x.Shape.Rank;
        var dims = new int[rank - 1];
        var strides = new int[rank - 1];
        for (int i = 0, j = 0; i < rank; i++)
        {
            if (i == axis) continue;
            dims[j] = x.Shape.Dims[i];
            strides[j++] = x.Strides[i];
        }
        int count = x.Shape.Dims[axis], lineCount = 1;
        foreach (int d in dims) lineCount *= d;
        return (StridedView.Of(dims, strides, x.Offset), StridedView.Of([count], [x.Strides[axis]], 0), count, lineCount);
    }

    private static KernelConfig Grouped(int lines) =>
        new(new ILGPU.Index3D(lines, 1, 1), new ILGPU.Index3D(ReductionKernels.GroupSize, 1, 1));

    /// <inheritdoc />
    /// <remarks>Sum of an empty axis is 0; Max and Min let NaN win. Lines of 128 or more are reduced by a group of 256
    /// threads each, shorter ones by one thread each.</remarks>
    /// <exception cref="ShapeMismatchException">The axis is out of range, or Max/Min gets an empty axis.</exception>
    public RawTensor Reduce(ReduceOp op, RawTensor x, int axis, bool keepDim)
    {
        string name = Checks.OpName(op);
        lock (_gate)
        {
            using var scope = Enter(name);
            GpuChecks.On(this, name, x, nameof(x));
            var shape = ShapeRules.Reduce(name, x.Shape, axis, keepDim);
            int a = ShapeRules.NormalizeAxis(name, axis, x.Shape.Rank);
            if (op != ReduceOp.Sum) Checks.NonEmptyAxis(name, x.Shape, axis, a);
            var (lines, inner, count, lineCount) = AxisLines(x, a);
            return x.DType switch
            {
                DType.Float32 => ReduceOf<float, Float32Ops>(op, x, lines, inner, count, lineCount, shape),
                DType.Float64 => ReduceOf<double, Float64Ops>(op, x, lines, inner, count, lineCount, shape),
                DType.Int32 => ReduceOf<int, Int32Ops>(op, x, lines, inner, count, lineCount, shape),
                _ => ReduceOf<long, Int64Ops>(op, x, lines, inner, count, lineCount, shape),
            };
        }
    }

    private RawTensor ReduceOf<T, TOps>(
        ReduceOp op, RawTensor x, StridedView lines, StridedView inner, int count, int lineCount, Shape shape)
        where T : unmanaged where TOps : struct, INumeric<T>
    {
        var result = New<T>(shape);
        if (lineCount == 0) return result;
        if (count >= ReductionKernels.GroupedFrom)
            LaunchGrouped(Grouped(lineCount), ReductionKernels.ReduceGrouped<T, TOps>, Data<T>(x), lines, inner, count,
                Data<T>(result), (int)op);
        else
            Launch(lineCount, ReductionKernels.ReduceSerial<T, TOps>, Data<T>(x), lines, inner, count, Data<T>(result),
                (int)op);
        return result;
    }

    /// <inheritdoc />
    /// <remarks>Returns the first index on ties; the first NaN counts as the extreme. One thread per line.</remarks>
    /// <exception cref="ShapeMismatchException">The axis is out of range or empty.</exception>
    public RawTensor ArgReduce(ArgReduceOp op, RawTensor x, int axis, bool keepDim)
    {
        string name = Checks.OpName(op);
        lock (_gate)
        {
            using var scope = Enter(name);
            GpuChecks.On(this, name, x, nameof(x));
            var shape = ShapeRules.Reduce(name, x.Shape, axis, keepDim);
            int a = ShapeRules.NormalizeAxis(name, axis, x.Shape.Rank);
            Checks.NonEmptyAxis(name, x.Shape, axis, a);
            var (lines, inner, count, lineCount) = AxisLines(x, a);
            var result = New<long>(shape);
            switch (x.DType)
            {
                case DType.Float32:
                    Launch(lineCount, ReductionKernels.ArgReduceSerial<float, Float32Ops>, Data<float>(x), lines, inner,
                        count, Data<long>(result), (int)op);
                    break;
                case DType.Float64:
                    Launch(lineCount, ReductionKernels.ArgReduceSerial<double, Float64Ops>, Data<double>(x), lines, inner,
                        count, Data<long>(result), (int)op);
                    break;
                case DType.Int32:
                    Launch(lineCount, ReductionKernels.ArgReduceSerial<int, Int32Ops>, Data<int>(x), lines, inner, count,
                        Data<long>(result), (int)op);
                    break;
                default:
                    Launch(lineCount, ReductionKernels.ArgReduceSerial<long, Int64Ops>, Data<long>(x), lines, inner,
                        count, Data<long>(result), (int)op);
                    break;
            }
            return result;
        }
    }

    /// <inheritdoc />
    /// <exception cref="DTypeMismatchException">x is an integer tensor.</exception>
    /// <exception cref="ShapeMismatchException">The axis is out of range.</exception>
    public RawTensor Softmax(SoftmaxOp op, RawTensor x, int axis)
    {
        string name = Checks.OpName(op);
        lock (_gate)
        {
            using var scope = Enter(name);
            GpuChecks.On(this, name, x, nameof(x));
            Checks.Float(name, x);
            int a = ShapeRules.NormalizeAxis(name, axis, x.Shape.Rank);
            return x.DType == DType.Float32
                ? SoftmaxOf<float, Float32Ops>(op, x, a)
                : SoftmaxOf<double, Float64Ops>(op, x, a);
        }
    }

    private RawTensor SoftmaxOf<T, TOps>(SoftmaxOp op, RawTensor x, int axis)
        where T : unmanaged where TOps : struct, IFloat<T>
    {
        var result = New<T>(x.Shape);
        if (x.NumElements == 0) return result;
        var (lines, inner, count, lineCount) = AxisLines(x, axis);
        var (outLines, _, _, _) = AxisLines(result, axis);
        int outStride = result.Strides[axis];
        if (count >= ReductionKernels.GroupedFrom)
            LaunchGrouped(Grouped(lineCount), ReductionKernels.SoftmaxGrouped<T, TOps>, Data<T>(x), lines, inner, count,
                Data<T>(result), outLines, outStride, (int)op);
        else
            Launch(lineCount, ReductionKernels.SoftmaxSerial<T, TOps>, Data<T>(x), lines, inner, count, Data<T>(result),
                outLines, outStride, (int)op);
        return result;
    }

    /// <inheritdoc />
    /// <remarks>An empty axis gives −∞ (the log of an empty sum).</remarks>
    /// <exception cref="DTypeMismatchException">x is an integer tensor.</exception>
    /// <exception cref="ShapeMismatchException">The axis is out of range.</exception>
    public RawTensor LogSumExp(RawTensor x, int axis, bool keepDim)
    {
        lock (_gate)
        {
            using var scope = Enter("logsumexp");
            GpuChecks.On(this, "logsumexp", x, nameof(x));
            Checks.Float("logsumexp", x);
            var shape = ShapeRules.Reduce("logsumexp", x.Shape, axis, keepDim);
            int a = ShapeRules.NormalizeAxis("logsumexp", axis, x.Shape.Rank);
            return x.DType == DType.Float32
                ? LogSumExpOf<float, Float32Ops>(x, a, shape)
                : LogSumExpOf<double, Float64Ops>(x, a, shape);
        }
    }

    private RawTensor LogSumExpOf<T, TOps>(RawTensor x, int axis, Shape shape)
        where T : unmanaged where TOps : struct, IFloat<T>
    {
        var result = New<T>(shape);
        var (lines, inner, count, lineCount) = AxisLines(x, axis);
        if (lineCount == 0) return result;
        if (count >= ReductionKernels.GroupedFrom)
            LaunchGrouped(Grouped(lineCount), ReductionKernels.LogSumExpGrouped<T, TOps>, Data<T>(x), lines, inner, count,
                Data<T>(result));
        else
            Launch(lineCount, ReductionKernels.LogSumExpSerial<T, TOps>, Data<T>(x), lines, inner, count, Data<T>(result));
        return result;
    }

    /// <inheritdoc />
    /// <remarks>One line per element of <paramref name="shape"/>, over the axes broadcasting stretched; the sum runs
    /// in a fixed order, grouped as <see cref="Reduce"/>.</remarks>
    /// <exception cref="ShapeMismatchException"><paramref name="shape"/> does not broadcast to x's shape.</exception>
    public RawTensor SumTo(RawTensor x, Shape shape)
    {
        lock (_gate)
        {
            using var scope = Enter("sumTo");
            GpuChecks.On(this, "sumTo", x, nameof(x));
            ArgumentNullException.ThrowIfNull(shape);
            if (!ShapeRules.BroadcastsTo(shape, x.Shape))
                ShapeRules.Fail("sumTo", $"a shape that broadcasts to {x.Shape}", $"{shape}");
            return x.DType switch
            {
                DType.Float32 => SumToOf<float, Float32Ops>(x, shape),
                DType.Float64 => SumToOf<double, Float64Ops>(x, shape),
                DType.Int32 => SumToOf<int, Int32Ops>(x, shape),
                _ => SumToOf<long, Int64Ops>(x, shape),
            };
        }
    }

    private RawTensor SumToOf<T, TOps>(RawTensor x, Shape shape) where T : unmanaged where TOps : struct, INumeric<T>
    {
        int rank = x.Shape.Rank, lead = rank - shape.Rank;
        var lineDims = new int[rank];
        var lineStrides = new int[rank];
        int innerRank = 0;
        var innerDims = new int[rank];
        var innerStrides = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int target = i < lead ? 1 : shape.Dims[i - lead];
            lineDims[i] = target;
            lineStrides[i] = target == 1 ? 0 : x.Strides[i];
            if (target == 1 && x.Shape.Dims[i] != 1)
            {
                innerDims[innerRank] = x.Shape.Dims[i];
                innerStrides[innerRank++] = x.Strides[i];
            }
        }
        int count = 1;
        for (int i = 0; i < innerRank; i++) count *= innerDims[i];
        var lines = StridedView.Of(lineDims, lineStrides, x.Offset);
        var inner = StridedView.Of(innerDims.AsSpan(0, innerRank), innerStrides.AsSpan(0, innerRank), 0);
        return ReduceOf<T, TOps>(ReduceOp.Sum, x, lines, inner, count, shape.NumElements, shape);
    }
}
