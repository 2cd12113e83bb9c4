using Functional.Core.Tensors;
using static Functional.Core.Tests.Kernels.TestTensors;

namespace Functional.Core.Tests.Kernels;

public class WhereTests
{
    [Theory]
    [InlineData(DType.Float32, DType.Float32)]
    [InlineData(DType.Float64, DType.Int32)]
    [InlineData(DType.Int64, DType.Float64)]
    [InlineData(DType.Int32, DType.Int64)]
    public void Where_takes_a_where_cond_is_nonzero_and_b_elsewhere(DType valueType, DType condType)
    {
        var cond = Make(condType, new double[] { 1, 0, -2, 0 }, 2, 2);
        var a = Make(valueType, new double[] { 1, 2, 3, 4 }, 2, 2);
        var b = Make(valueType, new double[] { 10, 20, 30, 40 }, 2, 2);
        var y = Cpu.Where(cond, a, b);
        Assert.Equal(valueType, y.DType);
        Equal(new double[] { 1, 20, 3, 40 }, y, 2, 2);
    }

    [Fact]
    public void Where_broadcasts_a_column_condition_a_row_and_a_scalar_together()
    {
        var cond = Make(DType.Int32, new double[] { 1, 0 }, 2, 1);
        var a = Make(DType.Float64, new double[] { 1, 2, 3 }, 3);
        var b = Make(DType.Float64, new double[] { -1 });
        Equal(new double[] { 1, 2, 3, -1, -1, -1 }, Cpu.Where(cond, a, b), 2, 3);
    }

    [Fact]
    public void Where_treats_a_NaN_condition_as_true_and_passes_NaN_values_through()
    {
        var cond = Make(DType.Float32, new[] { double.NaN, 0 }, 2);
        var a = Make(DType.Float32, new[] { 5, double.NaN }, 2);
        var b = Make(DType.Float32, new[] { 7, double.NaN }, 2);
        Close(new[] { 5, double.NaN }, Cpu.Where(cond, a, b), 0, 2);
    }

    [Fact]
    public void Where_reads_views_like_contiguous_copies()
    {
        var c = new double[] { 1, 0, 1, 0, 0, 1 };
        var a = new double[] { 1, 2, 3, 4, 5, 6 };
        var b = new double[] { -1, -2, -3, -4, -5, -6 };
        foreach (var (_, cv) in Views(DType.Int64, c, 3, 2))
            foreach (var (_, av) in Views(DType.Float64, a, 3, 2))
                Equal(new double[] { 1, -2, 3, -4, -5, 6 }, Cpu.Where(cv, av, Make(DType.Float64, b, 3, 2)), 3, 2);
    }

    [Fact]
    public void Where_of_shapes_that_do_not_broadcast_throws_naming_all_three()
    {
        var cond = Make(DType.Int32, new double[2], 2);
        var a = Make(DType.Float32, new double[3], 3);
        var b = Make(DType.Float32, new double[1], 1);
        var e = Assert.Throws<ShapeMismatchException>(() => Cpu.Where(cond, a, b));
        Assert.Equal(
            "where: expected broadcastable shapes (equal dims or 1, aligned from the right), received cond 2, a 3, b 1", e.Message);
    }

    [Fact]
    public void Where_of_a_float32_and_b_int64_throws_naming_both_dtypes()
    {
        var cond = Make(DType.Int32, new double[1], 1);
        var a = Make(DType.Float32, new double[1], 1);
        var b = Make(DType.Int64, new double[1], 1);
        var e = Assert.Throws<DTypeMismatchException>(() => Cpu.Where(cond, a, b));
        Assert.Equal("where: expected equal dtypes, received a float32, b int64", e.Message);
    }
}
