using System;
using System.Collections.Generic;
using System.Linq;

namespace Functional.Core.Tensors;

/// <summary>An immutable, validated N-dimensional shape: every dimension is ≥ 0. Rank 0 is a scalar.</summary>
public sealed class Shape : IEquatable<Shape>, IReadOnlyList<int>
{
    private readonly int[] _dims;

    /// <summary>Creates a shape from its dimensions.</summary>
    /// <exception cref="ArgumentException">A dimension is negative, or the element count overflows an int.</exception>
    public Shape(params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        long count = 1;
        foreach (int d in dims)
        {
            if (d < 0)
                throw new ArgumentException($"shape: expected dimensions >= 0, received [{string.Join(", ", dims)}]", nameof(dims));
            count *= d;
            if (count > int.MaxValue)
                throw new ArgumentException($"shape: expected at most {int.MaxValue} elements, received [{string.Join(", ", dims)}]", nameof(dims));
        }
        _dims = (int[])dims.Clone();
        NumElements = (int)count;
    }

    /// <summary>Takes ownership of dimensions already known to be valid (computed from valid shapes by
    /// <see cref="ShapeRules"/>): no copy, no re-validation, because every op builds a result shape.</summary>
    internal Shape(int[] dims, long count)
    {
        _dims = dims;
        NumElements = checked((int)count);
    }

    /// <summary>A shape over <paramref name="dims"/> without copying them; they must not change afterwards.</summary>
    internal static Shape Own(int[] dims)
    {
        long count = 1;
        foreach (int d in dims)
        {
            if (d < 0)
                throw new ArgumentException($"shape: expected dimensions >= 0, received [{string.Join(", ", dims)}]", nameof(dims));
            count *= d;
        }
        if (count > int.MaxValue)
            throw new ArgumentException($"shape: expected at most {int.MaxValue} elements, received [{string.Join(", ", dims)}]", nameof(dims));
        return new Shape(dims, count);
    }

    /// <summary>The shape of a scalar (rank 0, one element).</summary>
    public static Shape Scalar { get; } = new();

    /// <summary>Number of dimensions.</summary>
    public int Rank => _dims.Length;

    /// <summary>Product of the dimensions (1 for a scalar).</summary>
    public int NumElements { get; }

    /// <summary>Dimension <paramref name="axis"/>; negative axes count from the end.</summary>
    public int this[int axis] => _dims[ShapeRules.NormalizeAxis("shape", axis, Rank)];

    /// <summary>Same as <see cref="Rank"/>, for <see cref="IReadOnlyList{T}"/>.</summary>
    public int Count => _dims.Length;

    /// <summary>A copy of the dimensions.</summary>
    public int[] ToArray() => (int[])_dims.Clone();

    /// <summary>The dimensions as a read-only span (no copy).</summary>
    public ReadOnlySpan<int> Dims => _dims;

    private int[]? _contiguousStrides;

    /// <summary>Row-major (C-order) strides of this shape, in elements (a new array).</summary>
    public int[] ContiguousStrides() => (int[])SharedContiguousStrides.Clone();

    /// <summary>The row-major strides, computed once and shared: callers must not modify the array.</summary>
    internal int[] SharedContiguousStrides
    {
        get
        {
            if (_contiguousStrides is { } cached) return cached;
            var strides = new int[Rank];
            int s = 1;
            for (int i = Rank - 1; i >= 0; i--)
            {
                strides[i] = s;
                s *= Math.Max(_dims[i], 1);
            }
            return _contiguousStrides = strides;
        }
    }

    /// <inheritdoc />
    public bool Equals(Shape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int d in _dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Shapes are equal when their dimensions are.</summary>
    public static bool operator ==(Shape? a, Shape? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Shapes differ when their dimensions do.</summary>
    public static bool operator !=(Shape? a, Shape? b) => !(a == b);

    /// <summary>The shape as in error messages: <c>3x4</c>, <c>5</c>, or <c>scalar</c>.</summary>
    public override string ToString() => Rank == 0 ? "scalar" : string.Join("x", _dims);

    /// <inheritdoc />
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)_dims).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _dims.GetEnumerator();

    /// <summary>Creates a shape from a sequence of dimensions.</summary>
    public static Shape From(IEnumerable<int> dims) => new(dims.ToArray());
}
