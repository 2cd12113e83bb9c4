using System;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>The CPU backend: plain scalar reference kernels for every <see cref="IBackend"/> operation.
/// Each method checks its arguments (device, dtypes, shapes via <see cref="ShapeRules"/>), then dispatches on the
/// dtype to a generic kernel written once for float and double (and int and long where the op allows).</summary>
/// <remarks>Single-threaded and deterministic; faster kernels are tested against these.</remarks>
public sealed class CpuBackend : IBackend
{
    /// <inheritdoc />
    public Device Device => Device.Cpu;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="data"/> is not a float[], double[], int[] or long[].</exception>
    /// <exception cref="ShapeMismatchException">Its length differs from the shape's element count.</exception>
    public RawTensor FromHostArray(Array data, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        if (data is not (float[] or double[] or int[] or long[]))
            throw new ArgumentException(
                $"fromHostArray: expected a float[], double[], int[] or long[], received {data.GetType().Name}", nameof(data));
        if (data.Length != shape.NumElements)
            ShapeRules.Fail("fromHostArray", $"{shape.NumElements} elements for shape {shape}", $"{data.Length}");
        return data switch
        {
            float[] f => Dense.Wrap((float[])f.Clone(), shape),
            double[] d => Dense.Wrap((double[])d.Clone(), shape),
            int[] i => Dense.Wrap((int[])i.Clone(), shape),
            _ => Dense.Wrap((long[])((long[])data).Clone(), shape),
        };
    }

    /// <inheritdoc />
    public Array ToHostArray(RawTensor x)
    {
        Checks.Cpu("toHostArray", x, nameof(x));
        return x.DType switch
        {
            DType.Float32 => Dense.ToArray<float>(x),
            DType.Float64 => Dense.ToArray<double>(x),
            DType.Int32 => Dense.ToArray<int>(x),
            _ => Dense.ToArray<long>(x),
        };
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or ±∞ and the dtype is an integer.</exception>
    public RawTensor Full(Shape shape, DType dtype, double value)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return dtype switch
        {
            DType.Float32 => Conversion.Full(shape, (float)value),
            DType.Float64 => Conversion.Full(shape, value),
            DType.Int32 => Conversion.Full(shape, Conversion.FromDouble<int>("full", value, nameof(value))),
            DType.Int64 => Conversion.Full(shape, Conversion.FromDouble<long>("full", value, nameof(value))),
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "full: unknown dtype"),
        };
    }

    /// <inheritdoc />
    public RawTensor Contiguous(RawTensor x)
    {
        Checks.Cpu("contiguous", x, nameof(x));
        if (x.IsContiguous) return x;
        return x.DType switch
        {
            DType.Float32 => Dense.Wrap(Dense.ToArray<float>(x), x.Shape),
            DType.Float64 => Dense.Wrap(Dense.ToArray<double>(x), x.Shape),
            DType.Int32 => Dense.Wrap(Dense.ToArray<int>(x), x.Shape),
            _ => Dense.Wrap(Dense.ToArray<long>(x), x.Shape),
        };
    }

    /// <inheritdoc />
    /// <remarks>Floats to integers truncate toward zero and saturate at the integer's range; integers narrow by
    /// saturating. Casting to the same dtype returns <see cref="Contiguous"/> x.</remarks>
    /// <exception cref="ArgumentException">A NaN or ±∞ is cast to an integer dtype.</exception>
    public RawTensor Cast(RawTensor x, DType dtype)
    {
        Checks.Cpu("cast", x, nameof(x));
        if (dtype == x.DType) return Contiguous(x);
        return x.DType switch
        {
            DType.Float32 => CastFrom<float>(x, dtype),
            DType.Float64 => CastFrom<double>(x, dtype),
            DType.Int32 => CastFrom<int>(x, dtype),
            _ => CastFrom<long>(x, dtype),
        };
    }

    private static RawTensor CastFrom<TFrom>(RawTensor x, DType dtype) where TFrom : unmanaged, System.Numerics.INumber<TFrom> =>
        dtype switch
        {
            DType.Float32 => Dense.Wrap(Conversion.Cast<TFrom, float>(x), x.Shape),
            DType.Float64 => Dense.Wrap(Conversion.Cast<TFrom, double>(x), x.Shape),
            DType.Int32 => Dense.Wrap(Conversion.Cast<TFrom, int>(x), x.Shape),
            DType.Int64 => Dense.Wrap(Conversion.Cast<TFrom, long>(x), x.Shape),
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "cast: unknown dtype"),
        };

    /// <inheritdoc />
    /// <exception cref="DTypeMismatchException">x is an integer tensor.</exception>
    public RawTensor Unary(UnaryOp op, RawTensor x)
    {
        string name = Checks.OpName(op);
        Checks.Cpu(name, x, nameof(x));
        Checks.Float(name, x);
        return x.DType == DType.Float32
            ? Dense.Wrap(Elementwise.Map(x, Elementwise.UnaryFunction<float>(op)), x.Shape)
            : Dense.Wrap(Elementwise.Map(x, Elementwise.UnaryFunction<double>(op)), x.Shape);
    }

    /// <inheritdoc />
    /// <exception cref="DTypeMismatchException">x is an integer tensor.</exception>
    public RawTensor Scalar(ScalarOp op, RawTensor x, double s)
    {
        string name = Checks.OpName(op);
        Checks.Cpu(name, x, nameof(x));
        Checks.Float(name, x);
        return x.DType == DType.Float32
            ? Dense.Wrap(Elementwise.Map(x, Elementwise.ScalarFunction(op, (float)s)), x.Shape)
            : Dense.Wrap(Elementwise.Map(x, Elementwise.ScalarFunction(op, s)), x.Shape);
    }

    /// <inheritdoc />
    /// <remarks>Integer tensors support Add, Sub, Mul, Max, Min and the comparisons; Div and Pow need floats.</remarks>
    /// <exception cref="DTypeMismatchException">The dtypes differ, or Div/Pow gets integers.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public RawTensor Binary(BinaryOp op, RawTensor a, RawTensor b)
    {
        string name = Checks.OpName(op);
        Checks.Cpu(name, a, nameof(a));
        Checks.Cpu(name, b, nameof(b));
        Checks.SameDType(name, a, b);
        if (!Elementwise.WorksOnIntegers(op)) Checks.Float(name, a);
        var shape = ShapeRules.Broadcast(name, a.Shape, b.Shape);
        return a.DType switch
        {
            DType.Float32 => Dense.Wrap(Elementwise.Zip(a, b, shape, Elementwise.FloatFunction<float>(op)), shape),
            DType.Float64 => Dense.Wrap(Elementwise.Zip(a, b, shape, Elementwise.FloatFunction<double>(op)), shape),
            DType.Int32 => Dense.Wrap(Elementwise.Zip(a, b, shape, Elementwise.NumberFunction<int>(op)), shape),
            _ => Dense.Wrap(Elementwise.Zip(a, b, shape, Elementwise.NumberFunction<long>(op)), shape),
        };
    }

    /// <inheritdoc />
    /// <remarks>cond may have any dtype; NaN counts as true.</remarks>
    /// <exception cref="DTypeMismatchException">a and b have different dtypes.</exception>
    /// <exception cref="ShapeMismatchException">The three shapes do not broadcast together.</exception>
    public RawTensor Where(RawTensor cond, RawTensor a, RawTensor b)
    {
        Checks.Cpu("where", cond, nameof(cond));
        Checks.Cpu("where", a, nameof(a));
        Checks.Cpu("where", b, nameof(b));
        Checks.SameDType("where", a, b);
        var shape = Checks.Broadcast3("where", cond.Shape, a.Shape, b.Shape);
        bool[] mask = cond.DType switch
        {
            DType.Float32 => Elementwise.NonZero<float>(cond, shape),
            DType.Float64 => Elementwise.NonZero<double>(cond, shape),
            DType.Int32 => Elementwise.NonZero<int>(cond, shape),
            _ => Elementwise.NonZero<long>(cond, shape),
        };
        return a.DType switch
        {
            DType.Float32 => Dense.Wrap(Elementwise.Select<float>(mask, a, b, shape), shape),
            DType.Float64 => Dense.Wrap(Elementwise.Select<double>(mask, a, b, shape), shape),
            DType.Int32 => Dense.Wrap(Elementwise.Select<int>(mask, a, b, shape), shape),
            _ => Dense.Wrap(Elementwise.Select<long>(mask, a, b, shape), shape),
        };
    }

    /// <inheritdoc />
    /// <exception cref="DTypeMismatchException">The dtypes differ or are not float.</exception>
    /// <exception cref="ShapeMismatchException">The shapes fail <see cref="ShapeRules.MatMul"/>.</exception>
    public RawTensor MatMul(RawTensor a, RawTensor b)
    {
        Checks.Cpu("matmul", a, nameof(a));
        Checks.Cpu("matmul", b, nameof(b));
        Checks.SameDType("matmul", a, b);
        Checks.Float("matmul", a);
        var shape = ShapeRules.MatMul("matmul", a.Shape, b.Shape);
        return a.DType == DType.Float32
            ? Dense.Wrap(MatMulReference.MatMul<float>(a, b, shape), shape)
            : Dense.Wrap(MatMulReference.MatMul<double>(a, b, shape), shape);
    }

    /// <inheritdoc />
    /// <remarks>Sum of an empty axis is 0; Max and Min let NaN win.</remarks>
    /// <exception cref="ShapeMismatchException">The axis is out of range, or Max/Min gets an empty axis.</exception>
    public RawTensor Reduce(ReduceOp op, RawTensor x, int axis, bool keepDim)
    {
        string name = Checks.OpName(op);
        Checks.Cpu(name, x, nameof(x));
        var shape = ShapeRules.Reduce(name, x.Shape, axis, keepDim);
        int a = ShapeRules.NormalizeAxis(name, axis, x.Shape.Rank);
        if (op != ReduceOp.Sum) NonEmptyAxis(name, x.Shape, axis, a);
        return x.DType switch
        {
            DType.Float32 => Dense.Wrap(Reductions.Reduce<float>(op, x, a), shape),
            DType.Float64 => Dense.Wrap(Reductions.Reduce<double>(op, x, a), shape),
            DType.Int32 => Dense.Wrap(Reductions.Reduce<int>(op, x, a), shape),
            _ => Dense.Wrap(Reductions.Reduce<long>(op, x, a), shape),
        };
    }

    /// <inheritdoc />
    /// <remarks>Returns the first index on ties; the first NaN counts as the extreme.</remarks>
    /// <exception cref="ShapeMismatchException">The axis is out of range or empty.</exception>
    public RawTensor ArgReduce(ArgReduceOp op, RawTensor x, int axis, bool keepDim)
    {
        string name = Checks.OpName(op);
        Checks.Cpu(name, x, nameof(x));
        var shape = ShapeRules.Reduce(name, x.Shape, axis, keepDim);
        int a = ShapeRules.NormalizeAxis(name, axis, x.Shape.Rank);
        NonEmptyAxis(name, x.Shape, axis, a);
        return x.DType switch
        {
            DType.Float32 => Dense.Wrap(Reductions.ArgReduce<float>(op, x, a), shape),
            DType.Float64 => Dense.Wrap(Reductions.ArgReduce<double>(op, x, a), shape),
            DType.Int32 => Dense.Wrap(Reductions.ArgReduce<int>(op, x, a), shape),
            _ => Dense.Wrap(Reductions.ArgReduce<long>(op, x, a), shape),
        };
    }

    private static void NonEmptyAxis(string op, Shape shape, int axis, int normalized)
    {
        if (shape.Dims[normalized] == 0)
            ShapeRules.Fail(op, "a non-empty axis", $"axis {axis} of shape {shape}");
    }

    /// <inheritdoc />
    /// <exception cref="DTypeMismatchException">x is an integer tensor.</exception>
    /// <exception cref="ShapeMismatchException">The axis is out of range.</exception>
    public RawTensor Softmax(SoftmaxOp op, RawTensor x, int axis)
    {
        string name = Checks.OpName(op);
        Checks.Cpu(name, x, nameof(x));
        Checks.Float(name, x);
        int a = ShapeRules.NormalizeAxis(name, axis, x.Shape.Rank);
        return x.DType == DType.Float32
            ? Dense.Wrap(Kernels.Softmax.Normalize<float>(op, x, a), x.Shape)
            : Dense.Wrap(Kernels.Softmax.Normalize<double>(op, x, a), x.Shape);
    }

    /// <inheritdoc />
    /// <remarks>An empty axis gives −∞ (the log of an empty sum).</remarks>
    /// <exception cref="DTypeMismatchException">x is an integer tensor.</exception>
    /// <exception cref="ShapeMismatchException">The axis is out of range.</exception>
    public RawTensor LogSumExp(RawTensor x, int axis, bool keepDim)
    {
        Checks.Cpu("logsumexp", x, nameof(x));
        Checks.Float("logsumexp", x);
        var shape = ShapeRules.Reduce("logsumexp", x.Shape, axis, keepDim);
        int a = ShapeRules.NormalizeAxis("logsumexp", axis, x.Shape.Rank);
        return x.DType == DType.Float32
            ? Dense.Wrap(Kernels.Softmax.LogSumExp<float>(x, a), shape)
            : Dense.Wrap(Kernels.Softmax.LogSumExp<double>(x, a), shape);
    }

    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException"><paramref name="shape"/> does not broadcast to x's shape.</exception>
    public RawTensor SumTo(RawTensor x, Shape shape)
    {
        Checks.Cpu("sumTo", x, nameof(x));
        ArgumentNullException.ThrowIfNull(shape);
        if (!ShapeRules.BroadcastsTo(shape, x.Shape))
            ShapeRules.Fail("sumTo", $"a shape that broadcasts to {x.Shape}", $"{shape}");
        return x.DType switch
        {
            DType.Float32 => Dense.Wrap(Reductions.SumTo<float>(x, shape), shape),
            DType.Float64 => Dense.Wrap(Reductions.SumTo<double>(x, shape), shape),
            DType.Int32 => Dense.Wrap(Reductions.SumTo<int>(x, shape), shape),
            _ => Dense.Wrap(Reductions.SumTo<long>(x, shape), shape),
        };
    }

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
    /// <exception cref="ShapeMismatchException">index's rank or dimensions (other than on axis) differ from x's.</exception>
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
