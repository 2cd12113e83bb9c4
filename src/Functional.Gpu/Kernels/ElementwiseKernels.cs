using ILGPU;
using ILGPU.Runtime;
using Functional.Core.Tensors;

namespace Functional.Gpu.Kernels;

/// <summary>One thread per output element, reading inputs through <see cref="StridedView"/>s, so transposed, sliced
/// and broadcast views need no copy first. Ops are chosen by an enum value the whole launch shares (a uniform branch).
/// Each function matches the CPU backend's scalar reference (FloatMath, Elementwise) case by case: NaN, ±0, ±∞.</summary>
internal static class ElementwiseKernels
{
    /// <summary>dst[i] = value.</summary>
    public static void Fill<T>(Index1D i, ArrayView<T> dst, T value) where T : unmanaged => dst[i] = value;

    /// <summary>dst[to(i)] = src[from(i)]: contiguous copies, slice scatter and concat bands.</summary>
    public static void Copy<T>(Index1D i, ArrayView<T> src, StridedView from, ArrayView<T> dst, StridedView to)
        where T : unmanaged => dst[to.At(i)] = src[from.At(i)];

    /// <summary>Converts src[from(i)] to dst[i]: integers go through long, floats through double (both exact), then
    /// round (to float) or truncate and saturate (to an integer). A NaN or ±∞ bound for an integer records the
    /// smallest such i in <paramref name="firstBad"/>[0].</summary>
    public static void Cast<TFrom, TFromOps, TTo, TToOps>(
        Index1D i, ArrayView<TFrom> src, StridedView from, ArrayView<TTo> dst, ArrayView<int> firstBad)
        where TFrom : unmanaged where TFromOps : struct, INumeric<TFrom>
        where TTo : unmanaged where TToOps : struct, INumeric<TTo>
    {
        TFromOps f = default;
        TToOps t = default;
        TFrom v = src[from.At(i)];
        if (t.IsInteger && !f.IsFinite(v))
        {
            Atomic.Min(ref firstBad[0], i);
            dst[i] = t.Zero;
            return;
        }
        dst[i] = f.IsInteger ? t.FromLong(f.ToLong(v)) : t.FromDouble(f.ToDouble(v));
    }

    /// <summary>dst[i] = f(src[from(i)]) for a <see cref="UnaryOp"/>.</summary>
    public static void Unary<T, TOps>(Index1D i, ArrayView<T> src, StridedView from, ArrayView<T> dst, int op)
        where T : unmanaged where TOps : struct, IFloat<T>
    {
        TOps o = default;
        T x = src[from.At(i)];
        T zero = o.Zero, one = o.One;
        T r;
        switch (op)
        {
            case (int)UnaryOp.Neg: r = o.Neg(x); break;
            case (int)UnaryOp.Exp: r = o.Exp(x); break;
            case (int)UnaryOp.Log: r = o.Log(x); break;
            case (int)UnaryOp.Sqrt: r = o.Sqrt(x); break;
            case (int)UnaryOp.Abs: r = o.Abs(x); break;
            case (int)UnaryOp.Sign: r = o.Lt(zero, x) ? one : o.Lt(x, zero) ? o.Neg(one) : x; break;
            case (int)UnaryOp.Sigmoid:
                if (o.Le(zero, x))
                {
                    r = o.Div(one, o.Add(one, o.Exp(o.Neg(x))));
                }
                else
                {
                    T e = o.Exp(x); // NaN lands here and stays NaN
                    r = o.Div(e, o.Add(one, e));
                }
                break;
            case (int)UnaryOp.Tanh: r = o.Tanh(x); break;
            case (int)UnaryOp.Relu: r = o.IsNaN(x) || o.Lt(zero, x) ? x : zero; break;
            case (int)UnaryOp.Softplus:
                // ln(1 + eˣ) = max(x, 0) + ln(1 + e^−|x|), which never overflows.
                r = o.IsNaN(x) ? x : o.Add(o.Max(x, zero), Log1P<T, TOps>(o.Exp(o.Neg(o.Abs(x)))));
                break;
            case (int)UnaryOp.Sin: r = o.Sin(x); break;
            default: r = o.Cos(x); break;
        }
        dst[i] = r;
    }

    /// <summary>dst[i] = f(src[from(i)], s) for a <see cref="ScalarOp"/>.</summary>
    public static void Scalar<T, TOps>(Index1D i, ArrayView<T> src, StridedView from, ArrayView<T> dst, int op, T s)
        where T : unmanaged where TOps : struct, IFloat<T>
    {
        TOps o = default;
        T x = src[from.At(i)];
        dst[i] = op switch
        {
            (int)ScalarOp.LeakyRelu => o.IsNaN(x) || o.Le(o.Zero, x) ? x : o.Mul(s, x),
            (int)ScalarOp.Pow => o.Pow(x, s),
            (int)ScalarOp.Add => o.Add(x, s),
            _ => o.Mul(x, s),
        };
    }

    /// <summary>dst[i] = f(a[va(i)], b[vb(i)]) for a <see cref="BinaryOp"/> other than Div and Pow (any dtype).</summary>
    public static void Binary<T, TOps>(
        Index1D i, ArrayView<T> a, StridedView va, ArrayView<T> b, StridedView vb, ArrayView<T> dst, int op)
        where T : unmanaged where TOps : struct, INumeric<T> =>
        dst[i] = Number<T, TOps>(op, a[va.At(i)], b[vb.At(i)]);

    /// <summary>dst[i] = f(a[va(i)], b[vb(i)]) for any <see cref="BinaryOp"/> on floats.</summary>
    public static void BinaryFloat<T, TOps>(
        Index1D i, ArrayView<T> a, StridedView va, ArrayView<T> b, StridedView vb, ArrayView<T> dst, int op)
        where T : unmanaged where TOps : struct, IFloat<T>
    {
        TOps o = default;
        T x = a[va.At(i)], y = b[vb.At(i)];
        dst[i] = op switch
        {
            (int)BinaryOp.Div => o.Div(x, y),
            (int)BinaryOp.Pow => o.Pow(x, y),
            _ => Number<T, TOps>(op, x, y),
        };
    }

    /// <summary>dst[i] = cond[vc(i)] ≠ 0 ? a[va(i)] : b[vb(i)]; NaN counts as nonzero.</summary>
    public static void Where<TC, TCOps, T>(
        Index1D i, ArrayView<TC> cond, StridedView vc, ArrayView<T> a, StridedView va, ArrayView<T> b, StridedView vb,
        ArrayView<T> dst)
        where TC : unmanaged where TCOps : struct, INumeric<TC> where T : unmanaged
    {
        TCOps c = default;
        dst[i] = !c.IsZero(cond[vc.At(i)]) ? a[va.At(i)] : b[vb.At(i)];
    }

    private static T Number<T, TOps>(int op, T x, T y) where T : unmanaged where TOps : struct, INumeric<T>
    {
        TOps o = default;
        T one = o.FromLong(1), zero = o.Zero;
        return op switch
        {
            (int)BinaryOp.Add => o.Add(x, y),
            (int)BinaryOp.Sub => o.Sub(x, y),
            (int)BinaryOp.Mul => o.Mul(x, y),
            (int)BinaryOp.Max => o.Max(x, y),
            (int)BinaryOp.Min => o.Min(x, y),
            (int)BinaryOp.Eq => o.Eq(x, y) ? one : zero,
            (int)BinaryOp.Ne => o.Eq(x, y) ? zero : one,
            (int)BinaryOp.Lt => o.Lt(x, y) ? one : zero,
            (int)BinaryOp.Le => o.Le(x, y) ? one : zero,
            (int)BinaryOp.Gt => o.Lt(y, x) ? one : zero,
            _ => o.Le(y, x) ? one : zero,
        };
    }

    /// <summary>ln(1 + x), accurate for tiny x: Goldberg's log(u)·x/(u − 1) with u = 1 + x (Goldberg 1991, Thm. 4),
    /// as the CPU backend's FloatMath.Log1P.</summary>
    private static T Log1P<T, TOps>(T x) where T : unmanaged where TOps : struct, IFloat<T>
    {
        TOps o = default;
        T u = o.Add(o.One, x);
        if (o.Eq(u, o.One)) return x;
        if (o.IsInfinity(u)) return u;
        return o.Div(o.Mul(o.Log(u), x), o.Sub(u, o.One));
    }
}
