namespace Functional.Core.Tensors;

/// <summary>The kind of hardware a tensor lives on.</summary>
public enum DeviceKind
{
    /// <summary>Host memory, computed by the CPU backend.</summary>
    Cpu,
    /// <summary>An NVIDIA GPU.</summary>
    Cuda,
}

/// <summary>Where a tensor's storage lives: a kind and an ordinal (GPU number).</summary>
/// <param name="Kind">The hardware kind.</param>
/// <param name="Index">The ordinal among devices of that kind (0 for the CPU).</param>
public readonly record struct Device(DeviceKind Kind, int Index)
{
    /// <summary>The host CPU, the default device.</summary>
    public static Device Cpu { get; } = new(DeviceKind.Cpu, 0);

    /// <summary>The first CUDA GPU.</summary>
    public static Device Cuda { get; } = new(DeviceKind.Cuda, 0);

    /// <summary><c>cpu</c> or <c>cuda:N</c>.</summary>
    public override string ToString() => Kind == DeviceKind.Cpu ? "cpu" : $"cuda:{Index}";
}
