using System;
using Functional.Core.Kernels;
using Functional.Core.Tensors;
using Functional.Gpu.Kernels;

namespace Functional.Gpu;

// GpuBackend: im2col / col2im (argument checks, then one thread per output element).
public sealed partial class GpuBackend
{
    /// <inheritdoc />
    /// <remarks>The image is read through its strides (no contiguous copy first).</remarks>
    /// <exception cref="ShapeMismatchException">The image is not [N, C, H, W], or the window does not fit.</exception>
    public RawTensor Im2Col(RawTensor image, ConvGeometry geometry)
    {
        lock (_gate)
        {
            using var scope = Enter("im2col");
            GpuChecks.On(this, "im2col", image, nameof(image));
            Checks.Float("im2col", image);
            var shape = ShapeRules.Im2Col("im2col", image.Shape, geometry);
            var s = Conv(image.Shape, geometry, image.Offset, image.Strides);
            if (image.DType == DType.Float32)
            {
                var result = New<float>(shape);
                Launch(shape.NumElements, ConvolutionKernels.Im2Col<float>, Data<float>(image), s, Data<float>(result));
                return result;
            }
            else
            {
                var result = New<double>(shape);
                Launch(shape.NumElements, ConvolutionKernels.Im2Col<double>, Data<double>(image), s, Data<double>(result));
                return result;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Gathered per image element, taps in ascending order, so the result equals the CPU backend's bit for
    /// bit; the columns are read through their strides.</remarks>
    /// <exception cref="ShapeMismatchException">The columns do not have the shape im2col gives for
    /// <paramref name="imageShape"/>.</exception>
    public RawTensor Col2Im(RawTensor columns, Shape imageShape, ConvGeometry geometry)
    {
        lock (_gate)
        {
            using var scope = Enter("col2im");
            GpuChecks.On(this, "col2im", columns, nameof(columns));
            Checks.Float("col2im", columns);
            ArgumentNullException.ThrowIfNull(imageShape);
            var expected = ShapeRules.Im2Col("col2im", imageShape, geometry);
            if (columns.Shape != expected)
                ShapeRules.Fail("col2im", $"columns of shape {expected} for an image batch {imageShape}",
                    $"columns {columns.Shape}");
            // For col2im the offset and the last two strides describe the columns [rows, cols].
            var s = Conv(imageShape, geometry, columns.Offset, [0, 0, columns.Strides[0], columns.Strides[1]]);
            if (columns.DType == DType.Float32)
            {
                var result = New<float>(imageShape);
                Launch(imageShape.NumElements, ConvolutionKernels.Col2Im<float, Float32Ops>, Data<float>(columns), s,
                    Data<float>(result));
                return result;
            }
            else
            {
                var result = New<double>(imageShape);
                Launch(imageShape.NumElements, ConvolutionKernels.Col2Im<double, Float64Ops>, Data<double>(columns), s,
                    Data<double>(result));
                return result;
            }
        }
    }

    private static ConvShape Conv(Shape image, ConvGeometry g, int offset, int[] strides) => new()
    {
        N = image.Dims[0],
        C = image.Dims[1],
        H = image.Dims[2],
        W = image.Dims[3],
        Offset = offset,
        StrideN = strides[0],
        StrideC = strides[1],
        StrideH = strides[2],
        StrideW = strides[3],
        KH = g.KernelH,
        KW = g.KernelW,
        SH = g.StrideH,
        SW = g.StrideW,
        PH = g.PadH,
        PW = g.PadW,
        DH = g.DilationH,
        DW = g.DilationW,
        OH = g.OutH(image.Dims[2]),
        OW = g.OutW(image.Dims[3]),
    };
}
