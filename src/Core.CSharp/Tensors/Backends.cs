using System.Collections.Concurrent;
using Functional.Core.Kernels;

namespace Functional.Core.Tensors;

/// <summary>The registry of backends, one per device. The CPU backend is always present; a GPU backend
/// registers itself when its device is opened.</summary>
public static class Backends
{
    private static readonly ConcurrentDictionary<Device, IBackend> Registry = new();

    static Backends() => Registry[Device.Cpu] = new CpuBackend();

    /// <summary>The backend for <paramref name="device"/>.</summary>
    /// <exception cref="DeviceMismatchException">No backend serves that device.</exception>
    public static IBackend For(Device device) =>
        Registry.TryGetValue(device, out var b)
            ? b
            : throw new DeviceMismatchException("backend", "a device with a registered backend (cpu, or an opened GPU)", device.ToString());

    /// <summary>The CPU backend.</summary>
    public static IBackend Cpu => For(Device.Cpu);

    /// <summary>Registers (or replaces) the backend of its device.</summary>
    public static void Register(IBackend backend)
    {
        System.ArgumentNullException.ThrowIfNull(backend);
        Registry[backend.Device] = backend;
    }
}
