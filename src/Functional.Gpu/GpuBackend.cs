using System;
using Functional.Core.Kernels;
using Functional.Core.Tensors;
using Functional.Gpu.Kernels;
using ILGPU;
using ILGPU.Runtime;
using Device = Functional.Core.Tensors.Device;

namespace Functional.Gpu;

/// <summary>The GPU backend: every <see cref="IBackend"/> kernel as an ILGPU kernel, on a CUDA GPU (<see cref="Gpu.Use()"/>)
/// or on ILGPU's CPU accelerator, which runs the same kernels on the host (<see cref="Gpu.UseCpuAccelerator"/>). Each
/// method checks its arguments exactly as the CPU backend does (same exceptions, same messages), then launches kernels
/// that read strided and broadcast views in place. Nothing is computed on the host: the only host round trips are the
/// copies <see cref="FromHostArray"/> and <see cref="ToHostArray"/>, and one read-back of an error flag where the CPU
/// backend validates values (indices of <see cref="Gather"/> and <see cref="ScatterAdd"/>, NaN cast to an
/// integer).</summary>
/// <remarks>Views: a kernel takes up to eight axes after merging those that are contiguous with each other (any
/// contiguous tensor is one axis); beyond, it throws <see cref="NotSupportedException"/> naming the op, and
/// <see cref="Contiguous"/>, which works at any rank, is the way out.
/// Thread-safe: calls are serialised on one lock and run on the accelerator's default stream, so results are
/// ready when a later call reads them. Deterministic: every reduction and sum runs in a fixed order (no atomics), so the
/// same inputs give the same bits on a device; the bits differ from the CPU backend's where a sum's order does (GEMM,
/// reductions, softmax), within float rounding.</remarks>
public sealed partial class GpuBackend : IBackend, IDisposable
{
    private readonly object _gate = new();
    private readonly Context _context;
    private readonly bool _ownsContext;
    private readonly Accelerator _accelerator;
    private MemoryBuffer1D<int, Stride1D.Dense>? _flag;
    private volatile bool _disposed;

    [ThreadStatic]
    private static Accelerator? t_bound;

    internal GpuBackend(Context context, Accelerator accelerator, Device device, bool ownsContext)
    {
        _context = context;
        _accelerator = accelerator;
        _ownsContext = ownsContext;
        Device = device;
        long capacity = accelerator.AcceleratorType == AcceleratorType.CPU
            ? 256L << 20
            : Math.Min(accelerator.MemorySize / 4, 4L << 30);
        Pool = new BufferPool(accelerator, capacity);
    }

    /// <inheritdoc />
    public Device Device { get; }

    /// <summary>The accelerator's name as ILGPU reports it (the GPU model, or the CPU accelerator).</summary>
    public string AcceleratorName => _accelerator.Name;

    /// <summary>True when the kernels run on ILGPU's CPU accelerator rather than a GPU (tests and CI).</summary>
    public bool IsCpuAccelerator => _accelerator.AcceleratorType == AcceleratorType.CPU;

    /// <summary>The device's memory in bytes, as ILGPU reports it.</summary>
    public long MemorySize => _accelerator.MemorySize;

    /// <summary>True once <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed => _disposed;

    internal BufferPool Pool { get; }

    /// <summary>Waits until every kernel launched so far has finished (for timing; results never need it).</summary>
    public void Synchronize()
    {
        lock (_gate)
        {
            using var scope = Enter("synchronize");
            _accelerator.Synchronize();
        }
    }

    /// <summary>Frees the pooled buffers, the accelerator and (when this backend created it) the ILGPU context.
    /// Tensors still on this device become unusable: using one throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _accelerator.Bind(); // freeing CUDA memory needs the context on this thread
            t_bound = _accelerator;
            _disposed = true;
            Pool.Dispose();
            _flag?.Dispose();
            _accelerator.Dispose();
            if (_ownsContext) _context.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"GpuBackend({Device}, {AcceleratorName})";

    /// <summary>True when <paramref name="storage"/> was allocated by this backend.</summary>
    internal bool Owns(TensorStorage storage) => storage switch
    {
        GpuStorage<float> s => s.Backend == this,
        GpuStorage<double> s => s.Backend == this,
        GpuStorage<int> s => s.Backend == this,
        GpuStorage<long> s => s.Backend == this,
        _ => false,
    };

    /// <summary>Checks the backend is alive, binds its context to this thread (CUDA needs it per thread) and names
    /// <paramref name="op"/> as the op running, for errors raised below it; disposing the scope restores the outer one.</summary>
    private OpScope Enter(string op)
    {
        if (_disposed)
            throw new ObjectDisposedException(nameof(GpuBackend),
                $"{op}: expected an open {Device} backend, received one that was shut down " +
                "(Gpu.Shutdown or Dispose); open the device again with Gpu.Use() or Gpu.UseCpuAccelerator()");
        if (!ReferenceEquals(t_bound, _accelerator))
        {
            _accelerator.Bind();
            t_bound = _accelerator;
        }
        var scope = new OpScope(t_op, t_device);
        t_op = op;
        t_device = Device;
        return scope;
    }

    [ThreadStatic]
    private static string? t_op;

    [ThreadStatic]
    private static Device t_device;

    /// <summary>The op and device of the innermost backend call on this thread ("gpu" outside one), for messages
    /// raised where they are not known (<see cref="StridedView"/>).</summary>
    internal static string CurrentOp => t_op is null ? "gpu" : $"{t_op} on {t_device}";

    /// <summary>Restores the op that was running before <see cref="Enter"/>.</summary>
    private readonly struct OpScope(string? op, Device device) : IDisposable
    {
        public void Dispose()
        {
            t_op = op;
            t_device = device;
        }
    }

    // An empty tensor still gets a one-element buffer: kernels receive a valid view even when they read nothing
    // (the CPU accelerator dereferences every view argument).
    private RawTensor New<T>(Shape shape) where T : unmanaged =>
        new(new GpuStorage<T>(this, Pool.Rent<T>(Math.Max(shape.NumElements, 1)), shape.NumElements), shape);

    private static ArrayView<T> Data<T>(RawTensor x) where T : unmanaged => ((GpuStorage<T>)x.Storage).View;

    /// <summary>Runs <paramref name="launch"/> with a flag set to int.MaxValue, which kernels lower to the first bad
    /// position with an atomic min; returns that position, or −1 when none was bad. Reads the flag back (a sync).</summary>
    private int FirstBad(Action<ArrayView<int>> launch)
    {
        _flag ??= _accelerator.Allocate1D<int>(1);
        Launch(1, ElementwiseKernels.Fill<int>, _flag.View.AsContiguous(), int.MaxValue);
        launch(_flag.View);
        var at = new int[1];
        _flag.View.CopyToCPU(at);
        _accelerator.Synchronize();
        return at[0] == int.MaxValue ? -1 : at[0];
    }

    /// <summary>One element of <paramref name="x"/> (row-major position <paramref name="position"/>), read to the
    /// host.</summary>
    private T ElementAt<T>(RawTensor x, int position) where T : unmanaged
    {
        int at = StridedView.Of(x).At(position);
        var one = new T[1];
        Data<T>(x).SubView(at, 1).CopyToCPU(one);
        _accelerator.Synchronize();
        return one[0];
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="data"/> is no float[], double[], int[] or long[].</exception>
    /// <exception cref="ShapeMismatchException">Its length differs from the shape's element count.</exception>
    public RawTensor FromHostArray(Array data, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        if (data is not (float[] or double[] or int[] or long[]))
            throw new ArgumentException(
                $"fromHostArray: expected a float[], double[], int[] or long[], received {data.GetType().Name}",
                nameof(data));
        if (data.Length != shape.NumElements)
            ShapeRules.Fail("fromHostArray", $"{shape.NumElements} elements for shape {shape}", $"{data.Length}");
        lock (_gate)
        {
            using var scope = Enter("fromHostArray");
            return data switch
            {
                float[] f => Upload(f, shape),
                double[] d => Upload(d, shape),
                int[] i => Upload(i, shape),
                long[] l => Upload(l, shape),
                _ => throw new System.Diagnostics.UnreachableException(),
            };
        }
    }

    private RawTensor Upload<T>(T[] data, Shape shape) where T : unmanaged
    {
        var result = New<T>(shape);
        if (data.Length == 0) return result;
        ((GpuStorage<T>)result.Storage).Buffer.View.SubView(0, data.Length).CopyFromCPU(data);
        // The array belongs to the caller again once this returns: wait until the device holds its copy.
        _accelerator.Synchronize();
        return result;
    }

    /// <inheritdoc />
    public Array ToHostArray(RawTensor x)
    {
        lock (_gate)
        {
            using var scope = Enter("toHostArray");
            GpuChecks.On(this, "toHostArray", x, nameof(x));
            return x.DType switch
            {
                DType.Float32 => Download<float>(x),
                DType.Float64 => Download<double>(x),
                DType.Int32 => Download<int>(x),
                _ => Download<long>(x),
            };
        }
    }

    private T[] Download<T>(RawTensor x) where T : unmanaged
    {
        var result = new T[x.NumElements];
        if (result.Length == 0) return result;
        var c = ContiguousOf<T>(x);
        Data<T>(c).SubView(c.Offset, result.Length).CopyToCPU(result);
        _accelerator.Synchronize();
        return result;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or ±∞ for an integer dtype.</exception>
    public RawTensor Full(Shape shape, DType dtype, double value)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (dtype is DType.Int32 or DType.Int64 && !double.IsFinite(value))
            Checks.ThrowNotFinite("full", dtype, value, -1, nameof(value));
        lock (_gate)
        {
            using var scope = Enter("full");
            return dtype switch
            {
                DType.Float32 => FullOf(shape, (float)value),
                DType.Float64 => FullOf(shape, value),
                DType.Int32 => FullOf(shape, int.CreateSaturating(value)),
                DType.Int64 => FullOf(shape, long.CreateSaturating(value)),
                _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "full: unknown dtype"),
            };
        }
    }

    private RawTensor FullOf<T>(Shape shape, T value) where T : unmanaged
    {
        var result = New<T>(shape);
        Launch(shape.NumElements, ElementwiseKernels.Fill<T>, Data<T>(result), value);
        return result;
    }

    /// <inheritdoc />
    /// <remarks>Works at any rank (a view of more than eight axes that do not merge is copied in several launches), so a
    /// tensor can always be made contiguous or copied to the host; the other kernels take views of up to eight
    /// axes after merging and throw <see cref="NotSupportedException"/> beyond.</remarks>
    public RawTensor Contiguous(RawTensor x)
    {
        lock (_gate)
        {
            using var scope = Enter("contiguous");
            GpuChecks.On(this, "contiguous", x, nameof(x));
            if (x.IsContiguous) return x;
            return x.DType switch
            {
                DType.Float32 => ContiguousOf<float>(x),
                DType.Float64 => ContiguousOf<double>(x),
                DType.Int32 => ContiguousOf<int>(x),
                _ => ContiguousOf<long>(x),
            };
        }
    }

    private RawTensor ContiguousOf<T>(RawTensor x) where T : unmanaged
    {
        if (x.IsContiguous) return x;
        var result = New<T>(x.Shape);
        if (x.NumElements == 0) return result;
        var (dims, strides) = StridedView.Merge(x.Shape.Dims, x.Strides);
        // Views of more axes than a kernel takes: one launch per position of the leading axes.
        int lead = Math.Max(dims.Length - StridedView.MaxRank, 0);
        var innerDims = dims.AsSpan(lead);
        int block = 1, blocks = 1;
        foreach (int d in innerDims) block *= d;
        for (int k = 0; k < lead; k++) blocks *= dims[k];
        for (int b = 0; b < blocks; b++)
        {
            int offset = x.Offset;
            for (int k = lead - 1, rest = b; k >= 0; k--)
            {
                offset += rest % dims[k] * strides[k];
                rest /= dims[k];
            }
            Launch(block, ElementwiseKernels.Copy<T>, Data<T>(x), StridedView.Of(innerDims, strides.AsSpan(lead), offset),
                Data<T>(result), StridedView.Contiguous(innerDims, b * block));
        }
        return result;
    }

    /// <inheritdoc />
    /// <remarks>Floats to integers truncate toward zero and saturate at the integer's range; integers narrow by
    /// saturating. Casting to the same dtype returns <see cref="Contiguous"/> x. A float-to-integer cast reads one flag
    /// back from the device to report a NaN or ±∞ as the CPU backend does.</remarks>
    /// <exception cref="ArgumentException">A NaN or ±∞ is cast to an integer dtype.</exception>
    public RawTensor Cast(RawTensor x, DType dtype)
    {
        lock (_gate)
        {
            using var scope = Enter("cast");
            GpuChecks.On(this, "cast", x, nameof(x));
            if (dtype == x.DType) return Contiguous(x);
            return x.DType switch
            {
                DType.Float32 => CastFrom<float, Float32Ops>(x, dtype),
                DType.Float64 => CastFrom<double, Float64Ops>(x, dtype),
                DType.Int32 => CastFrom<int, Int32Ops>(x, dtype),
                _ => CastFrom<long, Int64Ops>(x, dtype),
            };
        }
    }

    private RawTensor CastFrom<TFrom, TFromOps>(RawTensor x, DType dtype)
        where TFrom : unmanaged where TFromOps : struct, INumeric<TFrom> => dtype switch
        {
            DType.Float32 => CastTo<TFrom, TFromOps, float, Float32Ops>(x),
            DType.Float64 => CastTo<TFrom, TFromOps, double, Float64Ops>(x),
            DType.Int32 => CastTo<TFrom, TFromOps, int, Int32Ops>(x),
            DType.Int64 => CastTo<TFrom, TFromOps, long, Int64Ops>(x),
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "cast: unknown dtype"),
        };

    private RawTensor CastTo<TFrom, TFromOps, TTo, TToOps>(RawTensor x)
        where TFrom : unmanaged where TFromOps : struct, INumeric<TFrom>
        where TTo : unmanaged where TToOps : struct, INumeric<TTo>
    {
        var result = New<TTo>(x.Shape);
        var from = StridedView.Of(x);
        void Run(ArrayView<int> flag) =>
            Launch(x.NumElements, ElementwiseKernels.Cast<TFrom, TFromOps, TTo, TToOps>, Data<TFrom>(x), from,
                Data<TTo>(result), flag);
        if (default(TToOps).IsInteger && !default(TFromOps).IsInteger)
        {
            int bad = FirstBad(Run);
            if (bad >= 0)
                Checks.ThrowNotFinite("cast", result.DType, default(TFromOps).ToDouble(ElementAt<TFrom>(x, bad)), bad,
                    "x");
        }
        else
        {
            _flag ??= _accelerator.Allocate1D<int>(1);
            Run(_flag.View);
        }
        return result;
    }
}
