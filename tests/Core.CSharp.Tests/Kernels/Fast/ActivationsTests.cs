using System;
using System.Linq;
using Functional.Core.Kernels;
using Functional.Core.Tensors;
using static Functional.Core.Tests.Kernels.Fast.FastData;

namespace Functional.Core.Tests.Kernels.Fast;

public class ActivationsTests
{
    [Fact]
    public void Relu_and_leakyRelu_equal_the_scalar_function_bit_for_bit_at_every_length_0_to_256()
    {
        foreach (int n in Lengths)
        {
            var xd = Values(n, n);
            var xf = xd.Select(v => (float)v).ToArray();
            var yd = new double[n];
            var yf = new float[n];
            Activations.Relu<double>(xd, yd);
            Activations.Relu<float>(xf, yf);
            Agree(xd.Select(FloatMath.Relu).ToArray(), yd, DType.Float64, 0, $"relu double n={n}");
            Agree(xf.Select(v => (double)FloatMath.Relu(v)).ToArray(), Widen(yf), DType.Float32, 0,
                $"relu float n={n}");
            Activations.LeakyRelu<double>(xd, 0.2, yd);
            Activations.LeakyRelu<float>(xf, 0.2f, yf);
            Agree(xd.Select(v => FloatMath.LeakyRelu(v, 0.2)).ToArray(), yd, DType.Float64, 0, $"leaky double n={n}");
            Agree(xf.Select(v => (double)FloatMath.LeakyRelu(v, 0.2f)).ToArray(), Widen(yf), DType.Float32, 0,
                $"leaky float n={n}");
        }
    }

    [Fact]
    public void Sigmoid_agrees_with_the_scalar_function_within_4_ulps_at_every_length_0_to_256()
    {
        foreach (int n in Lengths)
        {
            var xd = Values(n, n);
            var xf = xd.Select(v => (float)v).ToArray();
            var yd = new double[n];
            var yf = new float[n];
            Activations.Sigmoid<double>(xd, yd);
            Activations.Sigmoid<float>(xf, yf);
            Agree(xd.Select(FloatMath.Sigmoid).ToArray(), yd, DType.Float64, 4, $"sigmoid double n={n}");
            Agree(xf.Select(v => (double)FloatMath.Sigmoid(v)).ToArray(), Widen(yf), DType.Float32, 4,
                $"sigmoid float n={n}");
        }
    }

    [Fact]
    public void Sigmoid_of_minus_100_keeps_its_tiny_value_and_of_plus_and_minus_1000_stays_finite()
    {
        // oracle: Python 3.11 math, exp(-100) / (1 + exp(-100)) = 3.720075976020836e-44.
        var x = new double[] { -100, -1000, 1000, double.NaN, -100, -100, -100, -100, -100, -100 };
        var y = new double[x.Length];
        Activations.Sigmoid<double>(x, y);
        Assert.Equal(3.720075976020836e-44, y[0], 1e-57);
        Assert.Equal(new[] { 0.0, 1.0 }, y[1..3]);
        Assert.True(double.IsNaN(y[3]));
    }

    [Fact]
    public void Activations_may_write_over_their_input()
    {
        var x = Values(100, 1, specials: false);
        var expected = x.Select(FloatMath.Sigmoid).ToArray();
        Activations.Sigmoid<double>(x, x);
        Agree(expected, x, DType.Float64, 4, "sigmoid in place");
        var r = Values(100, 2);
        var relu = r.Select(FloatMath.Relu).ToArray();
        Activations.Relu<double>(r, r);
        Agree(relu, r, DType.Float64, 0, "relu in place");
    }

    [Fact]
    public void A_destination_shorter_than_the_input_throws_naming_both_lengths()
    {
        var e = Assert.Throws<ArgumentException>(() => Activations.Relu<float>(new float[5], new float[4]));
        Assert.StartsWith("kernel: expected a destination of at least 5 elements, received 4", e.Message);
        Assert.Equal("destination", e.ParamName);
        Assert.Throws<ArgumentException>(() => Activations.LeakyRelu<double>(new double[3], 0.1, new double[2]));
        Assert.Throws<ArgumentException>(() => Activations.Sigmoid<double>(new double[3], new double[0]));
    }

    [Fact]
    public void A_destination_overlapping_the_input_partially_throws()
    {
        var buffer = new float[40];
        var e = Assert.Throws<ArgumentException>(() =>
            Activations.LeakyRelu<float>(buffer.AsSpan(0, 32), 0.1f, buffer.AsSpan(1, 32)));
        Assert.StartsWith("kernel: expected a destination that is the input itself or apart from it", e.Message);
        Assert.Equal("destination", e.ParamName);
    }

    private static double[] Widen(float[] x) => x.Select(v => (double)v).ToArray();
}
