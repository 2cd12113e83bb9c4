using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Functional.Core.Kernels;

/// <summary>Each thread's packing buffers for one element type: pinned, 64-byte aligned (one cache line, one
/// 512-bit vector), grown on demand and reused, so the blocked loops allocate nothing.</summary>
internal static unsafe class PackBuffers<T> where T : unmanaged
{
    private const int Align = 64;

    [ThreadStatic]
    private static T[]? _a;

    [ThreadStatic]
    private static T[]? _b;

    /// <summary>This thread's A buffer, at least <paramref name="length"/> elements.</summary>
    public static T* A(int length) => Aligned(ref _a, length);

    /// <summary>This thread's B buffer, at least <paramref name="length"/> elements.</summary>
    public static T* B(int length) => Aligned(ref _b, length);

    private static T* Aligned(ref T[]? buffer, int length)
    {
        int slack = Align / Unsafe.SizeOf<T>();
        if (buffer is null || buffer.Length < length + slack)
            buffer = GC.AllocateUninitializedArray<T>(length + slack, pinned: true);
        // The array lives on the pinned object heap, so its address is stable while this thread holds it.
        nint p = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (T*)((p + Align - 1) & ~(nint)(Align - 1));
    }
}
