[<AutoOpen>]
module Functional.OpConv2d

open Functional.Core.Tensors

type Tensor with
    /// <summary>2-D cross-correlation (PyTorch's conv2d): x [N, C, H, W], weight [Cout, C, kh, kw], optional bias
    /// [Cout] → [N, Cout, outH, outW], with outH = ⌊(H + 2·pad − dilation·(kh − 1) − 1) / stride⌋ + 1.</summary>
    /// <remarks>Computed as im2col then one GEMM over the whole batch, W [Cout, C·kh·kw] · cols [C·kh·kw, N·L];
    /// its gradient comes from those differentiable ops (matmul, permute, reshape, im2col).</remarks>
    /// <exception cref="ShapeMismatchException">Ranks or channel counts do not match, or the window does not fit.</exception>
    static member Conv2d(x: Tensor, weight: Tensor, bias: Tensor option, geometry: ConvGeometry) : Tensor =
        if x.Rank <> 4 || weight.Rank <> 4 then
            ShapeRules.Fail(
                "conv2d",
                "x [N, C, H, W] and weight [Cout, C, kh, kw]",
                $"x {x.Shape}, weight {weight.Shape}"
            )

        let n, c, h, w = x.Dims[0], x.Dims[1], x.Dims[2], x.Dims[3]
        let cout = weight.Dims[0]

        if
            weight.Dims[1] <> c
            || weight.Dims[2] <> geometry.KernelH
            || weight.Dims[3] <> geometry.KernelW
        then
            ShapeRules.Fail(
                "conv2d",
                $"weight [Cout, {c}, {geometry.KernelH}, {geometry.KernelW}] for x with {c} channels",
                $"x {x.Shape}, weight {weight.Shape}"
            )

        let oh, ow = geometry.OutH h, geometry.OutW w
        let k = c * geometry.KernelH * geometry.KernelW
        let cols = x.Im2Col geometry // [K, N·L]: one GEMM covers the batch
        let y = Tensor.MatMul(weight.Reshape [ cout; k ], cols) // [Cout, N·L]

        let y =
            y.Reshape([ cout; n; oh * ow ]).Permute([| 1; 0; 2 |]).Reshape [ n; cout; oh; ow ]

        match bias with
        | None -> y
        | Some b ->
            if b.Shape <> Shape [| cout |] then
                ShapeRules.Fail("conv2d", $"bias [{cout}]", $"bias {b.Shape}")

            y + b.Reshape [ 1; cout; 1; 1 ]
