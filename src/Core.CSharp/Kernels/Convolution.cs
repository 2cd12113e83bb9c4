using System;
using System.Numerics;

namespace Functional.Core.Kernels;

/// <summary>im2col and col2im for 2-D convolution on contiguous NCHW data: the two linear maps, adjoint to each
/// other, that turn a convolution into a GEMM (Chellapilla et al. 2006). Plain loops; the GEMM does the work.</summary>
internal static class Convolution
{
    /// <summary>columns[n, (c·kh + i)·kw + j, oy·ow + ox] = image[n, c, oy·sh − ph + i·dh, ox·sw − pw + j·dw], 0 outside.</summary>
    public static void Im2Col<T>(ReadOnlySpan<T> image, int n, int c, int h, int w, in Tensors.ConvGeometry g, Span<T> columns)
        where T : unmanaged, INumberBase<T>
    {
        int oh = g.OutH(h), ow = g.OutW(w), l = oh * ow;
        int rows = c * g.KernelH * g.KernelW;
        for (int b = 0; b < n; b++)
        {
            var src = image.Slice(b * c * h * w, c * h * w);
            var dst = columns.Slice(b * rows * l, rows * l);
            for (int ch = 0; ch < c; ch++)
                for (int i = 0; i < g.KernelH; i++)
                    for (int j = 0; j < g.KernelW; j++)
                    {
                        var row = dst.Slice(((ch * g.KernelH + i) * g.KernelW + j) * l, l);
                        for (int oy = 0; oy < oh; oy++)
                        {
                            int y = oy * g.StrideH - g.PadH + i * g.DilationH;
                            var outRow = row.Slice(oy * ow, ow);
                            if ((uint)y >= (uint)h)
                            {
                                outRow.Clear();
                                continue;
                            }
                            var inRow = src.Slice((ch * h + y) * w, w);
                            int x0 = j * g.DilationW - g.PadW;
                            for (int ox = 0; ox < ow; ox++)
                            {
                                int x = ox * g.StrideW + x0;
                                outRow[ox] = (uint)x < (uint)w ? inRow[x] : T.Zero;
                            }
                        }
                    }
        }
    }

    /// <summary>image[n, c, y, x] += columns[n, (c·kh + i)·kw + j, oy·ow + ox] for every tap that reads (y, x): the
    /// adjoint of <see cref="Im2Col{T}"/>. <paramref name="image"/> must start zeroed.</summary>
    public static void Col2Im<T>(ReadOnlySpan<T> columns, int n, int c, int h, int w, in Tensors.ConvGeometry g, Span<T> image)
        where T : unmanaged, INumberBase<T>
    {
        int oh = g.OutH(h), ow = g.OutW(w), l = oh * ow;
        int rows = c * g.KernelH * g.KernelW;
        for (int b = 0; b < n; b++)
        {
            var dst = image.Slice(b * c * h * w, c * h * w);
            var src = columns.Slice(b * rows * l, rows * l);
            for (int ch = 0; ch < c; ch++)
                for (int i = 0; i < g.KernelH; i++)
                    for (int j = 0; j < g.KernelW; j++)
                    {
                        var row = src.Slice(((ch * g.KernelH + i) * g.KernelW + j) * l, l);
                        for (int oy = 0; oy < oh; oy++)
                        {
                            int y = oy * g.StrideH - g.PadH + i * g.DilationH;
                            if ((uint)y >= (uint)h) continue;
                            var inRow = row.Slice(oy * ow, ow);
                            var outRow = dst.Slice((ch * h + y) * w, w);
                            int x0 = j * g.DilationW - g.PadW;
                            for (int ox = 0; ox < ow; ox++)
                            {
                                int x = ox * g.StrideW + x0;
                                if ((uint)x < (uint)w) outRow[x] += inRow[ox];
                            }
                        }
                    }
        }
    }
}
