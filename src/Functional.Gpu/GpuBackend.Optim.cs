using System;
using Functional.Core.Optim;
using Functional.Core.Tensors;
using Functional.Gpu.Kernels;
using ILGPU;

namespace Functional.Gpu;

// GpuBackend: one fused optimizer step in place (argument checks as the CPU backend's, then one kernel).
public sealed partial class GpuBackend
{
    /// <inheritdoc />
    /// <remarks>Every <see cref="UpdateKind"/> (SGD with momentum or Nesterov, AdaGrad, RMSProp, Adam/AdamW/AMSGrad,
    /// in PyTorch's and Keras's conventions), one thread per element.</remarks>
    /// <exception cref="ShapeMismatchException">The gradient or a state buffer is not shaped like the parameter.</exception>
    /// <exception cref="DTypeMismatchException">They differ in dtype, or it is not float32/float64.</exception>
    /// <exception cref="DeviceMismatchException">They are not all on this device.</exception>
    /// <exception cref="ArgumentException">The parameter or a state buffer is a view (not contiguous), or the state
    /// count differs from the rule's.</exception>
    public void ApplyUpdate(UpdateRule rule, RawTensor parameter, RawTensor gradient, RawTensor[] state)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(state);
        const string op = "applyUpdate";
        rule.CheckOperands(parameter, gradient, state);
        lock (_gate)
        {
            using var scope = Enter(op);
            GpuChecks.On(this, op, parameter, nameof(parameter));
            GpuChecks.On(this, op, gradient, nameof(gradient));
            foreach (var t in state) GpuChecks.On(this, op, t, nameof(state));
            Writable(parameter, "parameter");
            foreach (var t in state) Writable(t, "state");
            var g = gradient.IsContiguous ? gradient : Contiguous(gradient);
            if (parameter.DType == DType.Float32)
                Run<float, Float32Ops>(Constants<float, Float32Ops>(rule), parameter, g, state);
            else
                Run<double, Float64Ops>(Constants<double, Float64Ops>(rule), parameter, g, state);
        }
    }

    private static void Writable(RawTensor x, string what)
    {
        if (!x.IsContiguous)
            throw new ArgumentException($"applyUpdate: expected a contiguous {what}, received a view {x}");
    }

    private static UpdateConstants<T> Constants<T, TOps>(UpdateRule rule)
        where T : unmanaged where TOps : struct, IFloat<T>
    {
        TOps o = default;
        T C(double x) => o.FromDouble(x);
        return new UpdateConstants<T>
        {
            Kind = (int)rule.Kind,
            Decoupled = rule.DecoupledWeightDecay != 0 ? 1 : 0,
            Decay = rule.WeightDecay != 0 ? 1 : 0,
            HasMomentum = rule.Momentum != 0 ? 1 : 0,
            Nesterov = rule.Nesterov ? 1 : 0,
            FirstStep = rule.FirstStep ? 1 : 0,
            LearningRateInVelocity = rule.LearningRateInVelocity ? 1 : 0,
            EpsilonInsideSqrt = rule.EpsilonInsideSqrt ? 1 : 0,
            Centered = rule.Centered ? 1 : 0,
            AmsGrad = rule.AmsGrad ? 1 : 0,
            LearningRate = C(rule.LearningRate),
            Momentum = C(rule.Momentum),
            Keep = C(1 - rule.Dampening),
            WeightDecay = C(rule.WeightDecay),
            Shrink = C(1 - rule.LearningRate * rule.DecoupledWeightDecay),
            Epsilon = C(rule.Epsilon),
            Beta1 = C(rule.Beta1),
            Rest1 = C(1 - rule.Beta1),
            Beta2 = C(rule.Beta2),
            Rest2 = C(1 - rule.Beta2),
            // PyTorch: p −= (lr/c1)·m / (√v/√c2 + ε). Keras: p −= lr·√c2/c1 · m / (√v + ε).
            InverseSqrtC2 = rule.EpsilonAfterCorrection ? C(1 / Math.Sqrt(rule.BiasCorrection2)) : C(1.0),
            StepSize = rule.EpsilonAfterCorrection
                ? C(rule.LearningRate / rule.BiasCorrection1)
                : C(rule.LearningRate * Math.Sqrt(rule.BiasCorrection2) / rule.BiasCorrection1),
        };
    }

    private void Run<T, TOps>(UpdateConstants<T> constants, RawTensor parameter, RawTensor gradient, RawTensor[] state)
        where T : unmanaged where TOps : struct, IFloat<T>
    {
        int n = parameter.NumElements;
        if (n == 0) return;
        ArrayView<T> Of(RawTensor x) => Data<T>(x).SubView(x.Offset, n);
        var p = Of(parameter);
        Launch(n, UpdateKernels.Update<T, TOps>, p, Of(gradient),
            state.Length > 0 ? Of(state[0]) : p,
            state.Length > 1 ? Of(state[1]) : p,
            state.Length > 2 ? Of(state[2]) : p,
            constants);
    }
}
