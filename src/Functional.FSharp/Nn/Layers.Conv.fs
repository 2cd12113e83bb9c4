namespace Functional.Nn

open System
open System.Runtime.InteropServices
open Functional
open Functional.Core.Tensors

/// <summary>A 2-D convolution (PyTorch's Conv2d, Keras's Conv2D): x [N, Cin, H, W] → [N, Cout, H′, W′] with a square
/// kernel, weight [Cout, Cin, k, k] and bias [Cout].</summary>
/// <remarks>For Keras's padding="same" use <see cref="M:Functional.Nn.Conv2d.Same"/>: padding (k − 1)/2 on every
/// side gives the same output size ⌈H / stride⌉. With stride 2, Keras pads one row less above than below, so the
/// windows sit half a stride apart from ours: same shapes and parameter counts, slightly different numbers.</remarks>
[<Sealed>]
type Conv2d
    (
        inChannels: int,
        outChannels: int,
        kernel: int,
        rng: Random,
        [<Optional; DefaultParameterValue(1)>] stride: int,
        [<Optional; DefaultParameterValue(0)>] padding: int,
        [<Optional; DefaultParameterValue(true)>] bias: bool,
        [<Optional; DefaultParameterValue(null: Init | null)>] init: Init | null,
        [<Optional; DefaultParameterValue(DType.Float32)>] dtype: DType
    ) =
    inherit Model()

    do
        if inChannels < 1 || outChannels < 1 then
            invalidArg
                (nameof inChannels)
                $"conv2d: expected at least one channel, received {inChannels} -> {outChannels}"

        if isNull (box rng) then
            nullArg (nameof rng)

    let geometry = ConvGeometry.Square(kernel, stride, padding)
    do geometry.Validate "conv2d"

    let weight, biasParameter =
        let fanIn, fanOut = inChannels * kernel * kernel, outChannels * kernel * kernel
        LayerParameters.create init rng fanIn fanOut [ outChannels; inChannels; kernel; kernel ] outChannels bias dtype

    /// <summary>Keras's padding="same": padding (kernel − 1)/2 (kernel odd), output ⌈H / stride⌉.</summary>
    static member Same
        (
            inChannels: int,
            outChannels: int,
            kernel: int,
            rng: Random,
            [<Optional; DefaultParameterValue(1)>] stride: int,
            [<Optional; DefaultParameterValue(true)>] bias: bool,
            [<Optional; DefaultParameterValue(null: Init | null)>] init: Init | null,
            [<Optional; DefaultParameterValue(DType.Float32)>] dtype: DType
        ) =
        if kernel % 2 = 0 then
            invalidArg (nameof kernel) $"conv2d.same: expected an odd kernel size, received {kernel}"

        Conv2d(inChannels, outChannels, kernel, rng, stride, (kernel - 1) / 2, bias, init, dtype)

    /// The kernel [Cout, Cin, k, k].
    member _.Weight = weight

    /// The bias [Cout], if any.
    member _.Bias: Parameter | null = Option.toObj biasParameter

    override _.OwnParameters = Array.append [| weight |] (Option.toArray biasParameter)

    override _.Describe() =
        $"{inChannels} -> {outChannels}, {kernel}x{kernel}, stride {stride}, padding {padding}"

    override m.Forward x =
        m.ExpectDType(x, weight.Value.DType)

        Tensor.Conv2d(x, weight.Value, biasParameter |> Option.map (fun b -> b.Value), geometry)

/// <summary>A 2-D transposed convolution (PyTorch's ConvTranspose2d, Keras's Conv2DTranspose): x [N, Cin, H, W] →
/// [N, Cout, (H − 1)·stride − 2·padding + k + outputPadding, …], weight [Cin, Cout, k, k], bias [Cout].</summary>
/// <remarks>Keras's padding="same" (output H·stride) is <see cref="M:Functional.Nn.ConvTranspose2d.Same"/>.</remarks>
[<Sealed>]
type ConvTranspose2d
    (
        inChannels: int,
        outChannels: int,
        kernel: int,
        rng: Random,
        [<Optional; DefaultParameterValue(1)>] stride: int,
        [<Optional; DefaultParameterValue(0)>] padding: int,
        [<Optional; DefaultParameterValue(0)>] outputPadding: int,
        [<Optional; DefaultParameterValue(true)>] bias: bool,
        [<Optional; DefaultParameterValue(null: Init | null)>] init: Init | null,
        [<Optional; DefaultParameterValue(DType.Float32)>] dtype: DType
    ) =
    inherit Model()

    do
        if inChannels < 1 || outChannels < 1 then
            invalidArg
                (nameof inChannels)
                $"convTranspose2d: expected at least one channel, received {inChannels} -> {outChannels}"

        if isNull (box rng) then
            nullArg (nameof rng)

        if outputPadding < 0 || outputPadding >= stride then
            invalidArg
                (nameof outputPadding)
                $"convTranspose2d: expected 0 <= outputPadding < stride ({stride}), received {outputPadding}"

    let geometry = ConvGeometry.Square(kernel, stride, padding)
    do geometry.Validate "convTranspose2d"

    let weight, biasParameter =
        // As PyTorch and Keras: fan-in counts the output channels, the ones a gradient of conv2d would see.
        let fanIn, fanOut = outChannels * kernel * kernel, inChannels * kernel * kernel
        LayerParameters.create init rng fanIn fanOut [ inChannels; outChannels; kernel; kernel ] outChannels bias dtype

    /// <summary>Keras's padding="same": output H·stride, from padding (k − 1)/2 and outputPadding stride − 1
    /// (kernel odd).</summary>
    static member Same
        (
            inChannels: int,
            outChannels: int,
            kernel: int,
            rng: Random,
            [<Optional; DefaultParameterValue(1)>] stride: int,
            [<Optional; DefaultParameterValue(true)>] bias: bool,
            [<Optional; DefaultParameterValue(null: Init | null)>] init: Init | null,
            [<Optional; DefaultParameterValue(DType.Float32)>] dtype: DType
        ) =
        if kernel % 2 = 0 then
            invalidArg (nameof kernel) $"convTranspose2d.same: expected an odd kernel size, received {kernel}"

        ConvTranspose2d(inChannels, outChannels, kernel, rng, stride, (kernel - 1) / 2, stride - 1, bias, init, dtype)

    /// The kernel [Cin, Cout, k, k].
    member _.Weight = weight

    /// The bias [Cout], if any.
    member _.Bias: Parameter | null = Option.toObj biasParameter

    override _.OwnParameters = Array.append [| weight |] (Option.toArray biasParameter)

    override _.Describe() =
        $"{inChannels} -> {outChannels}, {kernel}x{kernel}, stride {stride}, padding {padding}"

    override m.Forward x =
        m.ExpectDType(x, weight.Value.DType)

        Tensor.ConvTranspose2d(
            x,
            weight.Value,
            biasParameter |> Option.map (fun b -> b.Value),
            geometry,
            outputPadding,
            outputPadding
        )
