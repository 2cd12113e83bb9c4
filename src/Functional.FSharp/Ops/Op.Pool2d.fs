[<AutoOpen>]
module Functional.OpPool2d

open Functional.Core.Tensors

/// The checks and the window layout both pooling ops share: each channel plane becomes its own one-channel image, so
/// im2col lays each window out as a column [k·k, N·C·outH·outW].
module internal Pool2d =
    let windows (op: string) (x: Tensor) (kernel: int) (stride: int) (padding: int) (padValue: float) =
        if x.Rank <> 4 then
            ShapeRules.Fail(op, "x [N, C, H, W]", $"x {x.Shape}")

        if kernel < 1 || stride < 1 || padding < 0 || 2 * padding > kernel then
            ShapeRules.Fail(
                op,
                "kernel ≥ 1, stride ≥ 1 and 0 ≤ padding ≤ kernel / 2",
                $"kernel {kernel}, stride {stride}, padding {padding}"
            )

        let n, c, h, w = x.Dims[0], x.Dims[1], x.Dims[2], x.Dims[3]

        if h + 2 * padding < kernel || w + 2 * padding < kernel then
            ShapeRules.Fail(op, $"an image of at least {kernel}x{kernel} after padding {padding}", $"x {x.Shape}")

        let planes = x.Reshape [ n * c; 1; h; w ]

        // im2col pads with zeros; max pooling's padding must never win, so it is laid on here as −∞ instead.
        let planes =
            if padding = 0 || padValue = 0.0 then
                planes
            else
                let border (rows: int) (cols: int) =
                    Tensor.Full([ n * c; 1; rows; cols ], padValue, x.DType).ToDevice x.Device

                let wide = Tensor.Concat([| border h padding; planes; border h padding |], 3)
                let width = w + 2 * padding
                Tensor.Concat([| border padding width; wide; border padding width |], 2)

        let geometry =
            ConvGeometry.Square(kernel, stride, (if padValue = 0.0 then padding else 0))

        let oh, ow = geometry.OutH planes.Dims[2], geometry.OutW planes.Dims[3]
        planes.Im2Col geometry, [ n; c; oh; ow ]

type Tensor with
    /// <summary>2-D max pooling (PyTorch's max_pool2d): the largest value of each kernel×kernel window, windows
    /// <paramref name="stride"/> apart, over x [N, C, H, W] padded with −∞ → [N, C, outH, outW], outH = ⌊(H + 2·pad −
    /// kernel) / stride⌋ + 1.</summary>
    /// <remarks>Built from im2col and max along the window axis: the gradient flows to the first maximal element of
    /// each window (as PyTorch's), and second derivatives work.</remarks>
    /// <exception cref="ShapeMismatchException">x is not 4-D, the window does not fit, or padding exceeds kernel / 2.</exception>
    member x.MaxPool2d(kernel: int, stride: int, padding: int) : Tensor =
        let columns, dims =
            Pool2d.windows "max_pool2d" x kernel stride padding System.Double.NegativeInfinity

        columns.Max(0).Reshape dims

    /// <summary>Max pooling with stride = kernel and no padding (PyTorch's default).</summary>
    member x.MaxPool2d(kernel: int) : Tensor = x.MaxPool2d(kernel, kernel, 0)

    /// <summary>2-D average pooling (PyTorch's avg_pool2d with count_include_pad): the mean of each kernel×kernel
    /// window, zero padding counted → [N, C, outH, outW].</summary>
    /// <remarks>Built from im2col and mean along the window axis; reverse: each window's dy / kernel² to its taps.</remarks>
    /// <exception cref="ShapeMismatchException">x is not 4-D, the window does not fit, or padding exceeds kernel / 2.</exception>
    member x.AvgPool2d(kernel: int, stride: int, padding: int) : Tensor =
        let columns, dims = Pool2d.windows "avg_pool2d" x kernel stride padding 0.0
        columns.Mean(0).Reshape dims

    /// <summary>Average pooling with stride = kernel and no padding (PyTorch's default).</summary>
    member x.AvgPool2d(kernel: int) : Tensor = x.AvgPool2d(kernel, kernel, 0)
