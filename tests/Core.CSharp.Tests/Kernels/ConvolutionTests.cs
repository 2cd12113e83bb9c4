using System;
using Functional.Core.Kernels;
using Functional.Core.Tensors;
using Xunit;

namespace Functional.Core.Tests.Kernels;

/// <summary>im2col writes every element of its output: a buffer full of NaN (as an uninitialised array may hold)
/// comes back equal to the definition, padding taps 0. Channel ranges compose to the whole, so the backend's split of a
/// large layer over threads gives the same bits as one thread.</summary>
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

    [Fact]
    public void Im2col_and_col2im_by_channel_ranges_compose_to_the_whole()
    {
        int n = 2, c = 5, h = 9, w = 8;
        var g = ConvGeometry.Square(3, 2, 1);
        var rng = new Random(3);
        var image = new double[n * c * h * w];
        for (int i = 0; i < image.Length; i++) image[i] = rng.NextDouble() - 0.5;
        int rows = c * 9, width = n * g.OutH(h) * g.OutW(w);

        var whole = new double[rows * width];
        Convolution.Im2Col<double>(image, n, c, h, w, g, whole);
        var parts = new double[rows * width];
        foreach (var (first, end) in new[] { (0, 2), (2, 3), (3, 5) })
            Convolution.Im2Col<double>(image, n, c, h, w, g, parts, first, end);
        Assert.Equal(whole, parts);

        var back = new double[image.Length];
        Convolution.Col2Im<double>(whole, n, c, h, w, g, back);
        var backParts = new double[image.Length];
        foreach (var (first, end) in new[] { (0, 1), (1, 4), (4, 5) })
            Convolution.Col2Im<double>(whole, n, c, h, w, g, backParts, first, end);
        Assert.Equal(back, backParts);
    }

    [Fact]
    public void A_layer_large_enough_to_split_over_threads_gives_the_bits_of_one_thread()
    {
        // [4, 16, 28, 28] with a 5×5 window: 1.25 M column values, far above the split threshold.
        var rng = new Random(4);
        var values = new float[4 * 16 * 28 * 28];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(rng.NextDouble() - 0.5);
        var image = RawTensor.FromArray(values, new Shape(4, 16, 28, 28));
        var g = ConvGeometry.Square(5, 2, 2);
        var backend = Backends.Cpu;
        float[] Columns() => backend.Im2Col(image, g).ToArray<float>();
        float[] Image() => backend.Col2Im(backend.Im2Col(image, g), image.Shape, g).ToArray<float>();
        Assert.Equal(TestTensors.OnThreads(1, Columns), TestTensors.OnThreads(2, Columns));
        Assert.Equal(TestTensors.OnThreads(1, Image), TestTensors.OnThreads(2, Image));
    }
}
