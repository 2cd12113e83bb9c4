using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Functional.Core.Kernels;

/// <summary>One GEMM call: its operands, and its split of C into tasks (batch × row block × column block), each
/// computed by one thread with its own packing buffers.</summary>
[SkipLocalsInit]
internal sealed unsafe class GemmJob<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly GemmPlan _plan;
    private readonly T[] _a, _b, _c;
    private readonly int[] _aOffsets, _bOffsets;
    private readonly int _aRow, _aCol, _bRow, _bCol, _m, _n, _k;
    private int _rowsPerTask, _colsPerTask, _rowTasks, _colTasks;

    /// <summary>A product of <paramref name="aOffsets"/>.Length batches into a contiguous C, every element of which
    /// it writes (C need not be zeroed).</summary>
    public GemmJob(GemmPlan plan, T[] a, int[] aOffsets, int aRow, int aCol, T[] b, int[] bOffsets, int bRow,
        int bCol, T[] c, int m, int n, int k)
    {
        (_plan, _a, _aOffsets, _aRow, _aCol, _b, _bOffsets, _bRow, _bCol, _c, _m, _n, _k) =
            (plan, a, aOffsets, aRow, aCol, b, bOffsets, bRow, bCol, c, m, n, k);
    }

    private int Batches => _aOffsets.Length;

    /// <summary>Computes C by packed blocks, on up to Threads threads.</summary>
    public void Run()
    {
        int threads = (long)_m * _n * _k * Batches < _plan.ParallelWork ? 1 : _plan.Threads;
        Split(threads);
        int tasks = Batches * _rowTasks * _colTasks;
        KernelTeam.For(tasks, threads, RunTask);
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

    /// <summary>C[rows × cols] = A[rows × k] · B[k × cols] (C with row stride n): for each Kc pass, pack the A
    /// block; for each Nc block, pack the B block; then sweep the tiles. A product only a few columns wide (fewer
    /// than a wide tile) reads A in place, and one only a few rows tall (two micro-panels) reads B's contiguous
    /// rows in place: packing would cost as much as their arithmetic. Only partial edge panels are then packed.
    /// </summary>
    private void Blocked(T* a, T* b, T* c, int rows, int cols)
    {
        const int mr = GemmPlan.Mr;
        int wide = GemmPlan.WideNr<T>(_plan.Isa), narrow = GemmPlan.NarrowNr<T>(_plan.Isa);
        bool vector = _plan.Isa != GemmIsa.Scalar;
        var mode = new Mode(DirectA: vector && cols < wide, DirectB: vector && rows <= 2 * mr && _bCol == 1);
        int kcMax = Math.Min(_plan.Kc, _k), ncMax = Math.Min(_plan.Nc, cols);
        T* packA = PackBuffers<T>.A((mode.DirectA ? mr : RoundUp(rows, mr)) * kcMax);
        T* packB = PackBuffers<T>.B(kcMax * (mode.DirectB ? narrow : RoundUp(ncMax, wide)));
        T* tile = stackalloc T[mr * wide];
        for (int pc = 0; pc < _k; pc += _plan.Kc)
        {
            int kc = Math.Min(_plan.Kc, _k - pc);
            T* ak = a + (nint)pc * _aCol;
            if (!mode.DirectA) Pack.A(ak, _aRow, _aCol, rows, kc, packA);
            for (int jc = 0; jc < cols; jc += _plan.Nc)
            {
                int nc = Math.Min(_plan.Nc, cols - jc);
                T* bk = b + (nint)pc * _bRow + (nint)jc * _bCol;
                if (!mode.DirectB)
                {
                    Pack.B(bk, _bRow, _bCol, kc, nc, wide, narrow, packB);
                }
                else
                {
                    int tail = TailStart(nc, wide, narrow);
                    if (tail < nc) Pack.B(bk + tail, _bRow, _bCol, kc, nc - tail, wide, narrow, packB);
                }
                var block = new Block(ak, bk, packA, packB, c + jc, rows, nc, kc);
                Tiles(block, mode, wide, narrow, tile, add: pc > 0);
            }
        }
    }

    /// <summary>Where a block's partial last narrow panel starts (nc when there is none).</summary>
    private static int TailStart(int nc, int wide, int narrow)
    {
        int wideEnd = nc / wide * wide;
        return wideEnd + (nc - wideEnd) / narrow * narrow;
    }

    /// <summary>The macro-kernel: every Mr-row A micro-panel (kept in L1) against every B micro-panel of the block
    /// (streamed from L2). The first Kc pass stores into C, later ones add. Edge tiles run into
    /// <paramref name="tile"/> and copy out only their valid part.</summary>
    private void Tiles(in Block block, Mode mode, int wide, int narrow, T* tile, bool add)
    {
        const int mr = GemmPlan.Mr;
        int kc = block.Kc;
        for (int ir = 0; ir < block.Rows; ir += mr)
        {
            int validRows = Math.Min(mr, block.Rows - ir);
            T* ap = block.PackA + (nint)ir * kc;
            nint aRow = 1, aStep = mr;
            if (mode.DirectA && validRows == mr)
            {
                ap = block.A + (nint)ir * _aRow;
                (aRow, aStep) = (_aRow, _aCol);
            }
            else if (mode.DirectA)
            {
                Pack.A(block.A + (nint)ir * _aRow, _aRow, _aCol, validRows, kc, block.PackA);
                ap = block.PackA;
            }
            T* bp = block.PackB;
            for (int jr = 0; jr < block.Nc;)
            {
                int w = block.Nc - jr >= wide ? wide : narrow;
                int validCols = Math.Min(w, block.Nc - jr);
                T* bt = bp;
                nint bStep = w;
                if (mode.DirectB && validCols == w)
                {
                    bt = block.B + jr;
                    bStep = _bRow;
                }
                else if (!mode.DirectB)
                {
                    bp += (nint)kc * w;
                }
                T* ct = block.C + (nint)ir * _n + jr;
                if (validRows == mr && validCols == w)
                {
                    Kernel(ap, aRow, aStep, bt, bStep, kc, w, wide, ct, _n, add);
                }
                else
                {
                    Kernel(ap, aRow, aStep, bt, bStep, kc, w, wide, tile, w, add: false);
                    for (int r = 0; r < validRows; r++)
                    {
                        T* cr = ct + (nint)r * _n, tr = tile + r * w;
                        for (int j = 0; j < validCols; j++)
                            cr[j] = add ? cr[j] + tr[j] : tr[j];
                    }
                }
                jr += w;
            }
        }
    }

    /// <summary>One micro-tile; the wide kernels read only packed A (the callers never read A in place next to a
    /// wide tile).</summary>
    private void Kernel(T* a, nint aRow, nint aStep, T* b, nint bStep, int kc, int w, int wide, T* c, nint ldc,
        bool add)
    {
        switch (_plan.Isa)
        {
            case GemmIsa.Vector512 when w == wide:
                MicroKernel512.Wide(a, b, bStep, kc, c, ldc, add);
                break;
            case GemmIsa.Vector512:
                MicroKernel512.Narrow(a, aRow, aStep, b, bStep, kc, c, ldc, add);
                break;
            case GemmIsa.Vector256 when w == wide:
                MicroKernel256.Wide(a, b, bStep, kc, c, ldc, add);
                break;
            case GemmIsa.Vector256:
                MicroKernel256.Narrow(a, aRow, aStep, b, bStep, kc, c, ldc, add);
                break;
            default:
                MicroKernelScalar.Tile(a, aRow, aStep, b, bStep, kc, w, c, ldc, add);
                break;
        }
    }

    /// <summary>Which operands a task reads in place rather than packed.</summary>
    private readonly record struct Mode(bool DirectA, bool DirectB);

    /// <summary>One Kc × Nc block: A and B where they start in place, their packed copies, and C.</summary>
    private readonly struct Block(T* a, T* b, T* packA, T* packB, T* c, int rows, int nc, int kc)
    {
        public readonly T* A = a, B = b, PackA = packA, PackB = packB, C = c;
        public readonly int Rows = rows, Nc = nc, Kc = kc;
    }

    private static int CeilDiv(int x, int y) => (x + y - 1) / y;

    private static int RoundUp(int x, int multiple) => CeilDiv(x, multiple) * multiple;
}
