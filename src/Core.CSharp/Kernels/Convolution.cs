using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>im2col and col2im for 2-D convolution on contiguous NCHW data: the two linear maps, adjoint to each
/// other, that turn a convolution into a GEMM (Chellapilla et al. 2006). The batch is folded into the columns,
/// [C·kh·kw, N·L], so one GEMM serves the whole batch and no transpose copy is needed.</summary>
/// <remarks>Output rows are short (a DCGAN layer has 7 output columns), so the loops work on refs with the valid
/// column range of each kernel column computed once: per-row overhead, not arithmetic, is what costs here.</remarks>
internal static class Convolution
{
    /// <summary>columns[(c·kh + i)·kw + j, n·L + oy·ow + ox] = image[n, c, oy·sh − ph + i·dh, ox·sw − pw + j·dw],
    /// 0 outside the image.</summary>
    public static void Im2Col<T>(ReadOnlySpan<T> image, int n, int c, int h, int w, in ConvGeometry g, Span<T> columns)
        where T : unmanaged, INumberBase<T> => Im2Col(image, n, c, h, w, g, columns, 0, c);

    /// <summary><see cref="Im2Col{T}(ReadOnlySpan{T}, int, int, int, int, in ConvGeometry, Span{T})"/> for channels
    /// [first, end) only: it writes just their rows of <paramref name="columns"/>.</summary>
    public static void Im2Col<T>(ReadOnlySpan<T> image, int n, int c, int h, int w, in ConvGeometry g, Span<T> columns,
        int first, int end)
        where T : unmanaged, INumberBase<T>
    {
        int oh = g.OutH(h), ow = g.OutW(w), l = oh * ow, width = n * l, sw = g.StrideW;
        // Geometry in locals: read through the `in` reference inside the loops it would be reloaded on every row,
        // since the writes through refs below might alias it.
        int kh = g.KernelH, kw = g.KernelW, sh = g.StrideH, ph = g.PadH, pw = g.PadW, dh = g.DilationH, dw = g.DilationW;
        ref T src = ref MemoryMarshal.GetReference(image);
        ref T dst = ref MemoryMarshal.GetReference(columns);
        // Every element is written once: the taps inside the image copied, the padding taps zeroed (clearing the
        // whole buffer first cost a tenth of a DCGAN convolution's forward and backward).
        for (int ch = first; ch < end; ch++)
            for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++)
                {
                    int x0 = j * dw - pw;
                    var (lo, hi) = Inside(x0, sw, w, ow);
                    int rowStart = ((ch * kh + i) * kw + j) * width;
                    if (lo >= hi)
                    {
                        columns.Slice(rowStart, width).Clear();
                        continue;
                    }
                    for (int b = 0; b < n; b++)
                    {
                        int plane = (b * c + ch) * h * w;
                        for (int oy = 0; oy < oh; oy++)
                        {
                            int y = oy * sh - ph + i * dh, at = rowStart + b * l + oy * ow;
                            if ((uint)y >= (uint)h)
                            {
                                columns.Slice(at, ow).Clear();
                                continue;
                            }
                            for (int k = 0; k < lo; k++) Unsafe.Add(ref dst, at + k) = T.Zero;
                            ref T from = ref Unsafe.Add(ref src, plane + y * w + lo * sw + x0);
                            ref T to = ref Unsafe.Add(ref dst, at + lo);
                            for (int k = 0; k < hi - lo; k++)
                                Unsafe.Add(ref to, k) = Unsafe.Add(ref from, k * sw);
                            for (int k = hi; k < ow; k++) Unsafe.Add(ref dst, at + k) = T.Zero;
                        }
                    }
                }
    }

    /// <summary>image[n, c, y, x] += columns[(c·kh + i)·kw + j, n·L + oy·ow + ox] for every tap that reads (y, x): the
    /// adjoint of <see cref="Im2Col{T}(ReadOnlySpan{T}, int, int, int, int, in ConvGeometry, Span{T})"/>. <paramref name="image"/> must start zeroed.</summary>
    public static void Col2Im<T>(ReadOnlySpan<T> columns, int n, int c, int h, int w, in ConvGeometry g, Span<T> image)
        where T : unmanaged, INumberBase<T> => Col2Im(columns, n, c, h, w, g, image, 0, c);

    /// <summary><see cref="Col2Im{T}(ReadOnlySpan{T}, int, int, int, int, in ConvGeometry, Span{T})"/> for channels
    /// [first, end) only: it writes just their planes of <paramref name="image"/>.</summary>
    public static void Col2Im<T>(ReadOnlySpan<T> columns, int n, int c, int h, int w, in ConvGeometry g, Span<T> image,
        int first, int end)
        where T : unmanaged, INumberBase<T>
    {
        int oh = g.OutH(h), ow = g.OutW(w), l = oh * ow, width = n * l, sw = g.StrideW;
        // Geometry in locals: read through the `in` reference inside the loops it would be reloaded on every row,
        // since the writes through refs below might alias it.
        int kh = g.KernelH, kw = g.KernelW, sh = g.StrideH, ph = g.PadH, pw = g.PadW, dh = g.DilationH, dw = g.DilationW;
        ref T src = ref MemoryMarshal.GetReference(columns);
        ref T dst = ref MemoryMarshal.GetReference(image);
        for (int ch = first; ch < end; ch++)
            for (int i = 0; i < kh; i++)
                for (int j = 0; j < kw; j++)
                {
                    int x0 = j * dw - pw;
                    var (lo, hi) = Inside(x0, sw, w, ow);
                    if (lo >= hi) continue;
                    int rowStart = ((ch * kh + i) * kw + j) * width;
                    for (int b = 0; b < n; b++)
                    {
                        int plane = (b * c + ch) * h * w;
                        for (int oy = 0; oy < oh; oy++)
                        {
                            int y = oy * sh - ph + i * dh;
                            if ((uint)y >= (uint)h) continue;
                            ref T from = ref Unsafe.Add(ref src, rowStart + b * l + oy * ow + lo);
                            ref T to = ref Unsafe.Add(ref dst, plane + y * w + lo * sw + x0);
                            for (int k = 0; k < hi - lo; k++)
                                Unsafe.Add(ref to, k * sw) += Unsafe.Add(ref from, k);
                        }
                    }
                }
    }

    /// <summary>The output columns [lo, hi) whose tap x = ox·stride + x0 lies inside [0, width).</summary>
    private static (int Lo, int Hi) Inside(int x0, int stride, int width, int outWidth)
    {
        int lo = x0 >= 0 ? 0 : (-x0 + stride - 1) / stride;
        int hi = width - x0 <= 0 ? 0 : (width - x0 + stride - 1) / stride;
        lo = Math.Min(lo, outWidth);
        hi = Math.Clamp(hi, lo, outWidth);
        return (lo, hi);
    }
}
