using System;
using System.Numerics;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>Creating tensors and converting their element type.</summary>
internal static class Conversion
{
    /// <summary>A contiguous tensor of <paramref name="shape"/> filled with <paramref name="value"/>.</summary>
    public static RawTensor Full<T>(Shape shape, T value) where T : unmanaged
    {
        var data = new T[shape.NumElements];
        Array.Fill(data, value);
        return Dense.Wrap(data, shape);
    }

    /// <summary>Converts one double to <typeparamref name="T"/>: floats round to nearest, integers truncate toward
    /// zero and saturate at their range; NaN or ±∞ to an integer throws.</summary>
    public static T FromDouble<T>(string op, double value, string paramName) where T : unmanaged, INumber<T>
    {
        if (!DTypes.Of<T>().IsFloatingPoint() && !double.IsFinite(value))
            Checks.ThrowNotFinite(op, DTypes.Of<T>(), value, -1, paramName);
        return T.CreateSaturating(value);
    }

    /// <summary>Converts every element of <paramref name="x"/> to <typeparamref name="TTo"/>, row-major.</summary>
    /// <remarks>Floats to integers truncate toward zero and saturate at the integer range (as C# casts on
    /// .NET 9+); NaN or ±∞ throws rather than turning into a number. Integers narrow by saturating.</remarks>
    public static TTo[] Cast<TFrom, TTo>(RawTensor x)
        where TFrom : unmanaged, INumber<TFrom>
        where TTo : unmanaged, INumber<TTo>
    {
        var src = Dense.Data<TFrom>(x);
        var result = new TTo[x.NumElements];
        bool toInteger = !DTypes.Of<TTo>().IsFloatingPoint();
        var it = StridedIndex.Of(x);
        for (int i = 0; i < result.Length; i++, it.MoveNext())
        {
            TFrom v = src[it.Offset];
            if (toInteger && !TFrom.IsFinite(v))
                Checks.ThrowNotFinite("cast", DTypes.Of<TTo>(), double.CreateSaturating(v), i, "x");
            result[i] = TTo.CreateSaturating(v);
        }
        return result;
    }
}
