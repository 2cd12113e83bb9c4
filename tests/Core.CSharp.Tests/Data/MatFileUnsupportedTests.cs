using System;
using System.IO;
using System.Text;
using Functional.Core.Data;
using static Functional.Core.Tests.Data.MatWriter;

namespace Functional.Core.Tests.Data;

// What this reader does not read fails with NotSupportedException saying what, and which variable.
public class MatFileUnsupportedTests
{
    private static NotSupportedException Fails(byte[] file, string source = "test.mat") =>
        Assert.Throws<NotSupportedException>(() => MatFile.Read(new MemoryStream(file), source));

    [Theory]
    [InlineData(MxCell, "cell array")]
    [InlineData(MxStruct, "struct")]
    [InlineData(MxObject, "object")]
    [InlineData(MxFunction, "function handle")]
    public void Cells_structs_objects_and_function_handles_are_not_supported(int mx, string what)
    {
        var w = new MatWriter();
        w.Add(w.Matrix(mx, 0, [1, 1], "v"), compress: true);

        var e = Fails(w.ToArray());

        Assert.StartsWith($"MatFile.Read: not supported: {what} (variable 'v') in test.mat", e.Message);
    }

    [Fact]
    public void An_opaque_class_names_its_variable_though_it_has_no_dimensions()
    {
        // Opaque arrays (MATLAB strings, tables, classdef objects) have flags, a name, then "MCOS" and a class name.
        var w = new MatWriter();
        byte[] flags = w.Element(MiUInt32, [.. w.Word(MxOpaque), .. w.Word(0)]);
        byte[] body = [.. flags, .. w.Element(MiInt8, Encoding.ASCII.GetBytes("str")),
            .. w.Element(MiInt8, Encoding.ASCII.GetBytes("MCOS")),
            .. w.Element(MiInt8, Encoding.ASCII.GetBytes("string"))];
        w.Add(w.Element(MiMatrix, body, allowSmall: false));

        var e = Fails(w.ToArray());

        Assert.Contains("not supported: opaque class", e.Message);
        Assert.Contains("(variable 'str')", e.Message);
    }

    [Fact]
    public void Complex_numbers_are_not_supported_dense_or_sparse()
    {
        var w = new MatWriter();
        w.Add(w.Matrix(MxDouble, ComplexFlag, [1, 1], "z", w.Element(MiDouble, w.Encode(MiDouble, [1])),
            w.Element(MiDouble, w.Encode(MiDouble, [2]))));
        var sparse = new MatWriter();
        sparse.Add(sparse.Matrix(MxSparse, ComplexFlag, [1, 1], "zs"));

        Assert.Contains("not supported: complex numbers (variable 'z')", Fails(w.ToArray()).Message);
        Assert.Contains("not supported: complex numbers (variable 'zs')", Fails(sparse.ToArray()).Message);
    }

    [Fact]
    public void A_char_array_of_three_dimensions_is_not_supported()
    {
        var e = Fails(new MatWriter().Chars("c", [1, 2, 2], "abcd", MiUtf8).ToArray());

        Assert.Contains("not supported: char array of 3 dimensions [1, 2, 2] (variable 'c')", e.Message);
    }

    [Theory]
    [InlineData("MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 2024 HDF5 schema 1.00 .", 0x0200)]
    [InlineData("MATLAB 7.3 MAT-file", 0x0100)]
    [InlineData("MATLAB 5.0 MAT-file", 0x0200)]
    public void A_v73_file_is_not_supported_and_says_how_to_save_instead(string text, int version)
    {
        var e = Fails([.. Header(bigEndian: false, text, version), .. new byte[384]], "big.mat");

        Assert.Equal("MatFile.Read: not supported: MAT v7.3 (HDF5); save with -v7 or -v6 in big.mat", e.Message);
    }

    [Fact]
    public void A_bare_hdf5_file_is_recognised_as_v73()
    {
        byte[] hdf5 = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

        Assert.Contains("not supported: MAT v7.3 (HDF5)", Fails(hdf5).Message);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0, 0 })] // MOPT 0000: little-endian double
    [InlineData(new byte[] { 0, 0, 0x03, 0xE8 })] // 1000: big-endian double, written big-endian
    [InlineData(new byte[] { 10, 0, 0, 0 })] // 0010: little-endian single
    public void A_level_4_file_is_not_supported(byte[] mopt)
    {
        // Level 4: int32 type MOPT, rows, columns, imaginary flag, name length, then name and data.
        byte[] file = [.. mopt, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, (byte)'x', 0,
            0, 0, 0, 0, 0, 0, 0xF0, 0x3F];

        Assert.Contains("not supported: MAT level 4", Fails(file).Message);
    }
}
