using System;
using System.IO;
using System.Linq;
using Functional.Core.Data;
using static Functional.Core.Tests.Data.MatWriter;

namespace Functional.Core.Tests.Data;

/// <summary>Malformed MAT-files: every failure is an InvalidDataException naming the source and what was wrong, found
/// before anything the file claims is allocated.</summary>
public class MatFileMalformedTests
{
    private static InvalidDataException Fails(byte[] file) =>
        Assert.Throws<InvalidDataException>(() => MatFile.Read(new MemoryStream(file), "bad.mat"));

    private static MatWriter TwoVariables(bool compress, out byte[] file)
    {
        var w = new MatWriter();
        var chars = w.MatrixContent(MxChar, 0, [1, 3], "abc", w.Element(MiUtf8, "xyz"u8.ToArray()));
        w.AddDouble("first", [3, 2], [1, 2, 3, 4, 5, 6], compress: compress).Add(chars, compress);
        file = w.ToArray();
        return w;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_file_cut_at_any_byte_inside_an_element_fails_with_a_named_error(bool compress)
    {
        var w = TwoVariables(compress, out var file);

        for (int length = 0; length < file.Length; length++)
        {
            if (w.Boundaries.Contains(length))
                continue; // cut between variables: a valid, shorter file
            var e = Fails(file[..length]);
            Assert.StartsWith("MatFile bad.mat: ", e.Message);
        }
    }

    [Fact]
    public void A_file_cut_between_variables_is_a_shorter_valid_file()
    {
        var w = TwoVariables(true, out var file);

        Assert.Equal(["first"], MatFile.Read(new MemoryStream(file[..w.Boundaries[1]]), "cut").Select(v => v.Name));
        Assert.Empty(MatFile.Read(new MemoryStream(file[..128]), "header only"));
    }

    [Fact]
    public void A_corrupted_zlib_stream_is_named()
    {
        TwoVariables(true, out var file);
        for (int at = 140; at < 150; at++)
            file[at] ^= 0x5A;

        var e = Fails(file);

        Assert.Contains("compressed element", e.Message);
    }

    [Fact]
    public void A_tag_claiming_two_gigabytes_fails_at_once_without_allocating_it()
    {
        var w = new MatWriter();
        var file = w.ToArray().Concat(w.U32(MiMatrix)).Concat(w.U32(0x7FFF_FFF0)).Concat(new byte[16]).ToArray();

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Fails(file);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("claims 2,147,483,632 bytes, 16 remain", e.Message);
        Assert.True(allocated < 1_000_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Absurd_dimensions_with_eight_bytes_of_data_fail_without_allocating_them()
    {
        var w = new MatWriter();
        var file = w.Add(w.MatrixContent(MxDouble, 0, [100_000, 100_000], "huge", w.Element(MiDouble, w.Numbers(MiDouble, 1))))
            .ToArray();

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Fails(file);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("expected fewer than 2^31 elements, received dimensions 100000x100000", e.Message);
        Assert.True(allocated < 1_000_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Dimensions_that_do_not_match_the_data_are_named()
    {
        var w = new MatWriter();
        var file = w.Add(w.MatrixContent(MxDouble, 0, [2, 2], "m", w.Element(MiDouble, w.Numbers(MiDouble, 1, 2, 3))))
            .ToArray();

        var e = Fails(file);

        Assert.Equal("MatFile bad.mat: 'm' has 4 elements by its dimensions but 24 bytes of 8-byte data (3 elements)", e.Message);
    }

    [Fact]
    public void An_unknown_data_type_is_named()
    {
        var w = new MatWriter();
        var file = w.Add(w.MatrixContent(MxDouble, 0, [1, 1], "m", w.Element(42, new byte[8]))).ToArray();

        var e = Fails(file);

        Assert.Equal("MatFile bad.mat: expected a numeric data type for 'm', received element type 42", e.Message);
    }

    [Fact]
    public void A_top_level_element_that_is_not_a_matrix_is_named()
    {
        var w = new MatWriter();
        var file = w.ToArray().Concat(w.Element(MiDouble, w.Numbers(MiDouble, 1))).ToArray();

        var e = Fails(file);

        Assert.Equal("MatFile bad.mat: expected a matrix or compressed element at byte 128, received element type 9", e.Message);
    }

    [Fact]
    public void A_file_without_a_level_5_header_is_named()
    {
        var e = Fails(new byte[200]);
        var shortFile = Fails(new byte[20]);

        Assert.Contains("expected a level-5 MAT-file (endian indicator IM or MI at byte 126), received 0x0000", e.Message);
        Assert.Equal("MatFile bad.mat: expected a 128-byte level-5 header, received 20 bytes", shortFile.Message);
    }
}
