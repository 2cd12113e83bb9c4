using System;
using System.Linq;
using Functional.Core.Kernels;
using Functional.Core.Tensors;
using static Functional.Core.Tests.Kernels.Fast.FastData;
using static Functional.Core.Tests.Kernels.TestTensors;

namespace Functional.Core.Tests.Kernels.Fast;

/// <summary>The CPU backend's reductions, sumTo, softmax and log-sum-exp (fast paths) against the reference.</summary>
public class ReductionsFastTests
{
    private static readonly DType[] All = { DType.Float32, DType.Float64, DType.Int32, DType.Int64 };

    [Fact]
    public void Sum_max_and_min_over_the_last_axis_match_the_reference_at_every_length_0_to_256()
    {
        foreach (var op in Enum.GetValues<ReduceOp>())
        {
            foreach (var dtype in All)
            {
                foreach (int n in Lengths)
                {
                    if (n == 0 && op != ReduceOp.Sum) continue;
                    var x = Make(dtype, Data(dtype, 3 * n, n, specials: op != ReduceOp.Sum), 3, n);
                    // TensorPrimitives sums a run in its own order: allow n ulps of the sum of magnitudes.
                    var expected = Reference(op, x, 1);
                    var actual = Read(Cpu.Reduce(op, x, 1, keepDim: false));
                    if (op == ReduceOp.Sum && dtype is DType.Float32 or DType.Float64)
                        SumsAgree(expected, actual, Reference(op, Abs(x), 1), n, dtype, $"{dtype} n={n}");
                    else
                        Agree(expected, actual, DType.Float64, 0, $"{op} {dtype} n={n}");
                }
            }
        }
    }

    [Fact]
    public void Sum_max_and_min_over_a_leading_axis_match_the_reference_bit_for_bit_at_every_length_0_to_256()
    {
        // Rows are combined element-wise in axis order, the reference's own order.
        foreach (var op in Enum.GetValues<ReduceOp>())
        {
            foreach (var dtype in All)
            {
                foreach (int n in Lengths)
                {
                    if (n == 0 && op != ReduceOp.Sum) continue;
                    var x = Make(dtype, Data(dtype, n * 2 * 19, n, specials: true), n, 2, 19);
                    Agree(Reference(op, x, 0), Read(Cpu.Reduce(op, x, 0, keepDim: false)), DType.Float64, 0,
                        $"{op} {dtype} n={n}");
                    var view = Cpu.Permute(x, new[] { 2, 1, 0 });
                    Agree(Reference(op, view, 1), Read(Cpu.Reduce(op, view, 1, keepDim: true)), DType.Float64, 0,
                        $"{op} {dtype} n={n}, permuted view");
                }
            }
        }
    }

    [Fact]
    public void SumTo_matches_the_reference_for_bias_rows_columns_scalars_and_general_shapes()
    {
        foreach (var dtype in All)
        {
            foreach (int n in new[] { 0, 1, 7, 16, 33, 100 })
            {
                var x = Make(dtype, Data(dtype, 4 * 3 * n, n, specials: false), 4, 3, n);
                foreach (var to in new[]
                {
                    new Shape(n), new Shape(3, n), new Shape(1, 3, n), new Shape(1, 1, n), new Shape(4, 1, 1),
                    new Shape(4, 3, 1), Shape.Scalar, new Shape(1), new Shape(4, 1, n), new Shape(4, 3, n),
                })
                {
                    var expected = ReferenceSumTo(x, to);
                    var actual = Read(Cpu.SumTo(x, to));
                    if (dtype is DType.Float32 or DType.Float64)
                        SumsAgree(expected, actual, ReferenceSumTo(Abs(x), to), 12 * n + 1, dtype, $"{dtype} to {to}");
                    else
                        Agree(expected, actual, DType.Float64, 0, $"{dtype} to {to}");
                }
            }
        }
    }

    [Fact]
    public void Softmax_log_softmax_and_logsumexp_over_the_last_axis_match_the_reference_at_every_length_0_to_256()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            foreach (int n in Lengths)
            {
                // Row 0 has the edge values (±1000, ±∞, NaN), rows 1 and 2 ordinary ones, row 3 is all −∞.
                var values = Values(n, n).Concat(Values(2 * n, 7 * n, specials: false))
                    .Concat(Enumerable.Repeat(double.NegativeInfinity, n)).ToArray();
                var x = Make(dtype, values, 4, n);
                foreach (var op in Enum.GetValues<SoftmaxOp>())
                {
                    var expected = dtype == DType.Float32
                        ? Softmax.Normalize<float>(op, x, 1).Select(v => (double)v).ToArray()
                        : Softmax.Normalize<double>(op, x, 1);
                    // A log-softmax of the maximum is −log Σ: an ulp of the sum (added in another order) is an ulp
                    // of 1.
                    Agree(expected, Read(Cpu.Softmax(op, x, -1)), dtype, 4 + n / 4.0, $"{op} {dtype} n={n}", scale: 1);
                }
                var lse = dtype == DType.Float32
                    ? Softmax.LogSumExp<float>(x, 1).Select(v => (double)v).ToArray()
                    : Softmax.LogSumExp<double>(x, 1);
                Agree(lse, Read(Cpu.LogSumExp(x, 1, keepDim: false)), dtype, 4 + n / 4.0, $"logsumexp {dtype} n={n}");
            }
        }
    }

    private static double[] Data(DType dtype, int count, int seed, bool specials) =>
        dtype is DType.Float32 or DType.Float64
            ? Values(count, seed, specials)
            : Values(count, seed, specials: false).Select(v => Math.Round(v * 100)).ToArray();

    private static RawTensor Abs(RawTensor x) => Make(x.DType, Read(x).Select(Math.Abs).ToArray(), x.Shape.ToArray());

    private static double[] Reference(ReduceOp op, RawTensor x, int axis) => x.DType switch
    {
        DType.Float32 => Reductions.Reduce<float>(op, x, axis).Select(v => (double)v).ToArray(),
        DType.Float64 => Reductions.Reduce<double>(op, x, axis),
        DType.Int32 => Reductions.Reduce<int>(op, x, axis).Select(v => (double)v).ToArray(),
        _ => Reductions.Reduce<long>(op, x, axis).Select(v => (double)v).ToArray(),
    };

    private static double[] ReferenceSumTo(RawTensor x, Shape to) => x.DType switch
    {
        DType.Float32 => Reductions.SumTo<float>(x, to).Select(v => (double)v).ToArray(),
        DType.Float64 => Reductions.SumTo<double>(x, to),
        DType.Int32 => Reductions.SumTo<int>(x, to).Select(v => (double)v).ToArray(),
        _ => Reductions.SumTo<long>(x, to).Select(v => (double)v).ToArray(),
    };

    /// <summary>Two sums of the same terms in different orders differ by at most terms·ε·Σ|term|.</summary>
    private static void SumsAgree(double[] expected, double[] actual, double[] magnitudes, int terms, DType dtype,
        string what)
    {
        double eps = dtype == DType.Float32 ? 1.1920928955078125e-7 : 2.220446049250313e-16;
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double allowed = 2 * terms * eps * magnitudes[i];
            if (!(Math.Abs(expected[i] - actual[i]) <= allowed))
                Assert.Fail($"{what}: at {i} expected {expected[i]}, actual {actual[i]}, allowed error {allowed}");
        }
    }
}
