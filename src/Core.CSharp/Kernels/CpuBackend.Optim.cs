using System;
using System.Linq;
using Functional.Core.Optim;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

public sealed partial class CpuBackend
{
    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException">The gradient or a state buffer is not shaped like the parameter.</exception>
    /// <exception cref="DTypeMismatchException">They differ in dtype, or it is not float32/float64.</exception>
    /// <exception cref="ArgumentException">The parameter or a state buffer is a view (not contiguous), or the state
    /// count differs from the rule's.</exception>
    public void ApplyUpdate(UpdateRule rule, RawTensor parameter, RawTensor gradient, RawTensor[] state)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(state);
        rule.CheckOperands(parameter, gradient, state);
        var g = gradient.IsContiguous ? gradient : Contiguous(gradient);
        if (parameter.DType == DType.Float32)
            Run<float>(rule, parameter, g, state);
        else
            Run<double>(rule, parameter, g, state);
    }

    /// <summary>The storage array and offset of a contiguous tensor the update writes in place.</summary>
    private static (T[] Array, int Offset) Writable<T>(RawTensor x, string what) where T : unmanaged
    {
        if (!x.IsContiguous)
            throw new ArgumentException($"applyUpdate: expected a contiguous {what}, received a view {x}");
        return (((CpuStorage<T>)x.Storage).Data, x.Offset);
    }

    /// <summary>Parameters from which an update splits over the kernel threads.</summary>
    private const int ParallelUpdate = 1 << 17;

    private static void Run<T>(UpdateRule rule, RawTensor parameter, RawTensor gradient, RawTensor[] state)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int n = parameter.NumElements;
        var p = Writable<T>(parameter, "parameter");
        var g = (((CpuStorage<T>)gradient.Storage).Data, gradient.Offset);
        var s = state.Select(x => Writable<T>(x, "state")).ToArray();
        // Every rule is element-wise, so aligned ranges give the same bits as one pass.
        KernelTeam.ForAlignedRanges(n, n < ParallelUpdate ? 1 : CpuSettings.Threads,
            (start, end) => Chunk(rule, p, g, s, start, end - start));
    }

    private static void Chunk<T>(UpdateRule rule, (T[] Array, int Offset) p, (T[] Array, int Offset) g,
        (T[] Array, int Offset)[] s, int start, int length)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Span<T> State(int k) => k < s.Length ? s[k].Array.AsSpan(s[k].Offset + start, length) : default;
        ParameterUpdate.Apply(rule, p.Array.AsSpan(p.Offset + start, length), g.Array.AsSpan(g.Offset + start, length),
            State(0), State(1), State(2));
    }
}
