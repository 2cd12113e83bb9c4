using System;
using System.Buffers.Binary;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Functional.Core.Models;
using Functional.Core.Tensors;

namespace Functional.Core.Tests.Models;

public class SafetensorsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("safetensors-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static KeyValuePair<string, RawTensor> Entry(string name, RawTensor tensor) => new(name, tensor);

    /// <summary>A file built by hand: the little-endian header length, the JSON (padded with spaces to a multiple
    /// of 8 unless told otherwise), then the data bytes.</summary>
    private static byte[] FileBytes(string json, byte[] data, bool pad = true)
    {
        var header = Encoding.UTF8.GetBytes(json).ToList();
        while (pad && header.Count % 8 != 0) header.Add((byte)' ');
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Count);
        return bytes.Concat(header).Concat(data).ToArray();
    }

    private static byte[] Floats(params float[] values) =>
        values.SelectMany(v =>
        {
            var b = new byte[4];
            BinaryPrimitives.WriteSingleLittleEndian(b, v);
            return b;
        }).ToArray();

    private string[] FilesInDir() => Directory.GetFiles(_dir).Select(Path.GetFileName).ToArray()!;

    private static readonly float[] SpecialFloats =
    {
        0f, -0f, 1f, -1.5f, float.Epsilon, -float.Epsilon, BitConverter.Int32BitsToSingle(0x007FFFFF),
        float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN,
        BitConverter.Int32BitsToSingle(0x7FC12345), BitConverter.Int32BitsToSingle(unchecked((int)0xFFA00001)),
    };

    private static readonly double[] SpecialDoubles =
    {
        0d, -0d, 1d, -1.5d, double.Epsilon, -double.Epsilon, BitConverter.Int64BitsToDouble(0x000FFFFFFFFFFFFF),
        double.MaxValue, double.MinValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN,
        BitConverter.Int64BitsToDouble(0x7FF8000000012345),
        BitConverter.Int64BitsToDouble(unchecked((long)0xFFF0000000000001)),
        Math.PI,
    };

    [Fact]
    public void Every_dtype_round_trips_bit_exactly_including_nan_payloads_negative_zero_and_subnormals()
    {
        var path = Path.Combine(_dir, "all.safetensors");
        var ints = new[] { 0, -1, 1, int.MinValue, int.MaxValue, 123456789 };
        var longs = new[] { 0L, -1L, long.MinValue, long.MaxValue, 1L << 40, -(1L << 53) - 1 };
        var tensors = new[]
        {
            Entry("f32", RawTensor.FromArray(SpecialFloats, new Shape(2, 7))),
            Entry("f64", RawTensor.FromArray(SpecialDoubles, new Shape(3, 1, 5))),
            Entry("i32", RawTensor.FromArray(ints, new Shape(6))),
            Entry("i64", RawTensor.FromArray(longs, new Shape(2, 3))),
            Entry("scalar", RawTensor.FromArray(new[] { -0f }, Shape.Scalar)),
            Entry("scalar64", RawTensor.FromArray(new[] { long.MinValue }, Shape.Scalar)),
            Entry("empty", RawTensor.FromArray(Array.Empty<double>(), new Shape(0, 3))),
        };

        Safetensors.Write(path, tensors);
        var back = Safetensors.Read(path);

        Assert.Equal(tensors.Select(t => t.Key), back.Tensors.Select(t => t.Key));
        foreach (var (name, tensor) in tensors)
        {
            Assert.Equal(tensor.Shape, back[name].Shape);
            Assert.Equal(tensor.DType, back[name].DType);
            Assert.Equal(Device.Cpu, back[name].Device);
        }
        Assert.Equal(SpecialFloats.Select(BitConverter.SingleToInt32Bits),
            back["f32"].ToArray<float>().Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(SpecialDoubles.Select(BitConverter.DoubleToInt64Bits),
            back["f64"].ToArray<double>().Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(ints, back["i32"].ToArray<int>());
        Assert.Equal(longs, back["i64"].ToArray<long>());
        Assert.Equal(0, back["scalar"].Shape.Rank);
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f),
            BitConverter.SingleToInt32Bits(back["scalar"].ToArray<float>()[0]));
        Assert.Equal(new[] { long.MinValue }, back["scalar64"].ToArray<long>());
        Assert.Empty(back["empty"].ToArray<double>());
        Assert.Empty(back.Metadata);
    }

    [Fact]
    public void Views_are_written_in_logical_row_major_order()
    {
        var path = Path.Combine(_dir, "views.safetensors");
        var storage = new CpuStorage<double>(new double[] { 0, 1, 2, 3, 4, 5, 6, 7 });
        // 2x3 over elements 0..5, transposed to 3x2: [[0, 3], [1, 4], [2, 5]]
        var transposed = new RawTensor(storage, new Shape(3, 2), new[] { 1, 3 }, 0);
        // a contiguous slice starting at element 5: [5, 6, 7]
        var slice = new RawTensor(storage, new Shape(3), new[] { 1 }, 5);
        // a broadcast view: [[7, 7], [7, 7]]
        var expanded = new RawTensor(storage, new Shape(2, 2), new[] { 0, 0 }, 7);

        Safetensors.Write(path, new[] { Entry("t", transposed), Entry("s", slice), Entry("e", expanded) });
        var back = Safetensors.Read(path);

        Assert.False(transposed.IsContiguous);
        Assert.Equal(new Shape(3, 2), back["t"].Shape);
        Assert.Equal(new double[] { 0, 3, 1, 4, 2, 5 }, back["t"].ToArray<double>());
        Assert.Equal(new double[] { 5, 6, 7 }, back["s"].ToArray<double>());
        Assert.Equal(new double[] { 7, 7, 7, 7 }, back["e"].ToArray<double>());
        Assert.True(back["t"].IsContiguous);
    }

    [Fact]
    public void Metadata_round_trips_including_escapes_and_non_ascii_text()
    {
        var path = Path.Combine(_dir, "meta.safetensors");
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["empty"] = "",
            ["quotes \"and\" \\slashes\\"] = "line\nbreak\ttab <html> & 'apostrophe' +",
            ["unicode"] = "ünïcødé λ 日本 😀",
        };

        Safetensors.Write(path, new[] { Entry("x", RawTensor.FromArray(new[] { 1, 2 }, new Shape(2))) }, metadata);
        var back = Safetensors.Read(path);

        Assert.Equal(metadata.OrderBy(p => p.Key), back.Metadata.OrderBy(p => p.Key));
        Assert.Equal(new[] { 1, 2 }, back["x"].ToArray<int>());
    }

    [Fact]
    public void An_empty_checkpoint_round_trips()
    {
        var path = Path.Combine(_dir, "empty.safetensors");

        Safetensors.Write(path, Array.Empty<KeyValuePair<string, RawTensor>>());
        var back = Safetensors.Read(path);

        Assert.Equal(FileBytes("{}", Array.Empty<byte>()), File.ReadAllBytes(path));
        Assert.Empty(back.Tensors);
        Assert.Empty(back.Metadata);
    }

    [Fact]
    public void The_written_bytes_match_the_reference_writer_for_a_tiny_file()
    {
        var path = Path.Combine(_dir, "tiny.safetensors");

        Safetensors.Write(path, new[] { Entry("a", RawTensor.FromArray(new[] { 1f, 2f }, new Shape(2))) });
        var bytes = File.ReadAllBytes(path);

        // oracle: the format description and prepare() in huggingface/safetensors (serde_json's compact output,
        // fields dtype, shape, data_offsets, padded with spaces to a multiple of 8): 54 bytes of JSON + 2 spaces.
        Assert.Equal(new byte[] { 56, 0, 0, 0, 0, 0, 0, 0 }, bytes[..8]);
        Assert.Equal("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}  ",
            Encoding.UTF8.GetString(bytes, 8, 56));
        Assert.Equal(new byte[] { 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0x40 }, bytes[64..]);
        Assert.Equal(
            FileBytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", Floats(1f, 2f)),
            bytes);
    }

    [Fact]
    public void Metadata_comes_first_in_the_header_as_the_reference_writer_puts_it()
    {
        var path = Path.Combine(_dir, "tiny-meta.safetensors");

        Safetensors.Write(path, new[] { Entry("a", RawTensor.FromArray(new[] { 1f, 2f }, new Shape(2))) },
            new Dictionary<string, string> { ["format"] = "pt" });

        // oracle: Metadata's Serialize impl in huggingface/safetensors writes __metadata__ before the tensors;
        // 85 bytes of JSON + 3 spaces = 88 = 0x58.
        var expected = FileBytes(
            "{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
            Floats(1f, 2f));
        Assert.Equal(0x58, expected[0]);
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_hand_built_golden_file_reads_back()
    {
        var path = Path.Combine(_dir, "golden.safetensors");
        File.WriteAllBytes(path, FileBytes(
            "{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
            new byte[] { 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0x40 }));

        var back = Safetensors.Read(path);

        var (name, a) = Assert.Single(back.Tensors);
        Assert.Equal("a", name);
        Assert.Equal(DType.Float32, a.DType);
        Assert.Equal(new Shape(2), a.Shape);
        Assert.Equal(new[] { 1f, 2f }, a.ToArray<float>());
        Assert.Equal("pt", back.Metadata["format"]);
    }

    [Fact]
    public void An_unpadded_header_as_older_writers_made_reads_back()
    {
        var path = Path.Combine(_dir, "unpadded.safetensors");
        // oracle: the example in the doc comment of SafeTensors::deserialize in huggingface/safetensors:
        // header length 60 ('<'), no padding, 16 zero bytes of data.
        var bytes = Encoding.ASCII
            .GetBytes("<\0\0\0\0\0\0\0{\"test\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}")
            .Concat(new byte[16]).ToArray();
        File.WriteAllBytes(path, bytes);

        var back = Safetensors.Read(path);

        Assert.Equal(new Shape(2, 2), back["test"].Shape);
        Assert.Equal(new[] { 0, 0, 0, 0 }, back["test"].ToArray<int>());
    }

    [Fact]
    public void Tensors_listed_out_of_data_order_read_back_in_data_order()
    {
        var path = Path.Combine(_dir, "order.safetensors");
        File.WriteAllBytes(path, FileBytes(
            "{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}," +
            "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}," +
            "\"z\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,8]}}",
            Floats(1f, 2f)));

        var back = Safetensors.Read(path);

        Assert.Equal(new[] { "a", "b", "z" }, back.Tensors.Select(t => t.Key));
        Assert.Equal(new[] { 1f }, back["a"].ToArray<float>());
        Assert.Equal(new[] { 2f }, back["b"].ToArray<float>());
    }

    [Fact]
    public void Looking_up_a_missing_name_lists_the_names_present()
    {
        var path = Path.Combine(_dir, "names.safetensors");
        Safetensors.Write(path, new[]
        {
            Entry("layer.0.weight", RawTensor.FromArray(new[] { 1f }, new Shape(1))),
            Entry("layer.0.bias", RawTensor.FromArray(new[] { 2f }, new Shape(1))),
        });
        var back = Safetensors.Read(path);

        var e = Assert.Throws<KeyNotFoundException>(() => back["layer.1.weight"]);

        Assert.Contains("'layer.1.weight'", e.Message);
        Assert.Contains("'layer.0.weight', 'layer.0.bias'", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Writing_leaves_no_temporary_file_and_replaces_an_existing_file()
    {
        var path = Path.Combine(_dir, "replace.safetensors");
        File.WriteAllText(path, "old contents");

        Safetensors.Write(path, new[] { Entry("x", RawTensor.FromArray(new[] { 3L }, new Shape(1))) });

        Assert.Equal(new[] { "replace.safetensors" }, FilesInDir());
        Assert.Equal(new[] { 3L }, Safetensors.Read(path)["x"].ToArray<long>());
    }

    public static TheoryData<string> FailingWrites => new() { "duplicate", "enumeration", "data" };

    [Theory]
    [MemberData(nameof(FailingWrites))]
    public void A_failing_write_keeps_the_existing_file_and_leaves_no_temporary_file(string failure)
    {
        var path = Path.Combine(_dir, "keep.safetensors");
        Safetensors.Write(path, new[] { Entry("old", RawTensor.FromArray(new[] { 1f }, new Shape(1))) });
        var before = File.ReadAllBytes(path);
        var good = Entry("w", RawTensor.FromArray(new[] { 1f, 2f }, new Shape(2)));
        IReadOnlyList<KeyValuePair<string, RawTensor>> tensors = failure switch
        {
            "duplicate" => new[] { good, Entry("b", good.Value), good },
            "enumeration" => new ThrowingList(good),
            // a storage the CPU backend cannot read: fails while the data section is being written
            _ => new[] { good, Entry("bad", new RawTensor(new OpaqueStorage(4), new Shape(4))) },
        };

        var e = Record.Exception(() => Safetensors.Write(path, tensors));

        switch (failure)
        {
            case "duplicate":
                Assert.IsType<ArgumentException>(e);
                Assert.Contains("'w' twice", e.Message);
                break;
            case "enumeration":
                Assert.Equal("boom", Assert.IsType<IOException>(e).Message);
                break;
            default:
                // the backend's error, not a header check: the header was already in the temporary file
                Assert.NotNull(e);
                Assert.DoesNotContain("safetensors:", e.Message);
                break;
        }
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { "keep.safetensors" }, FilesInDir());
    }

    [Theory]
    [InlineData("")]
    [InlineData("__metadata__")]
    public void Empty_or_reserved_names_are_rejected(string name)
    {
        var path = Path.Combine(_dir, "names.safetensors");

        var e = Assert.Throws<ArgumentException>(() =>
            Safetensors.Write(path, new[] { Entry(name, RawTensor.FromArray(new[] { 1f }, new Shape(1))) }));

        Assert.StartsWith("safetensors:", e.Message);
        Assert.Empty(FilesInDir());
    }

    [Fact]
    public void A_missing_file_is_a_file_not_found_error()
    {
        Assert.Throws<FileNotFoundException>(() => Safetensors.Read(Path.Combine(_dir, "absent.safetensors")));
    }

    /// <summary>One tensor's header entry, e.g. <c>"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}</c>.</summary>
    private static string Info(string name, string dtype, string shape, string offsets) =>
        $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":{shape},\"data_offsets\":{offsets}}}";

    private static readonly string A = Info("a", "F32", "[2]", "[0,8]");

    private static byte[] Header(string json, int dataBytes = 0) => FileBytes(json, new byte[dataBytes]);

    public static TheoryData<string, byte[], string[]> Malformed => new()
    {
        { "short", new byte[] { 1, 0, 0 }, new[] { "at least 8 bytes", "a file of 3 bytes" } },
        {
            "header-too-long", Header("{}").Select((b, i) => i == 0 ? (byte)200 : b).ToArray(),
            new[] { "header length of at most 8 bytes", "found 200" }
        },
        { "not-json", Header("{\"a\":"), new[] { "JSON header", "invalid JSON" } },
        {
            // U+00FF is C3 BF in UTF-8; FF BF is not UTF-8
            "not-utf8", Header("{\"\u00ff\":1}").Select(b => b == 0xC3 ? (byte)0xFF : b).ToArray(),
            new[] { "invalid UTF-8" }
        },
        { "array", Header("[1, 2]"), new[] { "a JSON object as the header", "a JSON array" } },
        {
            "unknown-dtype", Header("{" + Info("a", "BF16", "[2]", "[0,4]") + "}", 4),
            new[] { "unsupported dtype 'BF16'", "F32, F64, I32, I64", "tensor 'a'" }
        },
        {
            "size-mismatch", Header("{" + Info("a", "F64", "[3]", "[0,8]") + "}", 8),
            new[] { "24 bytes for tensor 'a'", "spanning 8 bytes" }
        },
        {
            "negative-dim", Header("{" + Info("a", "F32", "[-1]", "[0,0]") + "}"),
            new[] { "dimensions that are integers", "-1" }
        },
        {
            "too-many-elements", Header("{" + Info("a", "F32", "[65536,65536]", "[0,0]") + "}"),
            new[] { "at most 2147483647 elements", "[65536,65536]" }
        },
        {
            "missing-offsets", Header("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8),
            new[] { "\"data_offsets\" for tensor 'a'", "found none" }
        },
        { "bad-offsets", Header("{" + Info("a", "F32", "[2]", "[0]") + "}", 8), new[] { "two integers", "[0]" } },
        {
            "reversed-offsets", Header("{" + Info("a", "F32", "[0]", "[8,0]") + "}", 8),
            new[] { "begin <= end", "[8, 0]" }
        },
        {
            "overlap", Header("{" + A + "," + Info("b", "F32", "[2]", "[4,12]") + "}", 12),
            new[] { "do not overlap", "'b'", "overlapping 'a' [0, 8]" }
        },
        {
            "gap", Header("{" + A + "," + Info("b", "F32", "[2]", "[12,20]") + "}", 20),
            new[] { "without gaps", "'b' to start at byte 8", "a gap of 4 bytes" }
        },
        {
            "starts-late", Header("{" + Info("a", "F32", "[2]", "[4,12]") + "}", 12),
            new[] { "without gaps", "'a' to start at byte 0" }
        },
        {
            "truncated", Header("{" + A + "}", 5),
            new[] { "8 bytes of tensor data", "found 5 bytes", "truncated" }
        },
        {
            "trailing", Header("{" + A + "}", 11),
            new[] { "8 bytes of tensor data", "found 11 bytes", "3 trailing bytes" }
        },
        { "duplicate-name", Header("{" + A + "," + A + "}", 8), new[] { "'a' twice" } },
        {
            "metadata-not-strings", Header("{\"__metadata__\":{\"epochs\":3}}"),
            new[] { "string values in '__metadata__'", "a JSON number for 'epochs'" }
        },
        { "tensor-not-object", Header("{\"a\":[1]}"), new[] { "tensor 'a'", "a JSON array" } },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_file_is_an_invalid_data_error_naming_the_file_and_the_problem(
        string name, byte[] bytes, string[] expected)
    {
        var path = Path.Combine(_dir, name + ".safetensors");
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Read(path));

        Assert.StartsWith("safetensors: expected ", e.Message);
        Assert.Contains(path, e.Message);
        foreach (var part in expected) Assert.Contains(part, e.Message);
    }

    /// <summary>Yields its one item, then fails: a list whose enumeration throws.</summary>
    private sealed class ThrowingList(KeyValuePair<string, RawTensor> item)
        : IReadOnlyList<KeyValuePair<string, RawTensor>>
    {
        public int Count => 2;

        public KeyValuePair<string, RawTensor> this[int index] => index == 0 ? item : throw new IOException("boom");

        public IEnumerator<KeyValuePair<string, RawTensor>> GetEnumerator()
        {
            yield return item;
            throw new IOException("boom");
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>A CPU float32 storage that is not a <see cref="CpuStorage{T}"/>, so reading it fails.</summary>
    private sealed class OpaqueStorage(int length) : TensorStorage
    {
        public override DType DType => DType.Float32;

        public override Device Device => Device.Cpu;

        public override int Length => length;
    }
}
