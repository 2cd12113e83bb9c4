using System;
using Functional.Core.Tensors;
using static Functional.Core.Tests.Kernels.TestTensors;

namespace Functional.Core.Tests.Kernels;

public class UnaryTests
{
    private static readonly double[] X = { -1, 0, 0.5, 2 };

    // oracle: Python 3.11 math (exp, log, sqrt, tanh, sin, cos, log1p) at x = -1, 0, 0.5, 2, printed with repr.
    public static TheoryData<DType, UnaryOp, double[], double[]> Examples()
    {
        var data = new TheoryData<DType, UnaryOp, double[], double[]>();
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            data.Add(dtype, UnaryOp.Neg, X, new[] { 1, 0, -0.5, -2 });
            data.Add(dtype, UnaryOp.Exp, X, new[] { 0.36787944117144233, 1.0, 1.6487212707001282, 7.38905609893065 });
            data.Add(dtype, UnaryOp.Log, new[] { 0.5, 1, 2, 10 },
                new[] { -0.6931471805599453, 0.0, 0.6931471805599453, 2.302585092994046 });
            data.Add(dtype, UnaryOp.Sqrt, new double[] { 0, 1, 2, 9 }, new[] { 0, 1, 1.4142135623730951, 3 });
            data.Add(dtype, UnaryOp.Abs, X, new[] { 1, 0, 0.5, 2 });
            data.Add(dtype, UnaryOp.Sign, X, new double[] { -1, 0, 1, 1 });
            data.Add(dtype, UnaryOp.Sigmoid, X,
                new[] { 0.2689414213699951, 0.5, 0.6224593312018546, 0.8807970779778823 });
            data.Add(dtype, UnaryOp.Tanh, X,
                new[] { -0.7615941559557649, 0.0, 0.46211715726000974, 0.9640275800758169 });
            data.Add(dtype, UnaryOp.Relu, X, new[] { 0, 0, 0.5, 2 });
            data.Add(dtype, UnaryOp.Softplus, X,
                new[] { 0.31326168751822286, 0.6931471805599453, 0.9740769841801067, 2.1269280110429727 });
            data.Add(dtype, UnaryOp.Sin, X, new[] { -0.8414709848078965, 0.0, 0.479425538604203, 0.9092974268256817 });
            data.Add(dtype, UnaryOp.Cos, X, new[] { 0.5403023058681398, 1.0, 0.8775825618903728, -0.4161468365471424 });
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_unary_op_matches_hand_values(DType dtype, UnaryOp op, double[] x, double[] expected) =>
        Close(expected, Cpu.Unary(op, Make(dtype, x, 2, 2)), Tolerance(dtype), 2, 2);

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Log_of_0_is_minus_infinity_and_of_a_negative_is_NaN(DType dtype) =>
        Close(new[] { double.NegativeInfinity, double.NaN },
            Cpu.Unary(UnaryOp.Log, Make(dtype, new double[] { 0, -1 }, 2)), 0, 2);

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Sigmoid_and_softplus_stay_finite_at_plus_and_minus_1000(DType dtype)
    {
        var x = Make(dtype, new double[] { -1000, 1000 }, 2);
        Close(new double[] { 0, 1 }, Cpu.Unary(UnaryOp.Sigmoid, x), Tolerance(dtype), 2);
        Close(new double[] { 0, 1000 }, Cpu.Unary(UnaryOp.Softplus, x), Tolerance(dtype), 2);
    }

    [Fact]
    public void Softplus_and_sigmoid_of_minus_50_keep_their_tiny_value()
    {
        // oracle: Python 3.11 math.log1p(math.exp(-50)) = 1.9287498479639178e-22 (and sigmoid(-50) ≈ the same).
        var x = Make(DType.Float64, new double[] { -50 }, 1);
        Assert.Equal(1.9287498479639178e-22, Read(Cpu.Unary(UnaryOp.Softplus, x))[0], 1e-35);
        Assert.Equal(1.928749847963918e-22, Read(Cpu.Unary(UnaryOp.Sigmoid, x))[0], 1e-35);
    }

    [Theory]
    [InlineData(UnaryOp.Relu)]
    [InlineData(UnaryOp.Sign)]
    [InlineData(UnaryOp.Abs)]
    [InlineData(UnaryOp.Exp)]
    [InlineData(UnaryOp.Sigmoid)]
    [InlineData(UnaryOp.Softplus)]
    [InlineData(UnaryOp.Tanh)]
    public void NaN_stays_NaN(UnaryOp op)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            Assert.True(double.IsNaN(Read(Cpu.Unary(op, Make(dtype, new[] { double.NaN }, 1)))[0]), $"{op} {dtype}");
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Sign_over_whole_vectors_matches_the_scalar_rule_bit_for_bit(DType dtype)
    {
        // 37 values: several full vectors (the vector paths) and a tail, with ±0, NaN, ±∞ and tiny values.
        var special = new[] { 0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-30, -1e-30 };
        var values = new double[37];
        for (int i = 0; i < values.Length; i++) values[i] = i % 3 == 0 ? special[i / 3 % special.Length] : i - 18.5;
        var y = Read(Cpu.Unary(UnaryOp.Sign, Make(dtype, values, 37)));
        for (int i = 0; i < values.Length; i++)
        {
            double x = dtype == DType.Float32 ? (float)values[i] : values[i];
            double expected = x > 0 ? 1 : x < 0 ? -1 : x;
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(y[i]));
        }
    }

    [Fact]
    public void Unary_ops_read_offset_column_major_and_strided_views_like_contiguous_copies()
    {
        var values = new[] { -1.5, 0, 0.25, 2, 3, -4 };
        var expected = Read(Cpu.Unary(UnaryOp.Tanh, Make(DType.Float64, values, 2, 3)));
        foreach (var (layout, view) in Views(DType.Float64, values, 2, 3))
        {
            var y = Cpu.Unary(UnaryOp.Tanh, view);
            Assert.True(y.IsContiguous, layout);
            Equal(expected, y, 2, 3);
        }
    }

    [Fact]
    public void Unary_of_an_expanded_view_repeats_values()
    {
        var x = Cpu.Expand(Make(DType.Float32, new double[] { -1, 2 }, 2, 1), new Shape(2, 3));
        Equal(new double[] { 0, 0, 0, 2, 2, 2 }, Cpu.Unary(UnaryOp.Relu, x), 2, 3);
    }

    [Fact]
    public void Unary_on_an_int64_tensor_throws_naming_the_op_and_dtype()
    {
        var x = Make(DType.Int64, new double[] { 1 }, 1);
        var e = Assert.Throws<DTypeMismatchException>(() => Cpu.Unary(UnaryOp.Exp, x));
        Assert.Equal("exp: expected a float32 or float64 tensor, received int64", e.Message);
    }
}
