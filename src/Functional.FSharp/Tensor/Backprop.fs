/// The reverse pass: walks the tape from an output back to chosen inputs, accumulating gradients.
module internal Functional.Backprop

open System.Collections.Generic
open System.Threading
open Functional.Core.Tensors

let mutable private lastPass = 0L

/// Nodes reachable from <c>root</c>, parents before children, each stamped with <c>pass</c> (iterative, so long
/// chains cannot overflow the stack).
let private topologicalOrder (pass: int64) (root: Node) =
    let order = List<Node>()
    let stack = Stack<struct (Node * bool)>()
    stack.Push(struct (root, false))

    while stack.Count > 0 do
        let struct (node, expanded) = stack.Pop()

        if expanded then
            order.Add node
        elif node.Visit <> pass then
            node.Visit <- pass
            node.Grad <- Unchecked.defaultof<Tensor>
            stack.Push(struct (node, true))

            for p in node.Parents do
                if p.IsTracked && p.Node.Visit <> pass then
                    stack.Push(struct (p.Node, false))

    order

/// <summary>Gradients of <c>output</c> (seeded with <c>seed</c>, the vector of a vector-Jacobian product) with
/// respect to each of <c>targets</c>. When <c>createGraph</c>, the reverse rules are themselves recorded, so the
/// gradients can be differentiated again; otherwise they are constants.</summary>
/// <remarks>A value used twice accumulates both gradients; a target the output does not depend on gets zeros.</remarks>
let run (createGraph: bool) (output: Tensor) (seed: Tensor) (targets: Tensor[]) : Tensor[] =
    let zerosLike (t: Tensor) =
        Tensor.OfRaw(t.Raw.Backend.Full(t.Shape, t.DType, 0.0))

    if not output.IsTracked then
        targets |> Array.map zerosLike
    else
        let pass = Interlocked.Increment(&lastPass)

        for t in targets do
            if t.IsTracked then
                t.Node.TargetOf <- pass

        let order = topologicalOrder pass output.Node

        // A node matters when a target is among its ancestors (or is itself): only those carry gradients.
        for node in order do
            node.Relevant <-
                node.TargetOf = pass
                || node.Parents |> Array.exists (fun p -> p.IsTracked && p.Node.Relevant)

        let accumulate (node: Node) (g: Tensor) =
            node.Grad <- if isNull (box node.Grad) then g else node.Grad + g

        output.Node.Grad <- seed

        GradMode.Run(
            createGraph,
            fun () ->
                for i in order.Count - 1 .. -1 .. 0 do
                    let node = order[i]
                    let dy = node.Grad

                    if not (isNull (box dy)) && node.Relevant && node.Parents.Length > 0 then
                        let needs = node.Parents |> Array.map (fun p -> p.IsTracked && p.Node.Relevant)

                        let parentGrads = node.Backward dy needs

                        for k in 0 .. node.Parents.Length - 1 do
                            if needs[k] then
                                let p = node.Parents[k]
                                let g = parentGrads[k]

                                if g.Shape <> p.Shape then
                                    invalidOp
                                        $"backprop: the reverse rule of '{node.Op}' returned a gradient of shape {g.Shape} for an input of shape {p.Shape}"

                                accumulate p.Node g

                        // Free what is no longer needed; targets keep theirs until they are read.
                        if node.TargetOf <> pass then
                            node.Grad <- Unchecked.defaultof<Tensor>
        )

        let result =
            targets
            |> Array.map (fun t ->
                if t.IsTracked && t.Node.Visit = pass && not (isNull (box t.Node.Grad)) then
                    t.Node.Grad
                else
                    zerosLike t)

        // Targets and unreached gradients are dropped, so the graph holds no gradient after the pass.
        for node in order do
            node.Grad <- Unchecked.defaultof<Tensor>

        result
