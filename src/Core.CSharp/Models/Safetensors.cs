using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Functional.Core.Tensors;

namespace Functional.Core.Models;

/// <summary>Reads and writes checkpoints in the safetensors format (https://github.com/huggingface/safetensors):
/// an 8-byte little-endian header length N, N bytes of UTF-8 JSON mapping each tensor name to its dtype, shape and
/// byte range (plus an optional <c>__metadata__</c> object of strings), padded with spaces to a multiple of 8, then
/// the tensors' little-endian bytes laid out back to back. Supports the dtypes F32, F64, I32 and I64.</summary>
public static class Safetensors
{
    /// <summary>The header key holding the free-form string metadata.</summary>
    private const string MetadataKey = "__metadata__";

    /// <summary>The largest header accepted when reading, as in the reference implementation.</summary>
    private const long MaxHeaderBytes = 100_000_000;

    private const string SupportedDTypes = "F32, F64, I32, I64";

    /// <summary>Writes <paramref name="tensors"/> (in the given order) and optional string metadata to
    /// <paramref name="path"/>. Views are written in logical row-major order. The write is atomic: the bytes go to
    /// a temporary file beside <paramref name="path"/>, which is flushed to disk and then renamed over it, so an
    /// existing file is either replaced whole or left as it was; the temporary file is deleted on failure.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="tensors">Name and tensor pairs; names must be non-empty, unique and not
    /// <c>__metadata__</c>.</param>
    /// <param name="metadata">Optional string pairs stored under <c>__metadata__</c> (omitted when null or
    /// empty).</param>
    /// <exception cref="ArgumentException">A name is empty, repeated or reserved, or a tensor or metadata value is
    /// null.</exception>
    public static void Write(
        string path,
        IReadOnlyList<KeyValuePair<string, RawTensor>> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);

        string temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                // Enumerates the list once; the header needs every shape before any data can follow it.
                var entries = tensors.ToArray();
                byte[] header = BuildHeader(entries, metadata);
                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
                file.Write(length);
                file.Write(header);
                foreach (var (_, tensor) in entries)
                {
                    switch (tensor.DType)
                    {
                        case DType.Float32: WriteData<float>(file, tensor); break;
                        case DType.Float64: WriteData<double>(file, tensor); break;
                        case DType.Int32: WriteData<int>(file, tensor); break;
                        default: WriteData<long>(file, tensor); break;
                    }
                }
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Keep the original failure; a leftover temporary file is the lesser problem.
            }
            throw;
        }
    }

    /// <summary>Reads every tensor and the metadata of a safetensors file into CPU tensors.</summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The tensors in the order of their data in the file, and the metadata (empty when absent).</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is malformed or truncated, or holds an unsupported dtype;
    /// the message starts with <c>safetensors:</c> and names the file.</exception>
    public static SafetensorsFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        long fileLength = file.Length;
        if (fileLength < 8)
            throw Bad(path, "at least 8 bytes (the header length)", $"a file of {fileLength} bytes");
        Span<byte> lengthBytes = stackalloc byte[8];
        file.ReadExactly(lengthBytes);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > (ulong)(fileLength - 8))
            throw Bad(path, $"a header length of at most {fileLength - 8} bytes (the rest of the file)",
                $"{headerLength}");
        if (headerLength > MaxHeaderBytes)
            throw Bad(path, $"a header length of at most {MaxHeaderBytes} bytes", $"{headerLength}");
        var header = new byte[headerLength];
        file.ReadExactly(header);

        var (infos, metadata) = ParseHeader(header, path);
        long dataLength = fileLength - 8 - (long)headerLength;
        infos = CheckLayout(infos, dataLength, path);

        var result = new KeyValuePair<string, RawTensor>[infos.Count];
        for (int i = 0; i < infos.Count; i++)
        {
            var info = infos[i];
            var shape = new Shape(info.Dims);
            RawTensor tensor = info.DType switch
            {
                DType.Float32 => RawTensor.FromArray(ReadData<float>(file, info.NumElements), shape),
                DType.Float64 => RawTensor.FromArray(ReadData<double>(file, info.NumElements), shape),
                DType.Int32 => RawTensor.FromArray(ReadData<int>(file, info.NumElements), shape),
                _ => RawTensor.FromArray(ReadData<long>(file, info.NumElements), shape),
            };
            result[i] = new KeyValuePair<string, RawTensor>(info.Name, tensor);
        }
        return new SafetensorsFile(path, result, metadata);
    }

    private static InvalidDataException Bad(string path, string expected, string found) =>
        new($"safetensors: expected {expected}, found {found} in {path}");

    private static string Code(DType dtype) => dtype switch
    {
        DType.Float32 => "F32",
        DType.Float64 => "F64",
        DType.Int32 => "I32",
        _ => "I64",
    };

    private static DType? FromCode(string code) => code switch
    {
        "F32" => DType.Float32,
        "F64" => DType.Float64,
        "I32" => DType.Int32,
        "I64" => DType.Int64,
        _ => null,
    };

    private static byte[] BuildHeader(
        KeyValuePair<string, RawTensor>[] entries, IReadOnlyDictionary<string, string>? metadata)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, tensor) in entries)
        {
            if (string.IsNullOrEmpty(name))
                throw new ArgumentException("safetensors: expected non-empty tensor names, found an empty name",
                    "tensors");
            if (name == MetadataKey)
                throw new ArgumentException(
                    $"safetensors: expected tensor names other than '{MetadataKey}' (reserved for metadata)",
                    "tensors");
            if (tensor is null)
                throw new ArgumentException($"safetensors: expected a tensor for '{name}', found null", "tensors");
            if (!names.Add(name))
                throw new ArgumentException($"safetensors: expected unique tensor names, found '{name}' twice",
                    "tensors");
        }

        using var buffer = new MemoryStream();
        // serde_json (the reference writer) escapes only what JSON requires; so does the relaxed encoder, bar
        // characters outside the Basic Multilingual Plane. The header never lands in HTML.
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata)
                {
                    if (value is null)
                        throw new ArgumentException($"safetensors: expected a string for metadata '{key}', found null",
                            nameof(metadata));
                    json.WriteString(key, value);
                }
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in entries)
            {
                long size = (long)tensor.NumElements * tensor.DType.SizeOf();
                json.WriteStartObject(name);
                json.WriteString("dtype", Code(tensor.DType));
                json.WriteStartArray("shape");
                foreach (int d in tensor.Shape.Dims) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + size);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += size;
            }
            json.WriteEndObject();
        }
        while (buffer.Length % 8 != 0) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }

    /// <summary>Elements per read or write call: a byte span of a whole large tensor would overflow an int.</summary>
    private const int ChunkElements = 1 << 24;

    private static void WriteData<T>(Stream stream, RawTensor tensor) where T : unmanaged
    {
        ReadOnlyMemory<T> elements = tensor.Storage is CpuStorage<T> cpu && tensor.IsContiguous
            ? cpu.Data.AsMemory(tensor.Offset, tensor.NumElements)
            : tensor.ToArray<T>();
        T[]? swapped = BitConverter.IsLittleEndian ? null : new T[Math.Min(ChunkElements, elements.Length)];
        for (int start = 0; start < elements.Length; start += ChunkElements)
        {
            var chunk = elements.Span.Slice(start, Math.Min(ChunkElements, elements.Length - start));
            if (swapped is not null)
            {
                var copy = swapped.AsSpan(0, chunk.Length);
                chunk.CopyTo(copy);
                ReverseBytes(copy);
                chunk = copy;
            }
            stream.Write(MemoryMarshal.AsBytes(chunk));
        }
    }

    private static T[] ReadData<T>(Stream stream, int count) where T : unmanaged
    {
        var data = new T[count];
        for (int start = 0; start < count; start += ChunkElements)
        {
            var chunk = data.AsSpan(start, Math.Min(ChunkElements, count - start));
            stream.ReadExactly(MemoryMarshal.AsBytes(chunk));
            if (!BitConverter.IsLittleEndian) ReverseBytes(chunk);
        }
        return data;
    }

    private static void ReverseBytes<T>(Span<T> data) where T : unmanaged
    {
        if (typeof(T) == typeof(float) || typeof(T) == typeof(int))
        {
            var words = MemoryMarshal.Cast<T, int>(data);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
        else
        {
            var words = MemoryMarshal.Cast<T, long>(data);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
    }

    private sealed record TensorInfo(string Name, DType DType, int[] Dims, int NumElements, long Begin, long End);

    private static (List<TensorInfo>, Dictionary<string, string>) ParseHeader(byte[] header, string path)
    {
        if (!System.Text.Unicode.Utf8.IsValid(header))
            throw Bad(path, "a UTF-8 JSON header", "invalid UTF-8 bytes");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw Bad(path, "a UTF-8 JSON header", $"invalid JSON ({e.Message})");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Bad(path, "a JSON object as the header", $"a JSON {Kind(root)}");
            var infos = new List<TensorInfo>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                string name = property.Name;
                if (!seen.Add(name))
                    throw Bad(path, "unique keys in the header", $"'{name}' twice");
                if (name == MetadataKey)
                    ParseMetadata(property.Value, metadata, path);
                else
                    infos.Add(ParseTensor(name, property.Value, path));
            }
            return (infos, metadata);
        }
    }

    private static void ParseMetadata(JsonElement value, Dictionary<string, string> metadata, string path)
    {
        if (value.ValueKind == JsonValueKind.Null) return;
        if (value.ValueKind != JsonValueKind.Object)
            throw Bad(path, $"'{MetadataKey}' to be an object of strings", $"a JSON {Kind(value)}");
        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
                throw Bad(path, $"string values in '{MetadataKey}'",
                    $"a JSON {Kind(entry.Value)} for '{entry.Name}'");
            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
                throw Bad(path, $"unique keys in '{MetadataKey}'", $"'{entry.Name}' twice");
        }
    }

    private static TensorInfo ParseTensor(string name, JsonElement value, string path)
    {
        if (name.Length == 0)
            throw Bad(path, "non-empty tensor names", "an empty name");
        if (value.ValueKind != JsonValueKind.Object)
            throw Bad(path, $"an object with dtype, shape and data_offsets for tensor '{name}'",
                $"a JSON {Kind(value)}");

        if (!value.TryGetProperty("dtype", out var dtypeElement))
            throw Bad(path, $"a \"dtype\" for tensor '{name}'", "none");
        if (dtypeElement.ValueKind != JsonValueKind.String)
            throw Bad(path, $"a string \"dtype\" for tensor '{name}'", $"a JSON {Kind(dtypeElement)}");
        string code = dtypeElement.GetString()!;
        var dtype = FromCode(code)
            ?? throw Bad(path, $"a dtype among {SupportedDTypes} for tensor '{name}'", $"unsupported dtype '{code}'");

        if (!value.TryGetProperty("shape", out var shapeElement))
            throw Bad(path, $"a \"shape\" for tensor '{name}'", "none");
        if (shapeElement.ValueKind != JsonValueKind.Array)
            throw Bad(path, $"an array \"shape\" for tensor '{name}'", $"a JSON {Kind(shapeElement)}");
        var dims = new int[shapeElement.GetArrayLength()];
        long count = 1;
        int axis = 0;
        foreach (var d in shapeElement.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out int dim) || dim < 0)
                throw Bad(path, $"dimensions that are integers in 0..{int.MaxValue} for tensor '{name}'",
                    $"{d.GetRawText()} in shape {shapeElement.GetRawText()}");
            dims[axis++] = dim;
            count = Math.Min(count * dim, (long)int.MaxValue + 1);
        }
        if (count > int.MaxValue)
            throw Bad(path, $"at most {int.MaxValue} elements for tensor '{name}'",
                $"shape {shapeElement.GetRawText()}");

        if (!value.TryGetProperty("data_offsets", out var offsetsElement))
            throw Bad(path, $"\"data_offsets\" for tensor '{name}'", "none");
        if (offsetsElement.ValueKind != JsonValueKind.Array || offsetsElement.GetArrayLength() != 2
            || !TryGetOffset(offsetsElement[0], out long begin) || !TryGetOffset(offsetsElement[1], out long end))
            throw Bad(path, $"\"data_offsets\" [begin, end] of two integers >= 0 for tensor '{name}'",
                offsetsElement.GetRawText());
        if (end < begin)
            throw Bad(path, $"data_offsets with begin <= end for tensor '{name}'", $"[{begin}, {end}]");
        long bytes = count * dtype.SizeOf();
        if (end - begin != bytes)
            throw Bad(path,
                $"{bytes} bytes for tensor '{name}' ({code}, shape {shapeElement.GetRawText()}: "
                + $"{count} elements of {dtype.SizeOf()} bytes)",
                $"data_offsets [{begin}, {end}] spanning {end - begin} bytes");
        return new TensorInfo(name, dtype, dims, (int)count, begin, end);
    }

    private static bool TryGetOffset(JsonElement element, out long value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value) && value >= 0;
    }

    /// <summary>Orders the tensors by their data (as the reference reader does: writers may list them in any
    /// order) and checks that they tile the data section exactly.</summary>
    private static List<TensorInfo> CheckLayout(List<TensorInfo> infos, long dataLength, string path)
    {
        // List.Sort is unstable; the header index breaks ties between empty tensors.
        var sorted = infos.Select((info, index) => (info, index))
            .OrderBy(p => p.info.Begin).ThenBy(p => p.info.End).ThenBy(p => p.index)
            .Select(p => p.info).ToList();
        long position = 0;
        TensorInfo? previous = null;
        foreach (var info in sorted)
        {
            if (info.Begin < position)
                throw Bad(path,
                    $"tensors that do not overlap: '{info.Name}' to start at byte {position} of the data section, "
                    + $"after '{previous!.Name}'",
                    $"data_offsets [{info.Begin}, {info.End}], overlapping '{previous.Name}' "
                    + $"[{previous.Begin}, {previous.End}]");
            if (info.Begin > position)
                throw Bad(path,
                    $"tensors laid out without gaps: '{info.Name}' to start at byte {position} of the data section",
                    $"data_offsets [{info.Begin}, {info.End}], a gap of {info.Begin - position} bytes");
            position = info.End;
            previous = info;
        }
        if (position > dataLength)
            throw Bad(path, $"{position} bytes of tensor data after the header",
                $"{dataLength} bytes (the file is truncated)");
        if (position < dataLength)
            throw Bad(path, $"{position} bytes of tensor data after the header (the end of the last tensor)",
                $"{dataLength} bytes ({dataLength - position} trailing bytes)");
        return sorted;
    }

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();
}

/// <summary>The contents of a safetensors file: its tensors, in the order of their data in the file, and its
/// string metadata.</summary>
public sealed class SafetensorsFile
{
    private readonly string _path;
    private readonly Dictionary<string, RawTensor> _byName;

    internal SafetensorsFile(
        string path, KeyValuePair<string, RawTensor>[] tensors, Dictionary<string, string> metadata)
    {
        _path = path;
        Tensors = Array.AsReadOnly(tensors);
        Metadata = new ReadOnlyDictionary<string, string>(metadata);
        _byName = new Dictionary<string, RawTensor>(StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors) _byName.Add(name, tensor);
    }

    /// <summary>Name and tensor pairs, in file order (CPU tensors, contiguous).</summary>
    public IReadOnlyList<KeyValuePair<string, RawTensor>> Tensors { get; }

    /// <summary>The <c>__metadata__</c> strings; empty when the file has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensor named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No tensor has that name; the message lists the names present.</exception>
    public RawTensor this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            if (_byName.TryGetValue(name, out var tensor)) return tensor;
            string present = Tensors.Count == 0
                ? "no tensors"
                : "only " + string.Join(", ", Tensors.Select(t => $"'{t.Key}'"));
            throw new KeyNotFoundException(
                $"safetensors: expected a tensor named '{name}', found {present} in {_path}");
        }
    }
}
