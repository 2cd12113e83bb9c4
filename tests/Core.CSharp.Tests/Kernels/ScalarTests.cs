using Functional.Core.Tensors;
using static Functional.Core.Tests.Kernels.TestTensors;

namespace Functional.Core.Tests.Kernels;

public class ScalarTests
{
    private static readonly double[] X = { -2, 0, 0.5, 4 };

    // oracle: hand computation.
    public static TheoryData<DType, ScalarOp, double, double[]> Examples()
    {
        var data = new TheoryData<DType, ScalarOp, double, double[]>();
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            data.Add(dtype, ScalarOp.LeakyRelu, 0.1, new[] { -0.2, 0, 0.5, 4 });
            data.Add(dtype, ScalarOp.Pow, 2, new[] { 4, 0, 0.25, 16 });
            data.Add(dtype, ScalarOp.Add, 1.5, new[] { -0.5, 1.5, 2, 5.5 });
            data.Add(dtype, ScalarOp.Mul, -3, new[] { 6, 0, -1.5, -12 });
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_scalar_op_matches_hand_values(DType dtype, ScalarOp op, double s, double[] expected) =>
        Close(expected, Cpu.Scalar(op, Make(dtype, X, 4), s), Tolerance(dtype), 4);

    [Fact]
    public void Pow_with_half_is_the_square_root_and_NaN_below_0() =>
        Close(new[] { double.NaN, 0, 3 },
            Cpu.Scalar(ScalarOp.Pow, Make(DType.Float64, new double[] { -1, 0, 9 }, 3), 0.5), 1e-15, 3);

    [Fact]
    public void LeakyRelu_keeps_NaN() =>
        Close(new[] { double.NaN },
            Cpu.Scalar(ScalarOp.LeakyRelu, Make(DType.Float32, new[] { double.NaN }, 1), 0.01), 0, 1);

    [Fact]
    public void Scalar_ops_read_views_like_contiguous_copies()
    {
        var values = new double[] { -1, 2, -3, 4, -5, 6 };
        foreach (var (layout, view) in Views(DType.Float32, values, 3, 2))
            Close(new[] { -0.5, 2, -1.5, 4, -2.5, 6 }, Cpu.Scalar(ScalarOp.LeakyRelu, view, 0.5), 0, 3, 2);
    }

    [Fact]
    public void Scalar_on_an_int32_tensor_throws_naming_the_op_and_dtype()
    {
        var x = Make(DType.Int32, new double[] { 1 }, 1);
        var e = Assert.Throws<DTypeMismatchException>(() => Cpu.Scalar(ScalarOp.LeakyRelu, x, 0.1));
        Assert.Equal("leakyRelu: expected a float32 or float64 tensor, received int32", e.Message);
    }
}
