using System.Numerics;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>The reference matrix product: a plain triple loop per batch, accumulating in the element type.
/// Fast GEMM kernels are tested against it.</summary>
internal static class MatMulReference
{
    /// <summary>c[..., i, j] = Σₚ a[..., i, p] · b[..., p, j] for a [..., m, k] and b [..., k, n] with equal
    /// batch axes (checked by the caller); the result [..., m, n] is contiguous.</summary>
    public static T[] MatMul<T>(RawTensor a, RawTensor b, Shape result) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] da = Dense.Data<T>(a), db = Dense.Data<T>(b);
        int rank = a.Shape.Rank;
        int m = a.Shape.Dims[rank - 2], k = a.Shape.Dims[rank - 1], n = b.Shape.Dims[rank - 1];
        int aRow = a.Strides[rank - 2], aCol = a.Strides[rank - 1];
        int bRow = b.Strides[rank - 2], bCol = b.Strides[rank - 1];
        var batchDims = a.Shape.Dims[..(rank - 2)];
        var aBatch = new StridedIndex(batchDims, a.Strides[..(rank - 2)], a.Offset);
        var bBatch = new StridedIndex(batchDims, b.Strides[..(rank - 2)], b.Offset);
        int batches = m * n == 0 ? 0 : result.NumElements / (m * n);

        var c = new T[result.NumElements];
        for (int batch = 0, q = 0; batch < batches; batch++, aBatch.MoveNext(), bBatch.MoveNext())
        {
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++, q++)
                {
                    T acc = T.Zero;
                    int pa = aBatch.Offset + i * aRow, pb = bBatch.Offset + j * bCol;
                    for (int p = 0; p < k; p++, pa += aCol, pb += bRow)
                        acc += da[pa] * db[pb];
                    c[q] = acc;
                }
            }
        }
        return c;
    }
}
