[<AutoOpen>]
module Functional.OpConcat

open Functional.Core.Tensors

type Tensor with
    /// <summary>Joins tensors along an existing axis; other dimensions must agree.</summary>
    /// <remarks>Reverse: each input gets its own slice of dy.</remarks>
    static member Concat(xs: Tensor seq, axis: int) : Tensor =
        let xs = Seq.toArray xs

        if xs.Length = 0 then
            ShapeRules.Fail("concat", "at least one tensor", "none")

        for t in xs do
            Tensor.BackendOf("concat", xs[0], t) |> ignore

        let result = xs[0].Raw.Backend.Concat(xs |> Array.map (fun t -> t.Raw), axis)
        let a = ShapeRules.NormalizeAxis("concat", axis, xs[0].Rank)

        Tensor.Record(
            "concat",
            result,
            xs,
            fun dy ->
                let mutable offset = 0

                [|
                    for t in xs ->
                        let starts = Array.zeroCreate t.Rank
                        let stops = dy.Dims
                        starts[a] <- offset
                        stops[a] <- offset + t.Dims[a]
                        offset <- offset + t.Dims[a]
                        dy.Slice(starts, stops, Array.create t.Rank 1)
                |]
        )

    /// <summary>Stacks tensors of one shape along a new axis.</summary>
    static member Stack(xs: Tensor seq, axis: int) : Tensor =
        let xs = Seq.toArray xs

        if xs.Length = 0 then
            ShapeRules.Fail("stack", "at least one tensor", "none")

        for t in xs do
            if t.Shape <> xs[0].Shape then
                ShapeRules.Fail(
                    "stack",
                    "tensors of one shape",
                    (xs |> Array.map (fun t -> string t.Shape) |> String.concat ", ")
                )

        Tensor.Concat(xs |> Array.map (fun t -> t.Unsqueeze axis), axis)
