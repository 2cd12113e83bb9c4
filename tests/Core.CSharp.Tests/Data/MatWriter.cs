using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;

namespace Functional.Core.Tests.Data;

/// <summary>Writes level-5 MAT-files element by element, in either byte order, so the reader's tests can build every
/// case (and break them on purpose). Data types and classes by their codes in the format description.</summary>
internal sealed class MatWriter(bool bigEndian = false)
{
    public const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7,
        MiDouble = 9, MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15, MiUtf8 = 16;

    public const int MxCell = 1, MxStruct = 2, MxObject = 3, MxChar = 4, MxSparse = 5, MxDouble = 6, MxSingle = 7,
        MxInt8 = 8, MxUInt8 = 9, MxInt16 = 10, MxUInt16 = 11, MxInt32 = 12, MxUInt32 = 13, MxInt64 = 14, MxUInt64 = 15;

    private readonly List<byte> _body = [];

    /// <summary>Offsets at which each top-level element ends (a file cut there is still a valid, shorter file).</summary>
    public List<int> Boundaries { get; } = [128];

    public byte[] U32(uint v) => Bytes(4, b => { if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, v); else BinaryPrimitives.WriteUInt32LittleEndian(b, v); });

    private static byte[] Bytes(int n, SpanAction write)
    {
        var b = new byte[n];
        write(b);
        return b;
    }

    private delegate void SpanAction(Span<byte> b);

    /// <summary>A data element: tag then data, padded to 8; small (data in the tag) when asked and it fits.</summary>
    public byte[] Element(int type, byte[] data, bool small = false)
    {
        if (small && data.Length <= 4)
            return [.. U32((uint)(data.Length << 16 | type)), .. data, .. new byte[4 - data.Length]];
        int padding = (8 - data.Length % 8) % 8;
        return [.. U32((uint)type), .. U32((uint)data.Length), .. data, .. new byte[padding]];
    }

    /// <summary>Numbers encoded in a storage type (integers through long, floats through double).</summary>
    public byte[] Numbers(int type, params double[] values) => values.SelectMany(v => Number(type, v)).ToArray();

    public byte[] Integers(int type, params long[] values) => values.SelectMany(v => Integer(type, v)).ToArray();

    private byte[] Number(int type, double v) => type switch
    {
        MiSingle => Bytes(4, b => { if (bigEndian) BinaryPrimitives.WriteSingleBigEndian(b, (float)v); else BinaryPrimitives.WriteSingleLittleEndian(b, (float)v); }),
        MiDouble => Bytes(8, b => { if (bigEndian) BinaryPrimitives.WriteDoubleBigEndian(b, v); else BinaryPrimitives.WriteDoubleLittleEndian(b, v); }),
        _ => Integer(type, (long)v),
    };

    private byte[] Integer(int type, long v)
    {
        int size = type switch { MiInt8 or MiUInt8 => 1, MiInt16 or MiUInt16 => 2, MiInt32 or MiUInt32 => 4, _ => 8 };
        var b = new byte[size];
        ulong u = (ulong)v;
        for (int i = 0; i < size; i++)
            b[bigEndian ? size - 1 - i : i] = (byte)(u >> (8 * i));
        return b;
    }

    /// <summary>The content of a matrix element: flags, dimensions, name, then the given data elements.</summary>
    public byte[] MatrixContent(int mxClass, uint flagBits, int[] dims, string name, params byte[][] data) =>
    [
        .. Element(MiUInt32, [.. U32((uint)mxClass | flagBits), .. U32(0)]),
        .. Element(MiInt32, dims.SelectMany(d => U32((uint)d)).ToArray()),
        .. Element(MiInt8, Encoding.ASCII.GetBytes(name), small: true),
        .. data.SelectMany(d => d),
    ];

    /// <summary>Adds a variable, compressed (zlib) or not.</summary>
    public MatWriter Add(byte[] matrixContent, bool compress = false)
    {
        byte[] matrix = [.. U32(MiMatrix), .. U32((uint)matrixContent.Length), .. matrixContent];
        if (compress)
        {
            using var output = new MemoryStream();
            using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
                z.Write(matrix);
            byte[] zlib = output.ToArray();
            _body.AddRange([.. U32(MiCompressed), .. U32((uint)zlib.Length), .. zlib]);
        }
        else
            _body.AddRange(matrix);
        Boundaries.Add(128 + _body.Count);
        return this;
    }

    /// <summary>A double variable of the given dims from column-major values stored as <paramref name="type"/>.</summary>
    public MatWriter AddDouble(string name, int[] dims, double[] columnMajor, int type = MiDouble, bool compress = false) =>
        Add(MatrixContent(MxDouble, 0, dims, name, Element(type, Numbers(type, columnMajor))), compress);

    public byte[] ToArray(string text = "MATLAB 5.0 MAT-file, written by the Functional tests")
    {
        var header = new byte[128];
        Encoding.ASCII.GetBytes(text.PadRight(116)).AsSpan(0, 116).CopyTo(header);
        if (bigEndian)
        {
            header[124] = 0x01; header[125] = 0x00; header[126] = (byte)'M'; header[127] = (byte)'I';
        }
        else
        {
            header[124] = 0x00; header[125] = 0x01; header[126] = (byte)'I'; header[127] = (byte)'M';
        }
        return [.. header, .. _body];
    }
}
