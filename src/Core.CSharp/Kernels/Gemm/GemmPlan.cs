using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Functional.Core.Kernels;

/// <summary>The instruction set a GEMM micro-kernel is written for.</summary>
internal enum GemmIsa
{
    /// <summary>Plain scalar fused multiply-adds: the fallback on hardware without the vector paths.</summary>
    Scalar,

    /// <summary>AVX2 + FMA, 16 registers of 256 bits: a 6 × 2-vector tile.</summary>
    Vector256,

    /// <summary>AVX-512, 32 registers of 512 bits: a 6 × 4-vector tile.</summary>
    Vector512,
}

/// <summary>How one GEMM call runs: the micro-kernel's instruction set, the cache blocks, the thread count and
/// whether small products take the direct (unpacked) path. Tests override each to reach every code path.</summary>
/// <param name="Isa">The micro-kernel's instruction set.</param>
/// <param name="Mc">Rows of A packed at once (a multiple of <see cref="Mr"/>): the packed A block, Mc × Kc,
/// lives in L2/L3 and is reused for every column of C.</param>
/// <param name="Kc">Depth of one pass: the packed A micro-panel, Mr × Kc, stays in L1 while the B
/// micro-panels stream past it from L2.</param>
/// <param name="Nc">Columns of B packed at once (a multiple of the wide tile): the packed B block, Kc × Nc,
/// stays in L2 while every A micro-panel sweeps it.</param>
/// <param name="Threads">Threads that may share the blocks of C (1 or more).</param>
/// <param name="ParallelWork">Products of fewer multiply-adds (m·n·k, all batches) run on the calling thread.</param>
/// <param name="Direct">Whether products of at most <see cref="Gemm.DirectWork"/> multiply-adds skip packing.</param>
internal readonly record struct GemmPlan(
    GemmIsa Isa, int Mc, int Kc, int Nc, int Threads, long ParallelWork, bool Direct)
{
    /// <summary>Rows of a micro-tile (the A values broadcast per step).</summary>
    public const int Mr = 6;

    /// <summary>The widest instruction set this machine runs fast.</summary>
    public static GemmIsa BestIsa { get; } =
        Avx512F.IsSupported && Vector512.IsHardwareAccelerated ? GemmIsa.Vector512
        : Fma.IsSupported && Vector256.IsHardwareAccelerated ? GemmIsa.Vector256
        : GemmIsa.Scalar;

    /// <summary>Columns of the wide micro-tile: 4 vectors (512-bit), 2 vectors (256-bit) or 4 scalars.</summary>
    public static int WideNr<T>(GemmIsa isa) where T : unmanaged => isa switch
    {
        GemmIsa.Vector512 => 4 * Vector512<T>.Count,
        GemmIsa.Vector256 => 2 * Vector256<T>.Count,
        _ => 4,
    };

    /// <summary>Columns of the narrow micro-tile that takes a block's last columns: one vector, or one scalar.
    /// It keeps the zero padding of a thin C (n = 10, say) under one vector.</summary>
    public static int NarrowNr<T>(GemmIsa isa) where T : unmanaged => isa switch
    {
        GemmIsa.Vector512 => Vector512<T>.Count,
        GemmIsa.Vector256 => Vector256<T>.Count,
        _ => 1,
    };

    /// <summary>The plan for this machine (Zen 4: 32 KiB L1d, 1 MiB L2 per core, 32 MiB L3). A Kc of 256 keeps
    /// the A micro-panel at 6–12 KiB of L1; an Nc of 512 float or 256 double columns keeps the B block at
    /// 512 KiB, half of L2; an Mc of 960 rows leaves the A block (1–2 MiB) to L3, so B is packed again only every
    /// 960 rows. Measured best of the neighbouring choices at n = 2048.</summary>
    public static GemmPlan Default<T>(int threads) where T : unmanaged
    {
        int wide = WideNr<T>(BestIsa);
        int nc = Math.Max(wide, 2048 / Unsafe.SizeOf<T>() / wide * wide);
        return new GemmPlan(BestIsa, 960, 256, nc, threads, Gemm.ParallelWork, Direct: true);
    }
}
