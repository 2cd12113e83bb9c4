using System;
using System.Numerics;
using System.Threading.Tasks;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>The fast matrix product C = A·B of float or double (batched) matrices: packed panels, cache blocks and
/// a register-blocked FMA micro-kernel (after Goto &amp; van de Geijn 2008, "Anatomy of high-performance matrix
/// multiplication", and the BLIS loop nest), multi-threaded over blocks of C.</summary>
/// <remarks>Operands are read through their strides, so transposed, sliced and expanded views need no copy.
/// Deterministic: each element of C is one thread's sum over k in a fixed order (fused multiply-add chains per
/// Kc pass, the passes added in order), whatever the thread count, tile or instruction set.</remarks>
internal static class Gemm
{
    /// <summary>Products of at most this many multiply-adds (m·n·k per batch) skip packing: a direct triple
    /// loop is faster than packing and padding for them (5×2 · 2×1, say).</summary>
    public const long DirectWork = 16 * 16 * 16;

    /// <summary>Products of fewer multiply-adds (all batches) run on the calling thread by default: forking
    /// costs more than it saves.</summary>
    public const long ParallelWork = 1L << 20;

    /// <summary>C[..., m, n] = A[..., m, k] · B[..., k, n] with equal batch axes (checked by the caller), using
    /// <see cref="CpuSettings.Threads"/> threads; the result is contiguous.</summary>
    public static T[] MatMul<T>(RawTensor a, RawTensor b, Shape result) where T : unmanaged, IFloatingPointIeee754<T> =>
        MatMul<T>(a, b, result, GemmPlan.Default<T>(CpuSettings.Threads));

    /// <summary>As <see cref="MatMul{T}(RawTensor, RawTensor, Shape)"/>, run as <paramref name="plan"/> says.</summary>
    public static T[] MatMul<T>(RawTensor a, RawTensor b, Shape result, GemmPlan plan)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rank = a.Shape.Rank;
        int m = a.Shape.Dims[rank - 2], k = a.Shape.Dims[rank - 1], n = b.Shape.Dims[rank - 1];
        var c = new T[result.NumElements];
        int batches = m * n == 0 ? 0 : result.NumElements / (m * n);
        if (batches == 0 || k == 0) return c;

        var batchDims = a.Shape.Dims[..(rank - 2)];
        var aBatch = new StridedIndex(batchDims, a.Strides[..(rank - 2)], a.Offset);
        var bBatch = new StridedIndex(batchDims, b.Strides[..(rank - 2)], b.Offset);
        var aOffsets = new int[batches];
        var bOffsets = new int[batches];
        for (int i = 0; i < batches; i++, aBatch.MoveNext(), bBatch.MoveNext())
            (aOffsets[i], bOffsets[i]) = (aBatch.Offset, bBatch.Offset);

        var job = new GemmJob<T>(plan, Dense.Data<T>(a), aOffsets, a.Strides[rank - 2], a.Strides[rank - 1],
            Dense.Data<T>(b), bOffsets, b.Strides[rank - 2], b.Strides[rank - 1], c, m, n, k);
        job.Run();
        return c;
    }
}

/// <summary>One GEMM call: its operands, and its split of C into tasks (batch × row block × column block), each
/// computed by one thread with its own packing buffers.</summary>
internal sealed unsafe class GemmJob<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly GemmPlan _plan;
    private readonly T[] _a, _b, _c;
    private readonly int[] _aOffsets, _bOffsets;
    private readonly int _aRow, _aCol, _bRow, _bCol, _m, _n, _k;
    private int _rowsPerTask, _colsPerTask, _rowTasks, _colTasks;

    /// <summary>A product of <paramref name="aOffsets"/>.Length batches; C is zero and contiguous.</summary>
    public GemmJob(GemmPlan plan, T[] a, int[] aOffsets, int aRow, int aCol, T[] b, int[] bOffsets, int bRow,
        int bCol, T[] c, int m, int n, int k)
    {
        (_plan, _a, _aOffsets, _aRow, _aCol, _b, _bOffsets, _bRow, _bCol, _c, _m, _n, _k) =
            (plan, a, aOffsets, aRow, aCol, b, bOffsets, bRow, bCol, c, m, n, k);
    }

    private int Batches => _aOffsets.Length;

    /// <summary>Computes C: directly when small, else by packed blocks, on up to Threads threads.</summary>
    public void Run()
    {
        if (_plan.Direct && (long)_m * _n * _k <= Gemm.DirectWork)
        {
            fixed (T* pa = _a, pb = _b, pc = _c)
            {
                for (int batch = 0; batch < Batches; batch++)
                {
                    Direct(pa + _aOffsets[batch], _aRow, _aCol, pb + _bOffsets[batch], _bRow, _bCol,
                        pc + (nint)batch * _m * _n, _m, _n, _k);
                }
            }
            return;
        }

        int threads = (long)_m * _n * _k * Batches < _plan.ParallelWork ? 1 : _plan.Threads;
        Split(threads);
        int tasks = Batches * _rowTasks * _colTasks;
        if (threads == 1 || tasks == 1)
        {
            for (int t = 0; t < tasks; t++) RunTask(t);
        }
        else
        {
            Parallel.For(0, tasks, new ParallelOptions { MaxDegreeOfParallelism = threads }, RunTask);
        }
    }

    /// <summary>Chooses the tasks: row blocks of at most Mc rows; with several threads and fewer batches, the
    /// rows of each batch are split into a multiple of the threads per batch, so the last round keeps every
    /// thread busy, and when there are too few rows for that the columns are split too.</summary>
    private void Split(int threads)
    {
        const int mr = GemmPlan.Mr;
        int wide = GemmPlan.WideNr<T>(_plan.Isa);
        int rowTasks = CeilDiv(_m, _plan.Mc);
        int colTasks = 1;
        if (threads > 1 && Batches < 2 * threads)
        {
            int perBatch = CeilDiv(threads, Batches);
            rowTasks = CeilDiv(Math.Max(rowTasks, perBatch), perBatch) * perBatch;
            rowTasks = CeilDiv(_m, RoundUp(CeilDiv(_m, rowTasks), mr));
            if (rowTasks < perBatch)
                colTasks = CeilDiv(_n, RoundUp(CeilDiv(_n, CeilDiv(perBatch, rowTasks)), wide));
        }
        _rowsPerTask = RoundUp(CeilDiv(_m, rowTasks), mr);
        _rowTasks = CeilDiv(_m, _rowsPerTask);
        _colsPerTask = colTasks == 1 ? _n : RoundUp(CeilDiv(_n, colTasks), wide);
        _colTasks = CeilDiv(_n, _colsPerTask);
    }

    private void RunTask(int task)
    {
        int batch = task / (_rowTasks * _colTasks), rest = task % (_rowTasks * _colTasks);
        int i0 = rest / _colTasks * _rowsPerTask, j0 = rest % _colTasks * _colsPerTask;
        int rows = Math.Min(_rowsPerTask, _m - i0), cols = Math.Min(_colsPerTask, _n - j0);
        fixed (T* pa = _a, pb = _b, pc = _c)
        {
            Blocked(pa + _aOffsets[batch] + (nint)i0 * _aRow, pb + _bOffsets[batch] + (nint)j0 * _bCol,
                pc + (nint)batch * _m * _n + (nint)i0 * _n + j0, rows, cols);
        }
    }

    /// <summary>C[rows × cols] += A[rows × k] · B[k × cols] (C with row stride n): for each Kc pass, pack the A
    /// block; for each Nc block, pack the B block; then sweep the tiles.</summary>
    private void Blocked(T* a, T* b, T* c, int rows, int cols)
    {
        int wide = GemmPlan.WideNr<T>(_plan.Isa), narrow = GemmPlan.NarrowNr<T>(_plan.Isa);
        int kcMax = Math.Min(_plan.Kc, _k), ncMax = Math.Min(_plan.Nc, cols);
        T* packA = PackBuffers<T>.A(RoundUp(rows, GemmPlan.Mr) * kcMax);
        T* packB = PackBuffers<T>.B(kcMax * RoundUp(ncMax, wide));
        T* tile = stackalloc T[GemmPlan.Mr * wide];
        for (int pc = 0; pc < _k; pc += _plan.Kc)
        {
            int kc = Math.Min(_plan.Kc, _k - pc);
            Pack.A(a + (nint)pc * _aCol, _aRow, _aCol, rows, kc, packA);
            for (int jc = 0; jc < cols; jc += _plan.Nc)
            {
                int nc = Math.Min(_plan.Nc, cols - jc);
                Pack.B(b + (nint)pc * _bRow + (nint)jc * _bCol, _bRow, _bCol, kc, nc, wide, narrow, packB);
                Tiles(packA, packB, c + jc, rows, nc, kc, wide, narrow, tile);
            }
        }
    }

    /// <summary>The macro-kernel: every Mr-row A micro-panel (kept in L1) against every B micro-panel of the block
    /// (streamed from L2). Edge tiles run into <paramref name="tile"/> and add only their valid part.</summary>
    private void Tiles(T* packA, T* packB, T* c, int rows, int nc, int kc, int wide, int narrow, T* tile)
    {
        const int mr = GemmPlan.Mr;
        for (int ir = 0; ir < rows; ir += mr)
        {
            T* ap = packA + (nint)ir * kc;
            T* bp = packB;
            int validRows = Math.Min(mr, rows - ir);
            for (int jr = 0; jr < nc;)
            {
                int w = nc - jr >= wide ? wide : narrow;
                int validCols = Math.Min(w, nc - jr);
                T* ct = c + (nint)ir * _n + jr;
                if (validRows == mr && validCols == w)
                {
                    Kernel(ap, bp, kc, w, wide, ct, _n);
                }
                else
                {
                    new Span<T>(tile, mr * w).Clear();
                    Kernel(ap, bp, kc, w, wide, tile, w);
                    for (int r = 0; r < validRows; r++)
                    {
                        for (int j = 0; j < validCols; j++)
                            ct[(nint)r * _n + j] += tile[r * w + j];
                    }
                }
                bp += (nint)kc * w;
                jr += w;
            }
        }
    }

    private void Kernel(T* a, T* b, int kc, int w, int wide, T* c, nint ldc)
    {
        switch (_plan.Isa)
        {
            case GemmIsa.Vector512 when w == wide:
                MicroKernel512.Wide(a, b, kc, c, ldc);
                break;
            case GemmIsa.Vector512:
                MicroKernel512.Narrow(a, b, kc, c, ldc);
                break;
            case GemmIsa.Vector256 when w == wide:
                MicroKernel256.Wide(a, b, kc, c, ldc);
                break;
            case GemmIsa.Vector256:
                MicroKernel256.Narrow(a, b, kc, c, ldc);
                break;
            default:
                MicroKernelScalar.Tile(a, b, kc, w, c, ldc);
                break;
        }
    }

    /// <summary>The direct path for small products: one fused multiply-add chain per element of C, in the order
    /// the packed path uses for k ≤ Kc (so it gives the same bits there).</summary>
    private static void Direct(T* a, nint aRow, nint aCol, T* b, nint bRow, nint bCol, T* c, int m, int n, int k)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T acc = T.Zero;
                T* pa = a + i * aRow, pb = b + j * bCol;
                for (int p = 0; p < k; p++, pa += aCol, pb += bRow)
                    acc = T.FusedMultiplyAdd(*pa, *pb, acc);
                *c++ = acc;
            }
        }
    }

    private static int CeilDiv(int x, int y) => (x + y - 1) / y;

    private static int RoundUp(int x, int multiple) => CeilDiv(x, multiple) * multiple;
}
