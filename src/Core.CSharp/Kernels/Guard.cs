using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Functional.Core.Kernels;

/// <summary>Argument checks of the span kernels, done before any work; the throwing halves live in
/// <see cref="DoesNotReturnAttribute"/> helpers, so the checked methods stay small enough to inline.</summary>
internal static class Guard
{
    /// <summary>Throws unless <paramref name="destination"/> is at least as long as <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FitsInto<T>(ReadOnlySpan<T> x, Span<T> destination, string paramName)
    {
        if (destination.Length < x.Length) ThrowTooShort(x.Length, destination.Length, paramName);
    }

    /// <summary>Throws when <paramref name="destination"/> overlaps <paramref name="x"/> other than exactly
    /// (in place is fine; shifted is not, as a vector loop would read values it already wrote).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NoPartialOverlap<T>(ReadOnlySpan<T> x, Span<T> destination, string paramName)
    {
        if (x.Overlaps(destination, out int offset) && offset != 0) ThrowPartialOverlap(paramName);
    }

    [DoesNotReturn]
    private static void ThrowTooShort(int needed, int received, string paramName) =>
        throw new ArgumentException(
            $"kernel: expected a destination of at least {needed} elements, received {received}", paramName);

    [DoesNotReturn]
    private static void ThrowPartialOverlap(string paramName) =>
        throw new ArgumentException(
            "kernel: expected a destination that is the input itself or apart from it, received a partial overlap",
            paramName);
}
