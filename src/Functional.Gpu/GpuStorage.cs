using System;
using System.Threading;
using Functional.Core.Tensors;
using ILGPU;
using ILGPU.Runtime;
using Device = Functional.Core.Tensors.Device;

namespace Functional.Gpu;

/// <summary>Device memory of a <see cref="GpuBackend"/>: an ILGPU <see cref="MemoryBuffer1D{T, TStride}"/> of float,
/// double, int or long. Layout (shape, strides, offset) lives in <see cref="RawTensor"/>, as for host storage.</summary>
/// <remarks>Tensors are values that nobody disposes, so the buffer goes back to its backend's pool when this storage is
/// collected (the finalizer only queues it; the backend reuses or frees it on its own thread at its next allocation).
/// <see cref="Dispose"/> returns it without waiting for the collector. The storage tells the garbage collector how much
/// device memory it holds, so collections keep pace with device allocations.</remarks>
/// <typeparam name="T">float, double, int or long.</typeparam>
public sealed class GpuStorage<T> : TensorStorage, IDisposable where T : unmanaged
{
    private MemoryBuffer1D<T, Stride1D.Dense>? _buffer;
    private readonly long _bytes;
    private int _released;

    internal GpuStorage(GpuBackend backend, MemoryBuffer1D<T, Stride1D.Dense> buffer, int length)
    {
        Backend = backend;
        _buffer = buffer;
        Length = length;
        DType = DTypes.Of<T>();
        _bytes = buffer.LengthInBytes;
        if (_bytes > 0) GC.AddMemoryPressure(_bytes);
    }

    /// <summary>The backend that allocated this storage and computes on it.</summary>
    public GpuBackend Backend { get; }

    /// <summary>The ILGPU buffer: <see cref="Length"/> elements (one, unused, for an empty storage).</summary>
    /// <exception cref="ObjectDisposedException">The storage or its backend has been disposed.</exception>
    public MemoryBuffer1D<T, Stride1D.Dense> Buffer
    {
        get
        {
            if (Volatile.Read(ref _released) != 0 || Backend.IsDisposed)
                throw new ObjectDisposedException(nameof(GpuStorage<T>),
                    $"gpu: expected a live tensor on {Device}, received one whose memory was released " +
                    "(its storage or its backend was disposed)");
            return _buffer!;
        }
    }

    /// <summary>The whole buffer as a kernel argument.</summary>
    internal ArrayView<T> View => Buffer.View;

    /// <inheritdoc />
    public override DType DType { get; }

    /// <inheritdoc />
    public override Device Device => Backend.Device;

    /// <inheritdoc />
    public override int Length { get; }

    /// <summary>Returns the buffer to the backend's pool now; tensors over this storage become unusable.</summary>
    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    /// <summary>Queues the buffer for reuse when the storage is collected without <see cref="Dispose"/>.</summary>
    ~GpuStorage() => Release();

    private void Release()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0) return;
        if (_bytes > 0) GC.RemoveMemoryPressure(_bytes);
        var buffer = _buffer;
        _buffer = null;
        if (buffer is not null) Backend.Pool.Return(buffer);
    }
}
