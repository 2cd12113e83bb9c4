using System;
using System.Linq;
using Functional.Core.Tensors;
using static Functional.Core.Tests.Kernels.TestTensors;

namespace Functional.Core.Tests.Kernels;

public class ReductionTests
{
    private static readonly double[] X = { 1, 5, 3, 4, 2, 6 }; // 2x3

    // oracle: hand computation over x = [1 5 3; 4 2 6].
    public static TheoryData<DType, ReduceOp, int, double[]> Examples()
    {
        var data = new TheoryData<DType, ReduceOp, int, double[]>();
        foreach (var dtype in new[] { DType.Float32, DType.Float64, DType.Int32, DType.Int64 })
        {
            data.Add(dtype, ReduceOp.Sum, 0, new double[] { 5, 7, 9 });
            data.Add(dtype, ReduceOp.Sum, 1, new double[] { 9, 12 });
            data.Add(dtype, ReduceOp.Max, 0, new double[] { 4, 5, 6 });
            data.Add(dtype, ReduceOp.Max, -1, new double[] { 5, 6 });
            data.Add(dtype, ReduceOp.Min, 0, new double[] { 1, 2, 3 });
            data.Add(dtype, ReduceOp.Min, 1, new double[] { 1, 2 });
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_reduction_matches_hand_values_with_and_without_keepDim(
        DType dtype, ReduceOp op, int axis, double[] expected)
    {
        var x = Make(dtype, X, 2, 3);
        int kept = axis == 0 ? 1 : 2;
        Equal(expected, Cpu.Reduce(op, x, axis, keepDim: false), expected.Length);
        Equal(expected, Cpu.Reduce(op, x, axis, keepDim: true), axis == 0 ? new[] { 1, 3 } : new[] { kept, 1 });
    }

    [Fact]
    public void Sum_over_the_middle_axis_of_a_2x3x2_keeps_the_outer_and_inner_order()
    {
        var x = Make(DType.Float64, new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, 2, 3, 2);
        Equal(new double[] { 9, 12, 27, 30 }, Cpu.Reduce(ReduceOp.Sum, x, 1, keepDim: false), 2, 2);
    }

    [Fact]
    public void Sum_of_a_vector_to_a_scalar()
    {
        var y = Cpu.Reduce(ReduceOp.Sum, Make(DType.Float32, new double[] { 1, 2, 3 }, 3), 0, keepDim: false);
        Equal(new double[] { 6 }, y);
    }

    [Fact]
    public void Reductions_read_views_like_contiguous_copies()
    {
        foreach (var op in new[] { ReduceOp.Sum, ReduceOp.Max, ReduceOp.Min })
            foreach (int axis in new[] { 0, 1 })
            {
                var expected = Read(Cpu.Reduce(op, Make(DType.Float64, X, 2, 3), axis, false));
                foreach (var (_, view) in Views(DType.Float64, X, 2, 3))
                    Equal(expected, Cpu.Reduce(op, view, axis, false), expected.Length);
            }
    }

    [Fact]
    public void Sum_of_an_expanded_view_counts_each_repeat()
    {
        var x = Cpu.Expand(Make(DType.Int32, new double[] { 1, 2 }, 2, 1), new Shape(2, 4));
        Equal(new double[] { 4, 8 }, Cpu.Reduce(ReduceOp.Sum, x, 1, false), 2);
    }

    [Theory]
    [InlineData(ReduceOp.Sum)]
    [InlineData(ReduceOp.Max)]
    [InlineData(ReduceOp.Min)]
    public void A_NaN_makes_its_reduction_NaN(ReduceOp op)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var x = Make(dtype, new[] { 1, double.NaN, 3, 4, 5, 6 }, 2, 3);
            double secondRow = op == ReduceOp.Sum ? 15 : op == ReduceOp.Max ? 6 : 4;
            Close(new[] { double.NaN, secondRow }, Cpu.Reduce(op, x, 1, false), 0, 2);
        }
    }

    [Fact]
    public void Sum_of_an_empty_axis_is_0()
    {
        Equal(new double[] { 0, 0 }, Cpu.Reduce(ReduceOp.Sum, Make(DType.Float32, new double[0], 2, 0), 1, false), 2);
    }

    [Theory]
    [InlineData(ReduceOp.Max, "max")]
    [InlineData(ReduceOp.Min, "min")]
    public void Max_and_min_of_an_empty_axis_throw_naming_the_axis_and_shape(ReduceOp op, string name)
    {
        var empty = Make(DType.Float64, new double[0], 2, 0);
        var e = Assert.Throws<ShapeMismatchException>(() => Cpu.Reduce(op, empty, 1, false));
        Assert.Equal($"{name}: expected a non-empty axis, received axis 1 of shape 2x0", e.Message);
    }

    [Fact]
    public void Reduce_over_axis_2_of_a_matrix_throws_naming_the_axis_and_rank()
    {
        var x = Make(DType.Float64, X, 2, 3);
        var e = Assert.Throws<ShapeMismatchException>(() => Cpu.Reduce(ReduceOp.Sum, x, 2, false));
        Assert.Equal("sum: expected an axis in [-2, 1], received axis 2 for rank 2", e.Message);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int32)]
    [InlineData(DType.Int64)]
    public void ArgMax_and_argMin_return_int64_first_indices_on_ties(DType dtype)
    {
        var x = Make(dtype, new double[] { 3, 1, 3, 1, 2, 2, 0, 2 }, 2, 4);
        var max = Cpu.ArgReduce(ArgReduceOp.ArgMax, x, 1, keepDim: false);
        Assert.Equal(DType.Int64, max.DType);
        Equal(new double[] { 0, 0 }, max, 2);
        Equal(new double[] { 1, 2 }, Cpu.ArgReduce(ArgReduceOp.ArgMin, x, 1, keepDim: false), 2);
        Equal(new double[] { 1, 0, 1, 0 }, Cpu.ArgReduce(ArgReduceOp.ArgMin, x, 0, keepDim: true), 1, 4);
    }

    [Fact]
    public void ArgMax_and_argMin_count_the_first_NaN_as_the_extreme()
    {
        var x = Make(DType.Float32, new[] { 1, double.NaN, 9, double.NaN }, 1, 4);
        Equal(new double[] { 1 }, Cpu.ArgReduce(ArgReduceOp.ArgMax, x, 1, false), 1);
        Equal(new double[] { 1 }, Cpu.ArgReduce(ArgReduceOp.ArgMin, x, 1, false), 1);
    }

    [Fact]
    public void ArgMax_reads_views_like_contiguous_copies()
    {
        foreach (var (_, view) in Views(DType.Float64, X, 2, 3))
            Equal(new double[] { 1, 0, 1 }, Cpu.ArgReduce(ArgReduceOp.ArgMax, view, 0, false), 3);
    }

    [Fact]
    public void ArgMax_of_an_empty_axis_throws()
    {
        var empty = Make(DType.Float64, new double[0], 0, 2);
        var e = Assert.Throws<ShapeMismatchException>(() => Cpu.ArgReduce(ArgReduceOp.ArgMax, empty, 0, false));
        Assert.Equal("argMax: expected a non-empty axis, received axis 0 of shape 0x2", e.Message);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void SumTo_sums_leading_axes_and_axes_that_were_1(DType dtype)
    {
        var x = Make(dtype, new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, 2, 2, 3);
        // oracle: hand computation; 1x3 sums axes 0 and 1, 2x1 sums axes 0 and 2.
        Equal(new double[] { 22, 26, 30 }, Cpu.SumTo(x, new Shape(1, 3)), 1, 3);
        Equal(new double[] { 22, 26, 30 }, Cpu.SumTo(x, new Shape(3)), 3);
        Equal(new double[] { 6 + 24, 15 + 33 }, Cpu.SumTo(x, new Shape(2, 1)), 2, 1);
        Equal(new double[] { 78 }, Cpu.SumTo(x, Shape.Scalar));
        Equal(Read(x), Cpu.SumTo(x, new Shape(2, 2, 3)), 2, 2, 3);
    }

    [Fact]
    public void SumTo_of_a_scalar_to_a_scalar_is_the_scalar()
    {
        var x = Cpu.Full(Shape.Scalar, DType.Float64, 2.5);
        Equal(new double[] { 2.5 }, Cpu.SumTo(x, Shape.Scalar));
    }

    [Fact]
    public void SumTo_a_bias_shape_sums_batch_and_spatial_axes_per_channel()
    {
        // [N=2, C=3, H=2, W=2] down to [1, 3, 1, 1], as a convolution's bias gradient
        var values = new double[24];
        for (int i = 0; i < values.Length; i++) values[i] = i;
        var x = Make(DType.Float64, values, 2, 3, 2, 2);
        var expected = new double[3];
        for (int i = 0; i < values.Length; i++) expected[(i / 4) % 3] += values[i]; // oracle: the definition, by loop
        Equal(expected, Cpu.SumTo(x, new Shape(1, 3, 1, 1)), 1, 3, 1, 1);
    }

    [Fact]
    public void SumTo_adds_in_row_major_order_bit_for_bit_whichever_trailing_axes_merge()
    {
        // float32 random values: any change of the order of additions changes low bits. These targets keep a middle
        // axis, so they take the general kernel (shapes keeping only leading or trailing axes have vector paths).
        var rng = new Random(7);
        var values = new double[3 * 4 * 5 * 6];
        for (int i = 0; i < values.Length; i++) values[i] = rng.NextDouble() * 2 - 1;
        var x = Make(DType.Float32, values, 3, 4, 5, 6);
        foreach (var target in new[] { new Shape(1, 4, 1, 1), new Shape(4, 1, 1), new Shape(1, 1, 5, 1), new Shape(3, 1, 5, 1) })
        {
            var dims = Enumerable.Repeat(1, 4 - target.Rank).Concat(target.Dims.ToArray()).ToArray();
            var expected = new float[target.NumElements];
            for (int i = 0; i < values.Length; i++)
            {
                int[] at = { i / 120, i / 30 % 4, i / 6 % 5, i % 6 };
                int t = 0;
                for (int a = 0; a < 4; a++) t = t * dims[a] + (dims[a] == 1 ? 0 : at[a]);
                expected[t] += (float)values[i]; // oracle: the definition, in row-major order
            }
            var actual = Cpu.SumTo(x, target).ToArray<float>();
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void SumTo_undoes_an_expand_by_counting_repeats()
    {
        var x = Cpu.Expand(Make(DType.Int64, new double[] { 1, 2, 3 }, 3), new Shape(4, 3));
        Equal(new double[] { 4, 8, 12 }, Cpu.SumTo(x, new Shape(3)), 3);
    }

    [Fact]
    public void SumTo_reads_views_like_contiguous_copies()
    {
        foreach (var (_, view) in Views(DType.Float32, X, 2, 3))
            Equal(new double[] { 9, 12 }, Cpu.SumTo(view, new Shape(2, 1)), 2, 1);
    }

    [Fact]
    public void SumTo_a_shape_that_does_not_broadcast_throws_naming_both_shapes()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => Cpu.SumTo(Make(DType.Float32, X, 2, 3), new Shape(2)));
        Assert.Equal("sumTo: expected a shape that broadcasts to 2x3, received 2", e.Message);
    }
}
