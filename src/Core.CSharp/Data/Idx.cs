using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace Functional.Core.Data;

/// <summary>The element types an IDX file can hold (the third byte of its magic number).</summary>
public enum IdxType : byte
{
    /// <summary>unsigned byte (MNIST's images and labels)</summary>
    UInt8 = 0x08,
    /// <summary>signed byte</summary>
    Int8 = 0x09,
    /// <summary>big-endian 16-bit integer</summary>
    Int16 = 0x0B,
    /// <summary>big-endian 32-bit integer</summary>
    Int32 = 0x0C,
    /// <summary>big-endian 32-bit float</summary>
    Float32 = 0x0D,
    /// <summary>big-endian 64-bit float</summary>
    Float64 = 0x0E,
}

/// <summary>An IDX array: its dimensions, element type and raw big-endian element bytes.</summary>
/// <param name="Dims">The dimensions (e.g. [10000, 28, 28]).</param>
/// <param name="Type">The element type.</param>
/// <param name="Data">The elements, row-major, as stored (big-endian for multi-byte types).</param>
public sealed record IdxArray(int[] Dims, IdxType Type, byte[] Data)
{
    /// <summary>The elements converted to float64 (bytes as 0..255 for UInt8).</summary>
    public double[] ToDoubles()
    {
        int n = Data.Length / Idx.SizeOf(Type);
        var result = new double[n];
        var span = Data.AsSpan();
        for (int i = 0; i < n; i++)
            result[i] = Type switch
            {
                IdxType.UInt8 => span[i],
                IdxType.Int8 => (sbyte)span[i],
                IdxType.Int16 => BinaryPrimitives.ReadInt16BigEndian(span[(2 * i)..]),
                IdxType.Int32 => BinaryPrimitives.ReadInt32BigEndian(span[(4 * i)..]),
                IdxType.Float32 => BinaryPrimitives.ReadSingleBigEndian(span[(4 * i)..]),
                _ => BinaryPrimitives.ReadDoubleBigEndian(span[(8 * i)..]),
            };
        return result;
    }
}

/// <summary>Reads and writes the IDX format of the MNIST files (LeCun et al.): a magic number 0x0000TTRR (T the type,
/// R the rank), R big-endian int32 dimensions, then the elements. Files ending in .gz are gzip streams.</summary>
public static class Idx
{
    /// <summary>Bytes per element of a type.</summary>
    public static int SizeOf(IdxType type) => type switch
    {
        IdxType.UInt8 or IdxType.Int8 => 1,
        IdxType.Int16 => 2,
        IdxType.Int32 or IdxType.Float32 => 4,
        IdxType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "idx: unknown element type"),
    };

    /// <summary>Reads an IDX file (plain, or gzip when the path ends in .gz).</summary>
    /// <exception cref="InvalidDataException">The header is malformed or the file is shorter than its header says.</exception>
    public static IdxArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;
        return Read(stream, path);
    }

    /// <summary>Reads an IDX array from a stream; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">The header is malformed or the stream ends early.</exception>
    public static IdxArray Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> word = stackalloc byte[4];
        ReadExactly(stream, word, source, "the magic number");
        if (word[0] != 0 || word[1] != 0 || !Enum.IsDefined((IdxType)word[2]) || word[3] == 0)
            throw new InvalidDataException(
                $"idx: expected a magic number 0x0000TTRR with a known type TT and rank RR >= 1, received 0x{word[0]:X2}{word[1]:X2}{word[2]:X2}{word[3]:X2} in {source}");
        var type = (IdxType)word[2];
        var dims = new int[word[3]];
        long count = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            ReadExactly(stream, word, source, $"dimension {i}");
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(word);
            if (dims[i] < 0) throw new InvalidDataException($"idx: expected dimensions >= 0, received {dims[i]} at dimension {i} in {source}");
            count *= dims[i];
        }
        long bytes = count * SizeOf(type);
        if (bytes > Array.MaxLength)
            throw new InvalidDataException($"idx: expected at most {Array.MaxLength} bytes of data, received dimensions [{string.Join(", ", dims)}] in {source}");
        var data = new byte[bytes];
        ReadExactly(stream, data, source, $"{count} elements of [{string.Join(", ", dims)}]");
        return new IdxArray(dims, type, data);
    }

    /// <summary>Writes an IDX file atomically (a temporary file beside it, then a rename); gzip when the path ends in .gz.</summary>
    /// <exception cref="ArgumentException">The data length does not match the dimensions and type.</exception>
    public static void Write(string path, IdxArray array)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(array);
        long count = 1;
        foreach (int d in array.Dims) count *= d;
        if (array.Dims.Length is 0 or > 255 || count * SizeOf(array.Type) != array.Data.Length)
            throw new ArgumentException(
                $"idx: expected 1..255 dimensions and {count * SizeOf(array.Type)} data bytes, received [{string.Join(", ", array.Dims)}] and {array.Data.Length} bytes",
                nameof(array));
        var temp = path + ".tmp";
        using (var file = File.Create(temp))
        using (Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                   ? new GZipStream(file, CompressionLevel.SmallestSize)
                   : file)
        {
            Span<byte> word = stackalloc byte[4];
            word[0] = 0;
            word[1] = 0;
            word[2] = (byte)array.Type;
            word[3] = (byte)array.Dims.Length;
            stream.Write(word);
            foreach (int d in array.Dims)
            {
                BinaryPrimitives.WriteInt32BigEndian(word, d);
                stream.Write(word);
            }
            stream.Write(array.Data);
        }
        File.Move(temp, path, overwrite: true);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string source, string what)
    {
        int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (read < buffer.Length)
            throw new InvalidDataException($"idx: expected {what} ({buffer.Length} bytes), received {read} bytes before the end of {source} (truncated?)");
    }
}
