using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using ILGPU;
using ILGPU.Runtime;

namespace Functional.Gpu;

/// <summary>Device buffers kept for reuse, by element type and exact length: a training loop allocates the same shapes
/// every step, and a device allocation is far slower than a kernel launch (it may synchronise the device). Buffers
/// released by finalizers wait in a queue until the backend's thread takes them, so device calls stay on that thread.
/// Reuse is safe in stream order: every kernel runs on one stream, so a kernel that writes a reused buffer runs after
/// every kernel that read it before it was released.</summary>
internal sealed class BufferPool : IDisposable
{
    private readonly Accelerator _accelerator;
    private readonly long _capacityBytes;
    private readonly Dictionary<(Type, long), Stack<MemoryBuffer>> _free = new();
    private readonly ConcurrentQueue<MemoryBuffer> _returned = new();
    // Every buffer handed out and not yet returned. Holding them keeps ILGPU's own finalizers (of the buffer and of the
    // raw buffer inside it) from freeing device memory that a collected storage is about to hand back for reuse.
    private readonly HashSet<MemoryBuffer> _rented = new();
    private long _pooledBytes;
    private bool _disposed;

    /// <summary>A pool that keeps at most <paramref name="capacityBytes"/> of idle buffers.</summary>
    public BufferPool(Accelerator accelerator, long capacityBytes)
    {
        _accelerator = accelerator;
        _capacityBytes = capacityBytes;
    }

    /// <summary>Bytes held by idle buffers.</summary>
    public long PooledBytes => _pooledBytes;

    /// <summary>A buffer of <paramref name="length"/> elements with undefined contents. Call under the backend's lock.
    /// When the device is out of memory, idle buffers are freed, the garbage collector runs finalizers of unreachable
    /// tensors, and the allocation is tried once more.</summary>
    public MemoryBuffer1D<T, Stride1D.Dense> Rent<T>(int length) where T : unmanaged
    {
        Drain();
        if (_free.TryGetValue((typeof(MemoryBuffer1D<T, Stride1D.Dense>), length), out var stack) && stack.Count > 0)
        {
            var reused = (MemoryBuffer1D<T, Stride1D.Dense>)stack.Pop();
            _pooledBytes -= reused.LengthInBytes;
            _rented.Add(reused);
            return reused;
        }
        MemoryBuffer1D<T, Stride1D.Dense> buffer;
        try
        {
            buffer = _accelerator.Allocate1D<T>(length);
        }
        catch (Exception ex) when (ex is not ArgumentException)
        {
            Trim();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Drain();
            Trim();
            buffer = _accelerator.Allocate1D<T>(length);
        }
        _rented.Add(buffer);
        return buffer;
    }

    /// <summary>Takes a buffer back from any thread (a finalizer's too): it is queued, and pooled or freed at the next
    /// <see cref="Rent{T}"/>.</summary>
    public void Return(MemoryBuffer buffer) => _returned.Enqueue(buffer);

    /// <summary>Frees every idle buffer.</summary>
    public void Trim()
    {
        foreach (var stack in _free.Values)
            while (stack.Count > 0) stack.Pop().Dispose();
        _pooledBytes = 0;
    }

    /// <summary>Frees every buffer, idle or rented, and refuses later returns.</summary>
    public void Dispose()
    {
        _disposed = true;
        Trim();
        foreach (var b in _rented) b.Dispose();
        _rented.Clear();
        while (_returned.TryDequeue(out _)) { }
    }

    private void Drain()
    {
        while (_returned.TryDequeue(out var buffer))
        {
            if (_disposed || !_rented.Remove(buffer)) continue;
            if (_pooledBytes + buffer.LengthInBytes > _capacityBytes)
            {
                buffer.Dispose();
                continue;
            }
            var key = (buffer.GetType(), buffer.Length);
            if (!_free.TryGetValue(key, out var stack)) _free[key] = stack = new Stack<MemoryBuffer>();
            stack.Push(buffer);
            _pooledBytes += buffer.LengthInBytes;
        }
    }
}
