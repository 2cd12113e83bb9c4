using System;
using System.Linq;
using Functional.Core.Tensors;
using ILGPU;
using ILGPU.Runtime;
using Device = Functional.Core.Tensors.Device;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace Functional.Gpu;

/// <summary>Opens the GPU backend and registers it for <see cref="Device.Cuda"/>, after which every tensor op on a tensor
/// of that device runs there: <c>Gpu.Use(); x.ToDevice(Device.Cuda)</c>. The default device stays the CPU; nothing falls
/// back silently.</summary>
public static class Gpu
{
    private static readonly object Gate = new();
    private static GpuBackend? s_current;
    private static string? s_probe;
    private static int s_cudaDevices = -1;

    /// <summary>True when ILGPU finds at least one CUDA device (an NVIDIA GPU with its driver).</summary>
    public static bool IsAvailable => CudaDeviceCount > 0;

    /// <summary>The number of CUDA devices ILGPU finds (0 without an NVIDIA GPU or its driver).</summary>
    public static int CudaDeviceCount
    {
        get
        {
            Probe();
            return s_cudaDevices;
        }
    }

    /// <summary>What the probe found, in words: each CUDA device, or why there is none.</summary>
    public static string Describe()
    {
        Probe();
        return s_probe!;
    }

    /// <summary>The backend opened by <see cref="Use()"/> or <see cref="UseCpuAccelerator"/> (null before, and after
    /// <see cref="Shutdown"/>).</summary>
    public static GpuBackend? Current
    {
        get
        {
            lock (Gate) return s_current;
        }
    }

    /// <summary>Opens the first CUDA GPU and registers its backend for <see cref="Device.Cuda"/> (cuda:0). Calling it
    /// again returns the same backend.</summary>
    /// <exception cref="InvalidOperationException">No CUDA device is present (the message says what ILGPU
    /// found).</exception>
    public static GpuBackend Use() => Use(0);

    /// <summary>Opens CUDA GPU number <paramref name="ordinal"/> and registers its backend for cuda:ordinal (replacing
    /// a backend opened before, which is disposed).</summary>
    /// <exception cref="InvalidOperationException">There is no CUDA device of that ordinal.</exception>
    public static GpuBackend Use(int ordinal)
    {
        lock (Gate)
        {
            var device = new Device(DeviceKind.Cuda, ordinal);
            if (s_current is { IsDisposed: false, IsCpuAccelerator: false } open && open.Device == device) return open;
            Probe();
            if (ordinal < 0 || ordinal >= s_cudaDevices)
                throw new InvalidOperationException(
                    $"gpu: expected a CUDA device {ordinal}, received {s_cudaDevices} CUDA devices ({s_probe}). " +
                    "The GPU backend needs an NVIDIA GPU and its driver (libcuda); " +
                    "Gpu.UseCpuAccelerator() runs the same kernels on the CPU.");
            var context = Context.Create(b => b.Cuda().EnableAlgorithms());
            try
            {
                var accelerator = context.GetCudaDevice(ordinal).CreateAccelerator(context);
                return Register(new GpuBackend(context, accelerator, device, ownsContext: true));
            }
            catch
            {
                context.Dispose();
                throw;
            }
        }
    }

    /// <summary>Registers the GPU backend for <see cref="Device.Cuda"/> on ILGPU's CPU accelerator, which runs the same
    /// kernels (grouping, shared memory and barriers included) on the host: for tests and CI on machines without a
    /// GPU, not for speed. Tensors on cuda:0 then live in host memory owned by the accelerator. The simulated device
    /// has warps of 32 and groups of up to 256 threads, as the kernels use on a GPU, and every array access in a kernel
    /// is bounds-checked (ILGPU's assertions), so an indexing bug fails here rather than corrupting memory.</summary>
    public static GpuBackend UseCpuAccelerator()
    {
        lock (Gate)
        {
            if (s_current is { IsDisposed: false, IsCpuAccelerator: true } open) return open;
            // Assertions: every view access in a kernel is bounds-checked, which a GPU does not do.
            var context = Context.Create(b => b.CPU(new CPUDevice(32, 8, 1)).EnableAlgorithms().Assertions());
            try
            {
                var accelerator = context.CreateCPUAccelerator(0, CPUAcceleratorMode.Parallel);
                return Register(new GpuBackend(context, accelerator, Device.Cuda, ownsContext: true));
            }
            catch
            {
                context.Dispose();
                throw;
            }
        }
    }

    /// <summary>Disposes the current backend (its memory, accelerator and context). Tensors on its device become
    /// unusable, and so does the device until <see cref="Use()"/> or <see cref="UseCpuAccelerator"/> opens it again
    /// (the registry keeps the disposed backend, which throws <see cref="ObjectDisposedException"/>).</summary>
    public static void Shutdown()
    {
        lock (Gate)
        {
            s_current?.Dispose();
            s_current = null;
        }
    }

    private static GpuBackend Register(GpuBackend backend)
    {
        s_current?.Dispose();
        s_current = backend;
        Backends.Register(backend);
        return backend;
    }

    private static void Probe()
    {
        lock (Gate)
        {
            if (s_probe is not null) return;
            try
            {
                using var context = Context.Create(b => b.Cuda());
                var devices = context.GetCudaDevices();
                s_cudaDevices = devices.Count;
                var names = new string[devices.Count];
                for (int i = 0; i < names.Length; i++)
                    names[i] = $"cuda:{i} {devices[i].Name}, {devices[i].MemorySize >> 20} MiB, " +
                        $"compute capability {devices[i].Architecture}";
                s_probe = devices.Count == 0
                    ? "ILGPU found no CUDA device: no NVIDIA GPU, or no driver (libcuda) to reach it"
                    : string.Join("; ", names);
            }
            catch (Exception ex)
            {
                s_cudaDevices = 0;
                s_probe = $"ILGPU could not query CUDA ({ex.GetType().Name}: {ex.Message})";
            }
        }
    }
}
