using System;
using System.Linq;
using Functional.Core.Tensors;
using static Functional.Core.Tests.Kernels.TestTensors;

namespace Functional.Core.Tests.Kernels;

public class SoftmaxTests
{
    // oracle: Python 3.11 math, softmax of [1, 2, 3] and of [0, 0.5] (exp(x) / sum, x - log(sum), log(sum)).
    private static readonly double[] X = { 1, 2, 3, 0, 0.5, 0 }; // rows [1 2 3] and [0 0.5 0]

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Softmax_of_1_2_3_matches_hand_values(DType dtype)
    {
        var x = Make(dtype, new double[] { 1, 2, 3 }, 1, 3);
        Close(new[] { 0.09003057317038046, 0.24472847105479767, 0.6652409557748219 },
            Cpu.Softmax(SoftmaxOp.Softmax, x, 1), Tolerance(dtype), 1, 3);
        Close(new[] { -2.40760596444438, -1.4076059644443801, -0.40760596444438013 },
            Cpu.Softmax(SoftmaxOp.LogSoftmax, x, -1), Tolerance(dtype), 1, 3);
        Close(new[] { 3.40760596444438 }, Cpu.LogSumExp(x, 1, keepDim: false), Tolerance(dtype), 1);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Softmax_over_axis_0_normalises_each_column(DType dtype)
    {
        // columns: [0, 0.5] and [0.5, 0]
        var x = Make(dtype, new[] { 0, 0.5, 0.5, 0 }, 2, 2);
        Close(new[] { 0.3775406687981454, 0.6224593312018546, 0.6224593312018546, 0.3775406687981454 },
            Cpu.Softmax(SoftmaxOp.Softmax, x, 0), Tolerance(dtype), 2, 2);
        Close(new[] { 0.9740769841801067, 0.9740769841801067 },
            Cpu.LogSumExp(x, 0, keepDim: true), Tolerance(dtype), 1, 2);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Softmax_rows_sum_to_1_for_inputs_of_plus_and_minus_1000(DType dtype)
    {
        var x = Make(dtype, new double[] { 1000, 999, -1000, -1000, -999, 1000 }, 2, 3);
        var y = Read(Cpu.Softmax(SoftmaxOp.Softmax, x, 1));
        Assert.All(y, v => Assert.True(double.IsFinite(v), $"softmax gave {v}"));
        Assert.Equal(1, y[0] + y[1] + y[2], 1e-6);
        Assert.Equal(1, y[3] + y[4] + y[5], 1e-6);
        // oracle: Python 3.11 math, 1000 + log(1 + exp(-1)) = 1000.3132616875182.
        Close(new[] { 1000.3132616875182, 1000 }, Cpu.LogSumExp(x, 1, false), Tolerance(dtype), 2);
        Assert.All(Read(Cpu.Softmax(SoftmaxOp.LogSoftmax, x, 1)), v => Assert.False(double.IsNaN(v)));
    }

    [Fact]
    public void A_row_of_all_minus_infinity_gives_NaN_softmax_and_minus_infinity_logsumexp()
    {
        var x = Make(DType.Float64, new[] { double.NegativeInfinity, double.NegativeInfinity, 0, 0 }, 2, 2);
        Close(new[] { double.NaN, double.NaN, 0.5, 0.5 }, Cpu.Softmax(SoftmaxOp.Softmax, x, 1), 1e-15, 2, 2);
        Close(new[] { double.NegativeInfinity, Math.Log(2) }, Cpu.LogSumExp(x, 1, false), 1e-15, 2);
    }

    [Fact]
    public void A_NaN_makes_its_whole_row_NaN()
    {
        var x = Make(DType.Float32, new[] { double.NaN, 1, 1, 1 }, 2, 2);
        Close(new[] { double.NaN, double.NaN, 0.5, 0.5 }, Cpu.Softmax(SoftmaxOp.Softmax, x, 1), 1e-6, 2, 2);
        Close(new[] { double.NaN, 1 + Math.Log(2) }, Cpu.LogSumExp(x, 1, false), 1e-6, 2);
    }

    [Fact]
    public void Softmax_and_logsumexp_read_views_like_contiguous_copies()
    {
        var contiguous = Make(DType.Float64, X, 2, 3);
        foreach (int axis in new[] { 0, 1 })
        {
            var softmax = Read(Cpu.Softmax(SoftmaxOp.LogSoftmax, contiguous, axis));
            var lse = Read(Cpu.LogSumExp(contiguous, axis, false));
            foreach (var (_, view) in Views(DType.Float64, X, 2, 3))
            {
                Close(softmax, Cpu.Softmax(SoftmaxOp.LogSoftmax, view, axis), 1e-15, 2, 3);
                Close(lse, Cpu.LogSumExp(view, axis, false), 1e-15, lse.Length);
            }
        }
    }

    [Fact]
    public void Logsumexp_of_an_empty_axis_is_minus_infinity() =>
        Close(new[] { double.NegativeInfinity },
            Cpu.LogSumExp(Make(DType.Float64, new double[0], 1, 0), 1, false), 0, 1);

    [Fact]
    public void Softmax_of_an_int32_tensor_throws_naming_the_op_and_dtype()
    {
        var x = Make(DType.Int32, new double[2], 2);
        var e = Assert.Throws<DTypeMismatchException>(() => Cpu.Softmax(SoftmaxOp.Softmax, x, 0));
        Assert.Equal("softmax: expected a float32 or float64 tensor, received int32", e.Message);
    }

    [Fact]
    public void Logsumexp_of_an_int64_tensor_throws_naming_the_op_and_dtype()
    {
        var x = Make(DType.Int64, new double[2], 2);
        var e = Assert.Throws<DTypeMismatchException>(() => Cpu.LogSumExp(x, 0, false));
        Assert.Equal("logsumexp: expected a float32 or float64 tensor, received int64", e.Message);
    }

    [Fact]
    public void Softmax_over_axis_3_of_a_matrix_throws_naming_the_axis()
    {
        var x = Make(DType.Float32, X, 2, 3);
        var e = Assert.Throws<ShapeMismatchException>(() => Cpu.Softmax(SoftmaxOp.Softmax, x, 3));
        Assert.Equal("softmax: expected an axis in [-2, 1], received axis 3 for rank 2", e.Message);
    }

    [Fact]
    public void Softmax_rows_of_a_large_random_matrix_sum_to_1()
    {
        var rng = new Random(42);
        var values = Enumerable.Range(0, 64 * 33).Select(_ => (rng.NextDouble() - 0.5) * 200).ToArray();
        var y = Read(Cpu.Softmax(SoftmaxOp.Softmax, Make(DType.Float32, values, 64, 33), 1));
        for (int r = 0; r < 64; r++)
            Assert.Equal(1, y.Skip(r * 33).Take(33).Sum(), 1e-5);
    }
}
