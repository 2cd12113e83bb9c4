using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Functional.Core.Data;
using static Functional.Core.Tests.Data.MatWriter;

namespace Functional.Core.Tests.Data;

public class MatFileTests
{
    private static IReadOnlyDictionary<string, MatArray> Read(MatWriter w) =>
        MatFile.Read(new MemoryStream(w.ToArray()));

    [Fact]
    public void A_big_endian_file_assembled_byte_by_byte_from_the_format_document_reads()
    {
        // oracle: "MATLAB MAT-File Format", MAT-File Header Format and miMATRIX Format, big-endian ("MI"):
        // a = uint8-stored double [3 7] in small elements, b = 1.5 as miDOUBLE.
        byte[] file =
        [
            .. Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file".PadRight(116)), 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00,
            (byte)'M', (byte)'I',
            0, 0, 0, 14, 0, 0, 0, 48, // miMATRIX, 48 bytes
            0, 0, 0, 6, 0, 0, 0, 8, 0, 0, 0, 6, 0, 0, 0, 0, // flags: mxDOUBLE_CLASS
            0, 0, 0, 5, 0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0, 2, // dims 1x2
            0, 1, 0, 1, (byte)'a', 0, 0, 0, // small miINT8 name
            0, 2, 0, 2, 3, 7, 0, 0, // small miUINT8 data
            0, 0, 0, 14, 0, 0, 0, 56,
            0, 0, 0, 6, 0, 0, 0, 8, 0, 0, 0, 6, 0, 0, 0, 0,
            0, 0, 0, 5, 0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0, 1,
            0, 1, 0, 1, (byte)'b', 0, 0, 0,
            0, 0, 0, 9, 0, 0, 0, 8, 0x3F, 0xF8, 0, 0, 0, 0, 0, 0, // miDOUBLE 1.5
        ];

        var mat = MatFile.Read(new MemoryStream(file));

        Assert.Equal(new[] { "a", "b" }, mat.Keys);
        Assert.Equal(new[] { 1, 2 }, mat["a"].Dims);
        Assert.Equal(new[] { 3.0, 7.0 }, mat["a"].ToDoubles());
        Assert.Equal(new[] { 1.5 }, mat["b"].ToDoubles());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void A_2x3_double_matrix_reads_row_major_in_either_byte_order_compressed_or_not(bool bigEndian,
        bool compress)
    {
        // MATLAB [1 2 3; 4 5 6] is stored column by column: 1 4 2 5 3 6.
        var w = new MatWriter(bigEndian).Numeric("A", MxDouble, [2, 3], MiDouble, [1, 4, 2, 5, 3, 6.25], compress);

        var a = Read(w)["A"];

        Assert.Equal(new[] { 2, 3 }, a.Dims);
        Assert.Equal(MatClass.Double, a.Class);
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6.25 }, a.ToDoubles());
        Assert.Equal(new double[,] { { 1, 2, 3 }, { 4, 5, 6.25 } }, a.ToMatrix());
    }

    [Theory]
    [InlineData(MiUInt8)]
    [InlineData(MiInt8)]
    [InlineData(MiInt16)]
    [InlineData(MiUInt16)]
    [InlineData(MiInt32)]
    [InlineData(MiUInt32)]
    [InlineData(MiInt64)]
    [InlineData(MiUInt64)]
    [InlineData(MiSingle)]
    public void A_double_array_stored_in_a_narrower_type_reads_as_doubles(int storage)
    {
        // MATLAB writes a double array whose values fit as miUINT8, miINT16... (scipy casts them back to float64).
        double[] values = [0, 1, 7, 100, 127];
        foreach (bool big in new[] { false, true })
        {
            var a = Read(new MatWriter(big).Numeric("d", MxDouble, [5, 1], storage, values))["d"];

            Assert.Equal(MatClass.Double, a.Class);
            Assert.Equal(values, a.ToDoubles());
        }
    }

    [Fact]
    public void Negative_values_stored_as_miINT16_read_as_doubles_in_both_byte_orders()
    {
        foreach (bool big in new[] { false, true })
            Assert.Equal(new[] { -300.0, 0, 300 },
                Read(new MatWriter(big).Numeric("d", MxDouble, [1, 3], MiInt16, [-300, 0, 300]))["d"].ToDoubles());
    }

    [Theory]
    [InlineData(MxInt8, MiInt8, MatClass.Int8, -128, 127)]
    [InlineData(MxUInt8, MiUInt8, MatClass.UInt8, 0, 255)]
    [InlineData(MxInt16, MiInt16, MatClass.Int16, -32768, 32767)]
    [InlineData(MxInt16, MiInt8, MatClass.Int16, -128, 127)]
    [InlineData(MxUInt16, MiUInt16, MatClass.UInt16, 0, 65535)]
    [InlineData(MxInt32, MiInt32, MatClass.Int32, int.MinValue, int.MaxValue)]
    [InlineData(MxInt32, MiDouble, MatClass.Int32, -5, 5)]
    [InlineData(MxUInt32, MiUInt32, MatClass.UInt32, 0, uint.MaxValue)]
    [InlineData(MxInt64, MiInt32, MatClass.Int64, int.MinValue, int.MaxValue)]
    [InlineData(MxUInt64, MiUInt8, MatClass.UInt64, 0, 255)]
    [InlineData(MxSingle, MiSingle, MatClass.Single, -1.5, 3.25)]
    [InlineData(MxSingle, MiUInt8, MatClass.Single, 0, 200)]
    public void Every_numeric_class_reads_its_extremes_from_its_storage_type(int mx, int storage, MatClass cls,
        double min, double max)
    {
        foreach (bool big in new[] { false, true })
        {
            var a = Read(new MatWriter(big).Numeric("v", mx, [1, 3], storage, [min, 0, max]))["v"];

            Assert.Equal(cls, a.Class);
            Assert.Equal(new[] { min, 0, max }, a.ToDoubles());
            if (cls != MatClass.Single) Assert.Equal(new[] { (long)min, 0, (long)max }, a.ToInt64s());
        }
    }

    [Fact]
    public void Int64_and_uint64_beyond_2_to_the_53_read_exactly_through_the_typed_accessors()
    {
        var w = new MatWriter();
        long[] signed = [long.MinValue, (1L << 53) + 1, long.MaxValue];
        ulong[] unsigned = [ulong.MaxValue, (1UL << 53) + 1];
        w.Add(w.Matrix(MxInt64, 0, [3, 1], "i", w.Element(MiInt64, w.EncodeInt64(signed))));
        w.Add(w.Matrix(MxUInt64, 0, [1, 2], "u", w.Element(MiUInt64, w.EncodeUInt64(unsigned))), compress: true);

        var mat = Read(w);

        Assert.Equal(signed, mat["i"].ToInt64s());
        Assert.Equal(unsigned, mat["u"].ToUInt64s());
        Assert.Equal((double)((1L << 53) + 1), mat["i"].ToDoubles()[1]); // rounds to 2^53 as a double
        Assert.Equal(9007199254740992.0, mat["i"].ToDoubles()[1]);
        var e = Assert.Throws<OverflowException>(() => mat["u"].ToInt64s());
        Assert.Contains("above Int64.MaxValue; use ToUInt64s", e.Message);
        Assert.Throws<OverflowException>(() => mat["i"].ToUInt64s());
    }

    [Fact]
    public void A_single_stored_as_miDOUBLE_rounds_to_float32_as_scipy_casts_it()
    {
        var a = Read(new MatWriter().Numeric("s", MxSingle, [1, 1], MiDouble, [0.1]))["s"];

        Assert.Equal((double)0.1f, a.ToDoubles()[0]);
    }

    [Fact]
    public void A_uint8_array_with_the_logical_flag_is_logical()
    {
        var a = Read(new MatWriter().Numeric("m", MxUInt8, [2, 2], MiUInt8, [1, 0, 0, 1], flags: LogicalFlag))["m"];

        Assert.Equal(MatClass.Logical, a.Class);
        Assert.True(a.IsLogical);
        Assert.False(a.IsSparse);
        Assert.Equal(new[] { 1.0, 0, 0, 1 }, a.ToDoubles());
        Assert.Equal(new long[] { 1, 0, 0, 1 }, a.ToInt64s());
    }

    [Theory]
    [InlineData(MiUtf8, false)]
    [InlineData(MiUInt16, false)]
    [InlineData(MiUInt16, true)]
    [InlineData(MiUtf16, true)]
    [InlineData(MiUInt8, false)]
    public void A_char_array_of_several_rows_reads_one_string_per_row(int storage, bool bigEndian)
    {
        // ['abc'; 'déf'] column-major: a d b é c f.
        var a = Read(new MatWriter(bigEndian).Chars("s", [2, 3], "adbécf", storage))["s"];

        Assert.Equal(MatClass.Char, a.Class);
        Assert.Equal(new[] { "abc", "déf" }, a.ToStrings());
    }

    [Fact]
    public void One_row_char_arrays_read_as_one_string_compressed_or_not()
    {
        var w = new MatWriter().Chars("t", [1, 5], "hello", MiUtf8).Chars("z", [1, 2], "€x", MiUtf8, compress: true);

        var mat = Read(w);

        Assert.Equal(new[] { "hello" }, mat["t"].ToStrings());
        Assert.Equal(new[] { "€x" }, mat["z"].ToStrings());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_sparse_matrix_with_an_empty_column_keeps_its_csc_form_and_densifies(bool compress)
    {
        // [0 2 0 0; 1 0 0 3; 0 4 0 0]: column 2 (0-based) is empty.
        var w = new MatWriter().Sparse("S", 3, 4, ir: [1, 0, 2, 1], jc: [0, 1, 3, 3, 4], pr: [1, 2, 4, 3],
            prStorage: MiUInt8, compress: compress);

        var s = Read(w)["S"];

        Assert.Equal(MatClass.Sparse, s.Class);
        Assert.True(s.IsSparse);
        Assert.False(s.IsLogical);
        Assert.Equal(12, s.Count);
        var (rows, starts, values) = s.ToSparse();
        Assert.Equal(new[] { 1, 0, 2, 1 }, rows);
        Assert.Equal(new[] { 0, 1, 3, 3, 4 }, starts);
        Assert.Equal(new[] { 1.0, 2, 4, 3 }, values);
        Assert.Equal(new double[,] { { 0, 2, 0, 0 }, { 1, 0, 0, 3 }, { 0, 4, 0, 0 } }, s.ToMatrix());
    }

    [Fact]
    public void A_logical_sparse_matrix_reads_its_true_entries_as_ones()
    {
        var w = new MatWriter(bigEndian: true).Sparse("L", 2, 2, ir: [1], jc: [0, 0, 1], pr: [1], prStorage: MiUInt8,
            logical: true);

        var s = Read(w)["L"];

        Assert.True(s.IsSparse);
        Assert.True(s.IsLogical);
        Assert.Equal(new[] { 0.0, 0, 0, 1 }, s.ToDoubles());
        Assert.Equal("L: Sparse logical 2x2", s.ToString());
    }

    [Fact]
    public void A_sparse_matrix_too_large_to_densify_still_reads_in_csc_form()
    {
        var jc = new int[100001];
        for (int j = 1; j < jc.Length; j++) jc[j] = 1; // one nonzero, in column 0
        var s = Read(new MatWriter().Sparse("huge", 100000, 100000, ir: [99999], jc: jc, pr: [2.5]))["huge"];

        Assert.Equal(10_000_000_000L, s.Count);
        Assert.Equal(new[] { 99999 }, s.ToSparse().RowIndices);
        var e = Assert.Throws<InvalidOperationException>(() => s.ToDoubles());
        Assert.Contains("elements to densify, received the sparse Sparse 100000x100000; use ToSparse", e.Message);
    }

    [Fact]
    public void A_global_variable_reads_like_any_other()
    {
        var a = Read(new MatWriter().Numeric("g", MxDouble, [1, 1], MiDouble, [3], flags: GlobalFlag))["g"];

        Assert.Equal(new[] { 3.0 }, a.ToDoubles());
    }

    [Fact]
    public void A_3d_array_goes_from_column_major_to_row_major_element_by_element()
    {
        // v(i, j, k) = 100 i + 10 j + k for a 2x3x4 array, written column-major (i fastest).
        var columnMajor = new List<double>();
        for (int k = 0; k < 4; k++)
            for (int j = 0; j < 3; j++)
                for (int i = 0; i < 2; i++) columnMajor.Add(100 * i + 10 * j + k);

        var a = Read(new MatWriter().Numeric("T", MxDouble, [2, 3, 4], MiUInt8, [.. columnMajor], compress: true))["T"];

        Assert.Equal(new[] { 2, 3, 4 }, a.Dims);
        Assert.Equal(3, a.Rank);
        var values = a.ToDoubles();
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++) Assert.Equal(100 * i + 10 * j + k, values[(i * 3 + j) * 4 + k]);
        var e = Assert.Throws<InvalidOperationException>(() => a.ToMatrix());
        Assert.Contains("expected a 2-D array, received Double 2x3x4", e.Message);
    }

    [Fact]
    public void Empty_0x0_and_1x0_arrays_read_with_their_dims_and_no_elements()
    {
        var w = new MatWriter().Numeric("e00", MxDouble, [0, 0], MiDouble, [])
            .Numeric("e10", MxDouble, [1, 0], MiDouble, [], compress: true)
            .Chars("c00", [0, 0], "", MiUtf8).Chars("c10", [1, 0], "", MiUInt16);

        var mat = Read(w);

        Assert.Equal(new[] { 0, 0 }, mat["e00"].Dims);
        Assert.Empty(mat["e00"].ToDoubles());
        Assert.Equal(0, mat["e10"].Count);
        Assert.Equal(new double[1, 0], mat["e10"].ToMatrix());
        Assert.Empty(mat["c00"].ToStrings());
        Assert.Equal(new[] { "" }, mat["c10"].ToStrings());
    }

    [Fact]
    public void Variables_come_back_in_file_order_and_a_header_only_file_has_none()
    {
        var w = new MatWriter();
        foreach (var name in new[] { "zeta", "alpha", "mid", "b" }) w.Numeric(name, MxDouble, [1, 1], MiUInt8, [1]);

        Assert.Equal(new[] { "zeta", "alpha", "mid", "b" }, Read(w).Keys);
        Assert.Empty(Read(new MatWriter()));
    }

    [Fact]
    public void A_forward_only_stream_reads_the_same_as_a_seekable_one()
    {
        var bytes = new MatWriter().Numeric("x", MxDouble, [2, 1], MiDouble, [1.5, -2], compress: true)
            .Numeric("y", MxInt16, [1, 1], MiInt16, [-7]).ToArray();

        var mat = MatFile.Read(new ForwardOnlyStream(bytes));

        Assert.Equal(new[] { 1.5, -2 }, mat["x"].ToDoubles());
        Assert.Equal(new long[] { -7 }, mat["y"].ToInt64s());
    }

    [Fact]
    public void ReadVariable_skips_an_unsupported_variable_before_the_one_asked_for()
    {
        var w = new MatWriter();
        w.Add(w.Matrix(MxCell, 0, [1, 1], "c"));
        w.Numeric("x", MxDouble, [1, 1], MiDouble, [4]);
        var path = Path.Combine(Path.GetTempPath(), $"matfile-{Guid.NewGuid():N}.mat");
        File.WriteAllBytes(path, w.ToArray());
        try
        {
            Assert.Equal(new[] { 4.0 }, MatFile.ReadVariable(path, "x").ToDoubles());
            var e = Assert.Throws<KeyNotFoundException>(() => MatFile.ReadVariable(path, "nope"));
            Assert.Contains("no variable 'nope'", e.Message);
            Assert.Contains("it holds c, x", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Accessors_of_the_wrong_class_say_what_they_expected_and_what_the_array_is()
    {
        var mat = Read(new MatWriter().Chars("s", [1, 2], "hi", MiUtf8).Numeric("d", MxDouble, [1, 1], MiDouble, [1]));

        Assert.Contains("expected a numeric, logical or sparse array; use ToStrings, received 's', Char 1x2",
            Assert.Throws<InvalidOperationException>(() => mat["s"].ToDoubles()).Message);
        Assert.Contains("ToStrings: expected a char array, received 'd', Double 1x1",
            Assert.Throws<InvalidOperationException>(() => mat["d"].ToStrings()).Message);
        Assert.Contains("ToSparse: expected a sparse matrix",
            Assert.Throws<InvalidOperationException>(() => mat["d"].ToSparse()).Message);
        Assert.Contains("ToInt64s: expected an integer or logical array; use ToDoubles",
            Assert.Throws<InvalidOperationException>(() => mat["d"].ToInt64s()).Message);
    }

    [Fact]
    public void The_arrays_returned_are_copies()
    {
        var a = Read(new MatWriter().Numeric("d", MxDouble, [1, 2], MiDouble, [1, 2]))["d"];

        a.ToDoubles()[0] = 99;
        a.Dims[0] = 99;

        Assert.Equal(new[] { 1.0, 2 }, a.ToDoubles());
        Assert.Equal(new[] { 1, 2 }, a.Dims);
    }

    // A stream that cannot seek, as a network or pipe stream: the reader must not rely on Length.
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}
