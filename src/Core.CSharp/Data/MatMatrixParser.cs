using System;
using System.IO;
using System.Numerics;
using System.Text;
using static Functional.Core.Data.MatDataType;

namespace Functional.Core.Data;

/// <summary>Parses one miMATRIX element held in memory ("MATLAB MAT-File Format", miMATRIX Format): array flags,
/// dimensions and name (<see cref="Name"/>, read on construction), then, on <see cref="ReadArray"/>, the
/// data.</summary>
/// <remarks>Every size is checked against the bytes of this element before it is used, so a lying tag costs no
/// memory; the arrays made are at most a small multiple of the element's size.</remarks>
internal sealed class MatMatrixParser
{
    // mxCLASS codes (Array Flags subelement); 17 is MATLAB's undocumented opaque class (objects, strings, tables).
    private const int CellClass = 1, StructClass = 2, ObjectClass = 3, CharClass = 4, SparseClass = 5;
    private const int DoubleClass = 6, SingleClass = 7, FunctionClass = 16, OpaqueClass = 17;
    // The flags byte is bits 8..15 of the first flags word: complex 0x08, global 0x04, logical 0x02.
    private const uint ComplexFlag = 0x800, LogicalFlag = 0x200;

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private readonly byte[] _data;
    private readonly int _end;
    private readonly bool _bigEndian;
    private readonly string _source;
    private readonly long _offset;
    private readonly int _class;
    private readonly uint _flags;
    private readonly int[] _dims = [];
    private int _position;

    /// <summary>Reads the flags, dimensions and name of the miMATRIX payload <c>data[start..end)</c>, in the file's
    /// byte order; <c>source</c> and <c>offset</c> (where the element's tag is in the file) are for messages.</summary>
    public MatMatrixParser(byte[] data, int start, int end, bool bigEndian, string source, long offset)
    {
        (_data, _position, _end, _bigEndian, _source, _offset) = (data, start, end, bigEndian, source, offset);
        var flags = Next("the array flags");
        if (flags.Type != MiUInt32 || flags.Length != 8)
            throw Malformed($"expected the array flags as 8 bytes of miUINT32, received {Describe(flags)}");
        _flags = Word(flags.Start);
        _class = (int)(_flags & 0xFF);
        if (_class == OpaqueClass)
        {
            // An opaque array has no dimensions: its name comes right after the flags (scipy's mio5 does the same).
            Name = ReadName();
            return;
        }
        var dims = Next("the dimensions");
        if (dims.Type != MiInt32 || dims.Length % 4 != 0 || dims.Length < 8)
            throw Malformed($"expected at least 2 dimensions as miINT32, received {Describe(dims)}");
        _dims = new int[dims.Length / 4];
        for (int i = 0; i < _dims.Length; i++)
        {
            _dims[i] = (int)Word(dims.Start + 4 * i);
            if (_dims[i] < 0) throw Malformed($"expected dimensions >= 0, received {_dims[i]} as dimension {i}");
        }
        Name = ReadName();
    }

    /// <summary>The array's name (empty for MATLAB's nameless subsystem data).</summary>
    public string Name { get; }

    /// <summary>Reads the data into a <see cref="MatArray"/>.</summary>
    /// <exception cref="NotSupportedException">Cells, structs, objects, function handles, opaque classes, complex
    /// numbers, char arrays of more than 2 dimensions.</exception>
    /// <exception cref="InvalidDataException">The data does not fit the dimensions, or has a type it cannot
    /// have.</exception>
    public MatArray ReadArray()
    {
        bool complex = (_flags & ComplexFlag) != 0, logical = (_flags & LogicalFlag) != 0;
        return _class switch
        {
            CellClass => throw NotSupported("cell array"),
            StructClass => throw NotSupported("struct"),
            ObjectClass => throw NotSupported("object"),
            FunctionClass => throw NotSupported("function handle"),
            OpaqueClass => throw NotSupported("opaque class (a MATLAB object, string, table or similar)"),
            _ when complex && _class is SparseClass or (>= DoubleClass and <= 15) =>
                throw NotSupported("complex numbers"),
            CharClass => ReadChars(),
            SparseClass => ReadSparse(logical),
            >= DoubleClass and <= 15 => ReadNumeric(logical),
            _ => throw Malformed($"expected an array class code 1..17, received {_class}"),
        };
    }

    private MatArray ReadNumeric(bool logical)
    {
        var real = NumericData("the real part", MatArray.Product(_dims));
        int count = real.Length / SizeOf(real.Type);
        var order = new RowMajorOrder(_dims);
        var span = _data.AsSpan(real.Start, real.Length);
        if (logical)
        {
            // scipy: astype(bool), so any nonzero value is true.
            var values = new bool[count];
            for (int i = 0; i < count; i++, order.MoveNext())
                values[order.Index] = DoubleAt(span, real.Type, _bigEndian, i) != 0;
            return new MatArray(Name, _dims, values);
        }
        if (_class is DoubleClass or SingleClass)
        {
            // The stored type may be narrower than the class (MATLAB writes small integers as miUINT8...): convert
            // to the class's type, as scipy does; a single rounds to float32.
            var values = new double[count];
            for (int i = 0; i < count; i++, order.MoveNext())
            {
                double v = DoubleAt(span, real.Type, _bigEndian, i);
                values[order.Index] = _class == SingleClass ? (float)v : v;
            }
            return new MatArray(Name, _dims, _class == SingleClass ? MatClass.Single : MatClass.Double, values);
        }
        return _class switch
        {
            8 => Integers<sbyte>(real, MatClass.Int8),
            9 => Integers<byte>(real, MatClass.UInt8),
            10 => Integers<short>(real, MatClass.Int16),
            11 => Integers<ushort>(real, MatClass.UInt16),
            12 => Integers<int>(real, MatClass.Int32),
            13 => Integers<uint>(real, MatClass.UInt32),
            14 => Integers<long>(real, MatClass.Int64),
            _ => Integers<ulong>(real, MatClass.UInt64),
        };
    }

    private MatArray Integers<T>(SubElement real, MatClass matClass) where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        var span = _data.AsSpan(real.Start, real.Length);
        var values = new T[real.Length / SizeOf(real.Type)];
        Int128 min = Int128.CreateChecked(T.MinValue), max = Int128.CreateChecked(T.MaxValue);
        var order = new RowMajorOrder(_dims);
        for (int i = 0; i < values.Length; i++, order.MoveNext())
        {
            Int128 v;
            if (IsInteger(real.Type)) v = IntegerAt(span, real.Type, _bigEndian, i);
            else
            {
                double d = DoubleAt(span, real.Type, _bigEndian, i);
                if (!double.IsFinite(d) || d != Math.Truncate(d) || Math.Abs(d) > 1e30)
                    throw Malformed(
                        $"expected {matClass} values, received {d} stored as {Describe(real)} at element {i}");
                v = (Int128)d;
            }
            if (v < min || v > max)
                throw Malformed($"expected {matClass} values, received {v} stored as {Describe(real)} at element {i}");
            values[order.Index] = T.CreateTruncating(v);
        }
        return new MatArray(Name, _dims, matClass, values);
    }

    private MatArray ReadChars()
    {
        var data = Next("the characters");
        var span = _data.AsSpan(data.Start, data.Length);
        char[] stored;
        switch (data.Type)
        {
            case MiUtf8:
                try
                {
                    stored = StrictUtf8.GetChars(span.ToArray());
                }
                catch (DecoderFallbackException e)
                {
                    throw Malformed($"expected UTF-8 characters, received invalid bytes ({e.Message})");
                }
                break;
            case MiUtf16 or MiUInt16:
                // MATLAB's chars are UTF-16 code units: one per element.
                if (data.Length % 2 != 0)
                    throw Malformed($"expected characters as whole 2-byte code units, received {Describe(data)}");
                stored = new char[data.Length / 2];
                for (int i = 0; i < stored.Length; i++) stored[i] = (char)UInt16At(span[(2 * i)..], _bigEndian);
                break;
            case MiUInt8 or MiInt8:
                stored = new char[data.Length];
                for (int i = 0; i < stored.Length; i++) stored[i] = (char)span[i];
                break;
            default:
                throw Malformed(
                    $"expected characters as miUTF8, miUTF16, miUINT16 or miUINT8, received {Describe(data)}");
        }
        if (stored.Length != MatArray.Product(_dims))
            throw Malformed(
                $"the dimensions {Shape()} hold {MatArray.Product(_dims)} characters, the data holds {stored.Length}");
        if (_dims.Length != 2) throw NotSupported($"char array of {_dims.Length} dimensions {Shape()}");
        var chars = new char[stored.Length];
        var order = new RowMajorOrder(_dims);
        for (int i = 0; i < stored.Length; i++, order.MoveNext()) chars[order.Index] = stored[i];
        return new MatArray(Name, _dims, chars);
    }

    private MatArray ReadSparse(bool logical)
    {
        if (_dims.Length != 2) throw Malformed($"expected a 2-D sparse matrix, received dimensions {Shape()}");
        int rows = _dims[0], columns = _dims[1];
        var ir = IntegerData("the row indices (ir)");
        var jc = IntegerData("the column starts (jc)");
        var pr = NumericData("the values (pr)", expected: -1);
        long irCount = ir.Length / SizeOf(ir.Type), prCount = pr.Length / SizeOf(pr.Type);
        if (jc.Length / SizeOf(jc.Type) != (long)columns + 1)
            throw Malformed($"a sparse matrix of {columns} columns needs {(long)columns + 1} column starts (jc), " +
                            $"received {jc.Length / SizeOf(jc.Type)}");
        var starts = new int[columns + 1];
        for (int j = 0; j <= columns; j++)
        {
            Int128 s = IntegerAt(_data.AsSpan(jc.Start, jc.Length), jc.Type, _bigEndian, j);
            if (j == 0 ? s != 0 : s < starts[j - 1] || s > irCount || s > prCount)
                throw Malformed($"expected column starts (jc) from 0, nondecreasing, at most the {irCount} row " +
                                $"indices and {prCount} values, received {s} at column {j}");
            starts[j] = (int)s;
        }
        int nonzeros = starts[columns];
        var rowIndices = new int[nonzeros];
        var values = new double[nonzeros];
        for (int k = 0; k < nonzeros; k++)
        {
            Int128 r = IntegerAt(_data.AsSpan(ir.Start, ir.Length), ir.Type, _bigEndian, k);
            if (r < 0 || r >= rows)
                throw Malformed($"expected row indices (ir) in 0..{rows - 1}, received {r} at nonzero {k}");
            rowIndices[k] = (int)r;
            double v = DoubleAt(_data.AsSpan(pr.Start, pr.Length), pr.Type, _bigEndian, k);
            values[k] = logical ? (v != 0 ? 1 : 0) : v;
        }
        return new MatArray(Name, _dims, logical, rowIndices, starts, values);
    }

    // A numeric subelement whose byte count is a whole number of values; `expected` values unless negative.
    private SubElement NumericData(string what, long expected)
    {
        var e = Next(what);
        int size = SizeOf(e.Type);
        if (size == 0)
            throw Malformed(
                $"expected {what} as numeric data (miINT8..miUINT64, miSINGLE, miDOUBLE), received {Describe(e)}");
        if (e.Length % size != 0)
            throw Malformed($"expected {what} as whole {size}-byte values, received {Describe(e)}");
        if (expected >= 0 && e.Length / size != expected)
            throw Malformed($"the dimensions {Shape()} hold {expected} elements, {what} holds {e.Length / size} " +
                            $"({Describe(e)})");
        return e;
    }

    private SubElement IntegerData(string what)
    {
        var e = NumericData(what, expected: -1);
        if (!IsInteger(e.Type)) throw Malformed($"expected {what} as integers, received {Describe(e)}");
        return e;
    }

    private string ReadName()
    {
        var e = Next("the array name");
        if (e.Type is not (MiInt8 or MiUInt8))
            throw Malformed($"expected the array name as miINT8, received {Describe(e)}");
        return Encoding.Latin1.GetString(_data, e.Start, e.Length);
    }

    private readonly record struct SubElement(int Type, int Start, int Length);

    // The next subelement: a tag of (type, byte count) then the bytes padded to 8, or the small format (the upper
    // 16 bits of the first word nonzero: 2 bytes count, 2 bytes type, up to 4 bytes of data in one 8-byte word).
    private SubElement Next(string what)
    {
        int left = _end - _position;
        if (left < 4) throw Malformed($"expected {what}, received {left} bytes before the end of the array");
        uint word = Word(_position);
        SubElement e;
        if (word >> 16 != 0)
        {
            e = new SubElement((int)(word & 0xFFFF), _position + 4, (int)(word >> 16));
            if (e.Length > 4)
                throw Malformed($"expected {what} in a small element of at most 4 bytes, its tag says {e.Length}");
            if (e.Length > left - 4)
                throw Malformed($"expected {what} ({e.Length} bytes), received {left - 4} before the end of the array");
            _position += Math.Min(8, left);
        }
        else
        {
            if (left < 8)
                throw Malformed($"expected the 8-byte tag of {what}, received {left} bytes before the array's end");
            uint length = Word(_position + 4);
            if (length > left - 8)
                throw Malformed($"expected {what} within the array, its tag claims {length} bytes, {left - 8} remain");
            e = new SubElement((int)word, _position + 8, (int)length);
            // Normal elements pad to 8 bytes; a last element's padding may be left out.
            _position = (int)Math.Min(_end, e.Start + (long)e.Length + (-e.Length & 7));
        }
        if (!IsKnown(e.Type)) throw Malformed($"expected {what}, received {Describe(e)}");
        return e;
    }

    private uint Word(int at) => UInt32At(_data.AsSpan(at, 4), _bigEndian);

    private static string Describe(SubElement e) => $"{MatDataType.Name(e.Type)} of {e.Length} bytes";

    private string Shape() => $"[{string.Join(", ", _dims)}]";

    private InvalidDataException Malformed(string what)
    {
        string where = Name is null ? $"element at byte {_offset}" : $"variable '{Name}' at byte {_offset}";
        return new InvalidDataException($"MatFile.Read: {what} ({where} of {_source})");
    }

    private NotSupportedException NotSupported(string what) =>
        new($"MatFile.Read: not supported: {what} (variable '{Name}') in {_source}");
}
