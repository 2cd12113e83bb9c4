using System;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace Functional.Core.Tensors;

/// <summary>The one place where shape rules live: each check returns the result shape or throws a
/// <see cref="ShapeMismatchException"/> naming the op, the expectation and the operands.</summary>
public static class ShapeRules
{
    /// <summary>Throws a <see cref="ShapeMismatchException"/>.</summary>
    [DoesNotReturn]
    public static void Fail(string op, string expected, string received) =>
        throw new ShapeMismatchException(op, expected, received);

    /// <summary>Maps a possibly negative axis into [0, rank).</summary>
    /// <exception cref="ShapeMismatchException">The axis is out of range.</exception>
    public static int NormalizeAxis(string op, int axis, int rank)
    {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
            Fail(op, $"an axis in [{-rank}, {rank - 1}]", $"axis {axis} for rank {rank}");
        return a;
    }

    /// <summary>NumPy broadcasting: align from the right; each pair of dims is equal or one of them is 1.</summary>
    /// <example><c>Broadcast("add", 3x1, 4) = 3x4</c>; <c>Broadcast("add", 3x2, 3)</c> throws.</example>
    public static Shape Broadcast(string op, Shape a, Shape b)
    {
        int rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Rank ? 1 : a.Dims[i - (rank - a.Rank)];
            int db = i < rank - b.Rank ? 1 : b.Dims[i - (rank - b.Rank)];
            if (da != db && da != 1 && db != 1)
                Fail(op, "broadcastable shapes (equal dims or 1, aligned from the right)", $"a {a}, b {b}");
            dims[i] = da == 1 ? db : da;
        }
        return Shape.Own(dims);
    }

    /// <summary>True when <paramref name="from"/> broadcasts to exactly <paramref name="to"/>.</summary>
    public static bool BroadcastsTo(Shape from, Shape to)
    {
        if (from.Rank > to.Rank) return false;
        int off = to.Rank - from.Rank;
        for (int i = 0; i < from.Rank; i++)
            if (from.Dims[i] != 1 && from.Dims[i] != to.Dims[i + off]) return false;
        return true;
    }

    /// <summary>Checks that <paramref name="from"/> can be expanded to <paramref name="to"/>.</summary>
    public static Shape Expand(string op, Shape from, Shape to)
    {
        if (!BroadcastsTo(from, to)) Fail(op, $"a shape that broadcasts to {to}", $"{from}");
        return to;
    }

    /// <summary>Matrix product of the last two axes; batch axes (all but the last two) must be equal.
    /// A rank-2 operand is [m, k] × [k, n] → [m, n]; rank 3+ is [..., m, k] × [..., k, n] → [..., m, n].</summary>
    public static Shape MatMul(string op, Shape a, Shape b)
    {
        if (a.Rank < 2 || b.Rank < 2 || a.Rank != b.Rank)
            Fail(op, "two matrices or two batches of matrices of equal rank", $"a {a}, b {b}");
        if (a.Dims[^1] != b.Dims[^2])
            Fail(op, a.Rank == 2 ? "a.[1] = b.[0]" : "a.[-1] = b.[-2]", $"a {a}, b {b}");
        for (int i = 0; i < a.Rank - 2; i++)
            if (a.Dims[i] != b.Dims[i])
                Fail(op, "equal batch dimensions", $"a {a}, b {b}");
        var dims = a.ToArray();
        dims[^1] = b.Dims[^1];
        return Shape.Own(dims);
    }

    /// <summary>Reshape keeps the element count; one dimension may be -1 and is inferred.</summary>
    public static Shape Reshape(string op, Shape from, int[] dims)
    {
        int infer = -1;
        long known = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1)
            {
                if (infer >= 0) Fail(op, "at most one -1 dimension", $"[{string.Join(", ", dims)}]");
                infer = i;
            }
            else if (dims[i] < 0) Fail(op, "dimensions >= 0 or a single -1", $"[{string.Join(", ", dims)}]");
            else known *= dims[i];
        }
        var result = (int[])dims.Clone();
        if (infer >= 0)
        {
            if (known == 0 || from.NumElements % known != 0)
                Fail(op, $"a shape with {from.NumElements} elements", $"{from} to [{string.Join(", ", dims)}]");
            result[infer] = (int)(from.NumElements / known);
        }
        else if (known != from.NumElements)
            Fail(op, $"a shape with {from.NumElements} elements", $"{from} to [{string.Join(", ", dims)}]");
        return Shape.Own(result);
    }

    /// <summary>Permutation of axes: <paramref name="perm"/> must hold each axis once.</summary>
    public static Shape Permute(string op, Shape from, int[] perm)
    {
        if (perm.Length != from.Rank || perm.Distinct().Count() != perm.Length || perm.Any(p => p < 0 || p >= from.Rank))
            Fail(op, $"a permutation of 0..{from.Rank - 1}", $"[{string.Join(", ", perm)}] for shape {from}");
        return Shape.Own(perm.Select(p => from.Dims[p]).ToArray());
    }

    /// <summary>Reduction over one axis: that axis becomes 1 (keepDim) or disappears.</summary>
    public static Shape Reduce(string op, Shape from, int axis, bool keepDim)
    {
        int a = NormalizeAxis(op, axis, from.Rank);
        var dims = from.ToArray().ToList();
        if (keepDim) dims[a] = 1; else dims.RemoveAt(a);
        return Shape.Own(dims.ToArray());
    }

    /// <summary>Concatenation along an axis: all other dimensions equal, ranks equal.</summary>
    public static Shape Concat(string op, Shape[] shapes, int axis)
    {
        if (shapes.Length == 0) Fail(op, "at least one tensor", "none");
        var first = shapes[0];
        if (first.Rank == 0) Fail(op, "tensors of rank >= 1", "a scalar");
        int a = NormalizeAxis(op, axis, first.Rank);
        int total = 0;
        foreach (var s in shapes)
        {
            bool ok = s.Rank == first.Rank;
            for (int i = 0; ok && i < s.Rank; i++)
                if (i != a && s.Dims[i] != first.Dims[i]) ok = false;
            if (!ok)
                Fail(op, $"equal dimensions except axis {axis}", string.Join(", ", shapes.Select(x => x.ToString())));
            total += s.Dims[a];
        }
        var dims = first.ToArray();
        dims[a] = total;
        return Shape.Own(dims);
    }

    /// <summary>A strided slice per axis: start inclusive, stop exclusive, step ≥ 1, all already in range.</summary>
    public static Shape Slice(string op, Shape from, int[] starts, int[] stops, int[] steps)
    {
        if (starts.Length != from.Rank || stops.Length != from.Rank || steps.Length != from.Rank)
            Fail(op, $"one range per axis ({from.Rank})", $"{starts.Length} ranges for shape {from}");
        var dims = new int[from.Rank];
        for (int i = 0; i < from.Rank; i++)
        {
            if (steps[i] < 1 || starts[i] < 0 || starts[i] > stops[i] || stops[i] > from.Dims[i])
                Fail(op, $"0 <= start <= stop <= {from.Dims[i]} and step >= 1 on axis {i}", $"{starts[i]}..{stops[i]} step {steps[i]} for shape {from}");
            dims[i] = stops[i] <= starts[i] ? 0 : (stops[i] - starts[i] + steps[i] - 1) / steps[i];
        }
        return Shape.Own(dims);
    }

    /// <summary>Checks two shapes are identical for an element-wise op that does not broadcast.</summary>
    public static Shape Same(string op, Shape a, Shape b)
    {
        if (a != b) Fail(op, "equal shapes", $"a {a}, b {b}");
        return a;
    }

    /// <summary>Unfolding an image batch [N, C, H, W] into columns [C·kh·kw, N·outH·outW].</summary>
    /// <exception cref="ShapeMismatchException">The input is not rank 4, or the window does not fit.</exception>
    public static Shape Im2Col(string op, Shape image, ConvGeometry g)
    {
        g.Validate(op);
        if (image.Rank != 4) Fail(op, "an image batch of shape [N, C, H, W]", $"shape {image}");
        int oh = g.OutH(image.Dims[2]), ow = g.OutW(image.Dims[3]);
        if (oh < 1 || ow < 1)
            Fail(op, "a window that fits the padded image", $"image {image}, kernel {g.KernelH}x{g.KernelW}, padding {g.PadH}x{g.PadW}, dilation {g.DilationH}x{g.DilationW}");
        return new Shape(image.Dims[1] * g.KernelH * g.KernelW, image.Dims[0] * oh * ow);
    }
}
