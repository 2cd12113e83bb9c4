using System;
using Functional.Core.Tensors;
using static Functional.Core.Tests.Kernels.TestTensors;

namespace Functional.Core.Tests.Kernels;

public class CreationTests
{
    [Fact]
    public void FromHostArray_copies_the_array()
    {
        var data = new[] { 1f, 2f, 3f };
        var x = Cpu.FromHostArray(data, new Shape(3));
        data[0] = 99f;
        Assert.Equal(new[] { 1f, 2f, 3f }, x.ToArray<float>());
        Assert.True(x.IsContiguous);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int32)]
    [InlineData(DType.Int64)]
    public void FromHostArray_then_ToHostArray_round_trips_every_dtype(DType dtype)
    {
        var x = Make(dtype, new double[] { 1, -2, 3, 4, 5, 6 }, 2, 3);
        Assert.Equal(dtype, x.DType);
        Equal(new double[] { 1, -2, 3, 4, 5, 6 }, x, 2, 3);
    }

    [Fact]
    public void FromHostArray_of_a_string_array_throws_naming_the_type()
    {
        var e = Assert.Throws<ArgumentException>(() => Cpu.FromHostArray(new[] { "a" }, new Shape(1)));
        Assert.StartsWith("fromHostArray: expected a float[], double[], int[] or long[], received String[]", e.Message);
    }

    [Fact]
    public void FromHostArray_of_5_elements_for_2x3_throws_naming_both_counts()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Cpu.FromHostArray(new float[5], new Shape(2, 3)));
        Assert.Equal("fromHostArray: expected 6 elements for shape 2x3, received 5", e.Message);
    }

    [Fact]
    public void ToHostArray_of_a_transposed_view_reads_row_major()
    {
        var x = Cpu.Permute(Make(DType.Float64, new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3), new[] { 1, 0 });
        Assert.Equal(new double[] { 1, 4, 2, 5, 3, 6 }, (double[])Cpu.ToHostArray(x));
    }

    [Theory]
    [InlineData(DType.Float32, 2.5, 2.5)]
    [InlineData(DType.Float64, 2.5, 2.5)]
    [InlineData(DType.Int32, 2.7, 2)]
    [InlineData(DType.Int64, -2.7, -2)]
    public void Full_fills_every_element_and_integers_truncate_toward_zero(DType dtype, double value, double expected)
    {
        var x = Cpu.Full(new Shape(2, 2), dtype, value);
        Assert.Equal(dtype, x.DType);
        Equal(new[] { expected, expected, expected, expected }, x, 2, 2);
    }

    [Fact]
    public void Full_of_NaN_as_int32_throws_instead_of_inventing_a_number()
    {
        var e = Assert.Throws<ArgumentException>(() => Cpu.Full(new Shape(2), DType.Int32, double.NaN));
        Assert.StartsWith("full: expected a finite value to convert to int32, received NaN", e.Message);
    }

    [Fact]
    public void Contiguous_returns_a_contiguous_tensor_itself()
    {
        var x = Make(DType.Float32, new double[] { 1, 2 }, 2);
        Assert.Same(x, Cpu.Contiguous(x));
    }

    [Fact]
    public void Contiguous_copies_each_kind_of_view_into_row_major_order()
    {
        var values = new double[] { 1, 2, 3, 4, 5, 6 };
        foreach (var (layout, view) in Views(DType.Int64, values, 2, 3))
        {
            Assert.False(view.IsContiguous && view.Offset == 0 && view.Storage.Length == 6, layout);
            var copy = Cpu.Contiguous(view);
            Assert.True(copy.IsContiguous, layout);
            Equal(values, copy, 2, 3);
        }
    }

    [Theory]
    [InlineData(DType.Float32, DType.Int32)]
    [InlineData(DType.Float64, DType.Int64)]
    [InlineData(DType.Float64, DType.Int32)]
    public void Cast_of_floats_to_integers_truncates_toward_zero(DType from, DType to)
    {
        var y = Cpu.Cast(Make(from, new[] { 2.7, -2.7, 0.5, -0.5, 3 }, 5), to);
        Assert.Equal(to, y.DType);
        Equal(new double[] { 2, -2, 0, 0, 3 }, y, 5);
    }

    [Theory]
    [InlineData(DType.Int32, DType.Float32)]
    [InlineData(DType.Int64, DType.Float64)]
    [InlineData(DType.Int32, DType.Int64)]
    [InlineData(DType.Int64, DType.Int32)]
    [InlineData(DType.Float32, DType.Float64)]
    [InlineData(DType.Float64, DType.Float32)]
    public void Cast_keeps_values_each_dtype_can_hold(DType from, DType to)
    {
        var y = Cpu.Cast(Make(from, new double[] { 1, -2, 3, 40 }, 2, 2), to);
        Assert.Equal(to, y.DType);
        Equal(new double[] { 1, -2, 3, 40 }, y, 2, 2);
    }

    [Fact]
    public void Cast_of_a_permuted_view_reads_it_row_major()
    {
        var x = Cpu.Permute(Make(DType.Int32, new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3), new[] { 1, 0 });
        Equal(new double[] { 1, 4, 2, 5, 3, 6 }, Cpu.Cast(x, DType.Float32), 3, 2);
    }

    [Fact]
    public void Cast_of_int64_beyond_int32_saturates()
    {
        var x = Cpu.FromHostArray(new[] { long.MaxValue, long.MinValue }, new Shape(2));
        Assert.Equal(new[] { int.MaxValue, int.MinValue }, Cpu.Cast(x, DType.Int32).ToArray<int>());
    }

    [Fact]
    public void Cast_of_NaN_to_int64_throws_naming_the_position()
    {
        var x = Make(DType.Float32, new[] { 1, 2, double.NaN }, 3);
        var e = Assert.Throws<ArgumentException>(() => Cpu.Cast(x, DType.Int64));
        Assert.StartsWith("cast: expected finite values to convert to int64, received NaN at position 2", e.Message);
    }

    [Fact]
    public void Cast_of_NaN_between_float_dtypes_keeps_NaN()
    {
        var y = Cpu.Cast(Make(DType.Float64, new[] { double.NaN, 1e300 }, 2), DType.Float32);
        Equal(new[] { double.NaN, double.PositiveInfinity }, y, 2);
    }
}
