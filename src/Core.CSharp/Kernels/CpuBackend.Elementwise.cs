using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

// CpuBackend: element-wise ops and matmul (argument checks, then dispatch on the dtype).
public sealed partial class CpuBackend
{
    /// <inheritdoc />
    /// <exception cref="DTypeMismatchException">x is an integer tensor.</exception>
    public RawTensor Unary(UnaryOp op, RawTensor x)
    {
        string name = Checks.OpName(op);
        Checks.Cpu(name, x, nameof(x));
        Checks.Float(name, x);
        return x.DType == DType.Float32
            ? Dense.Wrap(ElementwiseFast.Unary<float>(op, x), x.Shape)
            : Dense.Wrap(ElementwiseFast.Unary<double>(op, x), x.Shape);
    }

    /// <inheritdoc />
    /// <exception cref="DTypeMismatchException">x is an integer tensor.</exception>
    public RawTensor Scalar(ScalarOp op, RawTensor x, double s)
    {
        string name = Checks.OpName(op);
        Checks.Cpu(name, x, nameof(x));
        Checks.Float(name, x);
        return x.DType == DType.Float32
            ? Dense.Wrap(ElementwiseFast.Scalar(op, x, (float)s), x.Shape)
            : Dense.Wrap(ElementwiseFast.Scalar(op, x, s), x.Shape);
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
            DType.Float32 => Dense.Wrap(ElementwiseFast.Binary<float>(op, a, b, shape)
                ?? Elementwise.Zip(a, b, shape, Elementwise.FloatFunction<float>(op)), shape),
            DType.Float64 => Dense.Wrap(ElementwiseFast.Binary<double>(op, a, b, shape)
                ?? Elementwise.Zip(a, b, shape, Elementwise.FloatFunction<double>(op)), shape),
            DType.Int32 => Dense.Wrap(ElementwiseFast.Binary<int>(op, a, b, shape)
                ?? Elementwise.Zip(a, b, shape, Elementwise.NumberFunction<int>(op)), shape),
            _ => Dense.Wrap(ElementwiseFast.Binary<long>(op, a, b, shape)
                ?? Elementwise.Zip(a, b, shape, Elementwise.NumberFunction<long>(op)), shape),
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
    /// <remarks>The blocked, packed GEMM (<see cref="Gemm"/>) on up to <see cref="CpuSettings.Threads"/> threads;
    /// transposed and sliced views are read in place. The result bits do not depend on the thread count.</remarks>
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
            ? Dense.Wrap(Gemm.MatMul<float>(a, b, shape), shape)
            : Dense.Wrap(Gemm.MatMul<double>(a, b, shape), shape);
    }
}
