using Functional.Core.Tensors;
using static Functional.Core.Tests.Kernels.TestTensors;

namespace Functional.Core.Tests.Kernels;

public class BinaryTests
{
    private static readonly double[] A = { 1, -2, 3, 4 };
    private static readonly double[] B = { 2, 2, -3, 0.5 };

    // oracle: hand computation, a = [1, -2, 3, 4], b = [2, 2, -3, 0.5].
    public static TheoryData<DType, BinaryOp, double[]> Examples()
    {
        var data = new TheoryData<DType, BinaryOp, double[]>();
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            data.Add(dtype, BinaryOp.Add, new[] { 3, 0, 0, 4.5 });
            data.Add(dtype, BinaryOp.Sub, new[] { -1, -4, 6, 3.5 });
            data.Add(dtype, BinaryOp.Mul, new double[] { 2, -4, -9, 2 });
            data.Add(dtype, BinaryOp.Div, new[] { 0.5, -1, -1, 8 });
            data.Add(dtype, BinaryOp.Pow, new[] { 1, 4, 1.0 / 27, 2 });
            data.Add(dtype, BinaryOp.Max, new double[] { 2, 2, 3, 4 });
            data.Add(dtype, BinaryOp.Min, new[] { 1, -2, -3, 0.5 });
            data.Add(dtype, BinaryOp.Eq, new double[] { 0, 0, 0, 0 });
            data.Add(dtype, BinaryOp.Ne, new double[] { 1, 1, 1, 1 });
            data.Add(dtype, BinaryOp.Lt, new double[] { 1, 1, 0, 0 });
            data.Add(dtype, BinaryOp.Le, new double[] { 1, 1, 0, 0 });
            data.Add(dtype, BinaryOp.Gt, new double[] { 0, 0, 1, 1 });
            data.Add(dtype, BinaryOp.Ge, new double[] { 0, 0, 1, 1 });
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_binary_op_matches_hand_values(DType dtype, BinaryOp op, double[] expected)
    {
        var y = Cpu.Binary(op, Make(dtype, A, 2, 2), Make(dtype, B, 2, 2));
        Assert.Equal(dtype, y.DType);
        Close(expected, y, Tolerance(dtype), 2, 2);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int32)]
    [InlineData(DType.Int64)]
    public void Comparisons_of_equal_values_give_1_for_eq_le_ge_in_the_operand_dtype(DType dtype)
    {
        var a = Make(dtype, new double[] { 5 }, 1);
        var expectations = new[]
        {
            (BinaryOp.Eq, 1.0), (BinaryOp.Ne, 0), (BinaryOp.Lt, 0),
            (BinaryOp.Le, 1), (BinaryOp.Gt, 0), (BinaryOp.Ge, 1),
        };
        foreach (var (op, expected) in expectations)
        {
            var y = Cpu.Binary(op, a, a);
            Assert.Equal(dtype, y.DType);
            Equal(new[] { expected }, y, 1);
        }
    }

    [Theory]
    [InlineData(DType.Int32)]
    [InlineData(DType.Int64)]
    public void Integer_tensors_add_subtract_multiply_and_take_max_and_min(DType dtype)
    {
        var a = Make(dtype, new double[] { 7, -3 }, 2);
        var b = Make(dtype, new double[] { 2, 5 }, 2);
        Equal(new double[] { 9, 2 }, Cpu.Binary(BinaryOp.Add, a, b), 2);
        Equal(new double[] { 5, -8 }, Cpu.Binary(BinaryOp.Sub, a, b), 2);
        Equal(new double[] { 14, -15 }, Cpu.Binary(BinaryOp.Mul, a, b), 2);
        Equal(new double[] { 7, 5 }, Cpu.Binary(BinaryOp.Max, a, b), 2);
        Equal(new double[] { 2, -3 }, Cpu.Binary(BinaryOp.Min, a, b), 2);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Max_and_min_let_NaN_win_from_either_side(DType dtype)
    {
        var a = Make(dtype, new[] { double.NaN, 1 }, 2);
        var b = Make(dtype, new[] { 1, double.NaN }, 2);
        Close(new[] { double.NaN, double.NaN }, Cpu.Binary(BinaryOp.Max, a, b), 0, 2);
        Close(new[] { double.NaN, double.NaN }, Cpu.Binary(BinaryOp.Min, a, b), 0, 2);
    }

    [Fact]
    public void Comparisons_with_NaN_are_false_except_ne()
    {
        var a = Make(DType.Float64, new[] { double.NaN }, 1);
        Equal(new double[] { 0 }, Cpu.Binary(BinaryOp.Eq, a, a), 1);
        Equal(new double[] { 1 }, Cpu.Binary(BinaryOp.Ne, a, a), 1);
        Equal(new double[] { 0 }, Cpu.Binary(BinaryOp.Ge, a, a), 1);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Add_of_3x1_and_4_broadcasts_to_3x4(DType dtype)
    {
        var column = Make(dtype, new double[] { 0, 10, 20 }, 3, 1);
        var row = Make(dtype, new double[] { 1, 2, 3, 4 }, 4);
        var y = Cpu.Binary(BinaryOp.Add, column, row);
        Equal(new double[] { 1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23, 24 }, y, 3, 4);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int64)]
    public void Mul_of_a_scalar_and_a_matrix_scales_every_element(DType dtype)
    {
        var scalar = Make(dtype, new double[] { 3 });
        var y = Cpu.Binary(BinaryOp.Mul, scalar, Make(dtype, new double[] { 1, 2, 3, 4 }, 2, 2));
        Equal(new double[] { 3, 6, 9, 12 }, y, 2, 2);
    }

    [Fact]
    public void Sub_of_2x1x3_and_1x2x1_broadcasts_size_1_dims_on_both_sides()
    {
        var a = Make(DType.Float64, new double[] { 1, 2, 3, 4, 5, 6 }, 2, 1, 3);
        var b = Make(DType.Float64, new double[] { 10, 20 }, 1, 2, 1);
        var expected = new double[] { -9, -8, -7, -19, -18, -17, -6, -5, -4, -16, -15, -14 };
        Equal(expected, Cpu.Binary(BinaryOp.Sub, a, b), 2, 2, 3);
    }

    [Fact]
    public void Binary_ops_read_views_like_contiguous_copies()
    {
        var av = new double[] { 1, 2, 3, 4, 5, 6 };
        var bv = new double[] { 6, 5, 4, 3, 2, 1 };
        var expected = Read(Cpu.Binary(BinaryOp.Div, Make(DType.Float32, av, 2, 3), Make(DType.Float32, bv, 2, 3)));
        foreach (var (_, a) in Views(DType.Float32, av, 2, 3))
            foreach (var (_, b) in Views(DType.Float32, bv, 2, 3))
                Equal(expected, Cpu.Binary(BinaryOp.Div, a, b), 2, 3);
    }

    [Fact]
    public void Binary_of_an_expanded_view_equals_binary_of_its_contiguous_copy()
    {
        var row = Cpu.Expand(Make(DType.Float64, new double[] { 1, 2, 3 }, 3), new Shape(2, 3));
        var m = Make(DType.Float64, new double[] { 1, 1, 1, 2, 2, 2 }, 2, 3);
        Equal(Read(Cpu.Binary(BinaryOp.Mul, Cpu.Contiguous(row), m)), Cpu.Binary(BinaryOp.Mul, row, m), 2, 3);
        Equal(new double[] { 1, 2, 3, 2, 4, 6 }, Cpu.Binary(BinaryOp.Mul, row, m), 2, 3);
    }

    [Fact]
    public void Add_of_3x2_and_3_throws_naming_both_shapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() =>
            Cpu.Binary(BinaryOp.Add, Make(DType.Float32, new double[6], 3, 2), Make(DType.Float32, new double[3], 3)));
        Assert.Equal(
            "add: expected broadcastable shapes (equal dims or 1, aligned from the right), received a 3x2, b 3", e.Message);
    }

    [Fact]
    public void Add_of_float32_and_float64_throws_naming_both_dtypes()
    {
        var e = Assert.Throws<DTypeMismatchException>(() =>
            Cpu.Binary(BinaryOp.Add, Make(DType.Float32, new double[1], 1), Make(DType.Float64, new double[1], 1)));
        Assert.Equal("add: expected equal dtypes, received a float32, b float64", e.Message);
    }

    [Theory]
    [InlineData(BinaryOp.Div, "div")]
    [InlineData(BinaryOp.Pow, "pow")]
    public void Div_and_pow_of_integer_tensors_throw_naming_the_op(BinaryOp op, string name)
    {
        var a = Make(DType.Int64, new double[] { 1 }, 1);
        var e = Assert.Throws<DTypeMismatchException>(() => Cpu.Binary(op, a, a));
        Assert.Equal($"{name}: expected a float32 or float64 tensor, received int64", e.Message);
    }

    [Fact]
    public void Binary_of_two_scalars_is_a_scalar()
    {
        var y = Cpu.Binary(BinaryOp.Sub, Make(DType.Float64, new double[] { 5 }), Make(DType.Float64, new double[] { 7 }));
        Equal(new double[] { -2 }, y);
    }

    [Fact]
    public void Binary_of_empty_tensors_is_empty_with_the_broadcast_shape()
    {
        var y = Cpu.Binary(BinaryOp.Add, Make(DType.Float32, new double[0], 0, 3), Make(DType.Float32, new double[3], 1, 3));
        Equal(new double[0], y, 0, 3);
    }

    [Fact]
    public void Broadcast_add_agrees_with_an_explicit_index_formula_on_a_4d_case()
    {
        // a: 2x1x3x1, b: 4x1x5 -> 2x4x3x5; y[i,j,k,l] = a[i,0,k,0] + b[j,0,l].
        var av = new double[6];
        var bv = new double[20];
        for (int i = 0; i < av.Length; i++) av[i] = i * 10;
        for (int i = 0; i < bv.Length; i++) bv[i] = i;
        var y = Read(Cpu.Binary(BinaryOp.Add, Make(DType.Float64, av, 2, 1, 3, 1), Make(DType.Float64, bv, 4, 1, 5)));
        int n = 0;
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 4; j++)
                for (int k = 0; k < 3; k++)
                    for (int l = 0; l < 5; l++)
                        Assert.Equal(av[i * 3 + k] + bv[j * 5 + l], y[n++]);
    }
}
