using System;
using Functional;
using Functional.Core.Tensors;
using Functional.CSharp;

namespace Functional.Core.Tests.Consumer;

/// The F# library as a C# program uses it: no FSharpFunc, FSharpList or FSharpOption in sight.
public class TensorFromCSharpTests
{
    [Fact]
    public void A_tensor_built_from_a_double_array_keeps_values_shape_and_dtype()
    {
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 4, 5, 6 }, new[] { 2, 3 });

        Assert.Equal(new[] { 2, 3 }, x.Dims);
        Assert.Equal(DType.Float64, x.DType);
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6 }, x.ToFloatArray());
    }

    [Fact]
    public void Operators_broadcast_a_row_over_a_matrix()
    {
        var m = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, new[] { 2, 2 });
        var row = Tensor.FromArray(new double[] { 10, 20 });

        var sum = m + row;
        var scaled = 2.0 * m - 1.0;

        Assert.Equal(new double[] { 11, 22, 13, 24 }, sum.ToFloatArray());
        Assert.Equal(new double[] { 1, 3, 5, 7 }, scaled.ToFloatArray());
    }

    [Fact]
    public void Extension_methods_read_like_dot_calls()
    {
        var a = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, new[] { 2, 2 });
        var b = Tensor.FromArray(new double[] { 1, 0, 0, 1 }, new[] { 2, 2 });

        var product = a.MatMul(b).Transpose().Reshape(4);

        Assert.Equal(new double[] { 1, 3, 2, 4 }, product.ToFloatArray());
        Assert.Equal(10.0, a.Sum().ToScalar());
        Assert.Equal(2.5, a.Mean().ToScalar());
    }

    [Fact]
    public void The_module_functions_are_plain_static_methods()
    {
        var x = TensorModule.OfArray(new[] { 0.0, 1.0 });

        var y = TensorModule.Exp(x);

        Assert.Equal(new[] { 1.0, Math.E }, y.ToFloatArray());
    }

    [Fact]
    public void A_gradient_is_taken_with_a_lambda()
    {
        var x = Tensor.FromArray(new double[] { 1, -2, 3 });

        var gradient = Differentiation.Grad(t => (t * t).Sum(), x);

        Assert.Equal(new double[] { 2, -4, 6 }, gradient.ToFloatArray());
    }

    [Fact]
    public void GradV_returns_the_value_and_the_gradient_as_a_tuple()
    {
        var x = Tensor.FromArray(new double[] { 3 });

        var (value, gradient) = Differentiation.GradV(t => t.Pow(3.0).Sum(), x);

        Assert.Equal(27.0, value.ToScalar());
        Assert.Equal(27.0, gradient.ToScalar());
    }

    [Fact]
    public void A_second_derivative_nests_two_derivatives()
    {
        var x = Tensor.Scalar(2.0, DType.Float64);

        // d²/dx² x³ = 6x = 12 at x = 2
        var second = Differentiation.Derivative(u => Differentiation.Derivative(v => v.Pow(3.0), u), x);

        Assert.Equal(12.0, second.ToScalar(), 12);
    }

    [Fact]
    public void A_shape_mismatch_throws_an_argument_exception_naming_the_op_and_shapes()
    {
        var a = Tensor.Zeros(new[] { 3, 4 }, DType.Float64);
        var b = Tensor.Zeros(new[] { 5, 2 }, DType.Float64);

        var e = Assert.Throws<ShapeMismatchException>(() => { a.MatMul(b); });

        Assert.IsAssignableFrom<ArgumentException>(e);
        Assert.Equal("matmul: expected a.[1] = b.[0], received a 3x4, b 5x2", e.Message);
    }

    [Fact]
    public void Mixing_float32_and_float64_is_an_error()
    {
        var a = Tensor.Zeros(new[] { 2 }, DType.Float32);
        var b = Tensor.Zeros(new[] { 2 }, DType.Float64);

        var e = Assert.Throws<DTypeMismatchException>(() => { _ = a + b; });

        Assert.Contains("add", e.Message);
        Assert.Contains("float32", e.Message);
        Assert.Contains("float64", e.Message);
    }

    [Fact]
    public void A_loss_is_one_call()
    {
        var predicted = Tensor.FromArray(new double[] { 1, 2, 3 });
        var target = Tensor.FromArray(new double[] { 1, 2, 5 });

        Assert.Equal(4.0 / 3.0, Loss.Mse(predicted, target).ToScalar(), 12);
    }

    [Fact]
    public void Printing_shows_values_dtype_and_shape()
    {
        var x = Tensor.FromArray(new float[] { 1, 2, 3, 4 }, new[] { 2, 2 });

        var text = x.ToString();

        Assert.Contains("1.0000", text);
        Assert.Contains("float32", text);
        Assert.Contains("shape 2x2", text);
    }

    [Fact]
    public void The_README_example_computes_the_gradient_it_shows()
    {
        var x = Tensor.FromArray(new double[] { 1, 2, 3, 4 }, new[] { 2, 2 });
        var w = Tensor.FromArray(new double[] { 0.5, -1.0 }, new[] { 2, 1 });
        Tensor Loss(Tensor w) => TensorModule.Mean(TensorModule.PowScalar(2.0, TensorModule.MatMul(x, w) - 1.0));
        var gradient = Differentiation.Grad(Loss, w);

        // oracle: by hand, ∇ mean((Xw − 1)²) = (2/2)·Xᵀ(Xw − 1) = Xᵀ[−2.5, −3.5] = [−13, −19]
        Assert.Equal(new double[] { -13, -19 }, gradient.ToFloatArray());
        Assert.Contains("shape 2x1", gradient.ToString());
    }
}
