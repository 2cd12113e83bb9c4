using System;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

// CpuBackend: reductions over an axis, softmax and sumTo (argument checks, then dispatch on the dtype).
public sealed partial class CpuBackend
{
    /// <inheritdoc />
    /// <remarks>Sum of an empty axis is 0; Max and Min let NaN win.</remarks>
    /// <exception cref="ShapeMismatchException">The axis is out of range, or Max/Min gets an empty axis.</exception>
    public RawTensor Reduce(ReduceOp op, RawTensor x, int axis, bool keepDim)
    {
        string name = Checks.OpName(op);
        Checks.Cpu(name, x, nameof(x));
        var shape = ShapeRules.Reduce(name, x.Shape, axis, keepDim);
        int a = ShapeRules.NormalizeAxis(name, axis, x.Shape.Rank);
        if (op != ReduceOp.Sum) Checks.NonEmptyAxis(name, x.Shape, axis, a);
        return x.DType switch
        {
            DType.Float32 => Dense.Wrap(ReductionsFast.Reduce<float>(op, x, a), shape),
            DType.Float64 => Dense.Wrap(ReductionsFast.Reduce<double>(op, x, a), shape),
            DType.Int32 => Dense.Wrap(ReductionsFast.Reduce<int>(op, x, a), shape),
            _ => Dense.Wrap(ReductionsFast.Reduce<long>(op, x, a), shape),
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
        Checks.NonEmptyAxis(name, x.Shape, axis, a);
        return x.DType switch
        {
            DType.Float32 => Dense.Wrap(Reductions.ArgReduce<float>(op, x, a), shape),
            DType.Float64 => Dense.Wrap(Reductions.ArgReduce<double>(op, x, a), shape),
            DType.Int32 => Dense.Wrap(Reductions.ArgReduce<int>(op, x, a), shape),
            _ => Dense.Wrap(Reductions.ArgReduce<long>(op, x, a), shape),
        };
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
            ? Dense.Wrap(SoftmaxFast.Normalize<float>(op, x, a) ?? Kernels.Softmax.Normalize<float>(op, x, a), x.Shape)
            : Dense.Wrap(SoftmaxFast.Normalize<double>(op, x, a) ?? Kernels.Softmax.Normalize<double>(op, x, a),
                x.Shape);
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
            ? Dense.Wrap(SoftmaxFast.LogSumExp<float>(x, a) ?? Kernels.Softmax.LogSumExp<float>(x, a), shape)
            : Dense.Wrap(SoftmaxFast.LogSumExp<double>(x, a) ?? Kernels.Softmax.LogSumExp<double>(x, a), shape);
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
            DType.Float32 => Dense.Wrap(SumTo<float>(x, shape), shape),
            DType.Float64 => Dense.Wrap(SumTo<double>(x, shape), shape),
            DType.Int32 => Dense.Wrap(SumTo<int>(x, shape), shape),
            _ => Dense.Wrap(SumTo<long>(x, shape), shape),
        };
    }

    private static T[] SumTo<T>(RawTensor x, Shape shape) where T : unmanaged, System.Numerics.INumber<T> =>
        ReductionsFast.SumTo<T>(x, shape) ?? Reductions.SumTo<T>(x, shape);
}
