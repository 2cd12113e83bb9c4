using System;
using Functional.Core.Tensors;
using static Functional.Core.Tests.Kernels.TestTensors;

namespace Functional.Core.Tests.Kernels;

public class IndexingTests
{
    private static readonly double[] X = { 1, 2, 3, 4, 5, 6 }; // 2x3

    [Theory]
    [InlineData(DType.Float32, DType.Int64)]
    [InlineData(DType.Float64, DType.Int32)]
    [InlineData(DType.Int64, DType.Int64)]
    public void Gather_along_axis_1_picks_per_row_columns(DType dtype, DType indexType)
    {
        // oracle: torch.gather semantics, y[i, j] = x[i, index[i, j]].
        var index = Make(indexType, new double[] { 2, 0, 0, 1, 1, 1 }, 2, 3);
        Equal(new double[] { 3, 1, 1, 5, 5, 5 }, Cpu.Gather(Make(dtype, X, 2, 3), 1, index), 2, 3);
        var one = Make(indexType, new double[] { 1, 2 }, 2, 1);
        Equal(new double[] { 2, 6 }, Cpu.Gather(Make(dtype, X, 2, 3), -1, one), 2, 1);
    }

    [Fact]
    public void Gather_along_axis_0_picks_per_column_rows_and_may_repeat_them()
    {
        var index = Make(DType.Int64, new double[] { 1, 0, 1, 1, 1, 0, 0, 0, 0 }, 3, 3);
        Equal(new double[] { 4, 2, 6, 4, 5, 3, 1, 2, 3 }, Cpu.Gather(Make(DType.Float64, X, 2, 3), 0, index), 3, 3);
    }

    [Fact]
    public void Gather_reads_views_of_x_and_index_like_contiguous_copies()
    {
        var idx = new double[] { 2, 0, 0, 1, 1, 1 };
        foreach (var (_, x) in Views(DType.Float32, X, 2, 3))
            foreach (var (_, index) in Views(DType.Int32, idx, 2, 3))
                Equal(new double[] { 3, 1, 1, 5, 5, 5 }, Cpu.Gather(x, 1, index), 2, 3);
    }

    [Fact]
    public void Gather_with_index_7_of_3_throws_naming_the_range_value_and_position()
    {
        var index = Make(DType.Int64, new double[] { 0, 1, 2, 7 }, 2, 2);
        var e = Assert.Throws<ArgumentException>(() => Cpu.Gather(Make(DType.Float32, X, 2, 3), 1, index));
        Assert.StartsWith("gather: expected indices in [0, 3), received 7 at position 3", e.Message);
        Assert.Equal("index", e.ParamName);
    }

    [Fact]
    public void Gather_with_a_negative_index_throws()
    {
        var index = Make(DType.Int32, new double[] { -1, 0, 0 }, 1, 3);
        var e = Assert.Throws<ArgumentException>(() => Cpu.Gather(Make(DType.Float32, X, 2, 3), 0, index));
        Assert.StartsWith("gather: expected indices in [0, 2), received -1 at position 0", e.Message);
    }

    [Fact]
    public void Gather_with_a_float_index_throws_naming_its_dtype()
    {
        var x = Make(DType.Float32, X, 2, 3);
        var e = Assert.Throws<DTypeMismatchException>(() => Cpu.Gather(x, 1, x));
        Assert.Equal("gather: expected an int32 or int64 index, received float32", e.Message);
    }

    [Fact]
    public void Gather_with_an_index_of_other_rows_throws_naming_both_shapes()
    {
        var index = Make(DType.Int64, new double[3], 3, 1);
        var e = Assert.Throws<ShapeMismatchException>(() => Cpu.Gather(Make(DType.Float32, X, 2, 3), 1, index));
        Assert.Equal(
            "gather: expected an index of rank 2 with x's dimensions except on axis 1, received x 2x3, index 3x1", e.Message);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void ScatterAdd_sums_src_into_zeros_at_the_index_and_repeats_accumulate(DType dtype)
    {
        // oracle: torch.scatter_add semantics, y[i, index[i, j]] += src[i, j].
        var index = Make(DType.Int64, new double[] { 2, 0, 2, 1, 1, 1 }, 2, 3);
        var src = Make(dtype, X, 2, 3);
        Equal(new double[] { 2, 0, 4, 0, 0, 15, 0, 0 }, Cpu.ScatterAdd(new Shape(2, 4), 1, index, src), 2, 4);
    }

    [Fact]
    public void ScatterAdd_is_the_adjoint_of_gather()
    {
        // <gather(x, idx), g> = <x, scatterAdd(idx, g)> for any x and g.
        var x = Make(DType.Float64, new double[] { 0.5, -1, 2, 3, 0.25, -4 }, 3, 2);
        var index = Make(DType.Int32, new double[] { 2, 0, 1, 1, 0, 0, 2, 2 }, 4, 2);
        var g = Make(DType.Float64, new double[] { 1, 2, 3, 4, 5, 6, 7, 8 }, 4, 2);
        var gathered = Read(Cpu.Gather(x, 0, index));
        var scattered = Read(Cpu.ScatterAdd(x.Shape, 0, index, g));
        double left = 0, right = 0;
        for (int i = 0; i < 8; i++) left += gathered[i] * Read(g)[i];
        for (int i = 0; i < 6; i++) right += Read(x)[i] * scattered[i];
        Assert.Equal(left, right, 1e-12);
    }

    [Fact]
    public void ScatterAdd_reads_views_like_contiguous_copies()
    {
        var idx = new double[] { 2, 0, 2, 1, 1, 1 };
        foreach (var (_, src) in Views(DType.Float64, X, 2, 3))
            foreach (var (_, index) in Views(DType.Int64, idx, 2, 3))
                Equal(new double[] { 2, 0, 4, 0, 0, 15, 0, 0 }, Cpu.ScatterAdd(new Shape(2, 4), 1, index, src), 2, 4);
    }

    [Fact]
    public void ScatterAdd_with_index_4_of_4_throws_naming_the_range_value_and_position()
    {
        var index = Make(DType.Int64, new double[] { 0, 4 }, 1, 2);
        var src = Make(DType.Float32, new double[] { 1, 2 }, 1, 2);
        var e = Assert.Throws<ArgumentException>(() => Cpu.ScatterAdd(new Shape(1, 4), 1, index, src));
        Assert.StartsWith("scatterAdd: expected indices in [0, 4), received 4 at position 1", e.Message);
    }

    [Fact]
    public void ScatterAdd_of_an_int_src_throws_naming_its_dtype()
    {
        var index = Make(DType.Int64, new double[] { 0 }, 1);
        var src = Make(DType.Int64, new double[] { 1 }, 1);
        var e = Assert.Throws<DTypeMismatchException>(() => Cpu.ScatterAdd(new Shape(2), 0, index, src));
        Assert.Equal("scatterAdd: expected a float32 or float64 tensor, received int64", e.Message);
    }

    [Fact]
    public void ScatterAdd_with_index_and_src_of_different_shapes_throws_naming_both()
    {
        var e = Assert.Throws<ShapeMismatchException>(() =>
            Cpu.ScatterAdd(new Shape(2, 3), 1, Make(DType.Int64, new double[2], 2, 1), Make(DType.Float32, X, 2, 3)));
        Assert.Equal("scatterAdd: expected index and src of equal shapes, received index 2x1, src 2x3", e.Message);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int32)]
    public void Concat_joins_along_either_axis(DType dtype)
    {
        var a = Make(dtype, X, 2, 3);
        var b = Make(dtype, new double[] { 7, 8, 9 }, 1, 3);
        var c = Make(dtype, new double[] { 7, 8 }, 2, 1);
        Equal(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, Cpu.Concat(new[] { a, b }, 0), 3, 3);
        Equal(new double[] { 1, 2, 3, 7, 4, 5, 6, 8 }, Cpu.Concat(new[] { a, c }, -1), 2, 4);
    }

    [Fact]
    public void Concat_reads_views_like_contiguous_copies()
    {
        foreach (var (_, a) in Views(DType.Float64, X, 2, 3))
            foreach (var (_, b) in Views(DType.Float64, new double[] { 7, 8 }, 2, 1))
                Equal(new double[] { 1, 2, 3, 7, 4, 5, 6, 8 }, Cpu.Concat(new[] { a, b }, 1), 2, 4);
    }

    [Fact]
    public void Concat_of_2x3_and_2x2_on_axis_0_throws_naming_all_shapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() =>
            Cpu.Concat(new[] { Make(DType.Float32, X, 2, 3), Make(DType.Float32, new double[4], 2, 2) }, 0));
        Assert.Equal("concat: expected equal dimensions except axis 0, received 2x3, 2x2", e.Message);
    }

    [Fact]
    public void Concat_of_float32_and_int64_throws_naming_both_dtypes()
    {
        var e = Assert.Throws<DTypeMismatchException>(() =>
            Cpu.Concat(new[] { Make(DType.Float32, X, 2, 3), Make(DType.Int64, X, 2, 3) }, 0));
        Assert.Equal("concat: expected equal dtypes, received float32, int64", e.Message);
    }

    [Fact]
    public void Concat_of_nothing_throws()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Cpu.Concat(Array.Empty<RawTensor>(), 0));
        Assert.Equal("concat: expected at least one tensor, received none", e.Message);
    }
}
