using System;
using Functional.Core.Kernels;
using Xunit;

namespace Functional.Core.Tests.Kernels;

/// <summary>k-means' assignment kernel against a plain scan over the centres in order.</summary>
public sealed class NearestCentreTests
{
    private static (int[] Labels, double[] Distances) Assign(double[] rows, int d, double[] centres, int k)
    {
        int n = rows.Length / d;
        var transposed = NearestCentre.Layout(centres, k, d, out int stride);
        var norms = new double[stride];
        Array.Fill(norms, double.PositiveInfinity);
        for (int c = 0; c < k; c++)
        {
            norms[c] = 0;
            for (int j = 0; j < d; j++) norms[c] += centres[c * d + j] * centres[c * d + j];
        }
        var labels = new int[n];
        var distances = new double[n];
        NearestCentre.Assign(rows, d, 0, n, centres, k, transposed, stride, norms, labels, distances);
        return (labels, distances);
    }

    /// <summary>The reference: the first centre with the smallest squared distance.</summary>
    private static (int Label, double Distance) Reference(double[] rows, int i, int d, double[] centres, int k)
    {
        int best = 0;
        double bestDistance = double.PositiveInfinity;
        for (int c = 0; c < k; c++)
        {
            double s = 0;
            for (int j = 0; j < d; j++)
            {
                double t = rows[i * d + j] - centres[c * d + j];
                s += t * t;
            }
            if (s < bestDistance)
            {
                bestDistance = s;
                best = c;
            }
        }
        return (best, bestDistance);
    }

    [Theory]
    [InlineData(16, 8)]
    [InlineData(16, 5)] // padded lanes: 5 centres in vectors of 4 (or 8)
    [InlineData(3, 13)] // features not a multiple of the unrolling, centres over several groups
    [InlineData(17, 20)] // an odd width in the four-row blocks, three groups of eight
    [InlineData(1, 1)]
    public void Labels_and_distances_match_a_scan_over_the_centres(int d, int k)
    {
        var rng = new Random(d * 100 + k);
        int n = 503; // blocks of four rows and a tail of three
        var rows = new double[n * d];
        var centres = new double[k * d];
        for (int i = 0; i < rows.Length; i++) rows[i] = rng.NextDouble() * 10;
        for (int i = 0; i < centres.Length; i++) centres[i] = rng.NextDouble() * 10;

        var (labels, distances) = Assign(rows, d, centres, k);

        for (int i = 0; i < n; i++)
        {
            var (label, distance) = Reference(rows, i, d, centres, k);
            Assert.Equal(label, labels[i]);
            Assert.Equal(distance, distances[i], 1e-9);
        }
    }

    [Fact]
    public void A_tie_goes_to_the_lower_centre_whichever_lane_and_group_it_sits_in()
    {
        // Centres 1, 6 and 9 coincide; every row is nearest to them: the label must be 1.
        int d = 2, k = 10;
        var centres = new double[k * d];
        for (int c = 0; c < k; c++) { centres[c * d] = 100 + c; centres[c * d + 1] = 100; }
        foreach (int c in new[] { 1, 6, 9 }) { centres[c * d] = 0.5; centres[c * d + 1] = 0.5; }
        // Seven rows: a block of four and a tail of three.
        var rows = new double[] { 0, 0, 1, 1, 0.5, 0.5, 0, 1, 1, 0, 0.25, 0.75, 0.5, 0.5 };

        var (labels, distances) = Assign(rows, d, centres, k);

        Assert.Equal(new[] { 1, 1, 1, 1, 1, 1, 1 }, labels);
        Assert.Equal(0.5, distances[0], 12);
        Assert.Equal(0.0, distances[2], 12);
        Assert.Equal(0.125, distances[5], 12);
    }
}
