using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Functional.Core.Optim;

/// <summary>The CPU kernel of <see cref="UpdateRule"/>: one fused, in-place pass over a parameter, its gradient and
/// its state, written once for float and double.</summary>
internal static class ParameterUpdate
{
    /// <summary>Applies <paramref name="rule"/> to every element; the spans have one length.</summary>
    public static void Apply<T>(UpdateRule rule, Span<T> p, ReadOnlySpan<T> g, Span<T> s0, Span<T> s1, Span<T> s2)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (rule.Kind)
        {
            case UpdateKind.Sgd: Sgd(rule, p, g, s0); break;
            case UpdateKind.AdaGrad: AdaGrad(rule, p, g, s0); break;
            case UpdateKind.RmsProp: RmsProp(rule, p, g, s0, s1, s2); break;
            case UpdateKind.Adam: Adam(rule, p, g, s0, s1, s2); break;
            default: throw new ArgumentOutOfRangeException(nameof(rule), rule.Kind, "parameterUpdate: unknown kind");
        }
    }

    private static T C<T>(double x) where T : unmanaged, IFloatingPointIeee754<T> => T.CreateTruncating(x);

    /// <summary>The gradient with the L2 penalty, after decoupled decay has shrunk the parameter.</summary>
    private static T Gradient<T>(UpdateRule rule, Span<T> p, ReadOnlySpan<T> g, int i, T wd, T shrink)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rule.DecoupledWeightDecay != 0) p[i] *= shrink;
        return rule.WeightDecay != 0 ? g[i] + wd * p[i] : g[i];
    }

    private static void Sgd<T>(UpdateRule rule, Span<T> p, ReadOnlySpan<T> g, Span<T> v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T lr = C<T>(rule.LearningRate), mu = C<T>(rule.Momentum), keep = C<T>(1 - rule.Dampening);
        T wd = C<T>(rule.WeightDecay), shrink = C<T>(1 - rule.LearningRate * rule.DecoupledWeightDecay);
        for (int i = 0; i < p.Length; i++)
        {
            T gi = Gradient(rule, p, g, i, wd, shrink);
            if (rule.Momentum == 0)
            {
                p[i] -= lr * gi;
            }
            else if (rule.LearningRateInVelocity)
            {
                v[i] = mu * v[i] - lr * gi;
                p[i] += rule.Nesterov ? mu * v[i] - lr * gi : v[i];
            }
            else
            {
                v[i] = rule.FirstStep ? gi : mu * v[i] + keep * gi;
                p[i] -= lr * (rule.Nesterov ? gi + mu * v[i] : v[i]);
            }
        }
    }

    private static void AdaGrad<T>(UpdateRule rule, Span<T> p, ReadOnlySpan<T> g, Span<T> sum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T lr = C<T>(rule.LearningRate), eps = C<T>(rule.Epsilon), wd = C<T>(rule.WeightDecay);
        T shrink = C<T>(1 - rule.LearningRate * rule.DecoupledWeightDecay);
        for (int i = 0; i < p.Length; i++)
        {
            T gi = Gradient(rule, p, g, i, wd, shrink);
            sum[i] += gi * gi;
            p[i] -= lr * gi / (rule.EpsilonInsideSqrt ? T.Sqrt(sum[i] + eps) : T.Sqrt(sum[i]) + eps);
        }
    }

    private static void RmsProp<T>(UpdateRule rule, Span<T> p, ReadOnlySpan<T> g, Span<T> sq, Span<T> buf, Span<T> avg)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T lr = C<T>(rule.LearningRate), rho = C<T>(rule.Beta1), rest = C<T>(1 - rule.Beta1);
        T mu = C<T>(rule.Momentum), eps = C<T>(rule.Epsilon), wd = C<T>(rule.WeightDecay);
        T shrink = C<T>(1 - rule.LearningRate * rule.DecoupledWeightDecay);
        for (int i = 0; i < p.Length; i++)
        {
            T gi = Gradient(rule, p, g, i, wd, shrink);
            sq[i] = rho * sq[i] + rest * gi * gi;
            T v = sq[i];
            if (rule.Centered)
            {
                avg[i] = rho * avg[i] + rest * gi;
                v -= avg[i] * avg[i];
            }
            T denominator = rule.EpsilonInsideSqrt ? T.Sqrt(v + eps) : T.Sqrt(v) + eps;
            if (rule.Momentum != 0)
            {
                // PyTorch: buf = μ·buf + g/d, p −= lr·buf; Keras: buf = μ·buf + lr·g/d, p −= buf (same for fixed lr).
                buf[i] = rule.LearningRateInVelocity ? mu * buf[i] + lr * gi / denominator : mu * buf[i] + gi / denominator;
                p[i] -= rule.LearningRateInVelocity ? buf[i] : lr * buf[i];
            }
            else
            {
                p[i] -= lr * gi / denominator;
            }
        }
    }

    private static void Adam<T>(UpdateRule rule, Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, Span<T> vMax)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T b1 = C<T>(rule.Beta1), b2 = C<T>(rule.Beta2), eps = C<T>(rule.Epsilon), wd = C<T>(rule.WeightDecay);
        T rest1 = C<T>(1 - rule.Beta1), rest2 = C<T>(1 - rule.Beta2);
        T shrink = C<T>(1 - rule.LearningRate * rule.DecoupledWeightDecay);
        // PyTorch: p −= (lr/c1)·m / (√v/√c2 + ε). Keras: p −= lr·√c2/c1 · m / (√v + ε).
        T inverseSqrtC2 = rule.EpsilonAfterCorrection ? C<T>(1 / Math.Sqrt(rule.BiasCorrection2)) : T.One;
        T stepSize = rule.EpsilonAfterCorrection
            ? C<T>(rule.LearningRate / rule.BiasCorrection1)
            : C<T>(rule.LearningRate * Math.Sqrt(rule.BiasCorrection2) / rule.BiasCorrection1);
        bool decay = rule.WeightDecay != 0, decoupled = rule.DecoupledWeightDecay != 0, ams = rule.AmsGrad;

        // The same arithmetic, Vector<T> lanes at a time, then the tail one by one.
        int i = 0;
        if (Vector.IsHardwareAccelerated && p.Length >= Vector<T>.Count)
        {
            var pv = MemoryMarshal.Cast<T, Vector<T>>(p);
            var gv = MemoryMarshal.Cast<T, Vector<T>>(g);
            var mv = MemoryMarshal.Cast<T, Vector<T>>(m);
            var vv = MemoryMarshal.Cast<T, Vector<T>>(v);
            var xv = ams ? MemoryMarshal.Cast<T, Vector<T>>(vMax) : default;
            Vector<T> b1v = new(b1), b2v = new(b2), r1 = new(rest1), r2 = new(rest2), epsv = new(eps);
            Vector<T> wdv = new(wd), shrinkv = new(shrink), scale = new(inverseSqrtC2), step = new(stepSize);
            for (int k = 0; k < pv.Length; k++)
            {
                var pk = pv[k];
                if (decoupled) pk *= shrinkv;
                var gk = decay ? gv[k] + wdv * pk : gv[k];
                var mk = b1v * mv[k] + r1 * gk;
                var vk = b2v * vv[k] + r2 * gk * gk;
                mv[k] = mk;
                vv[k] = vk;
                var second = vk;
                if (ams)
                {
                    second = Vector.Max(xv[k], vk);
                    xv[k] = second;
                }
                pv[k] = pk - step * mk / (Vector.SquareRoot(second) * scale + epsv);
            }
            i = pv.Length * Vector<T>.Count;
        }
        for (; i < p.Length; i++)
        {
            T pi = p[i];
            if (decoupled) pi *= shrink;
            T gi = decay ? g[i] + wd * pi : g[i];
            m[i] = b1 * m[i] + rest1 * gi;
            v[i] = b2 * v[i] + rest2 * gi * gi;
            T second = v[i];
            if (ams)
            {
                vMax[i] = T.Max(vMax[i], v[i]);
                second = vMax[i];
            }
            p[i] = pi - stepSize * m[i] / (T.Sqrt(second) * inverseSqrtC2 + eps);
        }
    }
}
