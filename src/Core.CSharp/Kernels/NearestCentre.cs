using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Functional.Core.Kernels;

/// <summary>k-means' assignment step for few, narrow centres: each row's nearest centre and its squared distance.
/// Centres are laid out feature-major ([d, k], padded to whole vectors), so one pass over a row's features updates
/// the dot products with a whole vector of centres at once, instead of one short dot product per centre.</summary>
public static class NearestCentre
{
    /// <summary>Transposes centres [k, d] (row-major) into the feature-major, lane-padded layout
    /// <see cref="Assign"/> reads: entry [j, c] at j·stride + c, stride = k rounded up to whole vectors.</summary>
    public static double[] Layout(ReadOnlySpan<double> centres, int k, int d, out int stride)
    {
        int lanes = Vector<double>.Count;
        stride = (k + lanes - 1) / lanes * lanes;
        var t = new double[d * stride];
        for (int c = 0; c < k; c++)
            for (int j = 0; j < d; j++)
                t[j * stride + c] = centres[c * d + j];
        return t;
    }

    /// <summary>For rows [first, first + count) of <paramref name="rows"/> ([n, d] row-major): the centre c minimising
    /// ‖c‖² − 2 x·c (the first on ties), and the squared distance ‖x − c‖² to it computed directly (so it is exact,
    /// not the ranking key). <paramref name="centres"/> are [k, d] row-major; <paramref name="transposed"/> comes from
    /// <see cref="Layout"/>; <paramref name="norms"/> holds ‖c‖² for each centre, padded to the stride with +∞.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Assign(ReadOnlySpan<double> rows, int d, int first, int count, ReadOnlySpan<double> centres,
        int k, ReadOnlySpan<double> transposed, int stride, ReadOnlySpan<double> norms, Span<int> labels,
        Span<double> distances)
    {
        int lanes = Vector<double>.Count, groups = stride / lanes;
        if (rows.Length < (first + count) * d || transposed.Length < d * stride || norms.Length < stride
            || centres.Length < k * d || labels.Length < first + count || distances.Length < first + count)
            throw new ArgumentException("nearestCentre.assign: expected spans covering the rows, centres and outputs");
        ref double t0 = ref MemoryMarshal.GetReference(transposed);
        ref double n0 = ref MemoryMarshal.GetReference(norms);
        var two = new Vector<double>(2.0);
        for (int i = first; i < first + count; i++)
        {
            ref double x0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(rows), i * d);
            int best = 0;
            double bestKey = double.PositiveInfinity;
            // One group of centres at a time keeps its dot products in one register across the row's features.
            for (int g = 0; g < groups; g++)
            {
                // Four independent sums: one chain would wait on the adder's latency at every feature.
                Vector<double> a0 = Vector<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
                ref double column = ref Unsafe.Add(ref t0, g * lanes);
                int j = 0;
                for (; j + 4 <= d; j += 4)
                {
                    a0 += new Vector<double>(Unsafe.Add(ref x0, j)) * Vector.LoadUnsafe(ref column, (nuint)(j * stride));
                    a1 += new Vector<double>(Unsafe.Add(ref x0, j + 1))
                        * Vector.LoadUnsafe(ref column, (nuint)((j + 1) * stride));
                    a2 += new Vector<double>(Unsafe.Add(ref x0, j + 2))
                        * Vector.LoadUnsafe(ref column, (nuint)((j + 2) * stride));
                    a3 += new Vector<double>(Unsafe.Add(ref x0, j + 3))
                        * Vector.LoadUnsafe(ref column, (nuint)((j + 3) * stride));
                }
                for (; j < d; j++)
                    a0 += new Vector<double>(Unsafe.Add(ref x0, j)) * Vector.LoadUnsafe(ref column, (nuint)(j * stride));
                var acc = (a0 + a1) + (a2 + a3);
                var keys = Vector.LoadUnsafe(ref n0, (nuint)(g * lanes)) - two * acc;
                // Branch-free running minimum (the JIT emits conditional moves): the winner is unpredictable on
                // real data, and a mispredicted branch per lane costs more than the arithmetic. Padded lanes carry
                // an infinite norm, so they never win; ties keep the earlier centre.
                for (int l = 0; l < lanes; l++)
                {
                    double key = keys.GetElement(l);
                    bool better = key < bestKey;
                    bestKey = better ? key : bestKey;
                    best = better ? g * lanes + l : best;
                }
            }
            labels[i] = best;
            ref double c0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(centres), best * d);
            distances[i] = SquaredDistance(ref x0, ref c0, d);
        }
    }

    /// <summary>‖x − c‖² over d features, in vector lanes with two independent sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SquaredDistance(ref double x, ref double c, int d)
    {
        int lanes = Vector<double>.Count, j = 0;
        Vector<double> s0 = Vector<double>.Zero, s1 = s0;
        for (; j + 2 * lanes <= d; j += 2 * lanes)
        {
            var t0 = Vector.LoadUnsafe(ref x, (nuint)j) - Vector.LoadUnsafe(ref c, (nuint)j);
            var t1 = Vector.LoadUnsafe(ref x, (nuint)(j + lanes)) - Vector.LoadUnsafe(ref c, (nuint)(j + lanes));
            s0 += t0 * t0;
            s1 += t1 * t1;
        }
        double s = Vector.Sum(s0 + s1);
        for (; j < d; j++)
        {
            double t = Unsafe.Add(ref x, j) - Unsafe.Add(ref c, j);
            s += t * t;
        }
        return s;
    }

    /// <summary>k-means' update step, partial: adds rows [first, first + count) of <paramref name="rows"/> ([n, d]
    /// row-major) into <paramref name="sums"/> ([k, d]) at their <paramref name="labels"/> and counts them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate(ReadOnlySpan<double> rows, int d, int first, int count, ReadOnlySpan<int> labels,
        Span<double> sums, Span<int> counts)
    {
        if (rows.Length < (first + count) * d || labels.Length < first + count)
            throw new ArgumentException("nearestCentre.accumulate: expected spans covering the rows and labels");
        int lanes = Vector<double>.Count;
        for (int i = first; i < first + count; i++)
        {
            int c = labels[i];
            counts[c]++;
            var row = rows.Slice(i * d, d);
            var sum = sums.Slice(c * d, d);
            int j = 0;
            for (; j + lanes <= d; j += lanes)
                (new Vector<double>(sum.Slice(j)) + new Vector<double>(row.Slice(j))).CopyTo(sum.Slice(j));
            for (; j < d; j++)
                sum[j] += row[j];
        }
    }
}
