using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

/// <summary>im2col and col2im for 2-D convolution on contiguous NCHW data: the two linear maps, adjoint to each
/// other, that turn a convolution into a GEMM (Chellapilla et al. 2006). The batch is folded into the columns,
/// [C·kh·kw, N·L], so one GEMM serves the whole batch and no transpose copy is needed.</summary>
/// <remarks>Output rows are short (a DCGAN layer has 7 output columns), so per-row overhead, not arithmetic, is what
/// costs: both work on a copy of the planes with a zero border, where every tap is inside and each row is one plain
/// loop.</remarks>
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
        int oh = g.OutH(h), ow = g.OutW(w), l = oh * ow, width = n * l;
        // Geometry in locals: read through the `in` reference inside the loops it would be reloaded on every row,
        // since the writes through refs below might alias it.
        int kh = g.KernelH, kw = g.KernelW, sh = g.StrideH, sw = g.StrideW, dh = g.DilationH, dw = g.DilationW;
        var padded = new Padded<T>(n, end - first, h, w, g);
        try
        {
            padded.CopyIn(image, c, first);
            ref T src = ref MemoryMarshal.GetArrayDataReference(padded.Buffer);
            ref T dst = ref MemoryMarshal.GetReference(columns);
            // Every tap reads inside the padded planes: each element of a row is written once, without bounds
            // tests or zero fills (on rows of 7 values the per-row work, not the copying, is what costs).
            for (int ch = first; ch < end; ch++)
                for (int i = 0; i < kh; i++)
                    for (int j = 0; j < kw; j++)
                    {
                        ref T row = ref Unsafe.Add(ref dst, ((ch * kh + i) * kw + j) * width);
                        for (int b = 0; b < n; b++)
                        {
                            ref T plane = ref Unsafe.Add(ref src, padded.Plane(b, ch - first) + i * dh * padded.Width + j * dw);
                            for (int oy = 0; oy < oh; oy++)
                            {
                                ref T from = ref Unsafe.Add(ref plane, oy * sh * padded.Width);
                                for (int ox = 0; ox < ow; ox++)
                                    Unsafe.Add(ref row, ox) = Unsafe.Add(ref from, ox * sw);
                                row = ref Unsafe.Add(ref row, ow);
                            }
                        }
                    }
        }
        finally
        {
            padded.Dispose();
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
        int oh = g.OutH(h), ow = g.OutW(w), l = oh * ow, width = n * l;
        int kh = g.KernelH, kw = g.KernelW, sh = g.StrideH, sw = g.StrideW, dh = g.DilationH, dw = g.DilationW;
        var padded = new Padded<T>(n, end - first, h, w, g);
        try
        {
            ref T src = ref MemoryMarshal.GetReference(columns);
            ref T dst = ref MemoryMarshal.GetArrayDataReference(padded.Buffer);
            // Sums into zeroed padded planes (padding taps land in the border and are dropped), in the order of the
            // taps, then the interior is added to the image.
            for (int ch = first; ch < end; ch++)
                for (int i = 0; i < kh; i++)
                    for (int j = 0; j < kw; j++)
                    {
                        ref T row = ref Unsafe.Add(ref src, ((ch * kh + i) * kw + j) * width);
                        for (int b = 0; b < n; b++)
                        {
                            ref T plane = ref Unsafe.Add(ref dst, padded.Plane(b, ch - first) + i * dh * padded.Width + j * dw);
                            for (int oy = 0; oy < oh; oy++)
                            {
                                ref T to = ref Unsafe.Add(ref plane, oy * sh * padded.Width);
                                for (int ox = 0; ox < ow; ox++)
                                    Unsafe.Add(ref to, ox * sw) += Unsafe.Add(ref row, ox);
                                row = ref Unsafe.Add(ref row, ow);
                            }
                        }
                    }
            padded.AddOut(image, c, first);
        }
        finally
        {
            padded.Dispose();
        }
    }

    /// <summary>Planes [n, channels] of an image with a zero border of the padding on every side, in a pooled
    /// buffer: the working copy im2col reads and col2im sums into.</summary>
    private readonly struct Padded<T> where T : unmanaged, INumberBase<T>
    {
        private readonly int _n, _channels, _h, _w, _padH, _padW;

        /// <summary>Zeroed, [n, channels, h + 2·padH, w + 2·padW].</summary>
        public readonly T[] Buffer;

        /// <summary>Width of a padded row.</summary>
        public readonly int Width;

        private readonly int _height;

        public Padded(int n, int channels, int h, int w, in ConvGeometry g)
        {
            (_n, _channels, _h, _w, _padH, _padW) = (n, channels, h, w, g.PadH, g.PadW);
            _height = h + 2 * g.PadH;
            Width = w + 2 * g.PadW;
            int length = n * channels * _height * Width;
            Buffer = System.Buffers.ArrayPool<T>.Shared.Rent(length);
            Buffer.AsSpan(0, length).Clear();
        }

        /// <summary>Where padded plane (b, channel) starts (channel counted from the first one held).</summary>
        public int Plane(int b, int channel) => (b * _channels + channel) * _height * Width;

        /// <summary>Copies channels [first, first + channels) of an [n, c, h, w] image inside the border.</summary>
        public void CopyIn(ReadOnlySpan<T> image, int c, int first)
        {
            for (int b = 0; b < _n; b++)
                for (int ch = 0; ch < _channels; ch++)
                    for (int y = 0; y < _h; y++)
                        image.Slice(((b * c + first + ch) * _h + y) * _w, _w)
                            .CopyTo(Buffer.AsSpan(Plane(b, ch) + (y + _padH) * Width + _padW, _w));
        }

        /// <summary>Adds the interior of each held plane into channels [first, first + channels) of an image.</summary>
        public void AddOut(Span<T> image, int c, int first)
        {
            for (int b = 0; b < _n; b++)
                for (int ch = 0; ch < _channels; ch++)
                    for (int y = 0; y < _h; y++)
                    {
                        var from = Buffer.AsSpan(Plane(b, ch) + (y + _padH) * Width + _padW, _w);
                        var to = image.Slice(((b * c + first + ch) * _h + y) * _w, _w);
                        for (int x = 0; x < _w; x++) to[x] += from[x];
                    }
        }

        public void Dispose() => System.Buffers.ArrayPool<T>.Shared.Return(Buffer);
    }
}
