using System;
using Functional.Core.Tensors;

namespace Functional.Gpu;

/// <summary>The GPU backend's own argument check: that a tensor lives in this backend's memory. Every other check is
/// the CPU backend's (Functional.Core.Kernels.Checks), so both give the same exception types and messages.</summary>
internal static class GpuChecks
{
    /// <summary>Throws unless <paramref name="x"/> is non-null and lives in <paramref name="backend"/>'s memory.</summary>
    public static void On(GpuBackend backend, string op, RawTensor x, string paramName)
    {
        ArgumentNullException.ThrowIfNull(x, paramName);
        if (x.Device != backend.Device)
            throw new DeviceMismatchException(op, $"{paramName} on {backend.Device}", x.Device.ToString());
        if (!backend.Owns(x.Storage))
            throw new DeviceMismatchException(op, $"{paramName} in the memory of the current {backend.Device} backend",
                $"a {x.Storage.GetType().Name} of another (disposed or replaced) backend");
    }
}
