using ILGPU;
using ILGPU.Runtime;

namespace Functional.Gpu.Kernels;

/// <summary>An image batch [N, C, H, W] (any strides) and a convolution window, as one kernel argument.</summary>
internal struct ConvShape
{
    /// <summary>Batch, channels, height, width.</summary>
    public int N, C, H, W;

    /// <summary>Storage offset and strides of the image (the columns, for col2im: see the kernel).</summary>
    public int Offset, StrideN, StrideC, StrideH, StrideW;

    /// <summary>Kernel size, stride, padding and dilation per spatial axis.</summary>
    public int KH, KW, SH, SW, PH, PW, DH, DW;

    /// <summary>Output height and width.</summary>
    public int OH, OW;
}

/// <summary>im2col and col2im (PyTorch's unfold and fold with the batch folded into the columns), one thread per
/// output element: columns [C·kh·kw, N·L] with L = outH·outW.</summary>
internal static class ConvolutionKernels
{
    /// <summary>cols[(c·kh + i)·kw + j, n·L + oy·ow + ox] = image[n, c, oy·sh − ph + i·dh, ox·sw − pw + j·dw], 0
    /// outside.</summary>
    public static void Im2Col<T>(Index1D e, ArrayView<T> image, ConvShape s, ArrayView<T> cols) where T : unmanaged
    {
        int l = s.OH * s.OW, width = s.N * l;
        int row = e / width, col = e - row * width;
        int j = row % s.KW, rest = row / s.KW;
        int i = rest % s.KH, c = rest / s.KH;
        int n = col / l, pos = col - n * l;
        int oy = pos / s.OW, ox = pos - oy * s.OW;
        int y = oy * s.SH - s.PH + i * s.DH, x = ox * s.SW - s.PW + j * s.DW;
        cols[e] = y >= 0 && y < s.H && x >= 0 && x < s.W
            ? image[s.Offset + n * s.StrideN + c * s.StrideC + y * s.StrideH + x * s.StrideW]
            : default;
    }

    /// <summary>image[n, c, y, x] (contiguous) = Σ over taps (i, j) that read (y, x), i then j ascending, of the column
    /// entry they read: the adjoint of im2col, gathered per image element so no atomics are needed and the sum runs in
    /// the CPU backend's order. The columns are read at <c>Offset + row·StrideH + col·StrideW</c>.</summary>
    public static void Col2Im<T, TOps>(Index1D e, ArrayView<T> cols, ConvShape s, ArrayView<T> image)
        where T : unmanaged where TOps : struct, INumeric<T>
    {
        TOps o = default;
        int l = s.OH * s.OW, width = s.N * l;
        int x = e % s.W, rest = e / s.W;
        int y = rest % s.H;
        rest /= s.H;
        int c = rest % s.C, n = rest / s.C;
        T acc = o.Zero;
        for (int i = 0; i < s.KH; i++)
        {
            int ty = y + s.PH - i * s.DH;
            if (ty < 0 || ty % s.SH != 0) continue;
            int oy = ty / s.SH;
            if (oy >= s.OH) continue;
            for (int j = 0; j < s.KW; j++)
            {
                int tx = x + s.PW - j * s.DW;
                if (tx < 0 || tx % s.SW != 0) continue;
                int ox = tx / s.SW;
                if (ox >= s.OW) continue;
                int row = (c * s.KH + i) * s.KW + j, col = n * l + oy * s.OW + ox;
                acc = o.Add(acc, cols[s.Offset + row * s.StrideH + col * s.StrideW]);
            }
        }
        image[e] = acc;
    }
}
