using System;
using System.IO;
using System.Linq;
using System.Text;
using Functional.Core.Data;
using static Functional.Core.Tests.Data.MatWriter;

namespace Functional.Core.Tests.Data;

/// <summary>The level-5 MAT-file reader on files the tests write: byte orders, compression, storage types, every
/// class, char, logical, sparse, N-D and empty arrays, and what it refuses.</summary>
public class MatFileTests
{
    private static MatArray[] Read(byte[] file) => MatFile.Read(new MemoryStream(file), "test.mat").ToArray();

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void A_2x3_double_matrix_reads_row_major_in_either_byte_order_plain_or_compressed(bool big, bool compress)
    {
        // MATLAB's [1 2 3; 4 5 6] is stored column by column: 1 4 2 5 3 6.
        var file = new MatWriter(big).AddDouble("A", [2, 3], [1, 4, 2, 5, 3, 6.5], compress: compress).ToArray();

        var a = Read(file).Single();

        Assert.Equal("A", a.Name);
        Assert.Equal([2, 3], a.Dims);
        Assert.Equal(MatClass.Double, a.Class);
        Assert.Equal([1, 2, 3, 4, 5, 6.5], a.ToDoubles());
        Assert.Equal(6.5, a.ToMatrix()[1, 2]);
    }

    [Theory]
    [InlineData(MiUInt8)]
    [InlineData(MiInt16)]
    [InlineData(MiInt32)]
    [InlineData(MiSingle)]
    public void A_double_array_may_be_stored_in_a_smaller_type_as_matlab_does(int storage)
    {
        double[] values = storage == MiUInt8 ? [0, 1, 255, 7] : [-3, 1, 255, -32768 / (storage == MiInt16 ? 1 : 2)];

        var a = Read(new MatWriter().AddDouble("v", [4, 1], values, storage).ToArray()).Single();

        Assert.Equal(MatClass.Double, a.Class);
        Assert.Equal(values, (double[])a.Values);
    }

    [Theory]
    [InlineData(MxInt8, MiInt8, typeof(sbyte[]))]
    [InlineData(MxUInt8, MiUInt8, typeof(byte[]))]
    [InlineData(MxInt16, MiInt16, typeof(short[]))]
    [InlineData(MxUInt16, MiUInt16, typeof(ushort[]))]
    [InlineData(MxInt32, MiInt32, typeof(int[]))]
    [InlineData(MxUInt32, MiUInt32, typeof(uint[]))]
    [InlineData(MxInt64, MiInt64, typeof(long[]))]
    [InlineData(MxUInt64, MiUInt64, typeof(ulong[]))]
    [InlineData(MxSingle, MiSingle, typeof(float[]))]
    [InlineData(MxInt32, MiUInt8, typeof(int[]))]
    [InlineData(MxInt64, MiInt16, typeof(long[]))]
    public void Every_numeric_class_comes_back_in_its_own_type(int mxClass, int storage, Type expected)
    {
        var w = new MatWriter(bigEndian: storage % 2 == 0);
        var file = w.Add(w.MatrixContent(mxClass, 0, [1, 3], "n", w.Element(storage, w.Numbers(storage, 1, 2, 100)))).ToArray();

        var a = Read(file).Single();

        Assert.IsType(expected, a.Values);
        Assert.Equal([1.0, 2, 100], a.ToDoubles());
    }

    [Fact]
    public void Int64_and_uint64_beyond_2_to_the_53_are_exact()
    {
        var w = new MatWriter();
        long big = (1L << 53) + 1;
        var file = w.Add(w.MatrixContent(MxInt64, 0, [1, 2], "i", w.Element(MiInt64, w.Integers(MiInt64, big, -big))))
            .Add(w.MatrixContent(MxUInt64, 0, [1, 1], "u", w.Element(MiUInt64, w.Integers(MiUInt64, -1))))
            .ToArray();

        var vars = Read(file);

        Assert.Equal([big, -big], vars[0].ToInt64s());
        Assert.Equal([ulong.MaxValue], (ulong[])vars[1].Values);
        Assert.Throws<InvalidOperationException>(() => vars[1].ToInt64s());
    }

    [Fact]
    public void A_logical_array_is_a_flagged_uint8_array_of_booleans()
    {
        var w = new MatWriter();
        var file = w.Add(w.MatrixContent(MxUInt8, 0x200, [2, 2], "mask", w.Element(MiUInt8, w.Numbers(MiUInt8, 1, 0, 0, 1))))
            .ToArray();

        var a = Read(file).Single();

        Assert.Equal(MatClass.Logical, a.Class);
        Assert.True(a.IsLogical);
        Assert.Equal([true, false, false, true], (bool[])a.Values);
        Assert.Equal([1.0, 0, 0, 1], a.ToDoubles());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Char_arrays_give_one_string_per_row_from_utf8_or_uint16(bool big)
    {
        var w = new MatWriter(big);
        // ["abc"; "de "] column-major: a d b e c ' '.
        var utf16 = (big ? Encoding.BigEndianUnicode : Encoding.Unicode).GetBytes("adbec ");
        var file = w.Add(w.MatrixContent(MxChar, 0, [1, 5], "word", w.Element(MiUtf8, Encoding.UTF8.GetBytes("hello"))))
            .Add(w.MatrixContent(MxChar, 0, [2, 3], "rows", w.Element(MiUInt16, utf16)), compress: true)
            .ToArray();

        var vars = Read(file);

        Assert.Equal(["hello"], vars[0].ToStrings());
        Assert.Equal(["abc", "de "], vars[1].ToStrings());
        Assert.Throws<InvalidOperationException>(() => vars[0].ToDoubles());
    }

    [Fact]
    public void A_sparse_matrix_keeps_its_compressed_columns_and_densifies_row_major()
    {
        var w = new MatWriter();
        // [0 5 0; 7 0 0]: column 0 holds row 1 (7), column 1 row 0 (5), column 2 nothing.
        var content = w.MatrixContent(MxSparse, 0, [2, 3], "S",
            w.Element(MiInt32, w.Integers(MiInt32, 1, 0)),
            w.Element(MiInt32, w.Integers(MiInt32, 0, 1, 2, 2)),
            w.Element(MiDouble, w.Numbers(MiDouble, 7, 5)));
        var logical = w.MatrixContent(MxSparse, 0x200, [2, 2], "L",
            w.Element(MiInt32, w.Integers(MiInt32, 0)),
            w.Element(MiInt32, w.Integers(MiInt32, 0, 0, 1)),
            w.Element(MiUInt8, w.Numbers(MiUInt8, 1)));

        var vars = Read(w.Add(content).Add(logical, compress: true).ToArray());

        Assert.True(vars[0].IsSparse);
        Assert.Equal([0.0, 5, 0, 7, 0, 0], vars[0].ToDoubles());
        Assert.Equal([1, 0], vars[0].RowIndices);
        Assert.Equal([0, 1, 2, 2], vars[0].ColumnStarts);
        Assert.True(vars[1].IsLogical);
        Assert.Equal([0.0, 1, 0, 0], vars[1].ToDoubles());
    }

    [Fact]
    public void A_3d_array_turns_from_column_major_to_row_major_element_by_element()
    {
        int[] dims = [2, 3, 4];
        // Column-major value of element (i, j, k) is its own C-order index.
        var columnMajor = new double[24];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++)
                    columnMajor[i + 2 * (j + 3 * k)] = (i * 3 + j) * 4 + k;

        var a = Read(new MatWriter(true).AddDouble("T", dims, columnMajor, compress: true).ToArray()).Single();

        Assert.Equal(dims, a.Dims);
        Assert.Equal(Enumerable.Range(0, 24).Select(x => (double)x), a.ToDoubles());
        Assert.Throws<InvalidOperationException>(() => a.ToMatrix());
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(0, 3)]
    public void Empty_arrays_read_as_empty(int rows, int columns)
    {
        var a = Read(new MatWriter().AddDouble("e", [rows, columns], []).ToArray()).Single();

        Assert.Equal([rows, columns], a.Dims);
        Assert.Empty(a.ToDoubles());
        Assert.Equal(0, a.Count);
    }

    [Fact]
    public void Variables_come_in_file_order_and_a_missing_name_lists_those_there_are()
    {
        var file = new MatWriter().AddDouble("zeta", [1, 1], [1]).AddDouble("alpha", [1, 1], [2], compress: true)
            .AddDouble("mid", [1, 1], [3]).ToArray();
        string path = Path.Combine(Path.GetTempPath(), $"mat-{Guid.NewGuid():N}.mat");
        File.WriteAllBytes(path, file);
        try
        {
            Assert.Equal(["zeta", "alpha", "mid"], MatFile.Read(path).Select(v => v.Name));
            Assert.Equal([2.0], MatFile.ReadVariable(path, "alpha").ToDoubles());
            var e = Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => MatFile.ReadVariable(path, "beta"));
            Assert.Equal($"MatFile {path}: expected a variable named 'beta', received [zeta, alpha, mid]", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(MxCell, 0u, "not supported: cell array (variable 'x')")]
    [InlineData(MxStruct, 0u, "not supported: struct (variable 'x')")]
    [InlineData(MxObject, 0u, "not supported: object (variable 'x')")]
    [InlineData(MxDouble, 0x800u, "not supported: complex numbers (variable 'x')")]
    public void What_the_reader_does_not_read_is_refused_naming_it(int mxClass, uint flags, string message)
    {
        var w = new MatWriter();
        var file = w.Add(w.MatrixContent(mxClass, flags, [1, 1], "x", w.Element(MiDouble, w.Numbers(MiDouble, 1)))).ToArray();

        var e = Assert.Throws<NotSupportedException>(() => Read(file));

        Assert.Equal("MatFile test.mat: " + message, e.Message);
    }

    [Fact]
    public void A_v73_file_is_refused_with_what_to_do()
    {
        var header = new MatWriter().ToArray("MATLAB 7.3 MAT-file, Platform: GLNXA64, HDF5 schema 1.00");

        var e = Assert.Throws<NotSupportedException>(() => Read(header));

        Assert.Contains("not supported: MAT v7.3 (HDF5); save with -v7 or -v6", e.Message);
    }
}
