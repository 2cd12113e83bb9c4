[<AutoOpen>]
module Functional.OpConvTranspose2d

open Functional.Core.Tensors

type Tensor with
    /// <summary>2-D transposed convolution (PyTorch's conv_transpose2d): x [N, Cin, H, W], weight [Cin, Cout, kh, kw],
    /// optional bias [Cout] → [N, Cout, outH, outW], outH = (H − 1)·stride − 2·pad + dilation·(kh − 1) + outputPadding + 1.
    /// It is the adjoint (gradient) of conv2d with the same geometry.</summary>
    /// <remarks>One GEMM Wᵀ [Cout·kh·kw, Cin] · x [Cin, N·H·W], then col2im; the gradient comes from those ops.</remarks>
    /// <exception cref="ShapeMismatchException">Ranks or channel counts do not match, or outputPadding is not below the stride.</exception>
    static member ConvTranspose2d
        (
            x: Tensor,
            weight: Tensor,
            bias: Tensor option,
            geometry: ConvGeometry,
            outputPaddingH: int,
            outputPaddingW: int
        ) : Tensor =
        if x.Rank <> 4 || weight.Rank <> 4 then
            ShapeRules.Fail(
                "convTranspose2d",
                "x [N, Cin, H, W] and weight [Cin, Cout, kh, kw]",
                $"x {x.Shape}, weight {weight.Shape}"
            )

        let n, cin, h, w = x.Dims[0], x.Dims[1], x.Dims[2], x.Dims[3]
        let cout = weight.Dims[1]

        if
            weight.Dims[0] <> cin
            || weight.Dims[2] <> geometry.KernelH
            || weight.Dims[3] <> geometry.KernelW
        then
            ShapeRules.Fail(
                "convTranspose2d",
                $"weight [{cin}, Cout, {geometry.KernelH}, {geometry.KernelW}] for x with {cin} channels",
                $"x {x.Shape}, weight {weight.Shape}"
            )

        if
            outputPaddingH < 0
            || outputPaddingW < 0
            || outputPaddingH >= geometry.StrideH
            || outputPaddingW >= geometry.StrideW
        then
            ShapeRules.Fail(
                "convTranspose2d",
                $"0 <= output padding < stride ({geometry.StrideH}x{geometry.StrideW})",
                $"output padding {outputPaddingH}x{outputPaddingW}"
            )

        let oh =
            (h - 1) * geometry.StrideH - 2 * geometry.PadH
            + geometry.DilationH * (geometry.KernelH - 1)
            + outputPaddingH
            + 1

        let ow =
            (w - 1) * geometry.StrideW - 2 * geometry.PadW
            + geometry.DilationW * (geometry.KernelW - 1)
            + outputPaddingW
            + 1

        if oh < 1 || ow < 1 then
            ShapeRules.Fail("convTranspose2d", "a positive output size", $"{oh}x{ow} for x {x.Shape} and {geometry}")

        let k = cout * geometry.KernelH * geometry.KernelW

        let xs =
            x.Reshape([ n; cin; h * w ]).Permute([| 1; 0; 2 |]).Reshape [ cin; n * h * w ]

        let cols = Tensor.MatMul((weight.Reshape [ cin; k ]).Transpose(), xs) // [K, N·H·W], col2im's layout
        let y = cols.Col2Im(Shape [| n; cout; oh; ow |], geometry)

        match bias with
        | None -> y
        | Some b ->
            if b.Shape <> Shape [| cout |] then
                ShapeRules.Fail("convTranspose2d", $"bias [{cout}]", $"bias {b.Shape}")

            y + b.Reshape [ 1; cout; 1; 1 ]
