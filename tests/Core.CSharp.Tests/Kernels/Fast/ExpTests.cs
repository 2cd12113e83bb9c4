using System;
using System.Linq;
using Functional.Core.Kernels;
using Functional.Core.Tensors;
using static Functional.Core.Tests.Kernels.Fast.FastData;

namespace Functional.Core.Tests.Kernels.Fast;

public class ExpTests
{
    [Fact]
    public void Exp_gives_the_same_bits_for_the_same_values_at_any_alignment_in_or_out_of_place()
    {
        // TensorPrimitives.Exp alone gives alignment-dependent doubles next to NaN, ±∞ or ±1000.
        foreach (int n in Lengths.Append(1500))
        {
            var values = Values(n, n);
            var expected = new double[n];
            Exp.Of<double>(values, expected);
            var expectedF = new float[n];
            Exp.Of<float>(values.Select(v => (float)v).ToArray(), expectedF);
            for (int offset = 1; offset < 8; offset++)
            {
                var src = new double[n + 8];
                values.CopyTo(src, offset);
                var dst = new double[n + 8];
                Exp.Of<double>(src.AsSpan(offset, n), dst.AsSpan(8 - offset, n));
                Agree(expected, dst[(8 - offset)..(8 - offset + n)], DType.Float64, 0, $"double n={n} at {offset}");
                Exp.InPlace(src.AsSpan(offset, n));
                Agree(expected, src[offset..(offset + n)], DType.Float64, 0, $"double in place n={n} at {offset}");
                var srcF = new float[n + 16];
                values.Select(v => (float)v).ToArray().CopyTo(srcF, offset);
                var dstF = new float[n + 16];
                Exp.Of<float>(srcF.AsSpan(offset, n), dstF.AsSpan(16 - offset, n));
                Agree(expectedF.Select(v => (double)v).ToArray(),
                    dstF[(16 - offset)..(16 - offset + n)].Select(v => (double)v).ToArray(), DType.Float32, 0,
                    $"float n={n} at {offset}");
            }
        }
    }

    [Fact]
    public void Exp_agrees_with_Math_Exp_within_4_ulps_and_keeps_NaN_and_infinities()
    {
        var x = Values(1000, 9).Concat(new[] { 709.5, -745.0, 88.5, -103.0 }).ToArray();
        var y = new double[x.Length];
        Exp.Of<double>(x, y);
        Agree(x.Select(Math.Exp).ToArray(), y, DType.Float64, 4, "double");
        var xf = x.Select(v => (float)v).ToArray();
        var yf = new float[x.Length];
        Exp.Of<float>(xf, yf);
        Agree(xf.Select(v => (double)MathF.Exp(v)).ToArray(), yf.Select(v => (double)v).ToArray(), DType.Float32, 4,
            "float");
    }
}
