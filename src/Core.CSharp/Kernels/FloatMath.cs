using System;
using System.Numerics;

namespace Functional.Core.Kernels;

/// <summary>Scalar float functions that need care for large |x| or NaN, written once for float and double.</summary>
internal static class FloatMath
{
    /// <summary>ln(1 + x), accurate for tiny x: Goldberg's trick, log(u)·x/(u − 1) with u = 1 + x
    /// (Goldberg 1991, "What every computer scientist should know about floating-point arithmetic", Thm. 4).</summary>
    public static T Log1P<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T u = T.One + x;
        if (u == T.One) return x;
        if (T.IsPositiveInfinity(u)) return u;
        return T.Log(u) * x / (u - T.One);
    }

    /// <summary>1 / (1 + e⁻ˣ) without overflow: for x &lt; 0 use eˣ / (1 + eˣ), so e never exceeds 1.</summary>
    public static T Sigmoid<T>(T x) where T : IFloatingPointIeee754<T>
    {
        if (x >= T.Zero) return T.One / (T.One + T.Exp(-x));
        T e = T.Exp(x);
        return e / (T.One + e); // NaN lands here and stays NaN.
    }

    /// <summary>ln(1 + eˣ) = max(x, 0) + ln(1 + e^−|x|), which never overflows.</summary>
    public static T Softplus<T>(T x) where T : IFloatingPointIeee754<T>
    {
        if (T.IsNaN(x)) return x;
        return T.Max(x, T.Zero) + Log1P(T.Exp(-T.Abs(x)));
    }

    /// <summary>−1, 0 or 1; ±0 and NaN are returned unchanged.</summary>
    public static T Sign<T>(T x) where T : IFloatingPointIeee754<T> =>
        x > T.Zero ? T.One : x < T.Zero ? -T.One : x;

    /// <summary>max(x, 0); NaN stays NaN.</summary>
    public static T Relu<T>(T x) where T : IFloatingPointIeee754<T> =>
        T.IsNaN(x) || x > T.Zero ? x : T.Zero;

    /// <summary>x ≥ 0 ? x : slope·x; NaN stays NaN.</summary>
    public static T LeakyRelu<T>(T x, T slope) where T : IFloatingPointIeee754<T> =>
        T.IsNaN(x) || x >= T.Zero ? x : slope * x;

    /// <summary>The larger of a and b; NaN wins (either operand) and +0 counts as larger than −0: IEEE 754-2019
    /// maximum, as <see cref="Math.Max(double, double)"/> and TensorPrimitives.Max, so the fast kernels
    /// agree.</summary>
    public static T MaxNaN<T>(T a, T b) where T : INumber<T> =>
        T.IsNaN(a) ? a : T.IsNaN(b) ? b : T.Max(a, b);

    /// <summary>The smaller of a and b; NaN wins (either operand) and −0 counts as smaller than +0: IEEE 754-2019
    /// minimum, as <see cref="Math.Min(double, double)"/> and TensorPrimitives.Min.</summary>
    public static T MinNaN<T>(T a, T b) where T : INumber<T> =>
        T.IsNaN(a) ? a : T.IsNaN(b) ? b : T.Min(a, b);
}
