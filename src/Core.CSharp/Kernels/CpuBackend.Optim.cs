using System;
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

    private static Span<T> Writable<T>(RawTensor x, string what) where T : unmanaged
    {
        if (!x.IsContiguous)
            throw new ArgumentException($"applyUpdate: expected a contiguous {what}, received a view {x}");
        return ((CpuStorage<T>)x.Storage).Data.AsSpan(x.Offset, x.NumElements);
    }

    private static void Run<T>(UpdateRule rule, RawTensor parameter, RawTensor gradient, RawTensor[] state)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var p = Writable<T>(parameter, "parameter");
        var g = ((CpuStorage<T>)gradient.Storage).Data.AsSpan(gradient.Offset, gradient.NumElements);
        Span<T> none = default;
        ParameterUpdate.Apply(rule, p, g,
            state.Length > 0 ? Writable<T>(state[0], "state") : none,
            state.Length > 1 ? Writable<T>(state[1], "state") : none,
            state.Length > 2 ? Writable<T>(state[2], "state") : none);
    }
}
