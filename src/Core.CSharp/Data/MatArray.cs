using System;
using System.Linq;
using System.Numerics;

namespace Functional.Core.Data;

/// <summary>The MATLAB array classes <see cref="MatFile"/> reads (the mxCLASS codes of "MATLAB MAT-File Format",
/// Array Flags subelement), with logical arrays as a class of their own, as MATLAB shows them.</summary>
public enum MatClass
{
    /// <summary>mxDOUBLE_CLASS: float64.</summary>
    Double,
    /// <summary>mxSINGLE_CLASS: float32.</summary>
    Single,
    /// <summary>mxINT8_CLASS.</summary>
    Int8,
    /// <summary>mxUINT8_CLASS.</summary>
    UInt8,
    /// <summary>mxINT16_CLASS.</summary>
    Int16,
    /// <summary>mxUINT16_CLASS.</summary>
    UInt16,
    /// <summary>mxINT32_CLASS.</summary>
    Int32,
    /// <summary>mxUINT32_CLASS.</summary>
    UInt32,
    /// <summary>mxINT64_CLASS.</summary>
    Int64,
    /// <summary>mxUINT64_CLASS.</summary>
    UInt64,
    /// <summary>mxCHAR_CLASS: UTF-16 code units.</summary>
    Char,
    /// <summary>A numeric array (MATLAB: uint8) with the logical flag set: true or false.</summary>
    Logical,
    /// <summary>mxSPARSE_CLASS: a 2-D double or logical matrix in compressed sparse column form.</summary>
    Sparse,
}

/// <summary>One variable of a MAT-file: its name, dimensions (MATLAB's, at least 2) and elements, held in row-major
/// (C) order: for an r×c matrix, element [i, j] is at i*c + j, as scipy.io.loadmat returns it.</summary>
public sealed class MatArray
{
    private readonly int[] _dims;
    private readonly double[]? _reals;     // Double, Single (float values widened exactly)
    private readonly Array? _integers;     // Int8..UInt64: sbyte[], byte[], … ulong[], the class's own type
    private readonly bool[]? _logicals;    // Logical
    private readonly char[]? _chars;       // Char
    private readonly int[]? _rowIndices, _columnStarts; // Sparse (CSC, as MATLAB stores it)
    private readonly double[]? _sparseValues;

    private MatArray(string name, int[] dims, MatClass matClass, bool isLogical)
    {
        Name = name;
        _dims = dims;
        Class = matClass;
        IsLogical = isLogical;
        Count = Product(dims);
    }

    internal MatArray(string name, int[] dims, MatClass matClass, double[] reals) : this(name, dims, matClass, false) =>
        _reals = reals;

    internal MatArray(string name, int[] dims, MatClass matClass, Array integers) : this(name, dims, matClass, false) =>
        _integers = integers;

    internal MatArray(string name, int[] dims, bool[] logicals) : this(name, dims, MatClass.Logical, true) =>
        _logicals = logicals;

    internal MatArray(string name, int[] dims, char[] chars) : this(name, dims, MatClass.Char, false) =>
        _chars = chars;

    internal MatArray(string name, int[] dims, bool isLogical, int[] rowIndices, int[] columnStarts, double[] values)
        : this(name, dims, MatClass.Sparse, isLogical)
    {
        _rowIndices = rowIndices;
        _columnStarts = columnStarts;
        _sparseValues = values;
    }

    /// <summary>The variable's name.</summary>
    public string Name { get; }

    /// <summary>A copy of the dimensions, as MATLAB has them: at least 2 (a column vector of 12 is [12, 1]).</summary>
    public int[] Dims => (int[])_dims.Clone();

    /// <summary>The number of dimensions (at least 2).</summary>
    public int Rank => _dims.Length;

    /// <summary>The number of elements: the product of the dimensions (for a sparse matrix, zeros included).</summary>
    public long Count { get; }

    /// <summary>The array's class.</summary>
    public MatClass Class { get; }

    /// <summary>Whether this is a sparse matrix (<see cref="MatClass.Sparse"/>), double or logical.</summary>
    public bool IsSparse => Class == MatClass.Sparse;

    /// <summary>Whether the logical flag is set: a dense <see cref="MatClass.Logical"/> array, or a sparse logical
    /// matrix (whose stored values read as 1).</summary>
    public bool IsLogical { get; }

    /// <summary>The elements as doubles in row-major order: every numeric class (64-bit integers beyond 2^53 round
    /// to nearest; see <see cref="ToInt64s"/>), logical (0 or 1) and sparse (densified, zeros filled in).</summary>
    /// <exception cref="InvalidOperationException">The array is a char array, or a sparse matrix too large to
    /// densify into one .NET array.</exception>
    public double[] ToDoubles()
    {
        if (_reals is not null) return (double[])_reals.Clone();
        if (_integers is not null) return Convert<double>(_integers);
        if (_logicals is not null) return Array.ConvertAll(_logicals, v => v ? 1.0 : 0.0);
        if (_sparseValues is null)
            throw WrongClass(nameof(ToDoubles), "a numeric, logical or sparse array; use ToStrings");
        if (Count > Array.MaxLength)
            throw new InvalidOperationException(
                $"MatArray.ToDoubles: expected at most {Array.MaxLength} elements to densify, received the sparse " +
                $"{Describe()}; use ToSparse");
        int columns = _dims[1];
        var dense = new double[Count];
        for (int j = 0; j < columns; j++)
            for (int k = _columnStarts![j]; k < _columnStarts[j + 1]; k++)
                dense[(long)_rowIndices![k] * columns + j] += _sparseValues[k]; // duplicates add up, as scipy's toarray
        return dense;
    }

    /// <summary>A 2-D array as a matrix: <c>m[i, j]</c> is MATLAB's <c>A(i+1, j+1)</c>; the classes of
    /// <see cref="ToDoubles"/>.</summary>
    /// <exception cref="InvalidOperationException">The array has more than 2 dimensions, or is a char
    /// array.</exception>
    public double[,] ToMatrix()
    {
        if (Rank != 2)
            throw new InvalidOperationException(
                $"MatArray.ToMatrix: expected a 2-D array, received {Describe()}; use ToDoubles and Dims");
        var flat = ToDoubles();
        int rows = _dims[0], columns = _dims[1];
        var matrix = new double[rows, columns];
        Buffer.BlockCopy(flat, 0, matrix, 0, flat.Length * sizeof(double));
        return matrix;
    }

    /// <summary>The elements of an integer array (Int8..UInt64) or a logical one (0 or 1), exactly, in row-major
    /// order.</summary>
    /// <exception cref="InvalidOperationException">The array is not an integer or logical array.</exception>
    /// <exception cref="OverflowException">A uint64 value is above <see cref="long.MaxValue"/>; use
    /// <see cref="ToUInt64s"/>.</exception>
    public long[] ToInt64s() => ToIntegers<long>(nameof(ToInt64s), "above Int64.MaxValue; use ToUInt64s");

    /// <summary>The elements of an integer array (Int8..UInt64) or a logical one (0 or 1), exactly, in row-major
    /// order.</summary>
    /// <exception cref="InvalidOperationException">The array is not an integer or logical array.</exception>
    /// <exception cref="OverflowException">A value is negative; use <see cref="ToInt64s"/>.</exception>
    public ulong[] ToUInt64s() => ToIntegers<ulong>(nameof(ToUInt64s), "below zero; use ToInt64s");

    /// <summary>A 2-D char array as one string per row (MATLAB's <c>['ab'; 'cd']</c> gives "ab", "cd"); an r×0
    /// array gives r empty strings, a 0×c one none.</summary>
    /// <exception cref="InvalidOperationException">The array is not a char array.</exception>
    public string[] ToStrings()
    {
        if (_chars is null) throw WrongClass(nameof(ToStrings), "a char array");
        int rows = _dims[0], columns = _dims[1];
        var result = new string[rows];
        for (int i = 0; i < rows; i++) result[i] = new string(_chars, i * columns, columns);
        return result;
    }

    /// <summary>A sparse matrix in MATLAB's compressed sparse column form: the values of column j are
    /// <c>Values[ColumnStarts[j]..ColumnStarts[j+1]]</c>, in the 0-based rows <c>RowIndices[same range]</c>;
    /// <c>ColumnStarts</c> has columns + 1 entries. A logical matrix's values are 1.</summary>
    /// <exception cref="InvalidOperationException">The array is not sparse.</exception>
    public (int[] RowIndices, int[] ColumnStarts, double[] Values) ToSparse()
    {
        if (_sparseValues is null) throw WrongClass(nameof(ToSparse), "a sparse matrix");
        return ((int[])_rowIndices!.Clone(), (int[])_columnStarts!.Clone(), (double[])_sparseValues.Clone());
    }

    /// <summary>The name, class and dimensions, e.g. <c>X: Double 12x1</c> or <c>A: Sparse logical 3x4</c>.</summary>
    public override string ToString() => $"{Name}: {Describe()}";

    // The product of the dimensions, saturating at long.MaxValue (dims of 100000x100000x... must not overflow).
    internal static long Product(int[] dims)
    {
        long product = 1;
        foreach (int d in dims) product = d == 0 || product <= long.MaxValue / d ? product * d : long.MaxValue;
        return product;
    }

    private string Describe() =>
        $"{Class}{(IsSparse && IsLogical ? " logical" : "")} {string.Join("x", _dims.Select(d => d.ToString()))}";

    private T[] ToIntegers<T>(string method, string outOfRange) where T : IBinaryInteger<T>
    {
        if (_logicals is not null) return Array.ConvertAll(_logicals, v => v ? T.One : T.Zero);
        if (_integers is null) throw WrongClass(method, "an integer or logical array; use ToDoubles");
        try
        {
            return Convert<T>(_integers);
        }
        catch (OverflowException e)
        {
            throw new OverflowException($"MatArray.{method}: '{Name}' ({Describe()}) holds a value {outOfRange}", e);
        }
    }

    // The integer classes keep their own element type; CreateChecked throws OverflowException out of T's range.
    // Dispatch on the class, not on `integers is sbyte[]`: the runtime lets a byte[] pass as an sbyte[].
    private T[] Convert<T>(Array integers) where T : INumberBase<T> => Class switch
    {
        MatClass.Int8 => Array.ConvertAll((sbyte[])integers, T.CreateChecked),
        MatClass.UInt8 => Array.ConvertAll((byte[])integers, T.CreateChecked),
        MatClass.Int16 => Array.ConvertAll((short[])integers, T.CreateChecked),
        MatClass.UInt16 => Array.ConvertAll((ushort[])integers, T.CreateChecked),
        MatClass.Int32 => Array.ConvertAll((int[])integers, T.CreateChecked),
        MatClass.UInt32 => Array.ConvertAll((uint[])integers, T.CreateChecked),
        MatClass.Int64 => Array.ConvertAll((long[])integers, T.CreateChecked),
        _ => Array.ConvertAll((ulong[])integers, T.CreateChecked),
    };

    private InvalidOperationException WrongClass(string method, string expected) =>
        new($"MatArray.{method}: expected {expected}, received '{Name}', {Describe()}");
}
