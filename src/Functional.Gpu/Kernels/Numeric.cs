namespace Functional.Gpu.Kernels;

// Kernels are written once over an element type T and a struct of its arithmetic (TOps): ILGPU compiles calls on a
// struct type argument statically, which it does not do for .NET's generic math (static abstract members).

/// <summary>The arithmetic every element type has, as instance methods of a stateless struct.</summary>
/// <typeparam name="T">float, double, int or long.</typeparam>
internal interface INumeric<T> where T : unmanaged
{
    /// <summary>True for int and long.</summary>
    bool IsInteger { get; }

    /// <summary>0.</summary>
    T Zero { get; }

    /// <summary>a + b.</summary>
    T Add(T a, T b);

    /// <summary>a − b.</summary>
    T Sub(T a, T b);

    /// <summary>a · b.</summary>
    T Mul(T a, T b);

    /// <summary>The larger; NaN wins and +0 counts as larger than −0 (IEEE 754-2019 maximum, as Math.Max).</summary>
    T Max(T a, T b);

    /// <summary>The smaller; NaN wins and −0 counts as smaller than +0 (IEEE 754-2019 minimum, as Math.Min).</summary>
    T Min(T a, T b);

    /// <summary>a = b (false when either is NaN).</summary>
    bool Eq(T a, T b);

    /// <summary>a &lt; b (false when either is NaN).</summary>
    bool Lt(T a, T b);

    /// <summary>a ≤ b (false when either is NaN).</summary>
    bool Le(T a, T b);

    /// <summary>True for NaN (never for integers).</summary>
    bool IsNaN(T x);

    /// <summary>True for a finite value (always for integers).</summary>
    bool IsFinite(T x);

    /// <summary>x = 0 (NaN is not zero).</summary>
    bool IsZero(T x);

    /// <summary>x widened to double.</summary>
    double ToDouble(T x);

    /// <summary>x as long: integers widen, floats truncate toward zero and saturate.</summary>
    long ToLong(T x);

    /// <summary>A double as T: floats round to nearest, integers truncate toward zero and saturate (NaN gives 0).</summary>
    T FromDouble(double x);

    /// <summary>A long as T: floats round to nearest, int saturates.</summary>
    T FromLong(long x);
}

/// <summary>The functions of float tensors. Each matches the CPU backend's scalar reference (FloatMath).</summary>
/// <typeparam name="T">float or double.</typeparam>
internal interface IFloat<T> : INumeric<T> where T : unmanaged
{
    /// <summary>1.</summary>
    T One { get; }

    /// <summary>−∞.</summary>
    T NegativeInfinity { get; }

    /// <summary>−x.</summary>
    T Neg(T x);

    /// <summary>a / b.</summary>
    T Div(T a, T b);

    /// <summary>aᵇ.</summary>
    T Pow(T a, T b);

    /// <summary>eˣ.</summary>
    T Exp(T x);

    /// <summary>ln x.</summary>
    T Log(T x);

    /// <summary>√x.</summary>
    T Sqrt(T x);

    /// <summary>|x|.</summary>
    T Abs(T x);

    /// <summary>tanh x.</summary>
    T Tanh(T x);

    /// <summary>sin x.</summary>
    T Sin(T x);

    /// <summary>cos x.</summary>
    T Cos(T x);

    /// <summary>True for ±∞.</summary>
    bool IsInfinity(T x);
}
