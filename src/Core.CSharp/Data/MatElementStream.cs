using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using static Functional.Core.Data.MatDataType;

namespace Functional.Core.Data;

/// <summary>Reads a level-5 MAT-file's header and then its top-level elements one at a time, inflating miCOMPRESSED
/// ones ("MATLAB MAT-File Format", MAT-File Header Format and Data Element Format).</summary>
/// <remarks>Memory follows the bytes the stream actually holds, never a size a header claims: payloads are read and
/// inflated in growing chunks, so a tag claiming 2 GB in a short file fails after reading what is there.</remarks>
internal sealed class MatElementStream
{
    private const int HeaderLength = 128, FirstChunk = 1 << 16;
    private static readonly byte[] Hdf5Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly Stream _stream;
    private readonly string _source;
    private long _position;
    private bool _bigEndian;

    public MatElementStream(Stream stream, string source) => (_stream, _source) = (stream, source);

    /// <summary>Reads and checks the 128-byte header: 116 bytes of text, 8 of subsystem offset (unused: only the
    /// objects this reader rejects have subsystem data), the version 0x0100 and the endian indicator, "IM"
    /// (little-endian) or "MI" (big-endian) as bytes.</summary>
    public void ReadHeader()
    {
        var header = new byte[HeaderLength];
        int read = Fill(_stream, header, 0, HeaderLength);
        _position = read;
        var text = Encoding.ASCII.GetString(header, 0, Math.Min(read, 116));
        bool hdf5 = read >= 8 && header.AsSpan(0, 8).SequenceEqual(Hdf5Signature);
        if (hdf5 || text.StartsWith("MATLAB 7.3", StringComparison.Ordinal))
            throw NotSupported("MAT v7.3 (HDF5); save with -v7 or -v6");
        if (read >= 4 && IsLevel4(header)) throw NotSupported("MAT level 4; save with -v7 or -v6");
        if (read < HeaderLength)
            throw Malformed($"expected a 128-byte header, received {read} bytes (truncated?)", "header");
        _bigEndian = (header[126], header[127]) switch
        {
            ((byte)'I', (byte)'M') => false,
            ((byte)'M', (byte)'I') => true,
            var (a, b) => throw Malformed(
                "not a level-5 MAT-file: expected the endian indicator \"IM\" or \"MI\" at bytes 126-127, " +
                $"received 0x{a:X2} 0x{b:X2}",
                "header"),
        };
        int version = UInt16At(header.AsSpan(124), _bigEndian);
        if (version == 0x0200) throw NotSupported("MAT v7.3 (HDF5); save with -v7 or -v6");
        if (version != 0x0100)
            throw Malformed($"expected the version 0x0100 at bytes 124-125, received 0x{version:X4}", "header");
    }

    /// <summary>The next top-level element as a parser of its miMATRIX (inflated when compressed), or null at the
    /// end of the stream.</summary>
    public MatMatrixParser? Next()
    {
        long offset = _position;
        var tag = new byte[8];
        int read = Fill(_stream, tag, 0, 8);
        _position += read;
        if (read == 0) return null;
        string where = $"element at byte {offset}";
        if (read < 8) throw Malformed($"expected an 8-byte tag, received {read} bytes (truncated?)", where);
        uint type = UInt32At(tag, _bigEndian), length = UInt32At(tag.AsSpan(4), _bigEndian);
        if (type is not (MiMatrix or MiCompressed))
            throw Malformed($"expected miMATRIX (14) or miCOMPRESSED (15) at the top level, received {TypeOf(type)}",
                where);
        var payload = ReadPayload(length, where);
        // miCOMPRESSED is not padded (scipy's mio5 reads the next tag right after it); miMATRIX byte counts are
        // multiples of 8 as MATLAB writes them, and scipy does not pad either.
        if (type == MiMatrix) return new MatMatrixParser(payload, 0, payload.Length, _bigEndian, _source, offset);
        var inflated = Inflate(payload, where);
        return new MatMatrixParser(inflated, 0, inflated.Length, _bigEndian, _source, offset);
    }

    private byte[] ReadPayload(uint length, string where)
    {
        if (_stream.CanSeek && length > _stream.Length - _stream.Position)
            throw Malformed(
                $"the tag claims {length} bytes, only {_stream.Length - _stream.Position} remain (truncated?)", where);
        var (buffer, filled) = ReadGrowing(_stream, length, where);
        _position += filled;
        if (filled < length)
            throw Malformed($"the tag claims {length} bytes, only {filled} remain (truncated?)", where);
        return buffer;
    }

    // The compressed bytes are a zlib stream holding one element, an miMATRIX: returns its payload, bounded by the
    // bytes the stream really inflates to. Bytes after that element are ignored, as scipy does.
    private byte[] Inflate(byte[] compressed, string where)
    {
        using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        var tag = new byte[8];
        int read = Fill(zlib, tag, 0, 8, where);
        if (read < 8)
            throw Malformed($"the compressed element inflates to {read} bytes, less than an 8-byte tag", where);
        uint type = UInt32At(tag, _bigEndian), length = UInt32At(tag.AsSpan(4), _bigEndian);
        if (type != MiMatrix)
            throw Malformed($"expected an miMATRIX inside the compressed element, received {TypeOf(type)}", where);
        var (payload, filled) = ReadGrowing(zlib, length, where);
        if (filled < length)
            throw Malformed(
                $"the compressed miMATRIX claims {length} bytes, its zlib stream inflates to {filled}", where);
        return payload;
    }

    // Reads up to `length` bytes, growing the buffer as bytes arrive: allocation tracks what the stream holds.
    private (byte[] Buffer, int Filled) ReadGrowing(Stream stream, uint length, string where)
    {
        if (length > Array.MaxLength)
            throw Malformed($"the tag claims {length} bytes, more than one .NET array holds", where);
        var buffer = new byte[Math.Min(length, FirstChunk)];
        int filled = 0;
        while (filled < length)
        {
            if (filled == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(length, 2L * buffer.Length));
            int wanted = buffer.Length - filled;
            int n = Fill(stream, buffer, filled, wanted, where);
            filled += n;
            if (n < wanted) break; // the stream ended
        }
        return (buffer, filled);
    }

    // Reads until `count` bytes or the end. The zlib decoder throws InvalidDataException on most bad data but
    // ZLibException (an IOException) on some: both become our InvalidDataException, with context.
    private int Fill(Stream stream, byte[] buffer, int offset, int count, string where = "header")
    {
        try
        {
            return stream.ReadAtLeast(buffer.AsSpan(offset, count), count, throwOnEndOfStream: false);
        }
        catch (Exception e) when (stream is ZLibStream && e is InvalidDataException or IOException)
        {
            throw Malformed($"bad zlib stream in the compressed element: {e.Message}", where, e);
        }
    }

    // A level-4 file starts with the int32 MOPT type code (M 0..4, O 0, P 0..5, T 0..2) in either byte order; a
    // level-5 header starts with text, whose first 4 bytes are never such a small number.
    private static bool IsLevel4(byte[] header)
    {
        static bool Mopt(uint v) => v < 5000 && v / 100 % 10 == 0 && v / 10 % 10 <= 5 && v % 10 <= 2;
        return Mopt(UInt32At(header, false)) || Mopt(UInt32At(header, true));
    }

    private static string TypeOf(uint word) =>
        word >> 16 != 0 ? $"a small-element tag (word 0x{word:X8})" : MatDataType.Name((int)word);

    private InvalidDataException Malformed(string what, string where, Exception? inner = null) =>
        new($"MatFile.Read: {what} ({where} of {_source})", inner);

    private NotSupportedException NotSupported(string what) => new($"MatFile.Read: not supported: {what} in {_source}");
}
