using ILGPU;
using ILGPU.Algorithms;

namespace Functional.Gpu.Kernels;

// The element types float and double for the kernels (see INumeric).

/// <summary>float arithmetic; transcendental functions through ILGPU.Algorithms' XMath (System.MathF on the CPU
/// accelerator, XMath's own implementations in PTX).</summary>
internal readonly struct Float32Ops : IFloat<float>
{
    /// <inheritdoc />
    public bool IsInteger => false;

    /// <inheritdoc />
    public float Zero => 0f;

    /// <inheritdoc />
    public float One => 1f;

    /// <inheritdoc />
    public float NegativeInfinity => float.NegativeInfinity;

    /// <inheritdoc />
    public float Add(float a, float b) => a + b;

    /// <inheritdoc />
    public float Sub(float a, float b) => a - b;

    /// <inheritdoc />
    public float Mul(float a, float b) => a * b;

    /// <inheritdoc />
    public float Div(float a, float b) => a / b;

    /// <inheritdoc />
    public float Neg(float x) => -x;

    /// <inheritdoc />
    public float Max(float a, float b)
    {
        if (float.IsNaN(a)) return a;
        if (float.IsNaN(b)) return b;
        if (a != b) return a > b ? a : b;
        return Interop.FloatAsInt(b) >= 0x8000_0000u ? a : b; // equal: prefer +0 over −0
    }

    /// <inheritdoc />
    public float Min(float a, float b)
    {
        if (float.IsNaN(a)) return a;
        if (float.IsNaN(b)) return b;
        if (a != b) return a < b ? a : b;
        return Interop.FloatAsInt(a) >= 0x8000_0000u ? a : b; // equal: prefer −0 over +0
    }

    /// <inheritdoc />
    public bool Eq(float a, float b) => a == b;

    /// <inheritdoc />
    public bool Lt(float a, float b) => a < b;

    /// <inheritdoc />
    public bool Le(float a, float b) => a <= b;

    /// <inheritdoc />
    public bool IsNaN(float x) => float.IsNaN(x);

    /// <inheritdoc />
    public bool IsFinite(float x) => !float.IsNaN(x) && !float.IsInfinity(x);

    /// <inheritdoc />
    public bool IsInfinity(float x) => float.IsInfinity(x);

    /// <inheritdoc />
    public bool IsZero(float x) => x == 0f;

    /// <inheritdoc />
    public double ToDouble(float x) => x;

    /// <inheritdoc />
    public long ToLong(float x) => Saturate.ToLong(x);

    /// <inheritdoc />
    public float FromDouble(double x) => (float)x;

    /// <inheritdoc />
    public float FromLong(long x) => x;

    /// <inheritdoc />
    public float Pow(float a, float b) => XMath.Pow(a, b);

    /// <inheritdoc />
    public float Exp(float x) => XMath.Exp(x);

    /// <inheritdoc />
    public float Log(float x) => XMath.Log(x);

    /// <inheritdoc />
    public float Sqrt(float x) => XMath.Sqrt(x);

    /// <inheritdoc />
    public float Abs(float x) => XMath.Abs(x);

    /// <inheritdoc />
    public float Tanh(float x) => XMath.Tanh(x);

    /// <inheritdoc />
    public float Sin(float x) => XMath.Sin(x);

    /// <inheritdoc />
    public float Cos(float x) => XMath.Cos(x);
}

/// <summary>double arithmetic; transcendental functions through ILGPU.Algorithms' XMath.</summary>
internal readonly struct Float64Ops : IFloat<double>
{
    /// <inheritdoc />
    public bool IsInteger => false;

    /// <inheritdoc />
    public double Zero => 0.0;

    /// <inheritdoc />
    public double One => 1.0;

    /// <inheritdoc />
    public double NegativeInfinity => double.NegativeInfinity;

    /// <inheritdoc />
    public double Add(double a, double b) => a + b;

    /// <inheritdoc />
    public double Sub(double a, double b) => a - b;

    /// <inheritdoc />
    public double Mul(double a, double b) => a * b;

    /// <inheritdoc />
    public double Div(double a, double b) => a / b;

    /// <inheritdoc />
    public double Neg(double x) => -x;

    /// <inheritdoc />
    public double Max(double a, double b)
    {
        if (double.IsNaN(a)) return a;
        if (double.IsNaN(b)) return b;
        if (a != b) return a > b ? a : b;
        return Interop.FloatAsInt(b) >= 0x8000_0000_0000_0000ul ? a : b;
    }

    /// <inheritdoc />
    public double Min(double a, double b)
    {
        if (double.IsNaN(a)) return a;
        if (double.IsNaN(b)) return b;
        if (a != b) return a < b ? a : b;
        return Interop.FloatAsInt(a) >= 0x8000_0000_0000_0000ul ? a : b;
    }

    /// <inheritdoc />
    public bool Eq(double a, double b) => a == b;

    /// <inheritdoc />
    public bool Lt(double a, double b) => a < b;

    /// <inheritdoc />
    public bool Le(double a, double b) => a <= b;

    /// <inheritdoc />
    public bool IsNaN(double x) => double.IsNaN(x);

    /// <inheritdoc />
    public bool IsFinite(double x) => !double.IsNaN(x) && !double.IsInfinity(x);

    /// <inheritdoc />
    public bool IsInfinity(double x) => double.IsInfinity(x);

    /// <inheritdoc />
    public bool IsZero(double x) => x == 0.0;

    /// <inheritdoc />
    public double ToDouble(double x) => x;

    /// <inheritdoc />
    public long ToLong(double x) => Saturate.ToLong(x);

    /// <inheritdoc />
    public double FromDouble(double x) => x;

    /// <inheritdoc />
    public double FromLong(long x) => x;

    /// <inheritdoc />
    public double Pow(double a, double b) => XMath.Pow(a, b);

    /// <inheritdoc />
    public double Exp(double x) => XMath.Exp(x);

    /// <inheritdoc />
    public double Log(double x) => XMath.Log(x);

    /// <inheritdoc />
    public double Sqrt(double x) => XMath.Sqrt(x);

    /// <inheritdoc />
    public double Abs(double x) => XMath.Abs(x);

    /// <inheritdoc />
    public double Tanh(double x) => XMath.Tanh(x);

    /// <inheritdoc />
    public double Sin(double x) => XMath.Sin(x);

    /// <inheritdoc />
    public double Cos(double x) => XMath.Cos(x);
}
