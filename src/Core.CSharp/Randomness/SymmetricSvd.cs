using System;

namespace Functional.Core.Randomness;

/// <summary>The singular value decomposition of a small symmetric matrix <c>A = U diag(s) V</c> by cyclic Jacobi
/// rotations (Golub &amp; Van Loan, Matrix Computations §8.5): the eigenvectors Q and eigenvalues λ give s = |λ| and
/// V = sign(λ) Qᵀ. A diagonal matrix takes no rotation, so its decomposition is exact.</summary>
internal static class SymmetricSvd
{
    /// <summary>s (sorted down as LAPACK's dbdsqr sorts: repeatedly move the last-found smallest value to the end)
    /// and V, whose rows are the right singular vectors.</summary>
    public static (double[] S, double[,] V) Decompose(double[,] a, string op)
    {
        int d = a.GetLength(0);
        var m = (double[,])a.Clone();
        for (int i = 0; i < d; i++)
            for (int j = 0; j < i; j++)
                if (!(Math.Abs(m[i, j] - m[j, i]) <= 1e-12 * Math.Max(Math.Abs(m[i, j]), Math.Abs(m[j, i]))))
                    throw new ArgumentException(
                        $"{op}: expected a symmetric covariance, received cov[{i},{j}] = {m[i, j]} and cov[{j},{i}] = {m[j, i]}",
                        nameof(a));
        var q = new double[d, d];
        for (int i = 0; i < d; i++)
            q[i, i] = 1.0;
        for (int sweep = 0; sweep < 100 && OffDiagonal(m) > 0; sweep++)
            for (int p = 0; p < d - 1; p++)
                for (int r = p + 1; r < d; r++)
                    Rotate(m, q, p, r);

        var s = new double[d];
        var v = new double[d, d];
        for (int k = 0; k < d; k++)
        {
            s[k] = Math.Abs(m[k, k]);
            double sign = m[k, k] < 0 ? -1.0 : 1.0;
            for (int j = 0; j < d; j++)
                v[k, j] = sign * q[j, k];
        }
        SortDown(s, v);
        return (s, v);
    }

    private static double OffDiagonal(double[,] m)
    {
        double sum = 0;
        for (int i = 0; i < m.GetLength(0); i++)
            for (int j = 0; j < m.GetLength(0); j++)
                if (i != j)
                    sum += m[i, j] * m[i, j];
        return sum;
    }

    /// <summary>One Jacobi rotation zeroing m[p, r] (Rutishauser's stable formulas).</summary>
    private static void Rotate(double[,] m, double[,] q, int p, int r)
    {
        if (m[p, r] == 0.0)
            return;
        double theta = (m[r, r] - m[p, p]) / (2.0 * m[p, r]);
        double t = Math.Sign(theta == 0 ? 1.0 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1.0));
        double c = 1.0 / Math.Sqrt(t * t + 1.0), sn = t * c;
        int d = m.GetLength(0);
        for (int k = 0; k < d; k++)
        {
            double mkp = m[k, p], mkr = m[k, r];
            m[k, p] = c * mkp - sn * mkr;
            m[k, r] = sn * mkp + c * mkr;
        }
        for (int k = 0; k < d; k++)
        {
            double mpk = m[p, k], mrk = m[r, k];
            m[p, k] = c * mpk - sn * mrk;
            m[r, k] = sn * mpk + c * mrk;
        }
        for (int k = 0; k < d; k++)
        {
            double qkp = q[k, p], qkr = q[k, r];
            q[k, p] = c * qkp - sn * qkr;
            q[k, r] = sn * qkp + c * qkr;
        }
    }

    /// <summary>LAPACK's final sort in dbdsqr: for i = 1..d−1 find the smallest of the first d+1−i values (the last
    /// one on ties) and swap it, with its vector, to position d+1−i.</summary>
    private static void SortDown(double[] s, double[,] v)
    {
        int d = s.Length;
        for (int i = 1; i < d; i++)
        {
            int end = d - i, smallest = 0;
            for (int j = 1; j <= end; j++)
                if (s[j] <= s[smallest])
                    smallest = j;
            if (smallest == end)
                continue;
            (s[smallest], s[end]) = (s[end], s[smallest]);
            for (int k = 0; k < d; k++)
                (v[smallest, k], v[end, k]) = (v[end, k], v[smallest, k]);
        }
    }
}
