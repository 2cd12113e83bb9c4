using System;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>Argument checks shared by the CPU backend's methods. Each one throws the library's typed exception
/// with a message naming the op, what it expected and what it received.</summary>
internal static class Checks
{
    /// <summary>An enum op's name in messages: its camelCase name (<c>LeakyRelu</c> → <c>leakyRelu</c>), computed once
    /// per value: every kernel call asks for it, so it must not allocate.</summary>
    public static string OpName<TEnum>(TEnum op) where TEnum : struct, Enum =>
        OpNames<TEnum>.Names.TryGetValue(op, out var name) ? name : CamelCase(op.ToString());

    private static string CamelCase(string s) => char.ToLowerInvariant(s[0]) + s[1..];

    private static class OpNames<TEnum> where TEnum : struct, Enum
    {
        public static readonly System.Collections.Frozen.FrozenDictionary<TEnum, string> Names =
            System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(
                Enum.GetValues<TEnum>().Distinct(), v => v, v => CamelCase(v.ToString()));
    }

    /// <summary>Throws unless <paramref name="x"/> is non-null and lives on the CPU.</summary>
    public static void Cpu(string op, RawTensor x, string paramName)
    {
        ArgumentNullException.ThrowIfNull(x, paramName);
        bool host = x.Storage is CpuStorage<float> or CpuStorage<double> or CpuStorage<int> or CpuStorage<long>;
        if (x.Device != Device.Cpu)
            ThrowNotCpu(op, paramName, x.Device.ToString());
        if (!host)
            ThrowNotCpu(op, paramName, $"a {x.Storage.GetType().Name} on cpu");
    }

    /// <summary>Throws unless <paramref name="x"/> holds float32 or float64.</summary>
    public static void Float(string op, RawTensor x)
    {
        if (!x.DType.IsFloatingPoint()) ThrowNotFloat(op, x.DType);
    }

    /// <summary>Throws unless both operands have the same dtype.</summary>
    public static void SameDType(string op, RawTensor a, RawTensor b)
    {
        if (a.DType != b.DType)
            throw new DTypeMismatchException(op, "equal dtypes", $"a {a.DType.Name()}, b {b.DType.Name()}");
    }

    /// <summary>Throws unless <paramref name="index"/> holds int32 or int64.</summary>
    public static void Index(string op, RawTensor index)
    {
        if (index.DType is not (DType.Int32 or DType.Int64))
            throw new DTypeMismatchException(op, "an int32 or int64 index", index.DType.Name());
    }

    /// <summary>Checks an index tensor against the shape it indexes along <paramref name="axis"/> (torch.gather
    /// rules): equal rank, equal dimensions except on that axis. Returns the normalised axis.</summary>
    public static int IndexShape(string op, Shape target, int axis, Shape index, string targetName)
    {
        int a = ShapeRules.NormalizeAxis(op, axis, target.Rank);
        bool ok = index.Rank == target.Rank;
        for (int i = 0; ok && i < target.Rank; i++)
            if (i != a && index.Dims[i] != target.Dims[i]) ok = false;
        if (!ok)
            ShapeRules.Fail(op, $"an index of rank {target.Rank} with {targetName}'s dimensions except on axis {axis}",
                $"{targetName} {target}, index {index}");
        return a;
    }

    /// <summary>The shape that <paramref name="cond"/>, <paramref name="a"/> and <paramref name="b"/>
    /// broadcast to together (NumPy rules).</summary>
    public static Shape Broadcast3(string op, Shape cond, Shape a, Shape b)
    {
        int rank = Math.Max(cond.Rank, Math.Max(a.Rank, b.Rank));
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int d = 1;
            foreach (var s in new[] { cond, a, b })
            {
                int k = i - (rank - s.Rank);
                int ds = k < 0 ? 1 : s.Dims[k];
                if (ds == 1) continue;
                if (d != 1 && d != ds)
                {
                    ShapeRules.Fail(op, "broadcastable shapes (equal dims or 1, aligned from the right)",
                        $"cond {cond}, a {a}, b {b}");
                }
                d = ds;
            }
            dims[i] = d;
        }
        return new Shape(dims);
    }

    /// <summary>Throws unless the axis has at least one element (max, min and arg-reductions need one).</summary>
    public static void NonEmptyAxis(string op, Shape shape, int axis, int normalized)
    {
        if (shape.Dims[normalized] == 0)
            ShapeRules.Fail(op, "a non-empty axis", $"axis {axis} of shape {shape}");
    }

    /// <summary>Throws unless every tensor has the first one's dtype.</summary>
    public static void AllSameDType(string op, RawTensor[] xs)
    {
        if (xs.Any(x => x.DType != xs[0].DType))
            throw new DTypeMismatchException(op, "equal dtypes", string.Join(", ", xs.Select(x => x.DType.Name())));
    }

    /// <summary>Throws a <see cref="DTypeMismatchException"/> for a float-only op given an integer tensor.</summary>
    [DoesNotReturn]
    public static void ThrowNotFloat(string op, DType received) =>
        throw new DTypeMismatchException(op, "a float32 or float64 tensor", received.Name());

    /// <summary>Throws the <see cref="ArgumentException"/> of an index outside [0, <paramref name="size"/>).</summary>
    [DoesNotReturn]
    public static void ThrowIndexOutOfRange(string op, int size, long received, int position) =>
        throw new ArgumentException(
            $"{op}: expected indices in [0, {size}), received {received} at position {position}", "index");

    /// <summary>Throws the <see cref="ArgumentException"/> of a NaN or ±∞ converted to an integer dtype.</summary>
    [DoesNotReturn]
    public static void ThrowNotFinite(string op, DType to, double received, int position, string paramName) =>
        throw new ArgumentException(
            position < 0
                ? $"{op}: expected a finite value to convert to {to.Name()}, received {received}"
                : $"{op}: expected finite values to convert to {to.Name()}, received {received} at position {position}",
            paramName);

    [DoesNotReturn]
    private static void ThrowNotCpu(string op, string paramName, string received) =>
        throw new DeviceMismatchException(op, $"{paramName} on cpu", received);
}
