using System;
using Functional.Core.Tensors;

namespace Functional.Core.Optim;

/// <summary>Which family of update an <see cref="UpdateRule"/> applies.</summary>
public enum UpdateKind
{
    /// <summary>Stochastic gradient descent, with optional momentum (heavy-ball or Nesterov). State: velocity.</summary>
    Sgd,

    /// <summary>AdaGrad: steps scaled by the root of the running sum of squared gradients. State: the sum.</summary>
    AdaGrad,

    /// <summary>RMSProp: steps scaled by the root of a moving average of squared gradients. State: the average, the
    /// momentum buffer and the moving average of gradients (centred form).</summary>
    RmsProp,

    /// <summary>Adam (and AdamW, AMSGrad): moving averages of gradients and squared gradients. State: the two
    /// averages and the running maximum of the second (AMSGrad).</summary>
    Adam,
}

/// <summary>One optimizer step's arithmetic, the same for every element of a parameter: the F# optimizers fill it in
/// (learning rate of this step, bias corrections) and a backend applies it in place in one pass.</summary>
/// <remarks>Where PyTorch and Keras differ it is a field, so both conventions are exact:
/// <list type="bullet">
/// <item><see cref="EpsilonInsideSqrt"/>: PyTorch divides by √v + ε, Keras's RMSProp by √(v + ε).</item>
/// <item><see cref="LearningRateInVelocity"/>: PyTorch's SGD keeps v = μv + g and steps −lr·v; Keras keeps
/// v = μv − lr·g and steps +v (they differ once the learning rate changes).</item>
/// <item>Adam's bias corrections: PyTorch divides m and √v by their corrections before adding ε; Keras folds both into
/// the step size and adds ε to the uncorrected √v. Set <see cref="BiasCorrection1"/>/<see cref="BiasCorrection2"/>
/// (1 − βᵗ) and <see cref="EpsilonAfterCorrection"/>.</item>
/// </list></remarks>
public sealed record UpdateRule
{
    /// <summary>The family of update.</summary>
    public UpdateKind Kind { get; init; }

    /// <summary>The step size of this step (after any schedule or AdaGrad's decay).</summary>
    public double LearningRate { get; init; }

    /// <summary>Momentum μ (SGD, RMSProp); 0 for none.</summary>
    public double Momentum { get; init; }

    /// <summary>SGD's dampening: the velocity adds (1 − dampening)·g (PyTorch); 0 by default.</summary>
    public double Dampening { get; init; }

    /// <summary>SGD: Nesterov's look-ahead step g + μv instead of v.</summary>
    public bool Nesterov { get; init; }

    /// <summary>SGD: true when no velocity exists yet, so PyTorch starts it at g (not μ·0 + (1 − dampening)·g).</summary>
    public bool FirstStep { get; init; }

    /// <summary>SGD in Keras's form: v = μv − lr·g, p += v (Nesterov: p += μv − lr·g).</summary>
    public bool LearningRateInVelocity { get; init; }

    /// <summary>L2 penalty added to the gradient: g + λ·p (PyTorch's weight_decay).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Decoupled weight decay (AdamW): p ← p·(1 − lr·λ) before the step, instead of g + λ·p.</summary>
    public double DecoupledWeightDecay { get; init; }

    /// <summary>The decay ρ of RMSProp's average, or Adam's β₁.</summary>
    public double Beta1 { get; init; }

    /// <summary>Adam's β₂.</summary>
    public double Beta2 { get; init; }

    /// <summary>The ε that keeps the denominator away from zero.</summary>
    public double Epsilon { get; init; }

    /// <summary>RMSProp (Keras): divide by √(v + ε) rather than √v + ε.</summary>
    public bool EpsilonInsideSqrt { get; init; }

    /// <summary>RMSProp's centred form: divide by √(v − ḡ²) with ḡ the moving average of gradients.</summary>
    public bool Centered { get; init; }

    /// <summary>Adam: AMSGrad keeps the running maximum of v and divides by it.</summary>
    public bool AmsGrad { get; init; }

    /// <summary>Adam: 1 − β₁ᵗ at this step t (1 for no correction).</summary>
    public double BiasCorrection1 { get; init; } = 1.0;

    /// <summary>Adam: 1 − β₂ᵗ at this step t (1 for no correction).</summary>
    public double BiasCorrection2 { get; init; } = 1.0;

    /// <summary>Adam (PyTorch): ε is added after correcting √v (√v̂ + ε); false for Keras, which adds it to √v and
    /// scales the step by √(1 − β₂ᵗ)/(1 − β₁ᵗ).</summary>
    public bool EpsilonAfterCorrection { get; init; } = true;

    /// <summary>Checks the operands of an update as every backend must: as many state buffers as the rule keeps, the
    /// gradient and each buffer of the parameter's shape, dtype and device, and a float32/float64 parameter.</summary>
    /// <exception cref="ShapeMismatchException">The gradient or a state buffer is not shaped like the parameter.</exception>
    /// <exception cref="DTypeMismatchException">They differ in dtype, or it is not float32/float64.</exception>
    /// <exception cref="DeviceMismatchException">They are not on one device.</exception>
    /// <exception cref="ArgumentException">The state count differs from the rule's.</exception>
    public void CheckOperands(RawTensor parameter, RawTensor gradient, RawTensor[] state)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(state);
        const string op = "applyUpdate";
        if (state.Length != StateCount)
            throw new ArgumentException(
                $"{op}: expected {StateCount} state buffers for {Kind}, received {state.Length}", nameof(state));
        foreach (var t in state)
            Same(parameter, t, "state");
        Same(parameter, gradient, "gradient");
        if (!parameter.DType.IsFloatingPoint())
            throw new DTypeMismatchException(op, "a float32 or float64 parameter", parameter.DType.Name());

        static void Same(RawTensor parameter, RawTensor other, string what)
        {
            if (other.Shape != parameter.Shape)
                ShapeRules.Fail(op, $"a {what} of shape {parameter.Shape}", $"{other.Shape}");
            if (other.DType != parameter.DType)
                throw new DTypeMismatchException(op, $"a {what} of dtype {parameter.DType.Name()}", other.DType.Name());
            if (other.Device != parameter.Device)
                throw new DeviceMismatchException(op, $"a {what} on {parameter.Device}", $"{other.Device}");
        }
    }

    /// <summary>This rule with <see cref="FirstStep"/> set: for a parameter's first update.</summary>
    public UpdateRule AsFirstStep() => this with { FirstStep = true };

    /// <summary>How many state buffers (shaped like the parameter) this rule reads and writes.</summary>
    public int StateCount => Kind switch
    {
        UpdateKind.Sgd => 1,
        UpdateKind.AdaGrad => 1,
        UpdateKind.RmsProp => 3,
        UpdateKind.Adam => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "updateRule: unknown kind"),
    };
}
