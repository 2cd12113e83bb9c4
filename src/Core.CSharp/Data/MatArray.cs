using System;
using System.Collections.Generic;
using System.Linq;

namespace Functional.Core.Data;

/// <summary>The class of a MATLAB array as a MAT-file stores it (mxDOUBLE_CLASS …); logical arrays are
/// <see cref="Logical"/>, sparse ones <see cref="Sparse"/>.</summary>
public enum MatClass
{
    /// <summary>double</summary>
    Double,
    /// <summary>single</summary>
    Single,
    /// <summary>int8</summary>
    Int8,
    /// <summary>uint8</summary>
    UInt8,
    /// <summary>int16</summary>
    Int16,
    /// <summary>uint16</summary>
    UInt16,
    /// <summary>int32</summary>
    Int32,
    /// <summary>uint32</summary>
    UInt32,
    /// <summary>int64</summary>
    Int64,
    /// <summary>uint64</summary>
    UInt64,
    /// <summary>char: one string per row</summary>
    Char,
    /// <summary>logical (a uint8 array flagged logical)</summary>
    Logical,
    /// <summary>sparse double or logical matrix (compressed columns)</summary>
    Sparse,
}

/// <summary>One named variable of a MAT-file, its elements in row-major (C) order with MATLAB's dimensions: for an
/// r×c matrix, element [i, j] is at <c>i·c + j</c>.</summary>
public sealed class MatArray
{
    internal MatArray(string name, int[] dims, MatClass matClass, Array values, bool isLogical)
    {
        Name = name;
        Dims = dims;
        Class = matClass;
        Values = values;
        IsLogical = isLogical;
    }

    internal MatArray(string name, int rows, int columns, bool isLogical, int[] rowIndices, int[] columnStarts,
        double[] values)
        : this(name, [rows, columns], MatClass.Sparse, values, isLogical)
    {
        RowIndices = rowIndices;
        ColumnStarts = columnStarts;
    }

    /// <summary>The variable's name.</summary>
    public string Name { get; }

    /// <summary>The dimensions as MATLAB gives them (at least two).</summary>
    public IReadOnlyList<int> Dims { get; }

    /// <summary>The array's class.</summary>
    public MatClass Class { get; }

    /// <summary>True for a logical array (dense or sparse).</summary>
    public bool IsLogical { get; }

    /// <summary>True for a sparse matrix.</summary>
    public bool IsSparse => Class == MatClass.Sparse;

    /// <summary>The elements, row-major, in the class's own .NET type (double[], float[], sbyte[] … ulong[],
    /// bool[] for logical, char[] for char); for a sparse matrix, the stored non-zero values (double[]).</summary>
    public Array Values { get; }

    /// <summary>A sparse matrix's row index of each stored value (0-based, MATLAB's ir); empty when dense.</summary>
    public IReadOnlyList<int> RowIndices { get; } = [];

    /// <summary>A sparse matrix's start of each column in <see cref="Values"/>, plus the end (MATLAB's jc, columns + 1
    /// entries); empty when dense.</summary>
    public IReadOnlyList<int> ColumnStarts { get; } = [];

    /// <summary>The number of elements (the product of the dimensions).</summary>
    public long Count => Dims.Aggregate(1L, (n, d) => n * d);

    /// <summary>The elements as float64, row-major; a sparse matrix densified, logical as 0 and 1.</summary>
    /// <exception cref="InvalidOperationException">The array is a char array.</exception>
    public double[] ToDoubles()
    {
        switch (Class)
        {
            case MatClass.Double:
                return (double[])((double[])Values).Clone();
            case MatClass.Sparse:
                var nonZeros = (double[])Values;
                int rows = Dims[0], columns = Dims[1];
                var dense = new double[(long)rows * columns];
                for (int j = 0; j < columns; j++)
                    for (int k = ColumnStarts[j]; k < ColumnStarts[j + 1]; k++)
                        dense[(long)RowIndices[k] * columns + j] = nonZeros[k];
                return dense;
            case MatClass.Char:
                throw new InvalidOperationException($"MatArray {Name}: expected a numeric or logical array, received char");
            case MatClass.Logical:
                return Array.ConvertAll((bool[])Values, v => v ? 1.0 : 0.0);
            default:
                var result = new double[Values.Length];
                for (int i = 0; i < result.Length; i++)
                    result[i] = Convert.ToDouble(Values.GetValue(i));
                return result;
        }
    }

    /// <summary>An integer array's elements exactly (int64 values beyond 2⁵³ included), row-major.</summary>
    /// <exception cref="InvalidOperationException">The array is not of an integer class (uint64 values above
    /// <see cref="long.MaxValue"/> are refused too).</exception>
    public long[] ToInt64s()
    {
        // By class, not by array type: the CLR lets a byte[] pass as an sbyte[] (and uint[] as int[], …).
        return Class switch
        {
            MatClass.Int8 => Array.ConvertAll((sbyte[])Values, v => (long)v),
            MatClass.UInt8 => Array.ConvertAll((byte[])Values, v => (long)v),
            MatClass.Int16 => Array.ConvertAll((short[])Values, v => (long)v),
            MatClass.UInt16 => Array.ConvertAll((ushort[])Values, v => (long)v),
            MatClass.Int32 => Array.ConvertAll((int[])Values, v => (long)v),
            MatClass.UInt32 => Array.ConvertAll((uint[])Values, v => (long)v),
            MatClass.Int64 => (long[])((long[])Values).Clone(),
            MatClass.UInt64 when ((ulong[])Values).All(v => v <= long.MaxValue) =>
                Array.ConvertAll((ulong[])Values, v => (long)v),
            _ => throw new InvalidOperationException(
                $"MatArray {Name}: expected an integer array whose values fit in int64, received {Class}"),
        };
    }

    /// <summary>A 2-D array as a float64 matrix [rows, columns].</summary>
    /// <exception cref="InvalidOperationException">The array has more than two dimensions, or is char.</exception>
    public double[,] ToMatrix()
    {
        if (Dims.Count != 2)
            throw new InvalidOperationException(
                $"MatArray {Name}: expected a 2-D array, received {string.Join("x", Dims)}");
        var values = ToDoubles();
        var matrix = new double[Dims[0], Dims[1]];
        Buffer.BlockCopy(values, 0, matrix, 0, values.Length * sizeof(double));
        return matrix;
    }

    /// <summary>A 2-D char array's rows as strings (MATLAB pads shorter rows with spaces; they are kept).</summary>
    /// <exception cref="InvalidOperationException">The array is not a 2-D char array.</exception>
    public string[] ToStrings()
    {
        if (Values is not char[] chars || Dims.Count != 2)
            throw new InvalidOperationException(
                $"MatArray {Name}: expected a 2-D char array, received {Class} {string.Join("x", Dims)}");
        int columns = Dims[1];
        return Enumerable.Range(0, Dims[0]).Select(i => new string(chars, i * columns, columns)).ToArray();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}: {string.Join("x", Dims)} {Class}{(IsLogical && Class == MatClass.Sparse ? " (logical)" : "")}";
}
