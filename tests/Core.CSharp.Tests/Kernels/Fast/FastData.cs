using System;
using System.Linq;
using Functional.Core.Tensors;

namespace Functional.Core.Tests.Kernels.Fast;

/// <summary>Inputs for the fast-vs-reference tests, and the comparison they use.</summary>
internal static class FastData
{
    /// <summary>Every length the vector tails can hit: 0..256.</summary>
    public static readonly int[] Lengths = Enumerable.Range(0, 257).ToArray();

    /// <summary>n values in [−4, 4] with, at fixed positions, the edge cases: NaN, ±∞, ±0, ±1000, ±100.
    /// </summary>
    public static double[] Values(int n, int seed, bool specials = true)
    {
        var rng = new Random(seed);
        var v = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 8 - 4).ToArray();
        if (!specials) return v;
        double[] edge =
        {
            double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1000, -1000, 100, -100,
        };
        for (int i = 3; i < n; i += 7) v[i] = edge[i / 7 % edge.Length];
        return v;
    }

    /// <summary>Positive values in (0, 4] for ops defined there (log, sqrt, pow), edge cases +0 and +∞
    /// included.</summary>
    public static double[] Positive(int n, int seed) =>
        Values(n, seed, specials: false).Select((x, i) => i % 11 == 5 ? 0 : i % 13 == 6 ? double.PositiveInfinity
            : Math.Abs(x) + 1e-3).ToArray();

    /// <summary>Asserts elementwise agreement within <paramref name="ulps"/> units of the dtype's epsilon, relative
    /// to the larger of the expected value and <paramref name="scale"/> (the size of the terms that cancelled into
    /// it), with an absolute floor at the dtype's smallest normal number (so subnormal results need not agree digit
    /// by digit). NaN must meet NaN; with <paramref name="ulps"/> 0 the bits must match, signs of zero
    /// included.</summary>
    public static void Agree(double[] expected, double[] actual, DType dtype, double ulps, string what,
        double scale = 0)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} elements, expected {expected.Length}");
        double eps = dtype == DType.Float32 ? 1.1920928955078125e-7 : 2.220446049250313e-16;
        double floor = dtype == DType.Float32 ? 1.1754943508222875e-38 : 2.2250738585072014e-308;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            bool ok = double.IsNaN(e) ? double.IsNaN(a)
                : ulps == 0 ? BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a)
                : double.IsInfinity(e) ? e == a
                : Math.Abs(a - e) <= ulps * eps * Math.Max(Math.Abs(e), scale) + floor;
            if (!ok) Assert.Fail($"{what}: at {i} expected {e}, actual {a} ({ulps} ulps allowed)");
        }
    }
}
