using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Functional.Core.Data;
using static Functional.Core.Tests.Data.MatWriter;

namespace Functional.Core.Tests.Data;

// Malformed input fails with InvalidDataException naming the source and what was wrong, quickly, and without
// allocating what a lying header claims.
public class MatFileMalformedTests
{
    private static InvalidDataException Fails(byte[] file, string source = "bad.mat") =>
        Assert.Throws<InvalidDataException>(() => MatFile.Read(new MemoryStream(file), source));

    // Two or three variables of every kind, so a cut can land in each part of each element.
    private static MatWriter Sample(bool bigEndian, bool compress) =>
        new MatWriter(bigEndian)
            .Numeric("A", MxDouble, [2, 3], MiUInt8, [1, 4, 2, 5, 3, 6], compress)
            .Chars("name", [1, 3], "abc", MiUtf8, compress)
            .Sparse("S", 3, 2, ir: [0, 2], jc: [0, 1, 2], pr: [1.5, -2], compress: compress);

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void A_file_cut_at_every_byte_fails_with_InvalidDataException_unless_cut_between_elements(bool big,
        bool compress)
    {
        var w = Sample(big, compress);
        var file = w.ToArray();

        for (int length = 0; length < file.Length; length++)
        {
            var cut = file[..length];
            int whole = w.Boundaries.IndexOf(length);
            if (whole >= 0)
                Assert.Equal(whole, MatFile.Read(new MemoryStream(cut)).Count); // a shorter, valid file
            else
            {
                var e = Assert.Throws<InvalidDataException>(() => MatFile.Read(new MemoryStream(cut), "cut.mat"));
                Assert.Contains("cut.mat", e.Message);
            }
        }
    }

    [Fact]
    public void Any_single_corrupted_byte_gives_a_result_or_a_documented_exception_never_another()
    {
        foreach (bool compress in new[] { false, true })
        {
            var file = Sample(bigEndian: false, compress).ToArray();
            for (int at = 0; at < file.Length; at++)
                foreach (byte value in new byte[] { 0x00, 0xFF, 0x80, 0x07, (byte)(file[at] ^ 0x01) })
                {
                    var bad = (byte[])file.Clone();
                    bad[at] = value;
                    try
                    {
                        MatFile.Read(new MemoryStream(bad));
                    }
                    catch (Exception e) when (e is InvalidDataException or NotSupportedException)
                    {
                    }
                }
        }
    }

    [Fact]
    public void Random_corruptions_of_a_few_bytes_give_a_result_or_a_documented_exception_never_another()
    {
        var rng = new Random(20240607);
        var files = new[] { Sample(false, false).ToArray(), Sample(true, true).ToArray() };
        for (int trial = 0; trial < 4000; trial++)
        {
            var bad = (byte[])files[trial % 2].Clone();
            for (int n = rng.Next(1, 5); n > 0; n--) bad[rng.Next(128, bad.Length)] = (byte)rng.Next(256);
            try
            {
                MatFile.Read(new MemoryStream(bad));
            }
            catch (Exception e) when (e is InvalidDataException or NotSupportedException)
            {
            }
        }
    }

    [Fact]
    public void A_corrupted_zlib_stream_is_an_error_saying_so()
    {
        var file = new MatWriter().Numeric("A", MxDouble, [1, 1], MiDouble, [1], compress: true).ToArray();
        file[136] = 0x12; // the zlib header byte (CMF) after the compressed element's tag: not deflate
        file[137] = 0x34;

        var e = Fails(file);

        Assert.Contains("bad zlib stream in the compressed element", e.Message);
        Assert.Contains("element at byte 128 of bad.mat", e.Message);
    }

    [Fact]
    public void Garbage_instead_of_deflate_data_is_an_InvalidDataException()
    {
        var file = new MatWriter().Numeric("A", MxDouble, [4, 4], MiDouble, new double[16], compress: true).ToArray();
        for (int i = 138; i < file.Length; i++) file[i] = 0xFF;

        Fails(file);
    }

    [Theory]
    [InlineData(true, 0x7FFF_0000u, "the tag claims 2147418112 bytes, only 64 remain (truncated?)")]
    [InlineData(false, 0x7FFF_0000u, "the tag claims 2147418112 bytes, only 64 remain (truncated?)")]
    [InlineData(true, 0xFFFF_FFFFu, "the tag claims 4294967295 bytes, only 64 remain (truncated?)")]
    [InlineData(false, 0xFFFF_FFFFu, "the tag claims 4294967295 bytes, more than one .NET array holds")]
    public void A_tag_claiming_2_or_4_GB_fails_fast_without_allocating_it(bool seekable, uint claim, string message)
    {
        var w = new MatWriter();
        byte[] file = [.. MatWriter.Header(false), .. w.Word(MiMatrix), .. w.Word(claim), .. new byte[64]];
        Stream stream = seekable ? new MemoryStream(file) : new ForwardOnly(file);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => MatFile.Read(stream, "huge.mat"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains(message, e.Message);
        Assert.Contains("(element at byte 128 of huge.mat)", e.Message);
        Assert.InRange(allocated, 0, 1 << 20);
    }

    [Fact]
    public void A_compressed_matrix_claiming_more_than_it_inflates_to_fails_without_allocating_the_claim()
    {
        var w = new MatWriter();
        byte[] inner = [.. w.Word(MiMatrix), .. w.Word(0x7FFF_0000), .. new byte[100]];

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Fails(new MatWriter().Add(w.Compressed(inner)).ToArray());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("the compressed miMATRIX claims 2147418112 bytes, its zlib stream inflates to 100", e.Message);
        Assert.InRange(allocated, 0, 1 << 20);
    }

    [Theory]
    [InlineData(100000, 100000, "hold 10000000000 elements, the real part holds 1")]
    [InlineData(int.MaxValue, int.MaxValue, "hold 4611686014132420609 elements")]
    public void Absurd_dimensions_with_8_bytes_of_data_fail_at_once_without_allocating(int rows, int cols,
        string message)
    {
        var w = new MatWriter();
        // Four such dims multiply past long.MaxValue: the product saturates instead of wrapping.
        var file = w.Numeric("big", MxDouble, [rows, cols], MiDouble, [1])
            .Numeric("huge", MxDouble, [int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue], MiDouble, [1])
            .ToArray();

        var watch = Stopwatch.StartNew();
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Fails(file);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains(message, e.Message);
        Assert.Contains("variable 'big' at byte 128 of bad.mat", e.Message);
        Assert.InRange(allocated, 0, 1 << 20);
        Assert.InRange(watch.ElapsedMilliseconds, 0, 1000);
        var huge = new MatWriter().Numeric("h", MxDouble, [int.MaxValue, int.MaxValue, int.MaxValue, 2], MiDouble, [1]);
        Assert.Contains($"hold {long.MaxValue} elements", Fails(huge.ToArray()).Message);
    }

    [Fact]
    public void Dimensions_whose_product_differs_from_the_data_count_are_an_error_showing_both()
    {
        var e = Fails(new MatWriter().Numeric("m", MxDouble, [2, 3], MiInt16, [1, 2, 3, 4, 5]).ToArray());

        Assert.Contains("the dimensions [2, 3] hold 6 elements, the real part holds 5 (miINT16 (3) of 10 bytes)",
            e.Message);
    }

    [Fact]
    public void Negative_dimensions_and_fewer_than_two_are_errors()
    {
        Assert.Contains("expected dimensions >= 0, received -1 as dimension 1",
            Fails(new MatWriter().Numeric("n", MxDouble, [1, -1], MiDouble, []).ToArray()).Message);
        Assert.Contains("expected at least 2 dimensions as miINT32, received miINT32 (5) of 4 bytes",
            Fails(new MatWriter().Numeric("r", MxDouble, [1], MiDouble, [1]).ToArray()).Message);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(99)]
    public void An_unknown_data_type_code_is_an_error_naming_the_code(int code)
    {
        var w = new MatWriter();
        w.Add(w.Matrix(MxDouble, 0, [1, 1], "u", w.Element(code, new byte[8])));

        Assert.Contains($"expected the real part, received unknown data type {code} of 8 bytes",
            Fails(w.ToArray()).Message);
    }

    [Fact]
    public void A_top_level_element_that_is_not_a_matrix_is_an_error()
    {
        var w = new MatWriter();

        Assert.Contains("expected miMATRIX (14) or miCOMPRESSED (15) at the top level, received miDOUBLE (9)",
            Fails(new MatWriter().Add(w.Element(MiDouble, new byte[8])).ToArray()).Message);
        Assert.Contains("received a small-element tag",
            Fails(new MatWriter().Add(w.Element(MiUInt8, [1])).ToArray()).Message);
    }

    [Fact]
    public void A_subelement_longer_than_its_array_and_a_small_element_over_4_bytes_are_errors()
    {
        var w = new MatWriter();
        byte[] flags = w.Element(MiUInt32, [.. w.Word(MxDouble), .. w.Word(0)]);
        byte[] lying = [.. flags, .. w.Word(MiInt32), .. w.Word(4000), .. new byte[8]];
        byte[] small = [.. flags, .. w.Word(6u << 16 | MiInt32), 1, 0, 0, 0];

        Assert.Contains("expected the dimensions within the array, its tag claims 4000 bytes, 8 remain",
            Fails(new MatWriter().Add(w.Element(MiMatrix, lying, allowSmall: false)).ToArray()).Message);
        Assert.Contains("expected the dimensions in a small element of at most 4 bytes, its tag says 6",
            Fails(new MatWriter().Add(w.Element(MiMatrix, small, allowSmall: false)).ToArray()).Message);
    }

    [Fact]
    public void Array_flags_of_the_wrong_type_and_an_unknown_class_are_errors()
    {
        var w = new MatWriter();
        byte[] flags = w.Element(MiDouble, new byte[8]);

        Assert.Contains("expected the array flags as 8 bytes of miUINT32, received miDOUBLE (9) of 8 bytes",
            Fails(new MatWriter().Add(w.Element(MiMatrix, flags, allowSmall: false)).ToArray()).Message);
        Assert.Contains("expected an array class code 1..17, received 30",
            Fails(new MatWriter().Numeric("k", 30, [1, 1], MiDouble, [1]).ToArray()).Message);
    }

    [Fact]
    public void An_integer_class_value_outside_its_range_or_not_whole_is_an_error()
    {
        Assert.Contains("expected Int8 values, received 300 stored as miINT16 (3) of 2 bytes at element 0",
            Fails(new MatWriter().Numeric("i", MxInt8, [1, 1], MiInt16, [300]).ToArray()).Message);
        Assert.Contains("expected UInt16 values, received 1.5 stored as miDOUBLE",
            Fails(new MatWriter().Numeric("u", MxUInt16, [1, 1], MiDouble, [1.5]).ToArray()).Message);
    }

    [Fact]
    public void Char_data_that_does_not_fit_its_dimensions_or_is_not_utf8_is_an_error()
    {
        Assert.Contains("the dimensions [2, 2] hold 4 characters, the data holds 3",
            Fails(new MatWriter().Chars("c", [2, 2], "abc", MiUtf8).ToArray()).Message);
        var w = new MatWriter();
        w.Add(w.Matrix(MxChar, 0, [1, 2], "c", w.Element(MiUtf8, [0xC3, 0x28])));
        Assert.Contains("expected UTF-8 characters, received invalid bytes", Fails(w.ToArray()).Message);
        var odd = new MatWriter();
        odd.Add(odd.Matrix(MxChar, 0, [1, 1], "c", odd.Element(MiUInt16, [0x41, 0, 0x42])));
        Assert.Contains("expected characters as whole 2-byte code units, received miUINT16 (4) of 3 bytes",
            Fails(odd.ToArray()).Message);
        var wrong = new MatWriter();
        wrong.Add(wrong.Matrix(MxChar, 0, [1, 1], "c", wrong.Element(MiDouble, new byte[8])));
        Assert.Contains("expected characters as miUTF8, miUTF16, miUINT16 or miUINT8, received miDOUBLE",
            Fails(wrong.ToArray()).Message);
    }

    [Fact]
    public void Sparse_indices_that_do_not_fit_the_matrix_are_errors()
    {
        Assert.Contains("a sparse matrix of 2 columns needs 3 column starts (jc), received 2",
            Fails(new MatWriter().Sparse("s", 2, 2, [0], [0, 1], [1]).ToArray()).Message);
        Assert.Contains("expected row indices (ir) in 0..1, received 5 at nonzero 0",
            Fails(new MatWriter().Sparse("s", 2, 2, [5], [0, 1, 1], [1]).ToArray()).Message);
        Assert.Contains("received 0 at column 2",
            Fails(new MatWriter().Sparse("s", 2, 2, [0], [0, 1, 0], [1]).ToArray()).Message);
        Assert.Contains("at most the 1 row indices and 1 values, received 2 at column 1",
            Fails(new MatWriter().Sparse("s", 2, 2, [0], [0, 2, 2], [1]).ToArray()).Message);
    }

    [Fact]
    public void A_text_file_a_bad_version_and_a_repeated_name_are_errors()
    {
        var text = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("not a mat-file. ", 10)));
        Assert.Contains("not a level-5 MAT-file: expected the endian indicator \"IM\" or \"MI\" at bytes 126-127",
            Fails(text).Message);
        Assert.Contains("expected the version 0x0100 at bytes 124-125, received 0x0300",
            Fails(MatWriter.Header(false, version: 0x0300)).Message);
        var twice = new MatWriter().Numeric("x", MxDouble, [1, 1], MiDouble, [1])
            .Numeric("x", MxDouble, [1, 1], MiDouble, [2]);
        Assert.Contains("the variable 'x' appears twice in bad.mat", Fails(twice.ToArray()).Message);
        Assert.Contains("expected a 128-byte header, received 0 bytes (truncated?) (header of stream)",
            Assert.Throws<InvalidDataException>(() => MatFile.Read(new MemoryStream())).Message);
    }

    private sealed class ForwardOnly(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
