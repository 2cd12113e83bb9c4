using System;

namespace Functional.Core.Tensors;

/// <summary>The window of a 2-D convolution: kernel size, stride, zero padding and dilation per spatial axis.
/// Output size per axis: ⌊(in + 2·pad − dilation·(kernel − 1) − 1) / stride⌋ + 1, as in PyTorch's Conv2d.</summary>
/// <param name="KernelH">Kernel height (≥ 1).</param>
/// <param name="KernelW">Kernel width (≥ 1).</param>
/// <param name="StrideH">Vertical stride (≥ 1).</param>
/// <param name="StrideW">Horizontal stride (≥ 1).</param>
/// <param name="PadH">Zero rows added above and below (≥ 0).</param>
/// <param name="PadW">Zero columns added left and right (≥ 0).</param>
/// <param name="DilationH">Vertical spacing of kernel taps (≥ 1).</param>
/// <param name="DilationW">Horizontal spacing of kernel taps (≥ 1).</param>
public readonly record struct ConvGeometry(
    int KernelH, int KernelW, int StrideH, int StrideW, int PadH, int PadW, int DilationH, int DilationW)
{
    /// <summary>A square kernel with one stride and padding on both axes and no dilation.</summary>
    public static ConvGeometry Square(int kernel, int stride, int padding) =>
        new(kernel, kernel, stride, stride, padding, padding, 1, 1);

    /// <summary>Output height for an input of height <paramref name="h"/>.</summary>
    public int OutH(int h) => (h + 2 * PadH - DilationH * (KernelH - 1) - 1) / StrideH + 1;

    /// <summary>Output width for an input of width <paramref name="w"/>.</summary>
    public int OutW(int w) => (w + 2 * PadW - DilationW * (KernelW - 1) - 1) / StrideW + 1;

    /// <summary>Throws unless every field is in range.</summary>
    /// <exception cref="ArgumentException">A kernel, stride or dilation below 1, or a negative padding.</exception>
    public void Validate(string op)
    {
        if (KernelH < 1 || KernelW < 1 || StrideH < 1 || StrideW < 1 || DilationH < 1 || DilationW < 1 || PadH < 0 || PadW < 0)
            throw new ArgumentException(
                $"{op}: expected kernel, stride and dilation >= 1 and padding >= 0, received {this}", "geometry");
    }
}
