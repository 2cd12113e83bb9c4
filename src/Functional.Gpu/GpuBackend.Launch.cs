using System;
using System.Collections.Generic;
using System.Reflection;
using ILGPU;
using ILGPU.Runtime;

namespace Functional.Gpu;

// GpuBackend: loading kernels once per instantiation and launching them (one overload per kernel arity).
public sealed partial class GpuBackend
{
    private readonly Dictionary<MethodInfo, Delegate> _kernels = new();

    private TDelegate Load<TDelegate>(Delegate kernel, Func<TDelegate> load) where TDelegate : Delegate
    {
        if (_kernels.TryGetValue(kernel.Method, out var loaded)) return (TDelegate)loaded;
        var fresh = load();
        _kernels[kernel.Method] = fresh;
        return fresh;
    }

    /// <summary>Runs an implicitly grouped kernel over <paramref name="count"/> indices (nothing when 0).</summary>
    private void Launch<T1>(
        int count, Action<Index1D, T1> kernel, T1 a1)
        where T1 : struct
    {
        if (count == 0) return;
        Load(kernel, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))(count, a1);
    }

    /// <summary>Runs an implicitly grouped kernel over <paramref name="count"/> indices (nothing when 0).</summary>
    private void Launch<T1, T2>(
        int count, Action<Index1D, T1, T2> kernel, T1 a1, T2 a2)
        where T1 : struct where T2 : struct
    {
        if (count == 0) return;
        Load(kernel, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))(count, a1, a2);
    }

    /// <summary>Runs an implicitly grouped kernel over <paramref name="count"/> indices (nothing when 0).</summary>
    private void Launch<T1, T2, T3>(
        int count, Action<Index1D, T1, T2, T3> kernel, T1 a1, T2 a2, T3 a3)
        where T1 : struct where T2 : struct where T3 : struct
    {
        if (count == 0) return;
        Load(kernel, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))(count, a1, a2, a3);
    }

    /// <summary>Runs an implicitly grouped kernel over <paramref name="count"/> indices (nothing when 0).</summary>
    private void Launch<T1, T2, T3, T4>(
        int count, Action<Index1D, T1, T2, T3, T4> kernel, T1 a1, T2 a2, T3 a3, T4 a4)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct
    {
        if (count == 0) return;
        Load(kernel, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))(count, a1, a2, a3, a4);
    }

    /// <summary>Runs an implicitly grouped kernel over <paramref name="count"/> indices (nothing when 0).</summary>
    private void Launch<T1, T2, T3, T4, T5>(
        int count, Action<Index1D, T1, T2, T3, T4, T5> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct
    {
        if (count == 0) return;
        Load(kernel, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))(count, a1, a2, a3, a4, a5);
    }

    /// <summary>Runs an implicitly grouped kernel over <paramref name="count"/> indices (nothing when 0).</summary>
    private void Launch<T1, T2, T3, T4, T5, T6>(
        int count, Action<Index1D, T1, T2, T3, T4, T5, T6> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
    {
        if (count == 0) return;
        Load(kernel, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))(count, a1, a2, a3, a4, a5, a6);
    }

    /// <summary>Runs an implicitly grouped kernel over <paramref name="count"/> indices (nothing when 0).</summary>
    private void Launch<T1, T2, T3, T4, T5, T6, T7>(
        int count, Action<Index1D, T1, T2, T3, T4, T5, T6, T7> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
        where T7 : struct
    {
        if (count == 0) return;
        Load(kernel, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))(count, a1, a2, a3, a4, a5, a6, a7);
    }

    /// <summary>Runs an implicitly grouped kernel over <paramref name="count"/> indices (nothing when 0).</summary>
    private void Launch<T1, T2, T3, T4, T5, T6, T7, T8>(
        int count, Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6,
        T7 a7, T8 a8)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
        where T7 : struct where T8 : struct
    {
        if (count == 0) return;
        Load(kernel, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))(count, a1, a2, a3, a4, a5, a6, a7, a8);
    }

    /// <summary>Runs an implicitly grouped kernel over <paramref name="count"/> indices (nothing when 0).</summary>
    private void Launch<T1, T2, T3, T4, T5, T6, T7, T8, T9>(
        int count, Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6,
        T7 a7, T8 a8, T9 a9)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
        where T7 : struct where T8 : struct where T9 : struct
    {
        if (count == 0) return;
        Load(kernel, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))(count, a1, a2, a3, a4, a5, a6, a7, a8, a9);
    }

    /// <summary>Runs an implicitly grouped kernel over <paramref name="count"/> indices (nothing when 0).</summary>
    private void Launch<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(
        int count, Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5,
        T6 a6, T7 a7, T8 a8, T9 a9, T10 a10)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
        where T7 : struct where T8 : struct where T9 : struct where T10 : struct
    {
        if (count == 0) return;
        Load(kernel, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))(count, a1, a2, a3, a4, a5, a6, a7, a8, a9,
            a10);
    }

    /// <summary>Runs an implicitly grouped kernel over <paramref name="count"/> indices (nothing when 0).</summary>
    private void Launch<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>(
        int count, Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> kernel, T1 a1, T2 a2, T3 a3, T4 a4,
        T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
        where T7 : struct where T8 : struct where T9 : struct where T10 : struct where T11 : struct
    {
        if (count == 0) return;
        Load(kernel, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))(count, a1, a2, a3, a4, a5, a6, a7, a8, a9,
            a10, a11);
    }

    /// <summary>Runs an implicitly grouped kernel over <paramref name="count"/> indices (nothing when 0).</summary>
    private void Launch<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>(
        int count, Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> kernel, T1 a1, T2 a2, T3 a3,
        T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
        where T7 : struct where T8 : struct where T9 : struct where T10 : struct where T11 : struct where T12 : struct
    {
        if (count == 0) return;
        Load(kernel, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))(count, a1, a2, a3, a4, a5, a6, a7, a8, a9,
            a10, a11, a12);
    }

    /// <summary>Runs an implicitly grouped kernel over <paramref name="count"/> indices (nothing when 0).</summary>
    private void Launch<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>(
        int count, Action<Index1D, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13> kernel, T1 a1, T2 a2, T3 a3,
        T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
        where T7 : struct where T8 : struct where T9 : struct where T10 : struct where T11 : struct where T12 : struct
        where T13 : struct
    {
        if (count == 0) return;
        Load(kernel, () => _accelerator.LoadAutoGroupedStreamKernel(kernel))(count, a1, a2, a3, a4, a5, a6, a7, a8, a9,
            a10, a11, a12, a13);
    }

    /// <summary>Runs an explicitly grouped kernel (shared memory, barriers) with <paramref name="config"/>.</summary>
    private void LaunchGrouped<T1, T2>(
        KernelConfig config, Action<T1, T2> kernel, T1 a1, T2 a2)
        where T1 : struct where T2 : struct
    {
        Load(kernel, () => _accelerator.LoadStreamKernel(kernel))(config, a1, a2);
    }

    /// <summary>Runs an explicitly grouped kernel (shared memory, barriers) with <paramref name="config"/>.</summary>
    private void LaunchGrouped<T1, T2, T3>(
        KernelConfig config, Action<T1, T2, T3> kernel, T1 a1, T2 a2, T3 a3)
        where T1 : struct where T2 : struct where T3 : struct
    {
        Load(kernel, () => _accelerator.LoadStreamKernel(kernel))(config, a1, a2, a3);
    }

    /// <summary>Runs an explicitly grouped kernel (shared memory, barriers) with <paramref name="config"/>.</summary>
    private void LaunchGrouped<T1, T2, T3, T4>(
        KernelConfig config, Action<T1, T2, T3, T4> kernel, T1 a1, T2 a2, T3 a3, T4 a4)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct
    {
        Load(kernel, () => _accelerator.LoadStreamKernel(kernel))(config, a1, a2, a3, a4);
    }

    /// <summary>Runs an explicitly grouped kernel (shared memory, barriers) with <paramref name="config"/>.</summary>
    private void LaunchGrouped<T1, T2, T3, T4, T5>(
        KernelConfig config, Action<T1, T2, T3, T4, T5> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct
    {
        Load(kernel, () => _accelerator.LoadStreamKernel(kernel))(config, a1, a2, a3, a4, a5);
    }

    /// <summary>Runs an explicitly grouped kernel (shared memory, barriers) with <paramref name="config"/>.</summary>
    private void LaunchGrouped<T1, T2, T3, T4, T5, T6>(
        KernelConfig config, Action<T1, T2, T3, T4, T5, T6> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
    {
        Load(kernel, () => _accelerator.LoadStreamKernel(kernel))(config, a1, a2, a3, a4, a5, a6);
    }

    /// <summary>Runs an explicitly grouped kernel (shared memory, barriers) with <paramref name="config"/>.</summary>
    private void LaunchGrouped<T1, T2, T3, T4, T5, T6, T7>(
        KernelConfig config, Action<T1, T2, T3, T4, T5, T6, T7> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
        where T7 : struct
    {
        Load(kernel, () => _accelerator.LoadStreamKernel(kernel))(config, a1, a2, a3, a4, a5, a6, a7);
    }

    /// <summary>Runs an explicitly grouped kernel (shared memory, barriers) with <paramref name="config"/>.</summary>
    private void LaunchGrouped<T1, T2, T3, T4, T5, T6, T7, T8>(
        KernelConfig config, Action<T1, T2, T3, T4, T5, T6, T7, T8> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6,
        T7 a7, T8 a8)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
        where T7 : struct where T8 : struct
    {
        Load(kernel, () => _accelerator.LoadStreamKernel(kernel))(config, a1, a2, a3, a4, a5, a6, a7, a8);
    }

    /// <summary>Runs an explicitly grouped kernel (shared memory, barriers) with <paramref name="config"/>.</summary>
    private void LaunchGrouped<T1, T2, T3, T4, T5, T6, T7, T8, T9>(
        KernelConfig config, Action<T1, T2, T3, T4, T5, T6, T7, T8, T9> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5,
        T6 a6, T7 a7, T8 a8, T9 a9)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
        where T7 : struct where T8 : struct where T9 : struct
    {
        Load(kernel, () => _accelerator.LoadStreamKernel(kernel))(config, a1, a2, a3, a4, a5, a6, a7, a8, a9);
    }

    /// <summary>Runs an explicitly grouped kernel (shared memory, barriers) with <paramref name="config"/>.</summary>
    private void LaunchGrouped<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>(
        KernelConfig config, Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> kernel, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5,
        T6 a6, T7 a7, T8 a8, T9 a9, T10 a10)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
        where T7 : struct where T8 : struct where T9 : struct where T10 : struct
    {
        Load(kernel, () => _accelerator.LoadStreamKernel(kernel))(config, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10);
    }

    /// <summary>Runs an explicitly grouped kernel (shared memory, barriers) with <paramref name="config"/>.</summary>
    private void LaunchGrouped<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>(
        KernelConfig config, Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> kernel, T1 a1, T2 a2, T3 a3, T4 a4,
        T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
        where T7 : struct where T8 : struct where T9 : struct where T10 : struct where T11 : struct
    {
        Load(kernel, () => _accelerator.LoadStreamKernel(kernel))(config, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11);
    }

    /// <summary>Runs an explicitly grouped kernel (shared memory, barriers) with <paramref name="config"/>.</summary>
    private void LaunchGrouped<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>(
        KernelConfig config, Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> kernel, T1 a1, T2 a2, T3 a3,
        T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
        where T7 : struct where T8 : struct where T9 : struct where T10 : struct where T11 : struct where T12 : struct
    {
        Load(kernel, () => _accelerator.LoadStreamKernel(kernel))(config, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11,
            a12);
    }

    /// <summary>Runs an explicitly grouped kernel (shared memory, barriers) with <paramref name="config"/>.</summary>
    private void LaunchGrouped<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>(
        KernelConfig config, Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13> kernel, T1 a1, T2 a2, T3 a3,
        T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
        where T7 : struct where T8 : struct where T9 : struct where T10 : struct where T11 : struct where T12 : struct
        where T13 : struct
    {
        Load(kernel, () => _accelerator.LoadStreamKernel(kernel))(config, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11,
            a12, a13);
    }

    /// <summary>Runs an explicitly grouped kernel (shared memory, barriers) with <paramref name="config"/>.</summary>
    private void LaunchGrouped<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>(
        KernelConfig config, Action<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14> kernel, T1 a1, T2 a2,
        T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14)
        where T1 : struct where T2 : struct where T3 : struct where T4 : struct where T5 : struct where T6 : struct
        where T7 : struct where T8 : struct where T9 : struct where T10 : struct where T11 : struct where T12 : struct
        where T13 : struct where T14 : struct
    {
        Load(kernel, () => _accelerator.LoadStreamKernel(kernel))(config, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11,
            a12, a13, a14);
    }
}
