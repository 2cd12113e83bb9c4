using System;
using System.Linq;
using Functional.Core.Tensors;
using Functional.CSharp;
using Functional.Nn;

namespace Functional.Core.Tests.Consumer;

/// <summary>The data and small networks the C# network tests share.</summary>
internal static class NetworkExamples
{
    /// XOR on the corners of the square [−1, 1]²: not linearly separable, so the hidden layer has to work.
    internal static readonly Tensor XorInputs =
        Tensor.FromArray(new double[] { -1, -1, -1, 1, 1, -1, 1, 1 }, new[] { 4, 2 });

    internal static readonly Tensor XorTargets = Tensor.FromArray(new double[] { 0, 1, 1, 0 }, new[] { 4, 1 });

    /// Eight points of two classes split by the line x₀ + x₁ = 0 (float32, as networks default to).
    internal static readonly Tensor LineInputs = Tensor.FromArray(
        new float[] { 1, 2, 2, 1, 0.5f, 1.5f, 3, -1, -1, -2, -2, -0.5f, -1.5f, 0.5f, 1, -3 }, new[] { 8, 2 });

    internal static readonly Tensor LineTargets =
        Tensor.FromArray(new float[] { 1, 1, 1, 1, 0, 0, 0, 0 }, new[] { 8, 1 });

    internal static Model XorNetwork() =>
        new Linear(2, 8, new Random(1), init: Init.KaimingUniform, dtype: DType.Float64)
            .Then(new Tanh())
            .Then(new Linear(8, 1, new Random(2), dtype: DType.Float64));

    internal static Model SmallNetwork(int seed) =>
        new Linear(2, 4, new Random(seed)).Then(new Tanh()).Then(new Linear(4, 1, new Random(seed + 1)));

    // Parameter is [<AllowNullLiteral>], so F#'s nullness checking annotates every Parameter it hands out as
    // nullable (Parameter?): C# needs the ! although none is ever null.
    internal static double[][] Weights(Model model) =>
        model.Parameters.Select(p => p!.Value.ToFloatArray()).ToArray();
}
