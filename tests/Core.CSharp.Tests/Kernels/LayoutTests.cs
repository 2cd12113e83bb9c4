using Functional.Core.Tensors;
using static Functional.Core.Tests.Kernels.TestTensors;

namespace Functional.Core.Tests.Kernels;

public class LayoutTests
{
    private static readonly double[] X = { 1, 2, 3, 4, 5, 6 }; // 2x3

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Int64)]
    public void Expand_of_3x1_to_2x3x4_is_a_view_with_stride_0_on_broadcast_axes(DType dtype)
    {
        var x = Make(dtype, new double[] { 1, 2, 3 }, 3, 1);
        var y = Cpu.Expand(x, new Shape(2, 3, 4));
        Assert.Same(x.Storage, y.Storage);
        Assert.Equal(new[] { 0, 1, 0 }, y.Strides);
        Equal(new double[] { 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3 }, y, 2, 3, 4);
    }

    [Fact]
    public void Expand_of_2x3_to_4x3_throws_naming_both_shapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Cpu.Expand(Make(DType.Float32, X, 2, 3), new Shape(4, 3)));
        Assert.Equal("expand: expected a shape that broadcasts to 4x3, received 2x3", e.Message);
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int32)]
    public void Permute_of_a_2x3_is_its_transpose_as_a_view(DType dtype)
    {
        var x = Make(dtype, X, 2, 3);
        var y = Cpu.Permute(x, new[] { 1, 0 });
        Assert.Same(x.Storage, y.Storage);
        Assert.False(y.IsContiguous);
        Equal(new double[] { 1, 4, 2, 5, 3, 6 }, y, 3, 2);
    }

    [Fact]
    public void Permute_of_a_2x3x4_moves_axes_as_listed()
    {
        var values = new double[24];
        for (int i = 0; i < 24; i++) values[i] = i;
        var y = Cpu.Permute(Make(DType.Float64, values, 2, 3, 4), new[] { 2, 0, 1 });
        Assert.Equal(new Shape(4, 2, 3), y.Shape);
        // y[k, i, j] = x[i, j, k] = 12i + 4j + k; check y[1, 1, 2] = 12 + 8 + 1.
        Assert.Equal(21, Read(y)[1 * 6 + 1 * 3 + 2]);
    }

    [Fact]
    public void Permute_with_a_repeated_axis_throws_naming_perm_and_shape()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Cpu.Permute(Make(DType.Float32, X, 2, 3), new[] { 0, 0 }));
        Assert.Equal("permute: expected a permutation of 0..1, received [0, 0] for shape 2x3", e.Message);
    }

    [Fact]
    public void Reshape_of_a_contiguous_tensor_is_a_view()
    {
        var x = Make(DType.Float32, X, 2, 3);
        var y = Cpu.Reshape(x, new Shape(3, 2));
        Assert.Same(x.Storage, y.Storage);
        Equal(X, y, 3, 2);
    }

    [Fact]
    public void Reshape_of_a_transposed_view_copies_in_row_major_order()
    {
        var x = Cpu.Permute(Make(DType.Int64, X, 2, 3), new[] { 1, 0 });
        var y = Cpu.Reshape(x, new Shape(6));
        Assert.NotSame(x.Storage, y.Storage);
        Equal(new double[] { 1, 4, 2, 5, 3, 6 }, y, 6);
    }

    [Fact]
    public void Reshape_reads_offset_column_major_and_strided_views_row_major()
    {
        foreach (var (_, view) in Views(DType.Float64, X, 2, 3))
            Equal(X, Cpu.Reshape(view, new Shape(3, 2)), 3, 2);
    }

    [Fact]
    public void Reshape_of_6_elements_to_4_throws_naming_both_shapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Cpu.Reshape(Make(DType.Float32, X, 2, 3), new Shape(4)));
        Assert.Equal("reshape: expected a shape with 6 elements, received 2x3 to [4]", e.Message);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int32)]
    public void Slice_with_steps_is_a_view_of_the_chosen_rows_and_columns(DType dtype)
    {
        var values = new double[20];
        for (int i = 0; i < 20; i++) values[i] = i;
        var x = Make(dtype, values, 4, 5);
        var y = Cpu.Slice(x, new[] { 1, 0 }, new[] { 4, 5 }, new[] { 2, 2 }); // rows 1, 3; columns 0, 2, 4
        Assert.Same(x.Storage, y.Storage);
        Equal(new double[] { 5, 7, 9, 15, 17, 19 }, y, 2, 3);
    }

    [Fact]
    public void Slice_of_a_slice_composes_offsets_and_strides()
    {
        var values = new double[20];
        for (int i = 0; i < 20; i++) values[i] = i;
        // x is the 3x4 block starting at element 6.
        var x = Cpu.Slice(Make(DType.Float64, values, 4, 5), new[] { 1, 1 }, new[] { 4, 5 }, new[] { 1, 1 });
        var y = Cpu.Slice(x, new[] { 1, 1 }, new[] { 3, 4 }, new[] { 1, 2 });
        Equal(new double[] { 12, 14, 17, 19 }, y, 2, 2);
    }

    [Fact]
    public void Slice_may_be_empty()
    {
        var y = Cpu.Slice(Make(DType.Float32, X, 2, 3), new[] { 2, 0 }, new[] { 2, 3 }, new[] { 1, 1 });
        Equal(new double[0], y, 0, 3);
    }

    [Fact]
    public void Slice_past_the_end_throws_naming_the_range_and_shape()
    {
        var e = Assert.Throws<ShapeMismatchException>(() =>
            Cpu.Slice(Make(DType.Float32, X, 2, 3), new[] { 0, 1 }, new[] { 2, 4 }, new[] { 1, 1 }));
        Assert.Equal(
            "slice: expected 0 <= start <= stop <= 3 and step >= 1 on axis 1, received 1..4 step 1 for shape 2x3", e.Message);
    }

    [Fact]
    public void Slice_with_start_after_stop_throws()
    {
        var e = Assert.Throws<ShapeMismatchException>(() =>
            Cpu.Slice(Make(DType.Float32, X, 2, 3), new[] { 0, 9 }, new[] { 2, -1 }, new[] { 1, 1 }));
        Assert.Equal(
            "slice: expected 0 <= start <= stop <= 3 and step >= 1 on axis 1, received 9..-1 step 1 for shape 2x3", e.Message);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int64)]
    public void SliceScatter_writes_src_into_zeros_at_the_slice(DType dtype)
    {
        var src = Make(dtype, new double[] { 1, 2, 3, 4 }, 2, 2);
        var y = Cpu.SliceScatter(new Shape(3, 4), src, new[] { 1, 0 }, new[] { 3, 4 }, new[] { 1, 2 });
        Assert.Equal(dtype, y.DType);
        Equal(new double[] { 0, 0, 0, 0, 1, 0, 2, 0, 3, 0, 4, 0 }, y, 3, 4);
    }

    [Fact]
    public void SliceScatter_reads_src_views_like_contiguous_copies()
    {
        foreach (var (_, view) in Views(DType.Float64, X, 2, 3))
            Equal(new double[] { 0, 0, 0, 1, 2, 3, 0, 0, 0, 4, 5, 6 },
                Cpu.SliceScatter(new Shape(4, 3), view, new[] { 1, 0 }, new[] { 4, 3 }, new[] { 2, 1 }), 4, 3);
    }

    [Fact]
    public void SliceScatter_with_src_of_the_wrong_shape_throws_naming_both_shapes()
    {
        var src = Make(DType.Float32, X, 2, 3);
        var e = Assert.Throws<ShapeMismatchException>(() =>
            Cpu.SliceScatter(new Shape(3, 4), src, new[] { 1, 0 }, new[] { 3, 4 }, new[] { 1, 2 }));
        Assert.Equal("sliceScatter: expected src of the slice's shape 2x2, received 2x3", e.Message);
    }
}
