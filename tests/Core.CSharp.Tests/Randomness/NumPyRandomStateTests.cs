using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Functional.Core.Randomness;

namespace Functional.Core.Tests.Randomness;

public class NumPyRandomStateTests
{
    [Fact]
    public void Mt19937_seeded_5489_starts_as_the_reference_implementation()
    {
        var mt = new Mt19937(5489);

        // oracle: Matsumoto & Nishimura's mt19937ar.c, init_genrand(5489): the first output is 3499211612; the 10000th
        // is 4123659995 (the C++ standard's check value for std::mt19937).
        Assert.Equal(3499211612u, mt.NextUInt32());
        uint last = 0;
        for (int i = 1; i < 10000; i++)
            last = mt.NextUInt32();
        Assert.Equal(4123659995u, last);
    }

    [Fact]
    public void Mt19937_seeded_by_array_starts_as_mt19937ar_out()
    {
        var mt = new Mt19937([0x123u, 0x234u, 0x345u, 0x456u]);

        // oracle: mt19937ar.out, "1000 outputs of genrand_int32()" after init_by_array({0x123, 0x234, 0x345, 0x456}).
        Assert.Equal([1067595299u, 955945823u, 477289528u, 4107218783u, 4228976476u],
            Enumerable.Range(0, 5).Select(_ => mt.NextUInt32()));
    }

    [Fact]
    public void Random_sample_after_seed_0_is_numpys()
    {
        var rng = new NumPyRandomState(0);

        // oracle: np.random.seed(0); np.random.random_sample(3) (NumPy 1.x, any version since 1.0).
        Assert.Equal([0.5488135039273248, 0.7151893663724195, 0.6027633760716439], rng.RandomSample(3));
    }

    [Fact]
    public void Standard_normal_after_seed_0_is_numpys_including_the_cached_second_value()
    {
        var rng = new NumPyRandomState(0);

        // oracle: np.random.seed(0); np.random.standard_normal(3).
        Assert.Equal([1.764052345967664, 0.4001572083672233, 0.9787379841057392], rng.StandardNormal(3));
    }

    [Fact]
    public void Permutation_after_seed_0_is_numpys()
    {
        var rng = new NumPyRandomState(0);

        // oracle: np.random.seed(0); np.random.permutation(10).
        Assert.Equal([2, 8, 4, 9, 1, 6, 7, 3, 0, 5], rng.Permutation(10));
    }

    [Fact]
    public void Random_interval_stays_in_range_and_reaches_both_ends()
    {
        var rng = new NumPyRandomState(7);
        var seen = Enumerable.Range(0, 2000).Select(_ => rng.RandomInterval(5)).ToArray();

        Assert.All(seen, v => Assert.InRange(v, 0ul, 5ul));
        Assert.Equal(6, seen.Distinct().Count());
        Assert.Equal(0ul, rng.RandomInterval(0));
        Assert.InRange(rng.RandomInterval(ulong.MaxValue / 3), 0ul, ulong.MaxValue / 3);
    }

    [Fact]
    public void A_diagonal_covariance_is_scaled_noise_plus_the_mean()
    {
        var a = new NumPyRandomState(3);
        var b = new NumPyRandomState(3);

        var x = a.MultivariateNormal([1.0, -2.0], new[,] { { 4.0, 0.0 }, { 0.0, 9.0 } }, 5);
        var z = b.StandardNormal(10);

        // diag(4, 9) sorts down to s = [9, 4] with V the swap, as LAPACK's SVD gives: column 0 takes z[·, 1] · 2.
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(z[2 * i + 1] * 2.0 + 1.0, x[i, 0]);
            Assert.Equal(z[2 * i] * 3.0 - 2.0, x[i, 1]);
        }
    }

    [Fact]
    public void A_full_covariance_gives_draws_with_that_covariance()
    {
        var rng = new NumPyRandomState(11);
        var cov = new[,] { { 2.0, 0.8, 0.3 }, { 0.8, 1.0, -0.4 }, { 0.3, -0.4, 1.5 } };
        const int n = 200_000;

        var x = rng.MultivariateNormal([0.0, 0.0, 0.0], cov, n);

        // The sample covariance's standard error is about √(2/n)·σ² ≈ 0.006 here.
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double c = 0;
                for (int r = 0; r < n; r++)
                    c += x[r, i] * x[r, j];
                Assert.True(Math.Abs(c / n - cov[i, j]) < 0.03, $"cov[{i},{j}] = {c / n}, expected {cov[i, j]}");
            }
    }

    [Fact]
    public void Bad_arguments_name_the_method_and_what_was_expected()
    {
        var rng = new NumPyRandomState(0);

        var size = Assert.Throws<ArgumentException>(() => rng.MultivariateNormal([0.0, 0.0], new double[3, 3], 1));
        var asymmetric = Assert.Throws<ArgumentException>(() =>
            rng.MultivariateNormal([0.0, 0.0], new[,] { { 1.0, 0.5 }, { 0.2, 1.0 } }, 1));

        Assert.StartsWith("NumPyRandomState.MultivariateNormal: expected cov 2x2 for a mean of length 2, received 3x3", size.Message);
        Assert.StartsWith("NumPyRandomState.MultivariateNormal: expected a symmetric covariance", asymmetric.Message);
        Assert.Throws<ArgumentException>(() => new Mt19937(ReadOnlySpan<uint>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.Normal(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.Permutation(-1));
    }

    [SkippableFact]
    public void The_lecture_001_recipe_regenerates_the_notebooks_35_points_to_the_last_digit()
    {
        // oracle: enakai00-colab_tfbook/logreg_train_35.csv, written by NumPy 1.24.2 with 17 significant digits
        // (its SOURCE.md gives the recipe and the permutation).
        var lines = File.ReadAllLines(Support.SharedData.Require("enakai00-colab_tfbook/logreg_train_35.csv"))
            .Skip(1).Where(l => l.Length > 0).ToArray();
        var rng = new NumPyRandomState(20190220);

        var class0 = rng.MultivariateNormal([10.0, 11.0], new[,] { { 20.0, 0 }, { 0, 20.0 } }, 20);
        var class1 = rng.MultivariateNormal([18.0, 20.0], new[,] { { 22.0, 0 }, { 0, 22.0 } }, 15);
        var order = rng.Permutation(35);

        Assert.Equal([4, 12, 2, 28, 1, 15, 16, 21, 30, 22, 14, 11, 9, 20, 10, 33, 6, 17, 27, 29, 32, 3, 5, 18, 31, 24,
            13, 23, 26, 8, 7, 25, 34, 0, 19], order);
        Assert.Equal(35, lines.Length);
        for (int k = 0; k < 35; k++)
        {
            int r = order[k];
            var c = lines[k].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(c[0], r < 20 ? class0[r, 0] : class1[r - 20, 0]);
            Assert.Equal(c[1], r < 20 ? class0[r, 1] : class1[r - 20, 1]);
            Assert.Equal(c[2], r < 20 ? 0.0 : 1.0);
        }
    }
}
