using System.Runtime.CompilerServices;

namespace Functional.Gpu.Kernels;

// The element types int and long for the kernels, and the saturating float-to-integer conversions.

/// <summary>int arithmetic (wrapping, as C#'s unchecked operators and the CPU backend).</summary>
internal readonly struct Int32Ops : INumeric<int>
{
    /// <inheritdoc />
    public bool IsInteger => true;

    /// <inheritdoc />
    public int Zero => 0;

    /// <inheritdoc />
    public int Add(int a, int b) => a + b;

    /// <inheritdoc />
    public int Sub(int a, int b) => a - b;

    /// <inheritdoc />
    public int Mul(int a, int b) => a * b;

    /// <inheritdoc />
    public int Max(int a, int b) => a > b ? a : b;

    /// <inheritdoc />
    public int Min(int a, int b) => a < b ? a : b;

    /// <inheritdoc />
    public bool Eq(int a, int b) => a == b;

    /// <inheritdoc />
    public bool Lt(int a, int b) => a < b;

    /// <inheritdoc />
    public bool Le(int a, int b) => a <= b;

    /// <inheritdoc />
    public bool IsNaN(int x) => false;

    /// <inheritdoc />
    public bool IsFinite(int x) => true;

    /// <inheritdoc />
    public bool IsZero(int x) => x == 0;

    /// <inheritdoc />
    public double ToDouble(int x) => x;

    /// <inheritdoc />
    public long ToLong(int x) => x;

    /// <inheritdoc />
    public int FromDouble(double x) => Saturate.ToInt(x);

    /// <inheritdoc />
    public int FromLong(long x) => x >= int.MaxValue ? int.MaxValue : x <= int.MinValue ? int.MinValue : (int)x;
}

/// <summary>long arithmetic (wrapping, as C#'s unchecked operators and the CPU backend).</summary>
internal readonly struct Int64Ops : INumeric<long>
{
    /// <inheritdoc />
    public bool IsInteger => true;

    /// <inheritdoc />
    public long Zero => 0L;

    /// <inheritdoc />
    public long Add(long a, long b) => a + b;

    /// <inheritdoc />
    public long Sub(long a, long b) => a - b;

    /// <inheritdoc />
    public long Mul(long a, long b) => a * b;

    /// <inheritdoc />
    public long Max(long a, long b) => a > b ? a : b;

    /// <inheritdoc />
    public long Min(long a, long b) => a < b ? a : b;

    /// <inheritdoc />
    public bool Eq(long a, long b) => a == b;

    /// <inheritdoc />
    public bool Lt(long a, long b) => a < b;

    /// <inheritdoc />
    public bool Le(long a, long b) => a <= b;

    /// <inheritdoc />
    public bool IsNaN(long x) => false;

    /// <inheritdoc />
    public bool IsFinite(long x) => true;

    /// <inheritdoc />
    public bool IsZero(long x) => x == 0L;

    /// <inheritdoc />
    public double ToDouble(long x) => x;

    /// <inheritdoc />
    public long ToLong(long x) => x;

    /// <inheritdoc />
    public long FromDouble(double x) => Saturate.ToLong(x);

    /// <inheritdoc />
    public long FromLong(long x) => x;
}

/// <summary>Float-to-integer conversions that truncate toward zero and saturate at the integer's range, written out
/// so PTX and the CPU agree whatever the hardware's own conversion does out of range (NaN gives 0, as .NET 9+).</summary>
internal static class Saturate
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ToInt(double x) =>
        double.IsNaN(x) ? 0 : x >= 2147483647.0 ? int.MaxValue : x <= -2147483648.0 ? int.MinValue : (int)x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ToLong(double x) =>
        double.IsNaN(x) ? 0L
        : x >= 9223372036854775807.0 ? long.MaxValue
        : x <= -9223372036854775808.0 ? long.MinValue
        : (long)x;
}
