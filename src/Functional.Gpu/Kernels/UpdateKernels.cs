using ILGPU;
using ILGPU.Runtime;
using Functional.Core.Optim;

namespace Functional.Gpu.Kernels;

/// <summary>An <see cref="UpdateRule"/> with its constants converted to T once on the host, as one kernel
/// argument.</summary>
internal struct UpdateConstants<T> where T : unmanaged
{
    /// <summary>The <see cref="UpdateKind"/> as an int.</summary>
    public int Kind;

    /// <summary>Flags of the rule (1 = set).</summary>
    public int Decoupled, Decay, HasMomentum, Nesterov, FirstStep, LearningRateInVelocity, EpsilonInsideSqrt,
        Centered, AmsGrad;

    /// <summary>lr, μ, 1 − dampening, λ (L2), 1 − lr·λ (decoupled), ε.</summary>
    public T LearningRate, Momentum, Keep, WeightDecay, Shrink, Epsilon;

    /// <summary>β₁ (RMSProp's ρ), 1 − β₁, β₂, 1 − β₂.</summary>
    public T Beta1, Rest1, Beta2, Rest2;

    /// <summary>Adam: 1/√c₂ (PyTorch's form, else 1) and the step size.</summary>
    public T InverseSqrtC2, StepSize;
}

/// <summary>One optimizer step in place, one thread per element: the CPU backend's ParameterUpdate, element by
/// element.</summary>
internal static class UpdateKernels
{
    /// <summary>Updates p[i] and the state s0..s2 (views of the parameter's length; unused ones are never read) from
    /// g[i].</summary>
    public static void Update<T, TOps>(
        Index1D i, ArrayView<T> p, ArrayView<T> g, ArrayView<T> s0, ArrayView<T> s1, ArrayView<T> s2,
        UpdateConstants<T> r)
        where T : unmanaged where TOps : struct, IFloat<T>
    {
        TOps o = default;
        T pi = p[i];
        if (r.Decoupled != 0) pi = o.Mul(pi, r.Shrink);
        T gi = r.Decay != 0 ? o.Add(g[i], o.Mul(r.WeightDecay, pi)) : g[i];
        switch (r.Kind)
        {
            case (int)UpdateKind.Sgd:
                if (r.HasMomentum == 0)
                {
                    pi = o.Sub(pi, o.Mul(r.LearningRate, gi));
                }
                else if (r.LearningRateInVelocity != 0)
                {
                    T v = o.Sub(o.Mul(r.Momentum, s0[i]), o.Mul(r.LearningRate, gi));
                    s0[i] = v;
                    pi = o.Add(pi, r.Nesterov != 0 ? o.Sub(o.Mul(r.Momentum, v), o.Mul(r.LearningRate, gi)) : v);
                }
                else
                {
                    T v = r.FirstStep != 0 ? gi : o.Add(o.Mul(r.Momentum, s0[i]), o.Mul(r.Keep, gi));
                    s0[i] = v;
                    pi = o.Sub(pi, o.Mul(r.LearningRate, r.Nesterov != 0 ? o.Add(gi, o.Mul(r.Momentum, v)) : v));
                }
                break;
            case (int)UpdateKind.AdaGrad:
                {
                    T sum = o.Add(s0[i], o.Mul(gi, gi));
                    s0[i] = sum;
                    T d = r.EpsilonInsideSqrt != 0 ? o.Sqrt(o.Add(sum, r.Epsilon)) : o.Add(o.Sqrt(sum), r.Epsilon);
                    pi = o.Sub(pi, o.Div(o.Mul(r.LearningRate, gi), d));
                    break;
                }
            case (int)UpdateKind.RmsProp:
                {
                    T sq = o.Add(o.Mul(r.Beta1, s0[i]), o.Mul(o.Mul(r.Rest1, gi), gi));
                    s0[i] = sq;
                    T v = sq;
                    if (r.Centered != 0)
                    {
                        T avg = o.Add(o.Mul(r.Beta1, s2[i]), o.Mul(r.Rest1, gi));
                        s2[i] = avg;
                        v = o.Sub(v, o.Mul(avg, avg));
                    }
                    T d = r.EpsilonInsideSqrt != 0 ? o.Sqrt(o.Add(v, r.Epsilon)) : o.Add(o.Sqrt(v), r.Epsilon);
                    if (r.HasMomentum != 0)
                    {
                        // PyTorch: buf = μ·buf + g/d, p −= lr·buf; Keras: buf = μ·buf + lr·g/d, p −= buf.
                        T buf = r.LearningRateInVelocity != 0
                            ? o.Add(o.Mul(r.Momentum, s1[i]), o.Div(o.Mul(r.LearningRate, gi), d))
                            : o.Add(o.Mul(r.Momentum, s1[i]), o.Div(gi, d));
                        s1[i] = buf;
                        pi = o.Sub(pi, r.LearningRateInVelocity != 0 ? buf : o.Mul(r.LearningRate, buf));
                    }
                    else
                    {
                        pi = o.Sub(pi, o.Div(o.Mul(r.LearningRate, gi), d));
                    }
                    break;
                }
            default:
                {
                    // Adam. PyTorch: p −= (lr/c1)·m / (√v/√c2 + ε). Keras: p −= lr·√c2/c1 · m / (√v + ε).
                    T m = o.Add(o.Mul(r.Beta1, s0[i]), o.Mul(r.Rest1, gi));
                    T v = o.Add(o.Mul(r.Beta2, s1[i]), o.Mul(o.Mul(r.Rest2, gi), gi));
                    s0[i] = m;
                    s1[i] = v;
                    T second = v;
                    if (r.AmsGrad != 0)
                    {
                        second = o.Max(s2[i], v);
                        s2[i] = second;
                    }
                    pi = o.Sub(pi, o.Div(o.Mul(r.StepSize, m), o.Add(o.Mul(o.Sqrt(second), r.InverseSqrtC2), r.Epsilon)));
                    break;
                }
        }
        p[i] = pi;
    }
}
