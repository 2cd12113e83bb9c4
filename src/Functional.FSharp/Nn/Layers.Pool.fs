namespace Functional.Nn

open System.Runtime.InteropServices
open Functional

/// The argument checks both pooling layers share, at construction (the op checks the input's shape).
module internal PoolArguments =
    let check (layer: string) (kernel: int) (stride: int) (padding: int) =
        if kernel < 1 || stride < 1 || padding < 0 || 2 * padding > kernel then
            invalidArg
                (nameof kernel)
                $"{layer}: expected kernel ≥ 1, stride ≥ 1 and 0 ≤ padding ≤ kernel / 2, received kernel {kernel}, stride {stride}, padding {padding}"

/// <summary>2-D max pooling over [N, C, H, W] (PyTorch's MaxPool2d, Keras's MaxPooling2D): the largest value of each
/// kernel×kernel window; stride defaults (0) to the kernel, padding (with −∞) to 0.</summary>
[<Sealed>]
type MaxPool2d
    (
        kernel: int,
        [<Optional; DefaultParameterValue(0)>] stride: int,
        [<Optional; DefaultParameterValue(0)>] padding: int
    ) =
    inherit Model()
    // stride 0 (the default) means "the kernel", PyTorch's stride=None, so C# callers get the same default.
    let stride = if stride = 0 then kernel else stride
    do PoolArguments.check "MaxPool2d" kernel stride padding
    override _.Describe() = $"{kernel}x{kernel}, stride {stride}"
    override _.Forward x = x.MaxPool2d(kernel, stride, padding)

/// <summary>2-D average pooling over [N, C, H, W] (PyTorch's AvgPool2d with count_include_pad, Keras's
/// AveragePooling2D): the mean of each kernel×kernel window; stride defaults (0) to the kernel, zero padding to 0.</summary>
[<Sealed>]
type AvgPool2d
    (
        kernel: int,
        [<Optional; DefaultParameterValue(0)>] stride: int,
        [<Optional; DefaultParameterValue(0)>] padding: int
    ) =
    inherit Model()
    // stride 0 (the default) means "the kernel", PyTorch's stride=None, so C# callers get the same default.
    let stride = if stride = 0 then kernel else stride
    do PoolArguments.check "AvgPool2d" kernel stride padding
    override _.Describe() = $"{kernel}x{kernel}, stride {stride}"
    override _.Forward x = x.AvgPool2d(kernel, stride, padding)
