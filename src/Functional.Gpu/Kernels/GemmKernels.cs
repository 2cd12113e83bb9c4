using ILGPU;
using ILGPU.Runtime;

namespace Functional.Gpu.Kernels;

/// <summary>Where a batch of matrices lives: the storage offset of each matrix (a view over the batch axes) and the
/// strides of its rows and columns, so transposed and sliced operands are read in place.</summary>
internal struct MatrixBatch
{
    /// <summary>Storage offset of matrix b: <c>Batches.At(b)</c>.</summary>
    public StridedView Batches;

    /// <summary>Elements between consecutive rows.</summary>
    public int RowStride;

    /// <summary>Elements between consecutive columns.</summary>
    public int ColStride;
}

/// <summary>The tiled shared-memory GEMM: C[b] = A[b]·B[b] with A [m, k], B [k, n] and C contiguous [batch, m, n].
/// A group of 16×16 threads computes a 64×64 tile of C, each thread a 4×4 block of it (rows ty + 16i, columns
/// tx + 16j, so shared-memory reads of B are consecutive and those of A are broadcasts); the k axis advances 16 at a
/// time through 64×16 and 16×64 tiles of A and B staged in shared memory (Volkov and Demmel 2008, "Benchmarking GPUs
/// to tune dense linear algebra"). Each output element sums its k products in ascending k order.</summary>
internal static class GemmKernels
{
    /// <summary>Rows and columns of C per group.</summary>
    public const int Tile = 64;

    /// <summary>The k-extent of a staged tile.</summary>
    public const int TileK = 16;

    /// <summary>Threads per group along x and y.</summary>
    public const int Threads = 16;

    /// <summary>One group per 64×64 tile of one matrix of the batch; grid x = batch · tilesM · tilesN.</summary>
    public static void Gemm<T, TOps>(
        ArrayView<T> a, MatrixBatch av, ArrayView<T> b, MatrixBatch bv, ArrayView<T> c, int m, int n, int k,
        int tilesM, int tilesN)
        where T : unmanaged where TOps : struct, INumeric<T>
    {
        TOps o = default;
        var sa = SharedMemory.Allocate<T>(TileK * Tile); // sa[kk·64 + row]
        var sb = SharedMemory.Allocate<T>(TileK * Tile); // sb[kk·64 + col]
        int tx = Group.IdxX, ty = Group.IdxY, tid = ty * Threads + tx;
        int g = Grid.IdxX;
        int tileN = g % tilesN, rest = g / tilesN;
        int tileM = rest % tilesM, batch = rest / tilesM;
        int row0 = tileM * Tile, col0 = tileN * Tile;
        int aBase = av.Batches.At(batch), bBase = bv.Batches.At(batch);

        T z = o.Zero;
        T c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z;
        T c20 = z, c21 = z, c22 = z, c23 = z, c30 = z, c31 = z, c32 = z, c33 = z;

        for (int k0 = 0; k0 < k; k0 += TileK)
        {
            // 1024 elements of each tile, 4 per thread; consecutive threads take consecutive k (A) or columns (B).
            for (int e = tid; e < TileK * Tile; e += Threads * Threads)
            {
                int ar = e / TileK, ak = e - ar * TileK;
                int row = row0 + ar, kk = k0 + ak;
                sa[ak * Tile + ar] = row < m && kk < k ? a[aBase + row * av.RowStride + kk * av.ColStride] : z;
                int bk = e / Tile, bc = e - bk * Tile;
                int kb = k0 + bk, col = col0 + bc;
                sb[bk * Tile + bc] = kb < k && col < n ? b[bBase + kb * bv.RowStride + col * bv.ColStride] : z;
            }
            Group.Barrier();
            for (int kk = 0; kk < TileK; kk++)
            {
                int s = kk * Tile;
                T a0 = sa[s + ty], a1 = sa[s + ty + 16], a2 = sa[s + ty + 32], a3 = sa[s + ty + 48];
                T b0 = sb[s + tx], b1 = sb[s + tx + 16], b2 = sb[s + tx + 32], b3 = sb[s + tx + 48];
                c00 = o.Add(c00, o.Mul(a0, b0)); c01 = o.Add(c01, o.Mul(a0, b1));
                c02 = o.Add(c02, o.Mul(a0, b2)); c03 = o.Add(c03, o.Mul(a0, b3));
                c10 = o.Add(c10, o.Mul(a1, b0)); c11 = o.Add(c11, o.Mul(a1, b1));
                c12 = o.Add(c12, o.Mul(a1, b2)); c13 = o.Add(c13, o.Mul(a1, b3));
                c20 = o.Add(c20, o.Mul(a2, b0)); c21 = o.Add(c21, o.Mul(a2, b1));
                c22 = o.Add(c22, o.Mul(a2, b2)); c23 = o.Add(c23, o.Mul(a2, b3));
                c30 = o.Add(c30, o.Mul(a3, b0)); c31 = o.Add(c31, o.Mul(a3, b1));
                c32 = o.Add(c32, o.Mul(a3, b2)); c33 = o.Add(c33, o.Mul(a3, b3));
            }
            Group.Barrier();
        }

        int cBase = batch * m * n;
        Store(c, cBase, m, n, row0 + ty, col0 + tx, c00, c01, c02, c03);
        Store(c, cBase, m, n, row0 + ty + 16, col0 + tx, c10, c11, c12, c13);
        Store(c, cBase, m, n, row0 + ty + 32, col0 + tx, c20, c21, c22, c23);
        Store(c, cBase, m, n, row0 + ty + 48, col0 + tx, c30, c31, c32, c33);
    }

    private static void Store<T>(ArrayView<T> c, int cBase, int m, int n, int row, int col, T v0, T v1, T v2, T v3)
        where T : unmanaged
    {
        if (row >= m) return;
        int at = cBase + row * n;
        if (col < n) c[at + col] = v0;
        if (col + 16 < n) c[at + col + 16] = v1;
        if (col + 32 < n) c[at + col + 32] = v2;
        if (col + 48 < n) c[at + col + 48] = v3;
    }
}
