using System;
using System.Threading;
using System.Threading.Tasks;

namespace Functional.Core.Kernels;

/// <summary>Process-wide settings of the CPU kernels.</summary>
public static class CpuSettings
{
    private static int _threads = Environment.ProcessorCount;

    /// <summary>How many threads a CPU kernel may use (GEMM splits C into blocks over them); by default
    /// <see cref="Environment.ProcessorCount"/>. Results do not depend on it: every element of a product is
    /// computed by one thread in a fixed order, so 1 and N threads give the same bits. With more than one, the
    /// kernels' worker threads spin for up to 200 µs after each parallel kernel before they sleep, so the next one
    /// starts at once (as OpenMP's workers do); set 1 to keep a process to a single busy thread.</summary>
    /// <example><c>CpuSettings.Threads = 1;</c></example>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int Threads
    {
        get => Volatile.Read(ref _threads);
        set
        {
            if (value < 1)
                throw new ArgumentOutOfRangeException(
                    nameof(value), value, $"cpuSettings.threads: expected at least 1, received {value}");
            Volatile.Write(ref _threads, value);
        }
    }

    /// <summary>Options that cap a <see cref="Parallel"/> loop at <see cref="Threads"/>, for algorithms outside the
    /// kernels (k-means, kNN, Gram matrices) so that one setting governs every thread the library starts.</summary>
    public static ParallelOptions ParallelOptions => new() { MaxDegreeOfParallelism = Threads };
}
