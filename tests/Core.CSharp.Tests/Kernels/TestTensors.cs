using System;
using System.Collections.Generic;
using System.Linq;
using Functional.Core.Tensors;

namespace Functional.Core.Tests.Kernels;

/// <summary>Builds tensors from doubles in any dtype, reads them back, and compares with a tolerance.</summary>
internal static class TestTensors
{
    public static IBackend Cpu => Backends.Cpu;

    /// <summary>f() computed with <see cref="Functional.Core.Kernels.CpuSettings.Threads"/> set to
    /// <paramref name="threads"/>, restored afterwards.</summary>
    public static T OnThreads<T>(int threads, Func<T> f)
    {
        int saved = Functional.Core.Kernels.CpuSettings.Threads;
        try
        {
            Functional.Core.Kernels.CpuSettings.Threads = threads;
            return f();
        }
        finally
        {
            Functional.Core.Kernels.CpuSettings.Threads = saved;
        }
    }

    /// <summary>A contiguous tensor of <paramref name="dtype"/> holding <paramref name="values"/>.</summary>
    public static RawTensor Make(DType dtype, double[] values, params int[] dims) =>
        Cpu.FromHostArray(Convert(dtype, values), new Shape(dims));

    public static Array Convert(DType dtype, double[] values) => dtype switch
    {
        DType.Float32 => values.Select(v => (float)v).ToArray(),
        DType.Float64 => (double[])values.Clone(),
        DType.Int32 => values.Select(v => (int)v).ToArray(),
        _ => values.Select(v => (long)v).ToArray(),
    };

    /// <summary>The elements, row-major, as doubles.</summary>
    public static double[] Read(RawTensor x) => Cpu.ToHostArray(x) switch
    {
        float[] f => f.Select(v => (double)v).ToArray(),
        double[] d => d,
        int[] i => i.Select(v => (double)v).ToArray(),
        long[] l => l.Select(v => (double)v).ToArray(),
        var a => throw new InvalidOperationException($"unexpected array {a.GetType()}"),
    };

    /// <summary>Tolerance matching the dtype: float32 results of short computations agree to ~1e-6.</summary>
    public static double Tolerance(DType dtype) => dtype == DType.Float32 ? 1e-5 : 1e-12;

    /// <summary>Checks shape and every element within |Δ| ≤ tol·(1 + |expected|); NaN must meet NaN and
    /// infinities must match exactly.</summary>
    public static void Close(double[] expected, RawTensor actual, double tol, params int[] dims)
    {
        Assert.Equal(new Shape(dims), actual.Shape);
        var got = Read(actual);
        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = got[i];
            bool ok = double.IsNaN(e) ? double.IsNaN(a)
                : double.IsInfinity(e) ? e == a
                : Math.Abs(a - e) <= tol * (1 + Math.Abs(e));
            Assert.True(ok, $"at {i}: expected {e}, actual {a}, tolerance {tol} (all: [{string.Join(", ", got)}])");
        }
    }

    /// <summary>Exact comparison (integers, copies, layout ops).</summary>
    public static void Equal(double[] expected, RawTensor actual, params int[] dims) =>
        Close(expected, actual, 0, dims);

    /// <summary>The same values as a contiguous tensor of <paramref name="dims"/> laid out three other ways:
    /// at a nonzero offset, column-major (permuted strides), and every other element of a larger buffer.
    /// Built by hand so that they do not depend on the kernels under test.</summary>
    public static IEnumerable<(string Layout, RawTensor View)> Views(DType dtype, double[] values, params int[] dims)
    {
        var shape = new Shape(dims);
        int n = shape.NumElements;
        var contiguous = shape.ContiguousStrides();

        var padded = new double[n + 3];
        Array.Fill(padded, double.NaN);
        Array.Copy(values, 0, padded, 3, n);
        yield return ("offset 3", new RawTensor(Storage(dtype, padded), shape, contiguous, 3));

        var columnMajor = new int[dims.Length];
        for (int k = 0, s = 1; k < dims.Length; s *= Math.Max(dims[k], 1), k++) columnMajor[k] = s;
        var fortran = new double[n];
        for (int i = 0; i < n; i++) fortran[Position(i, dims, columnMajor, 0)] = values[i];
        yield return ("column-major", new RawTensor(Storage(dtype, fortran), shape, columnMajor, 0));

        var big = new Shape(dims.Select(d => 2 * d).ToArray());
        var strided = big.ContiguousStrides().Select(s => 2 * s).ToArray();
        var sparse = new double[big.NumElements + 1];
        Array.Fill(sparse, double.NaN);
        for (int i = 0; i < n; i++) sparse[Position(i, dims, strided, 1)] = values[i];
        yield return ("step 2 with offset 1", new RawTensor(Storage(dtype, sparse), shape, strided, 1));
    }

    private static TensorStorage Storage(DType dtype, double[] values) => Convert(dtype, values) switch
    {
        float[] f => new CpuStorage<float>(f),
        double[] d => new CpuStorage<double>(d),
        int[] i => new CpuStorage<int>(i),
        long[] l => new CpuStorage<long>(l),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Storage position of row-major element <paramref name="flat"/> under the given strides.</summary>
    private static int Position(int flat, int[] dims, int[] strides, int offset)
    {
        int p = offset;
        for (int k = dims.Length - 1; k >= 0; k--)
        {
            p += flat % dims[k] * strides[k];
            flat /= dims[k];
        }
        return p;
    }
}
