using System;

namespace Functional.Core.Randomness;

/// <summary>NumPy's legacy generator, <c>numpy.random.RandomState</c> (what <c>np.random.seed</c> and the
/// <c>np.random.*</c> functions use), draw for draw: the same seed gives the same numbers as NumPy, so data sets
/// published as "generated with seed s" can be regenerated instead of downloaded.</summary>
/// <example><c>var rng = new NumPyRandomState(20190220); double[,] x = rng.MultivariateNormal([10, 11], cov, 20);</c></example>
public sealed class NumPyRandomState
{
    private readonly Mt19937 _bits;
    private double _gauss;
    private bool _hasGauss;

    /// <summary>As <c>numpy.random.RandomState(seed)</c> (or <c>np.random.seed(seed)</c>) with an integer seed.</summary>
    public NumPyRandomState(uint seed) => _bits = new Mt19937(seed);

    /// <summary>As <c>numpy.random.RandomState(key)</c> with an array of 32-bit integers.</summary>
    /// <exception cref="ArgumentException">The key is empty.</exception>
    public NumPyRandomState(ReadOnlySpan<uint> key) => _bits = new Mt19937(key);

    /// <summary>The next raw 32-bit output of the Mersenne Twister.</summary>
    public uint NextUInt32() => _bits.NextUInt32();

    /// <summary><c>random_sample()</c>: a double uniform in [0, 1).</summary>
    public double RandomSample() => _bits.NextDouble();

    /// <summary><c>random_sample(n)</c>.</summary>
    public double[] RandomSample(int n) => Fill(n, RandomSample);

    /// <summary><c>uniform(low, high)</c>: <c>low + (high − low) · random_sample()</c>.</summary>
    public double Uniform(double low, double high) => low + (high - low) * RandomSample();

    /// <summary><c>standard_normal()</c>: the polar Box–Muller method (Marsaglia), which makes two values per
    /// accepted pair and keeps the second for the next call, as NumPy's <c>legacy_gauss</c>.</summary>
    public double StandardNormal()
    {
        if (_hasGauss)
        {
            _hasGauss = false;
            return _gauss;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * RandomSample() - 1.0;
            x2 = 2.0 * RandomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        }
        while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    /// <summary><c>standard_normal(n)</c>.</summary>
    public double[] StandardNormal(int n) => Fill(n, StandardNormal);

    /// <summary><c>normal(loc, scale)</c>: <c>loc + scale · standard_normal()</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">scale is negative or NaN.</exception>
    public double Normal(double loc, double scale)
    {
        if (!(scale >= 0))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "NumPyRandomState.Normal: expected scale ≥ 0");
        return loc + scale * StandardNormal();
    }

    /// <summary><c>multivariate_normal(mean, cov, n)</c>: n rows of <c>z · (√s ⊙ V)</c> + mean, where z is
    /// standard_normal((n, d)) and <c>cov = U diag(s) V</c> is its singular value decomposition, as NumPy computes it.
    /// NumPy's SVD is LAPACK's; here the SVD of the symmetric <paramref name="cov"/> comes from Jacobi rotations with
    /// the singular values sorted down as LAPACK sorts them. For a diagonal covariance both are exact, so the draws are
    /// NumPy's bit for bit; otherwise they follow the same distribution and can differ from NumPy's in rounding, or in
    /// the sign LAPACK happens to give a singular vector.</summary>
    /// <exception cref="ArgumentException">mean and cov do not have matching sizes, cov is not symmetric, or
    /// n is negative.</exception>
    public double[,] MultivariateNormal(double[] mean, double[,] cov, int n)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(cov);
        int d = mean.Length;
        if (cov.GetLength(0) != d || cov.GetLength(1) != d)
            throw new ArgumentException(
                $"NumPyRandomState.MultivariateNormal: expected cov {d}x{d} for a mean of length {d}, received "
                + $"{cov.GetLength(0)}x{cov.GetLength(1)}", nameof(cov));
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var (s, v) = SymmetricSvd.Decompose(cov, "NumPyRandomState.MultivariateNormal");
        var z = StandardNormal(n * d);
        var x = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
            {
                // np.dot sums over k in order; each term is z[i, k] · √s[k] · V[k, j].
                double sum = 0.0;
                for (int k = 0; k < d; k++)
                    sum += z[i * d + k] * (Math.Sqrt(s[k]) * v[k, j]);
                x[i, j] = sum + mean[j];
            }
        return x;
    }

    /// <summary><c>permutation(n)</c>: 0..n−1 in the order <see cref="Shuffle{T}"/> leaves them.</summary>
    public int[] Permutation(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var values = new int[n];
        for (int i = 0; i < n; i++)
            values[i] = i;
        Shuffle<int>(values);
        return values;
    }

    /// <summary><c>shuffle(x)</c> in place: Fisher–Yates from the last element down, each position swapped with
    /// <c>random_interval(i)</c>.</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = (int)RandomInterval((ulong)i);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>NumPy's <c>random_interval(max)</c>: uniform in 0..max by masking outputs to the smallest covering
    /// power of two and rejecting those above max (32-bit outputs while max fits in 32 bits).</summary>
    public ulong RandomInterval(ulong max)
    {
        if (max == 0)
            return 0;
        ulong mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;
        ulong value;
        if (max <= uint.MaxValue)
            while ((value = NextUInt32() & mask) > max) { }
        else
            // next_uint64 of MT19937: the first output is the high word.
            while ((value = (((ulong)NextUInt32() << 32) | NextUInt32()) & mask) > max) { }
        return value;
    }

    private static double[] Fill(int n, Func<double> draw)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var values = new double[n];
        for (int i = 0; i < n; i++)
            values[i] = draw();
        return values;
    }
}
