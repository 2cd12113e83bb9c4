using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Functional.Core.Data;

/// <summary>Reads MATLAB MAT-files of level 5 (MATLAB 5 to 7: <c>save -v6</c> and <c>-v7</c>, the format of the
/// Coursera exercises), as <c>scipy.io.loadmat</c> does: numeric, logical, char and sparse arrays, plain or
/// zlib-compressed, of either byte order, with each array's elements turned from MATLAB's column-major order into
/// row-major. Cell arrays, structs, objects, complex numbers and v7.3 (HDF5) files are refused, naming what.
/// Format: "MATLAB MAT-File Format", The MathWorks (the level-5 chapter).</summary>
public static class MatFile
{
    /// <summary>The variables of the MAT-file at <paramref name="path"/>, in file order.</summary>
    /// <exception cref="InvalidDataException">The file is malformed or truncated; the message names the file and
    /// what was wrong.</exception>
    /// <exception cref="NotSupportedException">The file holds what this reader does not read (cells, structs,
    /// objects, complex arrays, v7.3).</exception>
    public static IReadOnlyList<MatArray> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>The variables of the MAT-file in <paramref name="stream"/> (read to its end), in file order;
    /// <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The content is malformed or truncated.</exception>
    /// <exception cref="NotSupportedException">It holds what this reader does not read.</exception>
    public static IReadOnlyList<MatArray> Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Parse(copy.ToArray(), sourceName);
    }

    /// <summary>The variable <paramref name="name"/> of the MAT-file at <paramref name="path"/>.</summary>
    /// <exception cref="KeyNotFoundException">The file has no such variable; the message lists those it has.</exception>
    /// <exception cref="InvalidDataException">The file is malformed or truncated.</exception>
    /// <exception cref="NotSupportedException">It holds what this reader does not read.</exception>
    public static MatArray ReadVariable(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var variables = Read(path);
        return variables.FirstOrDefault(v => v.Name == name)
            ?? throw new KeyNotFoundException(
                $"MatFile {path}: expected a variable named '{name}', received [{string.Join(", ", variables.Select(v => v.Name))}]");
    }

    private const int HeaderLength = 128;

    private static IReadOnlyList<MatArray> Parse(byte[] bytes, string source)
    {
        bool bigEndian = ReadHeader(bytes, source);
        var reader = new MatElementReader(source, bigEndian);
        var variables = new List<MatArray>();
        int at = HeaderLength;
        while (at < bytes.Length)
        {
            var tag = reader.Tag(bytes, at, bytes.Length, "a variable", padded: false);
            var data = bytes.AsSpan(tag.DataStart, tag.Length);
            variables.Add(tag.Type switch
            {
                MatElementReader.MiMatrix => reader.Matrix(data),
                MatElementReader.MiCompressed => reader.Compressed(data),
                _ => throw reader.Invalid(
                    $"expected a matrix or compressed element at byte {at}, received element type {tag.Type}"),
            });
            at = tag.Next;
        }
        return variables;
    }

    /// <summary>Checks the 128-byte header: descriptive text, subsystem offset, version 0x0100 and the endian
    /// indicator, "IM" for a little-endian file and "MI" for a big-endian one. Returns whether it is big-endian.</summary>
    private static bool ReadHeader(byte[] bytes, string source)
    {
        string text = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 116));
        if (text.StartsWith("MATLAB 7.3", StringComparison.Ordinal) || IsHdf5(bytes))
            throw new NotSupportedException(
                $"MatFile {source}: not supported: MAT v7.3 (HDF5); save with -v7 or -v6, or read it with an HDF5 library");
        if (bytes.Length < HeaderLength)
            throw new InvalidDataException(
                $"MatFile {source}: expected a 128-byte level-5 header, received {bytes.Length} bytes");
        bool big = (bytes[126], bytes[127]) switch
        {
            ((byte)'I', (byte)'M') => false,
            ((byte)'M', (byte)'I') => true,
            _ => throw new InvalidDataException(
                $"MatFile {source}: expected a level-5 MAT-file (endian indicator IM or MI at byte 126), received "
                + $"0x{bytes[126]:x2}{bytes[127]:x2}; level-4 files are not supported"),
        };
        int version = big ? (bytes[124] << 8) | bytes[125] : (bytes[125] << 8) | bytes[124];
        if (version != 0x0100)
            throw new InvalidDataException($"MatFile {source}: expected version 0x0100, received 0x{version:x4}");
        return big;
    }

    /// <summary>v7.3 files are HDF5 files with a MAT header in the user block: the HDF5 signature sits at byte 512.</summary>
    private static bool IsHdf5(byte[] bytes) =>
        bytes.Length >= 520 && bytes.AsSpan(512, 8).SequenceEqual(new byte[] { 0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a });
}
