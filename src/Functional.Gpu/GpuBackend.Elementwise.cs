using System;
using Functional.Core.Kernels;
using Functional.Core.Tensors;
using Functional.Gpu.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace Functional.Gpu;

// GpuBackend: element-wise ops and matmul (argument checks, then dispatch on the dtype to one kernel instantiation).
public sealed partial class GpuBackend
{
    /// <inheritdoc />
    /// <exception cref="DTypeMismatchException">x is an integer tensor.</exception>
    public RawTensor Unary(UnaryOp op, RawTensor x)
    {
        string name = Checks.OpName(op);
        lock (_gate)
        {
            using var scope = Enter(name);
            GpuChecks.On(this, name, x, nameof(x));
            Checks.Float(name, x);
            return x.DType == DType.Float32 ? UnaryOf<float, Float32Ops>(op, x) : UnaryOf<double, Float64Ops>(op, x);
        }
    }

    private RawTensor UnaryOf<T, TOps>(UnaryOp op, RawTensor x) where T : unmanaged where TOps : struct, IFloat<T>
    {
        var result = New<T>(x.Shape);
        Launch(x.NumElements, ElementwiseKernels.Unary<T, TOps>, Data<T>(x), StridedView.Of(x), Data<T>(result), (int)op);
        return result;
    }

    /// <inheritdoc />
    /// <exception cref="DTypeMismatchException">x is an integer tensor.</exception>
    public RawTensor Scalar(ScalarOp op, RawTensor x, double s)
    {
        string name = Checks.OpName(op);
        lock (_gate)
        {
            using var scope = Enter(name);
            GpuChecks.On(this, name, x, nameof(x));
            Checks.Float(name, x);
            return x.DType == DType.Float32
                ? ScalarOf<float, Float32Ops>(op, x, (float)s)
                : ScalarOf<double, Float64Ops>(op, x, s);
        }
    }

    private RawTensor ScalarOf<T, TOps>(ScalarOp op, RawTensor x, T s) where T : unmanaged where TOps : struct, IFloat<T>
    {
        var result = New<T>(x.Shape);
        Launch(x.NumElements, ElementwiseKernels.Scalar<T, TOps>, Data<T>(x), StridedView.Of(x), Data<T>(result),
            (int)op, s);
        return result;
    }

    /// <inheritdoc />
    /// <remarks>Integer tensors support Add, Sub, Mul, Max, Min and the comparisons; Div and Pow need floats.</remarks>
    /// <exception cref="DTypeMismatchException">The dtypes differ, or Div/Pow gets integers.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public RawTensor Binary(BinaryOp op, RawTensor a, RawTensor b)
    {
        string name = Checks.OpName(op);
        lock (_gate)
        {
            using var scope = Enter(name);
            GpuChecks.On(this, name, a, nameof(a));
            GpuChecks.On(this, name, b, nameof(b));
            Checks.SameDType(name, a, b);
            if (op is BinaryOp.Div or BinaryOp.Pow) Checks.Float(name, a);
            var shape = ShapeRules.Broadcast(name, a.Shape, b.Shape);
            return a.DType switch
            {
                DType.Float32 => BinaryOf<float>(ElementwiseKernels.BinaryFloat<float, Float32Ops>, op, a, b, shape),
                DType.Float64 => BinaryOf<double>(ElementwiseKernels.BinaryFloat<double, Float64Ops>, op, a, b, shape),
                DType.Int32 => BinaryOf<int>(ElementwiseKernels.Binary<int, Int32Ops>, op, a, b, shape),
                _ => BinaryOf<long>(ElementwiseKernels.Binary<long, Int64Ops>, op, a, b, shape),
            };
        }
    }

    private RawTensor BinaryOf<T>(
        Action<Index1D, ArrayView<T>, StridedView, ArrayView<T>, StridedView, ArrayView<T>, int> kernel,
        BinaryOp op, RawTensor a, RawTensor b, Shape shape) where T : unmanaged
    {
        var result = New<T>(shape);
        Launch(shape.NumElements, kernel, Data<T>(a), StridedView.Broadcast(a, shape), Data<T>(b),
            StridedView.Broadcast(b, shape), Data<T>(result), (int)op);
        return result;
    }

    /// <inheritdoc />
    /// <remarks>cond may have any dtype; NaN counts as true.</remarks>
    /// <exception cref="DTypeMismatchException">a and b have different dtypes.</exception>
    /// <exception cref="ShapeMismatchException">The three shapes do not broadcast together.</exception>
    public RawTensor Where(RawTensor cond, RawTensor a, RawTensor b)
    {
        lock (_gate)
        {
            using var scope = Enter("where");
            GpuChecks.On(this, "where", cond, nameof(cond));
            GpuChecks.On(this, "where", a, nameof(a));
            GpuChecks.On(this, "where", b, nameof(b));
            Checks.SameDType("where", a, b);
            var shape = Checks.Broadcast3("where", cond.Shape, a.Shape, b.Shape);
            return cond.DType switch
            {
                DType.Float32 => WhereOn<float, Float32Ops>(cond, a, b, shape),
                DType.Float64 => WhereOn<double, Float64Ops>(cond, a, b, shape),
                DType.Int32 => WhereOn<int, Int32Ops>(cond, a, b, shape),
                _ => WhereOn<long, Int64Ops>(cond, a, b, shape),
            };
        }
    }

    private RawTensor WhereOn<TC, TCOps>(RawTensor cond, RawTensor a, RawTensor b, Shape shape)
        where TC : unmanaged where TCOps : struct, INumeric<TC> => a.DType switch
        {
            DType.Float32 => WhereOf<TC, TCOps, float>(cond, a, b, shape),
            DType.Float64 => WhereOf<TC, TCOps, double>(cond, a, b, shape),
            DType.Int32 => WhereOf<TC, TCOps, int>(cond, a, b, shape),
            _ => WhereOf<TC, TCOps, long>(cond, a, b, shape),
        };

    private RawTensor WhereOf<TC, TCOps, T>(RawTensor cond, RawTensor a, RawTensor b, Shape shape)
        where TC : unmanaged where TCOps : struct, INumeric<TC> where T : unmanaged
    {
        var result = New<T>(shape);
        Launch(shape.NumElements, ElementwiseKernels.Where<TC, TCOps, T>, Data<TC>(cond),
            StridedView.Broadcast(cond, shape), Data<T>(a), StridedView.Broadcast(a, shape), Data<T>(b),
            StridedView.Broadcast(b, shape), Data<T>(result));
        return result;
    }

    /// <inheritdoc />
    /// <remarks>The tiled shared-memory GEMM (<see cref="GemmKernels"/>), one launch for the whole batch; transposed
    /// and sliced views are read in place.</remarks>
    /// <exception cref="DTypeMismatchException">The dtypes differ or are not float.</exception>
    /// <exception cref="ShapeMismatchException">The shapes fail <see cref="ShapeRules.MatMul"/>.</exception>
    public RawTensor MatMul(RawTensor a, RawTensor b)
    {
        lock (_gate)
        {
            using var scope = Enter("matmul");
            GpuChecks.On(this, "matmul", a, nameof(a));
            GpuChecks.On(this, "matmul", b, nameof(b));
            Checks.SameDType("matmul", a, b);
            Checks.Float("matmul", a);
            var shape = ShapeRules.MatMul("matmul", a.Shape, b.Shape);
            return a.DType == DType.Float32
                ? MatMulOf<float, Float32Ops>(a, b, shape)
                : MatMulOf<double, Float64Ops>(a, b, shape);
        }
    }

    private RawTensor MatMulOf<T, TOps>(RawTensor a, RawTensor b, Shape shape)
        where T : unmanaged where TOps : struct, INumeric<T>
    {
        var result = New<T>(shape);
        if (shape.NumElements == 0) return result;
        int rank = shape.Rank, m = a.Shape.Dims[rank - 2], k = a.Shape.Dims[rank - 1], n = b.Shape.Dims[rank - 1];
        int batch = shape.NumElements / (m * n);
        int tilesM = (m + GemmKernels.Tile - 1) / GemmKernels.Tile, tilesN = (n + GemmKernels.Tile - 1) / GemmKernels.Tile;
        var config = new KernelConfig(
            new ILGPU.Index3D(batch * tilesM * tilesN, 1, 1),
            new ILGPU.Index3D(GemmKernels.Threads, GemmKernels.Threads, 1));
        LaunchGrouped(config, GemmKernels.Gemm<T, TOps>, Data<T>(a), Batches(a), Data<T>(b), Batches(b),
            Data<T>(result), m, n, k, tilesM, tilesN);
        return result;
    }

    private static MatrixBatch Batches(RawTensor x)
    {
        int rank = x.Shape.Rank;
        return new MatrixBatch
        {
            Batches = StridedView.Of(x.Shape.Dims[..(rank - 2)], x.Strides.AsSpan(0, rank - 2), x.Offset),
            RowStride = x.Strides[rank - 2],
            ColStride = x.Strides[rank - 1],
        };
    }
}
