using System;
using System.Linq;
using Functional.Core.Kernels;
using Functional.Core.Tensors;
using static Functional.Core.Tests.Kernels.Fast.FastData;
using static Functional.Core.Tests.Kernels.TestTensors;

namespace Functional.Core.Tests.Kernels.Fast;

/// <summary>The CPU backend's element-wise ops (fast paths) against the scalar reference kernels.</summary>
public class ElementwiseFastTests
{
    private static readonly DType[] Floats = { DType.Float32, DType.Float64 };

    /// <summary>Ulps allowed per op: 0 where the fast path computes the very same function (exactly rounded
    /// operations, or the same scalar function); a few where TensorPrimitives has its own exp and log.</summary>
    private static double Ulps(UnaryOp op) => op switch
    {
        UnaryOp.Exp or UnaryOp.Log => 4,
        UnaryOp.Sigmoid => 4,
        _ => 0,
    };

    [Fact]
    public void Every_unary_op_matches_the_reference_at_every_length_0_to_256()
    {
        foreach (var op in Enum.GetValues<UnaryOp>())
        {
            foreach (var dtype in Floats)
            {
                foreach (int n in Lengths)
                {
                    var values = op is UnaryOp.Log or UnaryOp.Sqrt ? Positive(n, n) : Values(n, n);
                    var x = Make(dtype, values, n);
                    Agree(ReferenceUnary(op, x), Read(Cpu.Unary(op, x)), dtype, Ulps(op), $"{op} {dtype} n={n}");
                }
            }
        }
    }

    [Fact]
    public void Log_of_negatives_is_NaN_and_sqrt_of_negatives_is_NaN_as_in_the_reference()
    {
        foreach (var dtype in Floats)
        {
            var x = Make(dtype, Enumerable.Repeat(-2.0, 40).ToArray(), 40);
            Assert.All(Read(Cpu.Unary(UnaryOp.Log, x)), v => Assert.True(double.IsNaN(v)));
            Assert.All(Read(Cpu.Unary(UnaryOp.Sqrt, x)), v => Assert.True(double.IsNaN(v)));
        }
    }

    [Fact]
    public void Unary_ops_give_the_same_bits_for_a_strided_view_and_its_contiguous_copy()
    {
        var values = Values(2 * 37 * 2, 5);
        foreach (var dtype in Floats)
        {
            var big = Make(dtype, values, 2 * 37, 2);
            var view = Cpu.Slice(big, new[] { 1, 0 }, new[] { 2 * 37, 2 }, new[] { 2, 1 });
            var copy = Cpu.Contiguous(view);
            foreach (var op in Enum.GetValues<UnaryOp>())
                Agree(Read(Cpu.Unary(op, copy)), Read(Cpu.Unary(op, view)), dtype, 0, $"{op} {dtype}");
        }
    }

    [Fact]
    public void Every_scalar_op_matches_the_reference_at_every_length_0_to_256()
    {
        foreach (var op in Enum.GetValues<ScalarOp>())
        {
            foreach (var dtype in Floats)
            {
                foreach (int n in Lengths)
                {
                    var x = Make(dtype, op == ScalarOp.Pow ? Positive(n, n) : Values(n, n), n);
                    double s = op == ScalarOp.Pow ? 1.5 : -0.3;
                    var expected = dtype == DType.Float32
                        ? Widen(Elementwise.Map(x, Elementwise.ScalarFunction(op, (float)s)))
                        : Elementwise.Map(x, Elementwise.ScalarFunction(op, s));
                    Agree(expected, Read(Cpu.Scalar(op, x, s)), dtype, 0, $"{op} {dtype} n={n}");
                }
            }
        }
    }

    [Fact]
    public void Binary_ops_on_equal_shapes_match_the_reference_bit_for_bit_at_every_length_0_to_256()
    {
        foreach (var op in FastBinaryOps)
        {
            foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32, DType.Int64 })
            {
                if (op == BinaryOp.Div && dtype is DType.Int32 or DType.Int64) continue;
                foreach (int n in Lengths)
                {
                    bool ints = dtype is DType.Int32 or DType.Int64;
                    var a = Make(dtype, Integers(Values(n, n, specials: !ints), ints), n);
                    var b = Make(dtype, Integers(Values(n, 1000 + n, specials: !ints), ints), n);
                    Agree(ReferenceBinary(op, a, b), Read(Cpu.Binary(op, a, b)), DType.Float64, 0,
                        $"{op} {dtype} n={n}");
                }
            }
        }
    }

    [Fact]
    public void Binary_ops_with_a_scalar_a_row_or_a_column_on_either_side_match_the_reference_bit_for_bit()
    {
        // [m, n] against [], [1], [n], [1, n], [m, 1], [1, 1, n] and [2, m, n] against [m, n]: the fast layouts and
        // the general broadcast fallback.
        const int m = 5;
        foreach (var op in FastBinaryOps)
        {
            foreach (var dtype in Floats)
            {
                foreach (int n in new[] { 1, 3, 16, 17, 33, 64, 100 })
                {
                    var full = Make(dtype, Values(m * n, n), m, n);
                    var others = new[]
                    {
                        Make(dtype, Values(1, 1)), Make(dtype, Values(1, 2), 1), Make(dtype, Values(n, 3), n),
                        Make(dtype, Values(n, 4), 1, n), Make(dtype, Values(m, 5), m, 1),
                        Make(dtype, Values(n, 6), 1, 1, n), Make(dtype, Values(2 * m * n, 7), 2, m, n),
                        Cpu.Permute(Make(dtype, Values(m * n, 8), n, m), new[] { 1, 0 }),
                    };
                    foreach (var other in others)
                    {
                        string what = $"{op} {dtype} {full.Shape} and {other.Shape}";
                        var left = Read(Cpu.Binary(op, full, other));
                        Agree(ReferenceBinary(op, full, other), left, DType.Float64, 0, what);
                        var right = Read(Cpu.Binary(op, other, full));
                        Agree(ReferenceBinary(op, other, full), right, DType.Float64, 0, what);
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Max_of_minus_0_and_plus_0_is_plus_0_and_min_is_minus_0_from_either_side(DType dtype)
    {
        // IEEE 754-2019 maximum and minimum, as Math.Max and Math.Min.
        var a = Make(dtype, new[] { -0.0, 0.0 }, 2);
        var b = Make(dtype, new[] { 0.0, -0.0 }, 2);
        Agree(new[] { 0.0, 0.0 }, Read(Cpu.Binary(BinaryOp.Max, a, b)), dtype, 0, "max");
        Agree(new[] { -0.0, -0.0 }, Read(Cpu.Binary(BinaryOp.Min, a, b)), dtype, 0, "min");
    }

    private static readonly BinaryOp[] FastBinaryOps =
        { BinaryOp.Add, BinaryOp.Sub, BinaryOp.Mul, BinaryOp.Div, BinaryOp.Max, BinaryOp.Min };

    private static double[] Integers(double[] v, bool ints) => ints ? v.Select(x => Math.Round(x * 100)).ToArray() : v;

    private static double[] Widen(float[] x) => x.Select(v => (double)v).ToArray();

    private static double[] Widen(int[] x) => x.Select(v => (double)v).ToArray();

    private static double[] Widen(long[] x) => x.Select(v => (double)v).ToArray();

    private static double[] ReferenceUnary(UnaryOp op, RawTensor x) => x.DType == DType.Float32
        ? Widen(Elementwise.Map(x, Elementwise.UnaryFunction<float>(op)))
        : Elementwise.Map(x, Elementwise.UnaryFunction<double>(op));

    private static double[] ReferenceBinary(BinaryOp op, RawTensor a, RawTensor b)
    {
        var shape = ShapeRules.Broadcast("test", a.Shape, b.Shape);
        return a.DType switch
        {
            DType.Float32 => Widen(Elementwise.Zip(a, b, shape, Elementwise.FloatFunction<float>(op))),
            DType.Float64 => Elementwise.Zip(a, b, shape, Elementwise.FloatFunction<double>(op)),
            DType.Int32 => Widen(Elementwise.Zip(a, b, shape, Elementwise.NumberFunction<int>(op))),
            _ => Widen(Elementwise.Zip(a, b, shape, Elementwise.NumberFunction<long>(op))),
        };
    }
}
