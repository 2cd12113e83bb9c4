using System;
using System.Linq;
using Functional.Core.Kernels;
using Functional.Core.Tensors;
using Xunit;

namespace Functional.Core.Tests.Kernels.Fast;

/// <summary>Large element-wise ops split over the kernel threads: every op gives the same bits on one thread and on
/// two, for contiguous inputs, gathered (transposed) ones, and lengths that are not multiples of a vector.</summary>
public sealed class ElementwiseThreadsTests
{
    private static readonly IBackend Cpu = Backends.Cpu;

    private static RawTensor Random(DType dtype, int rows, int cols, int seed, double low, double high)
    {
        var rng = new Random(seed);
        var values = new double[rows * cols];
        for (int i = 0; i < values.Length; i++) values[i] = low + (high - low) * rng.NextDouble();
        var x = Cpu.FromHostArray(values, new Shape(rows, cols));
        return dtype == DType.Float64 ? x : Cpu.Cast(x, dtype);
    }

    /// <summary>The bits of f() computed with one kernel thread and with two.</summary>
    private static void SameOnOneAndTwoThreads(Func<RawTensor> f, string what)
    {
        var one = TestTensors.OnThreads(1, () => Cpu.ToHostArray(f()));
        var two = TestTensors.OnThreads(2, () => Cpu.ToHostArray(f()));
        Assert.True(one.Length == two.Length, what);
        bool same = one switch
        {
            float[] a => a.Select(BitConverter.SingleToInt32Bits).SequenceEqual(((float[])two).Select(BitConverter.SingleToInt32Bits)),
            double[] a => a.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(((double[])two).Select(BitConverter.DoubleToInt64Bits)),
            _ => throw new InvalidOperationException("a float tensor was expected"),
        };
        Assert.True(same, what);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Unary_scalar_and_binary_ops_give_the_same_bits_on_one_and_two_threads(DType dtype)
    {
        // 431 × 701 = 302,131 elements: above the split threshold, not a multiple of any vector width.
        var x = Random(dtype, 431, 701, 1, -4, 4);
        var positive = Random(dtype, 431, 701, 2, 0.01, 9);
        var transposed = Cpu.Permute(Random(dtype, 701, 431, 3, -4, 4), new[] { 1, 0 });
        foreach (UnaryOp op in Enum.GetValues<UnaryOp>())
        {
            var input = op is UnaryOp.Log or UnaryOp.Sqrt ? positive : x;
            SameOnOneAndTwoThreads(() => Cpu.Unary(op, input), $"{op} {dtype}");
        }
        SameOnOneAndTwoThreads(() => Cpu.Unary(UnaryOp.Exp, transposed), $"Exp of a transposed view {dtype}");
        foreach (ScalarOp op in Enum.GetValues<ScalarOp>())
            SameOnOneAndTwoThreads(() => Cpu.Scalar(op, op == ScalarOp.Pow ? positive : x, 0.3), $"{op} {dtype}");
        foreach (var op in new[] { BinaryOp.Add, BinaryOp.Sub, BinaryOp.Mul, BinaryOp.Div, BinaryOp.Max, BinaryOp.Min })
        {
            SameOnOneAndTwoThreads(() => Cpu.Binary(op, x, positive), $"{op} {dtype}");
            SameOnOneAndTwoThreads(() => Cpu.Binary(op, transposed, x), $"{op} of a transposed view {dtype}");
        }
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void A_per_channel_broadcast_gives_the_same_bits_on_one_and_two_threads(DType dtype)
    {
        // [8, 64, 24, 23] against a channel vector [1, 64, 1, 1], as a bias add or BatchNorm: 282,624 elements.
        var x = Cpu.Reshape(Random(dtype, 8 * 64, 24 * 23, 5, -4, 4), new Shape(8, 64, 24, 23));
        var channels = Cpu.Reshape(Random(dtype, 1, 64, 6, 0.5, 2), new Shape(1, 64, 1, 1));
        foreach (var op in new[] { BinaryOp.Add, BinaryOp.Sub, BinaryOp.Mul, BinaryOp.Div })
        {
            SameOnOneAndTwoThreads(() => Cpu.Binary(op, x, channels), $"x {op} channels {dtype}");
            SameOnOneAndTwoThreads(() => Cpu.Binary(op, channels, x), $"channels {op} x {dtype}");
        }
        // And the values are the per-channel ones: element (n, c, y, x) of x + channels is x + channels[c].
        var sum = Cpu.ToHostArray(Cpu.Cast(Cpu.Binary(BinaryOp.Add, x, channels), DType.Float64)) as double[];
        var xs = Cpu.ToHostArray(Cpu.Cast(x, DType.Float64)) as double[];
        var cs = Cpu.ToHostArray(Cpu.Cast(channels, DType.Float64)) as double[];
        int at = (3 * 64 + 17) * 24 * 23 + 100;
        Assert.Equal(dtype == DType.Float64 ? xs![at] + cs![17] : (double)((float)xs![at] + (float)cs![17]), sum![at]);
    }
}
