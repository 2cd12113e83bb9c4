using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;

namespace Functional.Core.Tests.Data;

// A test-only MAT-file (level 5) writer, written from "MATLAB MAT-File Format" independently of the reader: it can
// write what MATLAB writes (narrow storage types, small elements, compression, either byte order) and, element by
// element, what it never writes, for the malformed-input tests.
internal sealed class MatWriter
{
    // Data types (MAT-File Data Types table) and array classes (Array Flags subelement).
    public const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7;
    public const int MiDouble = 9, MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15;
    public const int MiUtf8 = 16, MiUtf16 = 17;
    public const int MxCell = 1, MxStruct = 2, MxObject = 3, MxChar = 4, MxSparse = 5, MxDouble = 6, MxSingle = 7;
    public const int MxInt8 = 8, MxUInt8 = 9, MxInt16 = 10, MxUInt16 = 11, MxInt32 = 12, MxUInt32 = 13;
    public const int MxInt64 = 14, MxUInt64 = 15, MxFunction = 16, MxOpaque = 17;
    public const uint ComplexFlag = 0x800, GlobalFlag = 0x400, LogicalFlag = 0x200;

    private readonly List<byte[]> _elements = [];

    public MatWriter(bool bigEndian = false) => BigEndian = bigEndian;

    public bool BigEndian { get; }

    // The byte offset of each top-level element, and the file's length: where a truncated file is still whole.
    public List<int> Boundaries { get; } = [128];

    public static byte[] Header(bool bigEndian, string text = "MATLAB 5.0 MAT-file, written by the Functional tests",
        int version = 0x0100)
    {
        var header = Enumerable.Repeat((byte)' ', 128).ToArray();
        Encoding.ASCII.GetBytes(text).CopyTo(header, 0);
        Array.Clear(header, 116, 8); // no subsystem data
        var v = new byte[2];
        if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(v, (ushort)version);
        else BinaryPrimitives.WriteUInt16LittleEndian(v, (ushort)version);
        v.CopyTo(header, 124);
        // 'M' then 'I' written as one 16-bit value: bytes "IM" in a little-endian file, "MI" in a big-endian one.
        (header[126], header[127]) = bigEndian ? ((byte)'M', (byte)'I') : ((byte)'I', (byte)'M');
        return header;
    }

    public MatWriter Add(byte[] element, bool compress = false)
    {
        _elements.Add(compress ? Compressed(element) : element);
        Boundaries.Add(Boundaries[^1] + _elements[^1].Length);
        return this;
    }

    public byte[] ToArray() => [.. Header(BigEndian), .. _elements.SelectMany(e => e)];

    // A numeric array: values in MATLAB's column-major order, stored as `storage`.
    public MatWriter Numeric(string name, int mxClass, int[] dims, int storage, double[] columnMajor,
        bool compress = false, uint flags = 0) =>
        Add(Matrix(mxClass, flags, dims, name, Element(storage, Encode(storage, columnMajor))), compress);

    public MatWriter Chars(string name, int[] dims, string columnMajor, int storage, bool compress = false)
    {
        byte[] data = storage switch
        {
            MiUtf8 => Encoding.UTF8.GetBytes(columnMajor),
            MiUInt16 or MiUtf16 => Encode(MiUInt16, columnMajor.Select(c => (double)c).ToArray()),
            _ => columnMajor.Select(c => (byte)c).ToArray(),
        };
        return Add(Matrix(MxChar, 0, dims, name, Element(storage, data)), compress);
    }

    // A sparse matrix in CSC form (ir, jc, pr), as MATLAB stores it.
    public MatWriter Sparse(string name, int rows, int columns, int[] ir, int[] jc, double[] pr,
        int prStorage = MiDouble, bool logical = false, bool compress = false) =>
        Add(Matrix(MxSparse, logical ? LogicalFlag : 0, [rows, columns], name,
            Element(MiInt32, Encode(MiInt32, ir.Select(i => (double)i).ToArray())),
            Element(MiInt32, Encode(MiInt32, jc.Select(i => (double)i).ToArray())),
            Element(prStorage, Encode(prStorage, pr))), compress);

    // An miMATRIX: flags (class, flag bits; nzmax 0), dims, name, then the given subelements.
    public byte[] Matrix(int mxClass, uint flags, int[] dims, string name, params byte[][] parts)
    {
        var body = new List<byte>();
        body.AddRange(Element(MiUInt32, [.. Word((uint)mxClass | flags), .. Word(0)]));
        body.AddRange(Element(MiInt32, dims.SelectMany(d => Word((uint)d)).ToArray()));
        body.AddRange(Element(MiInt8, Encoding.ASCII.GetBytes(name)));
        foreach (var part in parts) body.AddRange(part);
        return Element(MiMatrix, [.. body], allowSmall: false);
    }

    // A data element: the small format (4-byte tag, up to 4 bytes of data) when it fits, as MATLAB writes names
    // and short data; otherwise an 8-byte tag and the data padded to 8 bytes.
    public byte[] Element(int type, byte[] data, bool allowSmall = true)
    {
        if (allowSmall && data.Length is > 0 and <= 4)
            return [.. Word((uint)data.Length << 16 | (uint)type), .. data, .. new byte[4 - data.Length]];
        return [.. Word((uint)type), .. Word((uint)data.Length), .. data, .. new byte[-data.Length & 7]];
    }

    // miCOMPRESSED: a zlib stream of one element, not padded.
    public byte[] Compressed(byte[] element)
    {
        var zipped = new MemoryStream();
        using (var zlib = new ZLibStream(zipped, CompressionLevel.Optimal)) zlib.Write(element);
        var z = zipped.ToArray();
        return [.. Word(MiCompressed), .. Word((uint)z.Length), .. z];
    }

    public byte[] Word(uint value)
    {
        var w = new byte[4];
        if (BigEndian) BinaryPrimitives.WriteUInt32BigEndian(w, value);
        else BinaryPrimitives.WriteUInt32LittleEndian(w, value);
        return w;
    }

    // Each double cast to the storage type (the caller picks values that fit), in the file's byte order.
    public byte[] Encode(int storage, double[] values) => storage switch
    {
        MiInt64 => EncodeInt64(values.Select(v => (long)v).ToArray()),
        MiUInt64 => EncodeUInt64(values.Select(v => (ulong)v).ToArray()),
        _ => values.SelectMany(v => Bytes(storage, v)).ToArray(),
    };

    public byte[] EncodeInt64(long[] values) => values.SelectMany(v => Ordered(BitConverter.GetBytes(v))).ToArray();

    public byte[] EncodeUInt64(ulong[] values) => values.SelectMany(v => Ordered(BitConverter.GetBytes(v))).ToArray();

    private byte[] Bytes(int storage, double v) => storage switch
    {
        MiInt8 => [(byte)(sbyte)v],
        MiUInt8 => [(byte)v],
        MiInt16 => Ordered(BitConverter.GetBytes((short)v)),
        MiUInt16 => Ordered(BitConverter.GetBytes((ushort)v)),
        MiInt32 => Ordered(BitConverter.GetBytes((int)v)),
        MiUInt32 => Ordered(BitConverter.GetBytes((uint)v)),
        MiSingle => Ordered(BitConverter.GetBytes((float)v)),
        MiDouble => Ordered(BitConverter.GetBytes(v)),
        _ => throw new ArgumentOutOfRangeException(nameof(storage), storage, "MatWriter: not a numeric type"),
    };

    // BitConverter gives this machine's (little-endian) order; reverse for a big-endian file.
    private byte[] Ordered(byte[] bytes)
    {
        if (BigEndian == BitConverter.IsLittleEndian) Array.Reverse(bytes);
        return bytes;
    }
}
