using System;

namespace Functional.Core.Tensors;

/// <summary>A tensor without autodiff: a storage plus its layout (shape, strides and offset, in elements).
/// Views (transpose, slice, expand) share the storage and change only the layout.</summary>
public sealed class RawTensor
{
    /// <summary>Creates a view of <paramref name="storage"/>.</summary>
    /// <exception cref="ArgumentException">Strides do not match the rank, or the view reaches outside the storage.</exception>
    public RawTensor(TensorStorage storage, Shape shape, int[] strides, int offset)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(strides);
        if (strides.Length != shape.Rank)
            throw new ArgumentException($"tensor: expected {shape.Rank} strides for shape {shape}, received {strides.Length}", nameof(strides));
        if (shape.NumElements > 0)
        {
            long lo = offset, hi = offset;
            for (int i = 0; i < shape.Rank; i++)
            {
                long reach = (long)strides[i] * (shape.Dims[i] - 1);
                if (reach < 0) lo += reach; else hi += reach;
            }
            if (lo < 0 || hi >= storage.Length)
                throw new ArgumentException($"tensor: expected a view inside a storage of {storage.Length} elements, received shape {shape}, strides [{string.Join(", ", strides)}], offset {offset}", nameof(strides));
        }
        Storage = storage;
        Shape = shape;
        Strides = (int[])strides.Clone();
        Offset = offset;
        IsContiguous = ComputeContiguous(shape, strides);
    }

    /// <summary>A contiguous, row-major tensor over the whole of <paramref name="storage"/>.</summary>
    /// <exception cref="ArgumentException">The storage length differs from the shape's element count.</exception>
    public RawTensor(TensorStorage storage, Shape shape)
    {
        CheckLength(storage, shape);
        // Every kernel result comes through here: share the shape's cached strides, nothing to validate.
        Storage = storage;
        Shape = shape;
        Strides = shape.SharedContiguousStrides;
        Offset = 0;
        IsContiguous = true;
    }

    /// <summary>The buffer.</summary>
    public TensorStorage Storage { get; }

    /// <summary>The shape.</summary>
    public Shape Shape { get; }

    /// <summary>Element strides per axis (0 on a broadcast axis).</summary>
    public int[] Strides { get; }

    /// <summary>Index of element [0, 0, ...] in the storage.</summary>
    public int Offset { get; }

    /// <summary>True when the elements are row-major and gap-free from <see cref="Offset"/>.</summary>
    public bool IsContiguous { get; }

    /// <summary>The element type.</summary>
    public DType DType => Storage.DType;

    /// <summary>The device.</summary>
    public Device Device => Storage.Device;

    /// <summary>The backend that computes on this tensor's device.</summary>
    public IBackend Backend => Backends.For(Device);

    /// <summary>Number of elements.</summary>
    public int NumElements => Shape.NumElements;

    /// <summary>Wraps a host array as a contiguous tensor (no copy).</summary>
    public static RawTensor FromArray<T>(T[] data, Shape shape) where T : unmanaged =>
        new(new CpuStorage<T>(data), shape);

    /// <summary>Copies the elements, row-major, into a new host array.</summary>
    /// <exception cref="DTypeMismatchException"><typeparamref name="T"/> does not match <see cref="DType"/>.</exception>
    public T[] ToArray<T>() where T : unmanaged
    {
        if (DTypes.Of<T>() != DType)
            throw new DTypeMismatchException("toArray", $"an element type of {DType.Name()} (the tensor's dtype)", DTypes.Of<T>().Name());
        return (T[])Backend.ToHostArray(this);
    }

    /// <inheritdoc />
    public override string ToString() => $"RawTensor({Shape}, {DType.Name()}, {Device})";

    private static TensorStorage CheckLength(TensorStorage storage, Shape shape)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(shape);
        if (storage.Length != shape.NumElements)
            throw new ArgumentException($"tensor: expected {shape.NumElements} elements for shape {shape}, received {storage.Length}", nameof(storage));
        return storage;
    }

    private static bool ComputeContiguous(Shape shape, int[] strides)
    {
        int expected = 1;
        for (int i = shape.Rank - 1; i >= 0; i--)
        {
            if (shape.Dims[i] != 1 && strides[i] != expected) return false;
            expected *= shape.Dims[i];
        }
        return true;
    }
}
