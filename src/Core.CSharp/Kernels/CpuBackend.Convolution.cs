using System;
using System.Numerics;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

// CpuBackend: im2col / col2im (argument checks, then dispatch on the dtype; large layers split by channel).
public sealed partial class CpuBackend
{
    /// <summary>Output elements below which a convolution's im2col or col2im stays on the calling thread.</summary>
    private const long ChannelParallelWork = 1 << 16;

    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException">The image is not [N, C, H, W], or the window does not fit.</exception>
    public RawTensor Im2Col(RawTensor image, ConvGeometry geometry)
    {
        Checks.Cpu("im2col", image, nameof(image));
        Checks.Float("im2col", image);
        var shape = ShapeRules.Im2Col("im2col", image.Shape, geometry);
        var x = Contiguous(image);
        return x.DType == DType.Float32
            ? Dense.Wrap(Im2ColOf<float>(x, geometry, shape), shape)
            : Dense.Wrap(Im2ColOf<double>(x, geometry, shape), shape);
    }

    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException">The columns do not have the shape im2col gives for <paramref name="imageShape"/>.</exception>
    public RawTensor Col2Im(RawTensor columns, Shape imageShape, ConvGeometry geometry)
    {
        Checks.Cpu("col2im", columns, nameof(columns));
        Checks.Float("col2im", columns);
        ArgumentNullException.ThrowIfNull(imageShape);
        var expected = ShapeRules.Im2Col("col2im", imageShape, geometry);
        if (columns.Shape != expected)
            ShapeRules.Fail("col2im", $"columns of shape {expected} for an image batch {imageShape}", $"columns {columns.Shape}");
        var cols = Contiguous(columns);
        return cols.DType == DType.Float32
            ? Dense.Wrap(Col2ImOf<float>(cols, imageShape, geometry), imageShape)
            : Dense.Wrap(Col2ImOf<double>(cols, imageShape, geometry), imageShape);
    }

    private static T[] Im2ColOf<T>(RawTensor x, ConvGeometry geometry, Shape shape) where T : unmanaged, INumberBase<T>
    {
        var d = x.Shape.Dims;
        int n = d[0], c = d[1], h = d[2], w = d[3];
        var image = Dense.Data<T>(x);
        int offset = x.Offset, length = x.NumElements;
        var result = GC.AllocateUninitializedArray<T>(shape.NumElements); // im2col writes every element
        OverChannels(c, shape.NumElements, (first, end) => Convolution.Im2Col<T>(
            image.AsSpan(offset, length), n, c, h, w, geometry, result, first, end));
        return result;
    }

    private static T[] Col2ImOf<T>(RawTensor cols, Shape imageShape, ConvGeometry geometry)
        where T : unmanaged, INumberBase<T>
    {
        var d = imageShape.Dims;
        int n = d[0], c = d[1], h = d[2], w = d[3];
        var columns = Dense.Data<T>(cols);
        int offset = cols.Offset, length = cols.NumElements;
        var result = new T[imageShape.NumElements];
        OverChannels(c, imageShape.NumElements, (first, end) => Convolution.Col2Im<T>(
            columns.AsSpan(offset, length), n, c, h, w, geometry, result, first, end));
        return result;
    }

    /// <summary>Runs <paramref name="run"/>(first, end) over channel ranges on the kernel threads. Each range writes
    /// only its own channels' rows (im2col) or planes (col2im), in the same order as one pass would, so any split
    /// gives the same bits; small layers stay on one thread.</summary>
    private static void OverChannels(int channels, long work, Action<int, int> run) =>
        KernelTeam.ForRanges(channels, work < ChannelParallelWork ? 1 : CpuSettings.Threads, run);
}
