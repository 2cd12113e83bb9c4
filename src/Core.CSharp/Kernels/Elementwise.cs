using System;
using System.Numerics;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>Element-wise kernels: one operand, an operand and a scalar, two broadcast operands, and select.
/// Each picks its scalar function once, then walks the operands with <see cref="StridedIndex"/>.</summary>
internal static class Elementwise
{
    /// <summary>f(x) for every element; the result is contiguous.</summary>
    public static T[] Map<T>(RawTensor x, Func<T, T> f) where T : unmanaged
    {
        var src = Dense.Data<T>(x);
        var result = new T[x.NumElements];
        var it = StridedIndex.Of(x);
        for (int i = 0; i < result.Length; i++, it.MoveNext())
            result[i] = f(src[it.Offset]);
        return result;
    }

    /// <summary>f(a, b) with a and b broadcast to <paramref name="shape"/>; the result is contiguous.</summary>
    public static T[] Zip<T>(RawTensor a, RawTensor b, Shape shape, Func<T, T, T> f) where T : unmanaged
    {
        T[] da = Dense.Data<T>(a), db = Dense.Data<T>(b);
        var result = new T[shape.NumElements];
        var ia = StridedIndex.Broadcast(a, shape);
        var ib = StridedIndex.Broadcast(b, shape);
        for (int i = 0; i < result.Length; i++, ia.MoveNext(), ib.MoveNext())
            result[i] = f(da[ia.Offset], db[ib.Offset]);
        return result;
    }

    /// <summary>The scalar function of a <see cref="UnaryOp"/>.</summary>
    public static Func<T, T> UnaryFunction<T>(UnaryOp op) where T : unmanaged, IFloatingPointIeee754<T> => op switch
    {
        UnaryOp.Neg => x => -x,
        UnaryOp.Exp => T.Exp,
        UnaryOp.Log => T.Log,
        UnaryOp.Sqrt => T.Sqrt,
        UnaryOp.Abs => T.Abs,
        UnaryOp.Sign => FloatMath.Sign,
        UnaryOp.Sigmoid => FloatMath.Sigmoid,
        UnaryOp.Tanh => T.Tanh,
        UnaryOp.Relu => FloatMath.Relu,
        UnaryOp.Softplus => FloatMath.Softplus,
        UnaryOp.Sin => T.Sin,
        UnaryOp.Cos => T.Cos,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unary: unknown op"),
    };

    /// <summary>The scalar function of a <see cref="ScalarOp"/> with parameter <paramref name="s"/>.</summary>
    public static Func<T, T> ScalarFunction<T>(ScalarOp op, T s)
        where T : unmanaged, IFloatingPointIeee754<T> => op switch
        {
            ScalarOp.LeakyRelu => x => FloatMath.LeakyRelu(x, s),
            ScalarOp.Pow => x => T.Pow(x, s),
            ScalarOp.Add => x => x + s,
            ScalarOp.Mul => x => x * s,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "scalar: unknown op"),
        };

    /// <summary>True for the binary ops defined on integer tensors too (all but Div and Pow).</summary>
    public static bool WorksOnIntegers(BinaryOp op) => op is not (BinaryOp.Div or BinaryOp.Pow);

    /// <summary>The scalar function of a <see cref="BinaryOp"/> that integers support too.
    /// Comparisons return 1 or 0; any comparison with NaN is false except Ne.</summary>
    public static Func<T, T, T> NumberFunction<T>(BinaryOp op) where T : unmanaged, INumber<T> => op switch
    {
        BinaryOp.Add => (a, b) => a + b,
        BinaryOp.Sub => (a, b) => a - b,
        BinaryOp.Mul => (a, b) => a * b,
        BinaryOp.Max => FloatMath.MaxNaN,
        BinaryOp.Min => FloatMath.MinNaN,
        BinaryOp.Eq => (a, b) => a == b ? T.One : T.Zero,
        BinaryOp.Ne => (a, b) => a != b ? T.One : T.Zero,
        BinaryOp.Lt => (a, b) => a < b ? T.One : T.Zero,
        BinaryOp.Le => (a, b) => a <= b ? T.One : T.Zero,
        BinaryOp.Gt => (a, b) => a > b ? T.One : T.Zero,
        BinaryOp.Ge => (a, b) => a >= b ? T.One : T.Zero,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "binary: not defined on integers"),
    };

    /// <summary>The scalar function of any <see cref="BinaryOp"/> on floats.</summary>
    public static Func<T, T, T> FloatFunction<T>(BinaryOp op) where T : unmanaged, IFloatingPointIeee754<T> => op switch
    {
        BinaryOp.Div => (a, b) => a / b,
        BinaryOp.Pow => T.Pow,
        _ => NumberFunction<T>(op),
    };

    /// <summary>Whether each element of <paramref name="cond"/>, broadcast to <paramref name="shape"/>, is
    /// nonzero (NaN counts as nonzero, as in NumPy).</summary>
    public static bool[] NonZero<T>(RawTensor cond, Shape shape) where T : unmanaged, INumber<T>
    {
        var src = Dense.Data<T>(cond);
        var result = new bool[shape.NumElements];
        var it = StridedIndex.Broadcast(cond, shape);
        for (int i = 0; i < result.Length; i++, it.MoveNext())
            result[i] = !T.IsZero(src[it.Offset]);
        return result;
    }

    /// <summary>mask[i] ? a[i] : b[i] with a and b broadcast to <paramref name="shape"/>.</summary>
    public static T[] Select<T>(bool[] mask, RawTensor a, RawTensor b, Shape shape) where T : unmanaged
    {
        T[] da = Dense.Data<T>(a), db = Dense.Data<T>(b);
        var result = new T[shape.NumElements];
        var ia = StridedIndex.Broadcast(a, shape);
        var ib = StridedIndex.Broadcast(b, shape);
        for (int i = 0; i < result.Length; i++, ia.MoveNext(), ib.MoveNext())
            result[i] = mask[i] ? da[ia.Offset] : db[ib.Offset];
        return result;
    }
}
