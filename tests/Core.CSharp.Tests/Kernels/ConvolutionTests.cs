using System;
using Functional.Core.Kernels;
using Functional.Core.Tensors;
using Xunit;

namespace Functional.Core.Tests.Kernels;

/// <summary>im2col writes every element of its output: a buffer full of NaN (as an uninitialised array may hold)
/// comes back equal to the definition, padding taps 0.</summary>
public sealed class ConvolutionTests
{
    [Theory]
    [InlineData(5, 2, 2, 1, 1)] // the DCGAN's: padded taps at both ends of rows and columns
    [InlineData(3, 1, 1, 1, 1)]
    [InlineData(3, 2, 0, 1, 1)] // no padding
    [InlineData(3, 1, 4, 1, 1)] // padding wider than the kernel reach: whole rows of zeros
    [InlineData(3, 1, 2, 2, 2)] // dilation
    public void Im2col_overwrites_a_buffer_of_NaN_with_the_definition(int kernel, int stride, int pad, int dilationH,
        int dilationW)
    {
        int n = 2, c = 3, h = 7, w = 6;
        var g = new ConvGeometry(kernel, kernel, stride, stride, pad, pad, dilationH, dilationW);
        var image = new double[n * c * h * w];
        for (int i = 0; i < image.Length; i++) image[i] = i + 1;
        int oh = g.OutH(h), ow = g.OutW(w), l = oh * ow;
        var columns = new double[c * kernel * kernel * n * l];
        Array.Fill(columns, double.NaN);

        Convolution.Im2Col<double>(image, n, c, h, w, g, columns);

        for (int ch = 0; ch < c; ch++)
            for (int i = 0; i < kernel; i++)
                for (int j = 0; j < kernel; j++)
                    for (int b = 0; b < n; b++)
                        for (int oy = 0; oy < oh; oy++)
                            for (int ox = 0; ox < ow; ox++)
                            {
                                int y = oy * stride - pad + i * dilationH, x = ox * stride - pad + j * dilationW;
                                double expected = y >= 0 && y < h && x >= 0 && x < w
                                    ? image[((b * c + ch) * h + y) * w + x]
                                    : 0;
                                int row = (ch * kernel + i) * kernel + j, col = b * l + oy * ow + ox;
                                Assert.Equal(expected, columns[row * n * l + col]);
                            }
    }
}
