using System;
using System.Linq;
using Functional.Core.Kernels;
using Functional.Core.Optim;
using Functional.Core.Tensors;
using Xunit;

namespace Functional.Core.Tests.Kernels.Fast;

/// <summary>Optimizer updates of large parameters split over the kernel threads: every rule gives the same bits on
/// one thread and on two.</summary>
public sealed class UpdateThreadsTests
{
    private static readonly IBackend Cpu = Backends.Cpu;

    public static TheoryData<string, UpdateRule> Rules() => new()
    {
        { "sgd nesterov, weight decay", new UpdateRule { Kind = UpdateKind.Sgd, LearningRate = 0.1, Momentum = 0.9, Nesterov = true, WeightDecay = 0.01 } },
        { "adagrad", new UpdateRule { Kind = UpdateKind.AdaGrad, LearningRate = 0.1, Epsilon = 1e-10 } },
        { "rmsprop centred, momentum", new UpdateRule { Kind = UpdateKind.RmsProp, LearningRate = 0.01, Beta2 = 0.99, Momentum = 0.5, Centered = true, Epsilon = 1e-8 } },
        { "adamw amsgrad", new UpdateRule { Kind = UpdateKind.Adam, LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8, AmsGrad = true, DecoupledWeightDecay = 0.01, BiasCorrection1 = 0.1, BiasCorrection2 = 0.001 } },
    };

    private static double[] Values(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
    }

    /// <summary>The parameter and state after three steps with the given thread count.</summary>
    private static long[] ThreeSteps(UpdateRule rule, DType dtype, int threads)
    {
        const int n = 300_007; // above the split threshold, not a multiple of any vector width
        RawTensor Make(double[] v) => dtype == DType.Float64
            ? Cpu.FromHostArray(v, new Shape(n))
            : Cpu.FromHostArray(v.Select(x => (float)x).ToArray(), new Shape(n));
        var parameter = Make(Values(n, 1));
        var state = Enumerable.Range(0, rule.StateCount).Select(_ => Cpu.Full(new Shape(n), dtype, 0)).ToArray();
        TestTensors.OnThreads(threads, () =>
        {
            for (int step = 0; step < 3; step++)
                Cpu.ApplyUpdate(step == 0 ? rule.AsFirstStep() : rule, parameter, Make(Values(n, 10 + step)), state);
            return true;
        });
        return new[] { parameter }.Concat(state).SelectMany(t => Cpu.ToHostArray(t) switch
        {
            float[] f => f.Select(x => (long)BitConverter.SingleToInt32Bits(x)),
            double[] d => d.Select(BitConverter.DoubleToInt64Bits),
            _ => throw new InvalidOperationException("a float tensor was expected"),
        }).ToArray();
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_rule_gives_the_same_bits_on_one_and_two_threads(string name, UpdateRule rule)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var one = ThreeSteps(rule, dtype, 1);
            Assert.True(one.SequenceEqual(ThreeSteps(rule, dtype, 2)), $"{name} {dtype}");
            // The steps moved the parameter (its first value started at Values(n, 1)[0]).
            double first = Values(1, 1)[0];
            long start = dtype == DType.Float64 ? BitConverter.DoubleToInt64Bits(first) : BitConverter.SingleToInt32Bits((float)first);
            Assert.NotEqual(start, one[0]);
        }
    }
}
