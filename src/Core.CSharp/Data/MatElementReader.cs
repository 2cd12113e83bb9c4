using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Functional.Core.Data;

/// <summary>Reads the data elements of a level-5 MAT-file: tags (normal and small), compressed elements and matrix
/// elements. Every size a tag claims is checked against the bytes that are really there before anything is read or
/// allocated, so a malformed file fails fast with an <see cref="InvalidDataException"/> naming what was wrong.</summary>
internal sealed class MatElementReader(string source, bool bigEndian)
{
    // Data types (miINT8 …) and array classes (mxCELL_CLASS …) of the format.
    internal const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7,
        MiDouble = 9, MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15, MiUtf8 = 16, MiUtf16 = 17,
        MiUtf32 = 18;

    private const int MxCell = 1, MxStruct = 2, MxObject = 3, MxChar = 4, MxSparse = 5, MxDouble = 6, MxSingle = 7,
        MxInt8 = 8, MxUInt8 = 9, MxInt16 = 10, MxUInt16 = 11, MxInt32 = 12, MxUInt32 = 13, MxInt64 = 14, MxUInt64 = 15,
        MxFunction = 16, MxOpaque = 17;

    /// <summary>An element's type, where its data starts, how many bytes it has, and where the next element starts.</summary>
    internal readonly record struct ElementTag(int Type, int DataStart, int Length, int Next);

    internal InvalidDataException Invalid(string what) => new($"MatFile {source}: {what}");

    private NotSupportedException NotSupported(string what, string name) =>
        new($"MatFile {source}: not supported: {what} (variable '{name}')");

    private uint U32(ReadOnlySpan<byte> b) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    /// <summary>The tag at <paramref name="at"/>, whose element must end by <paramref name="end"/>. A small element
    /// (the upper half of the first word non-zero) packs up to 4 data bytes into the tag's second word; inside a
    /// matrix every element is padded to a multiple of 8 bytes.</summary>
    internal ElementTag Tag(ReadOnlySpan<byte> data, int at, int end, string what, bool padded)
    {
        if (end - at < 8)
            throw Invalid($"truncated: expected an 8-byte tag for {what} at byte {at}, {end - at} bytes remain");
        uint first = U32(data[at..]);
        if (first >> 16 != 0)
        {
            int small = (int)(first >> 16);
            if (small > 4)
                throw Invalid($"expected at most 4 bytes in the small element for {what} at byte {at}, received {small}");
            return new ElementTag((int)(first & 0xFFFF), at + 4, small, at + 8);
        }
        uint length = U32(data[(at + 4)..]);
        if (length > (uint)(end - at - 8))
            throw Invalid($"truncated: the element for {what} at byte {at} claims {length:N0} bytes, {end - at - 8:N0} remain");
        int next = at + 8 + (int)length;
        if (padded)
            next = Math.Min(end, (next + 7) & ~7);
        return new ElementTag((int)first, at + 8, (int)length, next);
    }

    /// <summary>A miCOMPRESSED element: a zlib stream (RFC 1950) holding one matrix element. Its Adler-32 trailer is
    /// checked; the inflated size is bounded by deflate's maximum ratio, never by a size the file claims.</summary>
    internal MatArray Compressed(ReadOnlySpan<byte> zlib)
    {
        if (zlib.Length < 6 || (zlib[0] & 0x0F) != 8 || ((zlib[0] << 8) | zlib[1]) % 31 != 0)
            throw Invalid($"expected a zlib stream in a compressed element, received {zlib.Length} bytes that are not one");
        // deflate cannot expand more than about 1032:1.
        long limit = 1032L * zlib.Length + 1024;
        byte[] inflated;
        try
        {
            using var input = new MemoryStream(zlib[2..^4].ToArray());
            using var deflate = new DeflateStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[1 << 16];
            int read;
            while ((read = deflate.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > limit)
                    throw Invalid($"a compressed element of {zlib.Length:N0} bytes inflates beyond deflate's limit");
                output.Write(buffer, 0, read);
            }
            inflated = output.ToArray();
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith("MatFile", StringComparison.Ordinal))
        {
            throw Invalid($"a compressed element is not a valid zlib stream ({e.Message})");
        }
        uint expected = BinaryPrimitives.ReadUInt32BigEndian(zlib[^4..]);
        if (Adler32(inflated) != expected)
            throw Invalid("a compressed element fails its Adler-32 check (the stream is corrupt or truncated)");
        var tag = Tag(inflated, 0, inflated.Length, "the compressed variable", padded: false);
        if (tag.Type != MiMatrix)
            throw Invalid($"expected a matrix element inside a compressed element, received element type {tag.Type}");
        return Matrix(inflated.AsSpan(tag.DataStart, tag.Length));
    }

    private static uint Adler32(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        foreach (byte x in data)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }
        return (b << 16) | a;
    }

    /// <summary>A miMATRIX element's content: array flags, dimensions, name, then the data.</summary>
    internal MatArray Matrix(ReadOnlySpan<byte> m)
    {
        var flagsTag = Tag(m, 0, m.Length, "the array flags", padded: true);
        if (flagsTag.Type != MiUInt32 || flagsTag.Length != 8)
            throw Invalid($"expected array flags (miUINT32, 8 bytes), received type {flagsTag.Type}, {flagsTag.Length} bytes");
        uint flags = U32(m[flagsTag.DataStart..]);
        int matClass = (int)(flags & 0xFF);
        bool complex = (flags & 0x800) != 0, logical = (flags & 0x200) != 0;

        var dimsTag = Tag(m, flagsTag.Next, m.Length, "the dimensions", padded: true);
        if (dimsTag.Type != MiInt32 || dimsTag.Length < 8 || dimsTag.Length % 4 != 0)
            throw Invalid($"expected dimensions (miINT32, at least two), received type {dimsTag.Type}, {dimsTag.Length} bytes");
        var dims = new int[dimsTag.Length / 4];
        long count = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            dims[i] = (int)U32(m[(dimsTag.DataStart + 4 * i)..]);
            if (dims[i] < 0)
                throw Invalid($"expected dimensions ≥ 0, received {string.Join("x", (uint[])Array.ConvertAll(dims, d => (uint)d))}");
            count *= dims[i];
            if (count > int.MaxValue)
                throw Invalid($"expected fewer than 2^31 elements, received dimensions {string.Join("x", dims[..(i + 1)])}…");
        }

        var nameTag = Tag(m, dimsTag.Next, m.Length, "the array name", padded: true);
        if (nameTag.Type != MiInt8 && nameTag.Type != MiUtf8)
            throw Invalid($"expected the array name (miINT8), received type {nameTag.Type}");
        string name = Encoding.UTF8.GetString(m.Slice(nameTag.DataStart, nameTag.Length));

        switch (matClass)
        {
            case MxCell: throw NotSupported("cell array", name);
            case MxStruct: throw NotSupported("struct", name);
            case MxObject: throw NotSupported("object", name);
            case MxFunction: throw NotSupported("function handle", name);
            case MxOpaque: throw NotSupported("opaque object (e.g. a table, string or datetime)", name);
        }
        if (complex)
            throw NotSupported("complex numbers", name);
        if (matClass is < MxChar or > MxUInt64)
            throw Invalid($"expected an array class 1..17, received {matClass} (variable '{name}')");

        if (matClass == MxSparse)
            return Sparse(m, nameTag.Next, name, dims, logical);
        var real = Tag(m, nameTag.Next, m.Length, $"the data of '{name}'", padded: true);
        var data = m.Slice(real.DataStart, real.Length);
        if (matClass == MxChar)
            return new MatArray(name, dims, MatClass.Char, RowMajor(Chars(data, real.Type, (int)count, name), dims), false);
        var target = logical ? MatClass.Logical : ClassOf(matClass);
        return new MatArray(name, dims, target, Numbers(data, real.Type, (int)count, name, target, dims), logical);
    }

    private static MatClass ClassOf(int mx) => mx switch
    {
        MxDouble => MatClass.Double,
        MxSingle => MatClass.Single,
        MxInt8 => MatClass.Int8,
        MxUInt8 => MatClass.UInt8,
        MxInt16 => MatClass.Int16,
        MxUInt16 => MatClass.UInt16,
        MxInt32 => MatClass.Int32,
        MxUInt32 => MatClass.UInt32,
        MxInt64 => MatClass.Int64,
        _ => MatClass.UInt64,
    };

    private static int SizeOf(int type) => type switch
    {
        MiInt8 or MiUInt8 or MiUtf8 => 1,
        MiInt16 or MiUInt16 or MiUtf16 => 2,
        MiInt32 or MiUInt32 or MiSingle or MiUtf32 => 4,
        MiDouble or MiInt64 or MiUInt64 => 8,
        _ => 0,
    };

    /// <summary>The <paramref name="count"/> stored values as the array class's own type. MATLAB stores a value in the
    /// smallest type that holds it exactly (a double array of small integers as miUINT8), so any numeric storage type
    /// may carry any class; the values are converted as scipy converts them.</summary>
    private Array Numbers(ReadOnlySpan<byte> data, int type, int count, string name, MatClass target, int[]? dims)
    {
        int size = SizeOf(type);
        if (size == 0 || type is MiUtf8 or MiUtf16 or MiUtf32)
            throw Invalid($"expected a numeric data type for '{name}', received element type {type}");
        if (data.Length != (long)count * size)
            throw Invalid($"'{name}' has {count:N0} elements by its dimensions but {data.Length:N0} bytes of "
                + $"{size}-byte data ({data.Length / size:N0} elements)");
        // Arrays of the same size convert to each other in the CLR (a byte[] "is" an sbyte[]), so the target type
        // is chosen by class, never by matching an array's type.
        return target switch
        {
            MatClass.Double => Fill(data, type, count, dims, i => (double)i, f => f),
            MatClass.Single => Fill(data, type, count, dims, i => (float)i, f => (float)f),
            MatClass.Int8 => Fill(data, type, count, dims, i => (sbyte)i, f => (sbyte)f),
            MatClass.UInt8 => Fill(data, type, count, dims, i => (byte)i, f => (byte)f),
            MatClass.Int16 => Fill(data, type, count, dims, i => (short)i, f => (short)f),
            MatClass.UInt16 => Fill(data, type, count, dims, i => (ushort)i, f => (ushort)f),
            MatClass.Int32 => Fill(data, type, count, dims, i => (int)i, f => (int)f),
            MatClass.UInt32 => Fill(data, type, count, dims, i => (uint)i, f => (uint)f),
            MatClass.Int64 => Fill(data, type, count, dims, i => (long)i, f => (long)f),
            MatClass.UInt64 => Fill(data, type, count, dims, i => (ulong)i, f => (ulong)f),
            _ => Fill(data, type, count, dims, i => i != 0, f => f != 0),
        };
    }

    /// <summary>The values converted one by one (integers through Int128, so int64 and uint64 stay exact), then put
    /// in row-major order when <paramref name="dims"/> is given.</summary>
    private T[] Fill<T>(ReadOnlySpan<byte> data, int type, int count, int[]? dims, Func<Int128, T> fromInteger,
        Func<double, T> fromFloat)
    {
        int size = SizeOf(type);
        var values = new T[count];
        if (type is MiSingle or MiDouble)
            for (int i = 0; i < count; i++)
                values[i] = fromFloat(ReadFloat(data.Slice(i * size, size), type));
        else
            for (int i = 0; i < count; i++)
                values[i] = fromInteger(ReadInteger(data.Slice(i * size, size), type));
        return dims is null ? values : RowMajor(values, dims);
    }

    private Int128 ReadInteger(ReadOnlySpan<byte> b, int type) => type switch
    {
        MiInt8 => (sbyte)b[0],
        MiUInt8 => b[0],
        MiInt16 => bigEndian ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
        MiUInt16 => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b),
        MiInt32 => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
        MiUInt32 => U32(b),
        MiInt64 => bigEndian ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b),
        _ => bigEndian ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b),
    };

    private double ReadFloat(ReadOnlySpan<byte> b, int type) => type == MiSingle
        ? (bigEndian ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b))
        : (bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b));

    /// <summary>A char array's characters, column-major: UTF-8, UTF-16 (or miUINT16 code units, MATLAB's usual
    /// choice) or single bytes.</summary>
    private char[] Chars(ReadOnlySpan<byte> data, int type, int count, string name)
    {
        string text = type switch
        {
            MiUtf8 => Encoding.UTF8.GetString(data),
            MiUInt8 or MiInt8 => Encoding.Latin1.GetString(data),
            MiUtf16 or MiUInt16 when data.Length % 2 == 0 =>
                (bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(data),
            MiUtf16 or MiUInt16 => throw Invalid($"'{name}' has UTF-16 data of an odd length ({data.Length} bytes)"),
            _ => throw Invalid($"expected character data (miUTF8, miUTF16, miUINT16) for '{name}', received element type {type}"),
        };
        if (text.Length != count)
            throw Invalid($"'{name}' has {count:N0} characters by its dimensions but its data holds {text.Length:N0}");
        return text.ToCharArray();
    }

    /// <summary>A sparse matrix: ir (row of each stored value), jc (start of each column, then the end) and pr (the
    /// values; absent for some logical matrices, whose stored values are all true).</summary>
    private MatArray Sparse(ReadOnlySpan<byte> m, int at, string name, int[] dims, bool logical)
    {
        if (dims.Length != 2)
            throw Invalid($"expected a 2-D sparse matrix '{name}', received {string.Join("x", dims)}");
        int rows = dims[0], columns = dims[1];
        var irTag = Tag(m, at, m.Length, $"the row indices of '{name}'", padded: true);
        var jcTag = Tag(m, irTag.Next, m.Length, $"the column starts of '{name}'", padded: true);
        if (irTag.Type != MiInt32 || jcTag.Type != MiInt32 || jcTag.Length != 4 * ((long)columns + 1))
            throw Invalid($"expected '{name}' to hold miINT32 row indices and {columns + 1} miINT32 column starts");
        var ir = (int[])Numbers(m.Slice(irTag.DataStart, irTag.Length), MiInt32, irTag.Length / 4, name, MatClass.Int32, null);
        var jc = (int[])Numbers(m.Slice(jcTag.DataStart, jcTag.Length), MiInt32, columns + 1, name, MatClass.Int32, null);
        int nonZeros = jc[columns];
        if (jc[0] != 0 || nonZeros > ir.Length)
            throw Invalid($"sparse '{name}': expected column starts from 0 to at most {ir.Length}, received {jc[0]}..{nonZeros}");
        for (int j = 0; j < columns; j++)
            if (jc[j + 1] < jc[j])
                throw Invalid($"sparse '{name}': column starts decrease at column {j}");
        for (int k = 0; k < nonZeros; k++)
            if ((uint)ir[k] >= (uint)rows)
                throw Invalid($"sparse '{name}': row index {ir[k]} outside 0..{rows - 1}");

        double[] values;
        if (jcTag.Next >= m.Length && logical)
            values = Array.ConvertAll(new double[nonZeros], _ => 1.0);
        else
        {
            var prTag = Tag(m, jcTag.Next, m.Length, $"the values of '{name}'", padded: true);
            int size = SizeOf(prTag.Type);
            if (size == 0 || prTag.Length % size != 0 || prTag.Length / size < nonZeros)
                throw Invalid($"sparse '{name}': expected {nonZeros} values, received {prTag.Length} bytes of type {prTag.Type}");
            values = (double[])Numbers(m.Slice(prTag.DataStart, nonZeros * size), prTag.Type, nonZeros, name,
                MatClass.Double, null);
        }
        return new MatArray(name, rows, columns, logical, ir[..nonZeros], jc, values);
    }

    /// <summary>MATLAB's column-major elements in row-major (C) order with the same dimensions.</summary>
    private static T[] RowMajor<T>(T[] columnMajor, int[] dims)
    {
        int n = columnMajor.Length, rank = dims.Length;
        if (n <= 1)
            return columnMajor;
        var result = new T[n];
        // Column-major strides: 1, d0, d0·d1, …; walk the C-order index like an odometer, last axis fastest.
        var strides = new long[rank];
        strides[0] = 1;
        for (int k = 1; k < rank; k++)
            strides[k] = strides[k - 1] * dims[k - 1];
        var index = new int[rank];
        long source = 0;
        for (int i = 0; i < n; i++)
        {
            result[i] = columnMajor[source];
            for (int k = rank - 1; k >= 0; k--)
            {
                index[k]++;
                source += strides[k];
                if (index[k] < dims[k])
                    break;
                source -= strides[k] * dims[k];
                index[k] = 0;
            }
        }
        return result;
    }
}
