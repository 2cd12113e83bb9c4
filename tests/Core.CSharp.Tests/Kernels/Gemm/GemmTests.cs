using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Runtime.Intrinsics.X86;
using Functional.Core.Kernels;
using Functional.Core.Tensors;
using static Functional.Core.Tests.Kernels.TestTensors;

namespace Functional.Core.Tests.Kernels.Gemm;

/// <summary>The fast GEMM against the reference triple loop: every size that reaches a tile edge, block edge or
/// vector tail, views read through strides, batches, each instruction set, and 1 vs 2 threads.</summary>
public class GemmTests
{
    /// <summary>Each instruction set this machine can run (by name: the enum is internal), with both dtypes.</summary>
    public static IEnumerable<object[]> IsasAndDTypes() =>
        from isa in new[] { GemmIsa.Scalar, GemmIsa.Vector256, GemmIsa.Vector512 }
        where isa switch { GemmIsa.Vector512 => Avx512F.IsSupported, GemmIsa.Vector256 => Fma.IsSupported, _ => true }
        from dtype in new[] { DType.Float32, DType.Float64 }
        select new object[] { isa.ToString(), dtype };

    [Theory]
    [MemberData(nameof(IsasAndDTypes))]
    public void Packed_gemm_matches_the_reference_for_every_m_from_0_to_70(string isaName, DType dtype)
    {
        // n = 75 packs A for wide tiles; n = 20 (narrower than a wide tile) reads A in place. Up to 12 rows read
        // B in place.
        var isa = Enum.Parse<GemmIsa>(isaName);
        for (int m = 0; m <= 70; m++)
        {
            Check(Random(dtype, m, 19, seed: m), Random(dtype, 19, 75, seed: 100 + m), Packed(dtype, isa));
            Check(Random(dtype, m, 19, seed: m), Random(dtype, 19, 20, seed: 100 + m), Packed(dtype, isa));
        }
    }

    [Theory]
    [MemberData(nameof(IsasAndDTypes))]
    public void Packed_gemm_matches_the_reference_for_every_n_from_0_to_140(string isaName, DType dtype)
    {
        var isa = Enum.Parse<GemmIsa>(isaName);
        // n crosses the wide and narrow tiles of every instruction set (64/16 floats, 32/8 doubles at 512 bits);
        // 7 rows read B in place, 25 rows pack it.
        for (int n = 0; n <= 140; n++)
        {
            Check(Random(dtype, 7, 13, seed: n), Random(dtype, 13, n, seed: 200 + n), Packed(dtype, isa));
            Check(Random(dtype, 25, 13, seed: n), Random(dtype, 13, n, seed: 200 + n), Packed(dtype, isa));
        }
    }

    [Theory]
    [MemberData(nameof(IsasAndDTypes))]
    public void Packed_gemm_matches_the_reference_for_every_k_from_0_to_70_in_one_pass_or_many(
        string isaName, DType dtype)
    {
        var isa = Enum.Parse<GemmIsa>(isaName);
        for (int k = 0; k <= 70; k++)
        {
            var a = Random(dtype, 13, k, seed: k);
            var b = Random(dtype, k, 21, seed: 300 + k);
            Check(a, b, Packed(dtype, isa));
            Check(a, b, SmallBlocks(dtype, isa));
        }
    }

    [Theory]
    [MemberData(nameof(IsasAndDTypes))]
    public void Gemm_with_blocks_smaller_than_the_matrices_matches_the_reference(string isaName, DType dtype)
    {
        var isa = Enum.Parse<GemmIsa>(isaName);
        // Mc = 12, Kc = 8, Nc = one wide tile: many row tasks, depth passes and column blocks.
        foreach (var (m, k, n) in new[] { (25, 17, 70), (12, 8, 64), (13, 9, 129), (1, 33, 200), (40, 3, 5) })
        {
            Check(Random(dtype, m, k, seed: m), Random(dtype, k, n, seed: n), SmallBlocks(dtype, isa));
            var transposedB = Cpu.Permute(Random(dtype, n, k, seed: n), new[] { 1, 0 });
            Check(Random(dtype, m, k, seed: m), transposedB, SmallBlocks(dtype, isa), "b transposed");
        }
    }

    [Theory]
    [InlineData(DType.Float32, 1)]
    [InlineData(DType.Float32, 2)]
    [InlineData(DType.Float64, 1)]
    [InlineData(DType.Float64, 2)]
    public void Gemm_of_random_sizes_up_to_300_matches_the_reference(DType dtype, int threads)
    {
        var rng = new Random(42);
        for (int trial = 0; trial < 8; trial++)
        {
            int m = rng.Next(1, 301), k = rng.Next(1, 301), n = rng.Next(1, 301);
            var plan = Default(dtype) with { Threads = threads, ParallelWork = 0 };
            Check(Random(dtype, m, k, seed: trial), Random(dtype, k, n, seed: 50 + trial), plan);
        }
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Gemm_of_fewer_rows_than_threads_splits_the_columns_and_matches_the_reference(DType dtype)
    {
        foreach (int threads in new[] { 2, 3 })
        {
            var plan = Default(dtype) with { Threads = threads, ParallelWork = 0, Direct = false };
            for (int m = 1; m <= 7; m++)
                Check(Random(dtype, m, 40, seed: m), Random(dtype, 40, 300, seed: 60 + m), plan, $"{threads} threads");
        }
    }

    [Theory]
    [MemberData(nameof(IsasAndDTypes))]
    public void Gemm_reads_transposed_sliced_and_offset_views_without_a_copy(string isaName, DType dtype)
    {
        // 67 × 71 packs both operands; 5 rows read B in place and 20 columns read A in place.
        var isa = Enum.Parse<GemmIsa>(isaName);
        foreach (var (m, k, n) in new[] { (67, 45, 71), (5, 45, 71), (67, 45, 20) })
        {
            foreach (int threads in new[] { 1, 2 })
            {
                var plan = Packed(dtype, isa) with { Threads = threads, ParallelWork = 0, Mc = 24 };
                foreach (var (aName, a) in Layouts(dtype, m, k, seed: 1))
                {
                    foreach (var (bName, b) in Layouts(dtype, k, n, seed: 2))
                        Check(a, b, plan, $"a {aName}, b {bName}, {threads} threads");
                }
            }
        }
    }

    [Fact]
    public void CpuBackend_matmul_of_a_transpose_made_by_permute_matches_the_reference()
    {
        // The backward pass multiplies by transposes: dA = dC · Bᵀ and dB = Aᵀ · dC.
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var a = Random(dtype, 130, 70, seed: 3);
            var dc = Random(dtype, 130, 90, seed: 4);
            var at = Cpu.Permute(a, new[] { 1, 0 });
            Assert.False(at.IsContiguous);
            Close(Reference(at, dc), Cpu.MatMul(at, dc), Bound(at, dc), 70, 90);
            var b = Random(dtype, 70, 90, seed: 5);
            var bt = Cpu.Permute(b, new[] { 1, 0 });
            Close(Reference(dc, bt), Cpu.MatMul(dc, bt), Bound(dc, bt), 130, 70);
        }
    }

    [Theory]
    [MemberData(nameof(IsasAndDTypes))]
    public void Batched_gemm_multiplies_each_batch_including_expanded_and_permuted_batches(string isaName, DType dtype)
    {
        var isa = Enum.Parse<GemmIsa>(isaName);
        const int batch = 3, m = 20, k = 33, n = 70;
        var plan = Packed(dtype, isa) with { Threads = 2, ParallelWork = 0 };
        var a = Random(dtype, batch, m, k, seed: 6);
        Check(a, Random(dtype, batch, k, n, seed: 7), plan, "plain batches");
        var shared = Cpu.Expand(Random(dtype, 1, k, n, seed: 8), new Shape(batch, k, n));
        Check(a, shared, plan, "b expanded over the batch");
        var batchInMiddle = Cpu.Permute(Random(dtype, m, batch, k, seed: 9), new[] { 1, 0, 2 });
        Check(batchInMiddle, shared, plan, "a with its batch axis in the middle");
        var four = Random(dtype, 2, 2, m, k, seed: 10);
        Check(four, Random(dtype, 2, 2, k, n, seed: 11), plan, "two batch axes");
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Gemm_gives_the_same_bits_with_1_or_2_threads_any_blocks_and_any_instruction_set(DType dtype)
    {
        // Every element is one fused multiply-add chain per Kc pass, whoever computes it.
        var a = Random(dtype, 150, 300, seed: 12);
        var b = Random(dtype, 300, 131, seed: 13);
        var shape = new Shape(150, 131);
        var expected = Bits(dtype, a, b, shape, Default(dtype) with { Threads = 1 });
        var plans = new List<GemmPlan>
        {
            Default(dtype) with { Threads = 2, ParallelWork = 0 },
            Default(dtype) with { Threads = 3, ParallelWork = 0, Mc = 18 },
            Default(dtype) with { Threads = 2, ParallelWork = 0, Nc = GemmPlan.WideNr<float>(GemmPlan.BestIsa) },
        };
        foreach (var row in IsasAndDTypes().Where(r => (DType)r[1] == dtype))
            plans.Add(Packed(dtype, Enum.Parse<GemmIsa>((string)row[0])));
        foreach (var plan in plans)
            Assert.Equal(expected, Bits(dtype, a, b, shape, plan));
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Cpu_matmul_gives_the_same_bits_with_CpuSettings_threads_1_and_2(DType dtype)
    {
        var a = Random(dtype, 257, 190, seed: 14);
        var b = Random(dtype, 190, 300, seed: 15);
        Assert.Equal(OnThreads(1, () => Read(Cpu.MatMul(a, b))), OnThreads(2, () => Read(Cpu.MatMul(a, b))));
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Small_products_take_the_direct_path_and_match_the_reference_for_all_sizes_to_8(DType dtype)
    {
        for (int m = 0; m <= 8; m++)
        {
            for (int k = 0; k <= 8; k++)
            {
                for (int n = 0; n <= 8; n++)
                    Check(Random(dtype, m, k, seed: m), Random(dtype, k, n, seed: n), Default(dtype));
            }
        }
    }

    [Fact]
    public void Matmul_of_5x2_and_2x1_is_the_column_of_row_dot_products() =>
        // oracle: hand computation, rows (1,2) (3,4) (5,6) (7,8) (9,10) · (2, −1) = 0 2 4 6 8.
        Equal(new double[] { 0, 2, 4, 6, 8 },
            Cpu.MatMul(Make(DType.Float32, Enumerable.Range(1, 10).Select(i => (double)i).ToArray(), 5, 2),
                Make(DType.Float32, new double[] { 2, -1 }, 2, 1)), 5, 1);

    [Theory]
    [MemberData(nameof(IsasAndDTypes))]
    public void NaN_and_infinity_reach_only_their_own_rows_and_columns_past_the_zero_padding(
        string isaName, DType dtype)
    {
        var isa = Enum.Parse<GemmIsa>(isaName);
        // m = 7 and n = 70 leave padded edge tiles; 0 · ∞ in the padding must not leak into C.
        var av = Values(7 * 5, 16);
        av[6 * 5 + 2] = double.NaN;
        var bv = Values(5 * 70, 17);
        bv[69] = double.PositiveInfinity;
        var a = Make(dtype, av, 7, 5);
        var b = Make(dtype, bv, 5, 70);
        var expected = Reference(a, b);
        var actual = Read(Dense(dtype, a, b, new Shape(7, 70), Packed(dtype, isa)));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(double.IsNaN(expected[i]), double.IsNaN(actual[i]));
            Assert.Equal(double.IsInfinity(expected[i]), double.IsInfinity(actual[i]));
        }
        Assert.True(double.IsNaN(actual[6 * 70]));
        Assert.False(double.IsNaN(actual[5 * 70]));
    }

    [Fact]
    public void CpuSettings_threads_below_1_throws_and_keeps_the_old_value()
    {
        int before = CpuSettings.Threads;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CpuSettings.Threads = 0);
        Assert.StartsWith("cpuSettings.threads: expected at least 1, received 0", e.Message);
        Assert.Equal("value", e.ParamName);
        Assert.Equal(before, CpuSettings.Threads);
    }

    // ---- helpers ----

    private static GemmPlan Default(DType dtype) =>
        dtype == DType.Float32 ? GemmPlan.Default<float>(1) : GemmPlan.Default<double>(1);

    /// <summary>The default blocks on one thread, forced through packing even for tiny products.</summary>
    private static GemmPlan Packed(DType dtype, GemmIsa isa)
    {
        var plan = Default(dtype) with { Isa = isa, Direct = false };
        int wide = dtype == DType.Float32 ? GemmPlan.WideNr<float>(isa) : GemmPlan.WideNr<double>(isa);
        return plan with { Nc = Math.Max(wide, plan.Nc / wide * wide) };
    }

    private static GemmPlan SmallBlocks(DType dtype, GemmIsa isa)
    {
        int wide = dtype == DType.Float32 ? GemmPlan.WideNr<float>(isa) : GemmPlan.WideNr<double>(isa);
        return Packed(dtype, isa) with { Mc = 12, Kc = 8, Nc = wide };
    }

    private static double[] Values(int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
    }

    private static RawTensor Random(DType dtype, int rows, int cols, int seed) =>
        Make(dtype, Values(rows * cols, seed), rows, cols);

    private static RawTensor Random(DType dtype, int d0, int d1, int d2, int seed) =>
        Make(dtype, Values(d0 * d1 * d2, seed), d0, d1, d2);

    private static RawTensor Random(DType dtype, int d0, int d1, int d2, int d3, int seed) =>
        Make(dtype, Values(d0 * d1 * d2 * d3, seed), d0, d1, d2, d3);

    /// <summary>The same random matrix as a contiguous tensor, a transpose made by Permute, a step-2 slice of a
    /// larger matrix, and a slice at an offset.</summary>
    private static IEnumerable<(string, RawTensor)> Layouts(DType dtype, int rows, int cols, int seed)
    {
        yield return ("contiguous", Random(dtype, rows, cols, seed));
        yield return ("transposed", Cpu.Permute(Random(dtype, cols, rows, seed), new[] { 1, 0 }));
        var big = Random(dtype, 2 * rows + 1, 2 * cols + 3, seed);
        yield return ("step 2", Cpu.Slice(big, new[] { 1, 3 }, new[] { 2 * rows + 1, 2 * cols + 3 }, new[] { 2, 2 }));
        yield return ("offset", Cpu.Slice(big, new[] { 5, 2 }, new[] { 5 + rows, 2 + cols }, new[] { 1, 1 }));
    }

    private static Shape ProductShape(RawTensor a, RawTensor b) =>
        ShapeRules.MatMul("matmul", a.Shape, b.Shape);

    private static RawTensor Dense(DType dtype, RawTensor a, RawTensor b, Shape shape, GemmPlan plan) =>
        dtype == DType.Float32
            ? RawTensor.FromArray(Functional.Core.Kernels.Gemm.MatMul<float>(a, b, shape, plan), shape)
            : RawTensor.FromArray(Functional.Core.Kernels.Gemm.MatMul<double>(a, b, shape, plan), shape);

    private static double[] Reference(RawTensor a, RawTensor b)
    {
        var shape = ProductShape(a, b);
        return Read(a.DType == DType.Float32
            ? RawTensor.FromArray(MatMulReference.MatMul<float>(a, b, shape), shape)
            : RawTensor.FromArray(MatMulReference.MatMul<double>(a, b, shape), shape));
    }

    /// <summary>Per-element error allowance: both sums are within k·ε·Σₚ|aᵢₚ||bₚⱼ| of the exact one.
    /// </summary>
    private static double[] Bound(RawTensor a, RawTensor b)
    {
        var absA = Make(DType.Float64, Read(a).Select(Math.Abs).ToArray(), a.Shape.ToArray());
        var absB = Make(DType.Float64, Read(b).Select(Math.Abs).ToArray(), b.Shape.ToArray());
        int k = a.Shape[-1];
        double eps = a.DType == DType.Float32 ? MathF.BitIncrement(1f) - 1f : Math.BitIncrement(1.0) - 1.0;
        return Reference(absA, absB).Select(s => 2 * (k + 1) * eps * s).ToArray();
    }

    private static void Check(RawTensor a, RawTensor b, GemmPlan plan, string what = "")
    {
        var shape = ProductShape(a, b);
        var actual = Dense(a.DType, a, b, shape, plan);
        Close(Reference(a, b), actual, Bound(a, b), shape.ToArray(), $"{a.Shape} · {b.Shape}, {plan} {what}");
    }

    private static void Close(double[] expected, RawTensor actual, double[] bound, params int[] dims) =>
        Close(expected, actual, bound, dims, "");

    private static void Close(double[] expected, RawTensor actual, double[] bound, int[] dims, string what)
    {
        Assert.Equal(new Shape(dims), actual.Shape);
        var got = Read(actual);
        for (int i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(got[i] - expected[i]) > bound[i])
                Assert.Fail($"{what}: at {i} expected {expected[i]}, actual {got[i]}, allowed error {bound[i]}");
        }
    }

    private static long[] Bits(DType dtype, RawTensor a, RawTensor b, Shape shape, GemmPlan plan) =>
        Read(Dense(dtype, a, b, shape, plan)).Select(BitConverter.DoubleToInt64Bits).ToArray();
}
