[<AutoOpen>]
module Functional.OpUnfold

open Functional.Core.Tensors

type Tensor with
    /// <summary>Unfolds an image batch [N, C, H, W] into columns [C·kh·kw, N·outH·outW] (im2col; PyTorch's unfold with the
    /// batch folded into the columns, so one GEMM convolves the whole batch).</summary>
    /// <remarks>Linear; reverse: dx = col2im dy (its adjoint).</remarks>
    member x.Im2Col(geometry: ConvGeometry) : Tensor =
        let image = x.Shape

        Tensor.Record(
            "im2col",
            x.Raw.Backend.Im2Col(x.Raw, geometry),
            [| x |],
            fun dy -> [| dy.Col2Im(image, geometry) |]
        )

    /// <summary>Folds columns [C·kh·kw, N·L] back into an image batch of <paramref name="imageShape"/>, summing
    /// overlapping taps (col2im, PyTorch's fold): the adjoint of <see cref="M:Functional.Tensor.Im2Col"/>.</summary>
    /// <remarks>Linear; reverse: dcolumns = im2col dy.</remarks>
    member columns.Col2Im(imageShape: Shape, geometry: ConvGeometry) : Tensor =
        Tensor.Record(
            "col2im",
            columns.Raw.Backend.Col2Im(columns.Raw, imageShape, geometry),
            [| columns |],
            fun dy -> [| dy.Im2Col geometry |]
        )
