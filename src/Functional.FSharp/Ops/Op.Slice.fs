[<AutoOpen>]
module Functional.OpSlice

open Functional.Core.Tensors

/// One axis of an index expression: a single position (the axis is dropped) or a range (kept).
[<RequireQualifiedAccess>]
type Index =
    /// A single position; the axis disappears from the result.
    | At of int
    /// Positions start..stop (inclusive, as F# ranges), either end optional.
    | Range of start: int option * stop: int option

type Tensor with
    /// <summary>A strided view: per axis, start (inclusive), stop (exclusive) and step ≥ 1.</summary>
    /// <remarks>Reverse: dx = zeros of x's shape with dy written into the slice.</remarks>
    member x.Slice(starts: int[], stops: int[], steps: int[]) : Tensor =
        let input = x.Shape
        let result = x.Raw.Backend.Slice(x.Raw, starts, stops, steps)
        Tensor.Record("slice", result, [| x |], fun dy -> [| Tensor.SliceScatter(input, dy, starts, stops, steps) |])

    /// <summary>Zeros of <paramref name="shape"/> with <paramref name="src"/> written at the slice.</summary>
    /// <remarks>Reverse: dsrc = slice dy.</remarks>
    static member SliceScatter(shape: Shape, src: Tensor, starts: int[], stops: int[], steps: int[]) : Tensor =
        let result = src.Raw.Backend.SliceScatter(shape, src.Raw, starts, stops, steps)
        Tensor.Record("sliceScatter", result, [| src |], fun dy -> [| dy.Slice(starts, stops, steps) |])

    /// <summary>Indexes with one <see cref="Index"/> per leading axis; trailing axes are kept whole. F# ranges are
    /// inclusive. Positions out of range fail naming the axis.</summary>
    member x.Index(indices: Index[]) : Tensor =
        if indices.Length > x.Rank then
            ShapeRules.Fail("index", $"at most {x.Rank} indices", $"{indices.Length} for shape {x.Shape}")

        let starts = Array.zeroCreate x.Rank
        let stops = x.Dims
        let steps = Array.create x.Rank 1
        let kept = ResizeArray<int>()

        for axis in 0 .. x.Rank - 1 do
            let n = x.Dims[axis]

            if axis < indices.Length then
                match indices[axis] with
                | Index.At i ->
                    if i < 0 || i >= n then
                        ShapeRules.Fail("index", $"an index in [0, {n - 1}] on axis {axis}", $"{i} for shape {x.Shape}")

                    starts[axis] <- i
                    stops[axis] <- i + 1
                | Index.Range(lo, hi) ->
                    let s = defaultArg lo 0

                    let e =
                        match hi with
                        | Some h -> h + 1
                        | None -> n

                    if s < 0 || s > n then
                        ShapeRules.Fail(
                            "index",
                            $"a range start in [0, {n}] on axis {axis}",
                            $"{s} for shape {x.Shape}"
                        )
                    // The end is inclusive, as F# ranges are: report it as written (end −1 is the empty edge).
                    if e < 0 || e > n then
                        ShapeRules.Fail(
                            "index",
                            $"a range end in [0, {n - 1}] on axis {axis}",
                            $"{e - 1} for shape {x.Shape}"
                        )

                    starts[axis] <- s
                    stops[axis] <- max s e
                    kept.Add(max 0 (e - s))
            else
                kept.Add n

        let sliced = x.Slice(starts, stops, steps)
        if kept.Count = x.Rank then sliced else sliced.Reshape kept

    /// <summary>x.[i]: the sub-tensor at position i of the first axis.</summary>
    member x.Item
        with get (i: int) = x.Index [| Index.At i |]

    /// <summary>x.[i, j]</summary>
    member x.Item
        with get (i: int, j: int) = x.Index [| Index.At i; Index.At j |]

    /// <summary>x.[i, j, k]</summary>
    member x.Item
        with get (i: int, j: int, k: int) = x.Index [| Index.At i; Index.At j; Index.At k |]

    /// <summary>x.[a..b]</summary>
    member x.GetSlice(s0: int option, e0: int option) = x.Index [| Index.Range(s0, e0) |]

    /// <summary>x.[a..b, c..d]</summary>
    member x.GetSlice(s0: int option, e0: int option, s1: int option, e1: int option) =
        x.Index [| Index.Range(s0, e0); Index.Range(s1, e1) |]

    /// <summary>x.[i, c..d]</summary>
    member x.GetSlice(i0: int, s1: int option, e1: int option) =
        x.Index [| Index.At i0; Index.Range(s1, e1) |]

    /// <summary>x.[a..b, j]</summary>
    member x.GetSlice(s0: int option, e0: int option, i1: int) =
        x.Index [| Index.Range(s0, e0); Index.At i1 |]

    /// <summary>x.[a..b, c..d, e..f]</summary>
    member x.GetSlice(s0: int option, e0: int option, s1: int option, e1: int option, s2: int option, e2: int option) =
        x.Index [| Index.Range(s0, e0); Index.Range(s1, e1); Index.Range(s2, e2) |]

    /// <summary>x.[i, c..d, e..f]</summary>
    member x.GetSlice(i0: int, s1: int option, e1: int option, s2: int option, e2: int option) =
        x.Index [| Index.At i0; Index.Range(s1, e1); Index.Range(s2, e2) |]

    /// <summary>x.[a..b, j, e..f]</summary>
    member x.GetSlice(s0: int option, e0: int option, i1: int, s2: int option, e2: int option) =
        x.Index [| Index.Range(s0, e0); Index.At i1; Index.Range(s2, e2) |]

    /// <summary>x.[a..b, c..d, k]</summary>
    member x.GetSlice(s0: int option, e0: int option, s1: int option, e1: int option, i2: int) =
        x.Index [| Index.Range(s0, e0); Index.Range(s1, e1); Index.At i2 |]

    /// <summary>x.[i, j, e..f]</summary>
    member x.GetSlice(i0: int, i1: int, s2: int option, e2: int option) =
        x.Index [| Index.At i0; Index.At i1; Index.Range(s2, e2) |]

    /// <summary>x.[i, c..d, k]</summary>
    member x.GetSlice(i0: int, s1: int option, e1: int option, i2: int) =
        x.Index [| Index.At i0; Index.Range(s1, e1); Index.At i2 |]

    /// <summary>x.[a..b, j, k]</summary>
    member x.GetSlice(s0: int option, e0: int option, i1: int, i2: int) =
        x.Index [| Index.Range(s0, e0); Index.At i1; Index.At i2 |]
