using System;
using Functional.Core.Tensors;

namespace Functional.Core.Kernels;

// CpuBackend: im2col / col2im (argument checks, then dispatch on the dtype).
public sealed partial class CpuBackend
{
    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException">The image is not [N, C, H, W], or the window does not fit.</exception>
    public RawTensor Im2Col(RawTensor image, ConvGeometry geometry)
    {
        Checks.Cpu("im2col", image, nameof(image));
        Checks.Float("im2col", image);
        var shape = ShapeRules.Im2Col("im2col", image.Shape, geometry);
        var x = Contiguous(image);
        var d = x.Shape.Dims;
        if (x.DType == DType.Float32)
        {
            var result = GC.AllocateUninitializedArray<float>(shape.NumElements); // im2col writes every element
            Convolution.Im2Col<float>(Dense.Data<float>(x).AsSpan(x.Offset, x.NumElements), d[0], d[1], d[2], d[3], geometry, result);
            return Dense.Wrap(result, shape);
        }
        else
        {
            var result = GC.AllocateUninitializedArray<double>(shape.NumElements); // im2col writes every element
            Convolution.Im2Col<double>(Dense.Data<double>(x).AsSpan(x.Offset, x.NumElements), d[0], d[1], d[2], d[3], geometry, result);
            return Dense.Wrap(result, shape);
        }
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
        var d = imageShape.Dims;
        if (cols.DType == DType.Float32)
        {
            var result = new float[imageShape.NumElements];
            Convolution.Col2Im<float>(Dense.Data<float>(cols).AsSpan(cols.Offset, cols.NumElements), d[0], d[1], d[2], d[3], geometry, result);
            return Dense.Wrap(result, imageShape);
        }
        else
        {
            var result = new double[imageShape.NumElements];
            Convolution.Col2Im<double>(Dense.Data<double>(cols).AsSpan(cols.Offset, cols.NumElements), d[0], d[1], d[2], d[3], geometry, result);
            return Dense.Wrap(result, imageShape);
        }
    }
}
