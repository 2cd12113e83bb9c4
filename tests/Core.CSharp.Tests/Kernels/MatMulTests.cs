using Functional.Core.Tensors;
using static Functional.Core.Tests.Kernels.TestTensors;

namespace Functional.Core.Tests.Kernels;

public class MatMulTests
{
    private static readonly double[] A = { 1, 2, 3, 4, 5, 6 };        // 2x3
    private static readonly double[] B = { 7, 8, 9, 10, 11, 12 };     // 3x2

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Matmul_of_2x3_and_3x2_is_the_2x2_of_row_column_dot_products(DType dtype) =>
        // oracle: hand computation, [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154].
        Equal(new double[] { 58, 64, 139, 154 }, Cpu.MatMul(Make(dtype, A, 2, 3), Make(dtype, B, 3, 2)), 2, 2);

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Batched_matmul_multiplies_each_batch_separately(DType dtype)
    {
        // batch 0: the example above; batch 1: [1 0 0; 0 1 0] picks the first two rows of b.
        var a = Make(dtype, new double[] { 1, 2, 3, 4, 5, 6, 1, 0, 0, 0, 1, 0 }, 2, 2, 3);
        var b = Make(dtype, new double[] { 7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6 }, 2, 3, 2);
        Equal(new double[] { 58, 64, 139, 154, 1, 2, 3, 4 }, Cpu.MatMul(a, b), 2, 2, 2);
    }

    [Fact]
    public void Matmul_of_a_transposed_view_equals_matmul_of_its_contiguous_copy()
    {
        // = A as 2x3
        var at = Cpu.Permute(Make(DType.Float64, new double[] { 1, 4, 2, 5, 3, 6 }, 3, 2), new[] { 1, 0 });
        Assert.False(at.IsContiguous);
        Equal(new double[] { 58, 64, 139, 154 }, Cpu.MatMul(at, Make(DType.Float64, B, 3, 2)), 2, 2);
    }

    [Fact]
    public void Matmul_reads_offset_column_major_and_strided_views_like_contiguous_copies()
    {
        foreach (var (_, a) in Views(DType.Float32, A, 2, 3))
            foreach (var (_, b) in Views(DType.Float32, B, 3, 2))
                Equal(new double[] { 58, 64, 139, 154 }, Cpu.MatMul(a, b), 2, 2);
    }

    [Fact]
    public void Matmul_with_an_expanded_batch_reuses_the_same_matrix()
    {
        var b = Cpu.Expand(Make(DType.Float64, B, 1, 3, 2), new Shape(2, 3, 2));
        var a = Make(DType.Float64, new double[] { 1, 2, 3, 4, 5, 6, 1, 0, 0, 0, 1, 0 }, 2, 2, 3);
        Equal(new double[] { 58, 64, 139, 154, 7, 8, 9, 10 }, Cpu.MatMul(a, b), 2, 2, 2);
    }

    [Fact]
    public void Matmul_over_an_empty_inner_dimension_is_zeros() =>
        Equal(new double[6],
            Cpu.MatMul(Make(DType.Float32, new double[0], 2, 0), Make(DType.Float32, new double[0], 0, 3)), 2, 3);

    [Fact]
    public void Matmul_propagates_NaN_into_its_row_and_column()
    {
        var a = Make(DType.Float64, new[] { double.NaN, 0, 0, 1 }, 2, 2);
        var b = Make(DType.Float64, new double[] { 1, 0, 0, 1 }, 2, 2);
        Close(new[] { double.NaN, double.NaN, 0, 1 }, Cpu.MatMul(a, b), 0, 2, 2);
    }

    [Fact]
    public void Matmul_of_3x4_and_5x2_throws_naming_both_shapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() =>
            Cpu.MatMul(Make(DType.Float32, new double[12], 3, 4), Make(DType.Float32, new double[10], 5, 2)));
        Assert.Equal("matmul: expected a.[1] = b.[0], received a 3x4, b 5x2", e.Message);
    }

    [Fact]
    public void Matmul_of_unequal_batches_throws_naming_both_shapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() =>
            Cpu.MatMul(Make(DType.Float64, new double[8], 2, 2, 2), Make(DType.Float64, new double[12], 3, 2, 2)));
        Assert.Equal("matmul: expected equal batch dimensions, received a 2x2x2, b 3x2x2", e.Message);
    }

    [Fact]
    public void Matmul_of_a_vector_throws_naming_both_shapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() =>
            Cpu.MatMul(Make(DType.Float64, new double[3], 3), Make(DType.Float64, new double[6], 3, 2)));
        Assert.Equal("matmul: expected two matrices or two batches of matrices of equal rank, received a 3, b 3x2",
            e.Message);
    }

    [Fact]
    public void Matmul_of_int64_matrices_throws_naming_the_dtype()
    {
        var a = Make(DType.Int64, new double[4], 2, 2);
        var e = Assert.Throws<DTypeMismatchException>(() => Cpu.MatMul(a, a));
        Assert.Equal("matmul: expected a float32 or float64 tensor, received int64", e.Message);
    }

    [Fact]
    public void Matmul_of_float64_and_float32_throws_naming_both_dtypes()
    {
        var e = Assert.Throws<DTypeMismatchException>(() =>
            Cpu.MatMul(Make(DType.Float64, new double[4], 2, 2), Make(DType.Float32, new double[4], 2, 2)));
        Assert.Equal("matmul: expected equal dtypes, received a float64, b float32", e.Message);
    }
}
