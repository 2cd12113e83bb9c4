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
        int saved = CpuSettings.Threads;
        try
        {
            CpuSettings.Threads = 1;
            var one = Cpu.ToHostArray(f());
            CpuSettings.Threads = 2;
            var two = Cpu.ToHostArray(f());
            Assert.True(one.Length == two.Length, what);
            bool same = one switch
            {
                float[] a => a.Select(BitConverter.SingleToInt32Bits).SequenceEqual(((float[])two).Select(BitConverter.SingleToInt32Bits)),
                double[] a => a.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(((double[])two).Select(BitConverter.DoubleToInt64Bits)),
                _ => throw new InvalidOperationException("a float tensor was expected"),
            };
            Assert.True(same, what);
        }
        finally
        {
            CpuSettings.Threads = saved;
        }
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
}
