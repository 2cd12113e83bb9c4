using System;

namespace Functional.Core.Tensors;

/// <summary>A flat buffer of elements on one device. Layout (shape, strides, offset) lives in
/// <see cref="RawTensor"/>, so several views can share one storage.</summary>
public abstract class TensorStorage
{
    /// <summary>The element type.</summary>
    public abstract DType DType { get; }

    /// <summary>The device holding the buffer.</summary>
    public abstract Device Device { get; }

    /// <summary>Number of elements in the buffer.</summary>
    public abstract int Length { get; }
}

/// <summary>Host memory: a CLR array of float, double, int or long.</summary>
/// <typeparam name="T">float, double, int or long.</typeparam>
public sealed class CpuStorage<T> : TensorStorage where T : unmanaged
{
    /// <summary>Wraps <paramref name="data"/> without copying.</summary>
    public CpuStorage(T[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
        DType = DTypes.Of<T>();
    }

    /// <summary>The elements.</summary>
    public T[] Data { get; }

    /// <inheritdoc />
    public override DType DType { get; }

    /// <inheritdoc />
    public override Device Device => Device.Cpu;

    /// <inheritdoc />
    public override int Length => Data.Length;
}
