/// The reverse pass: walks the tape from an output back to chosen inputs, accumulating gradients.
module internal Functional.Backprop

open System.Collections.Generic
open Functional.Core.Tensors

/// Nodes reachable from <c>root</c>, parents before children (iterative, so long chains cannot overflow the stack).
let private topologicalOrder (root: Node) =
    let order = List<Node>()
    let visited = HashSet<int64>()
    let stack = Stack<struct (Node * bool)>()
    stack.Push(struct (root, false))

    while stack.Count > 0 do
        let struct (node, expanded) = stack.Pop()

        if expanded then
            order.Add node
        elif visited.Add node.Id then
            stack.Push(struct (node, true))

            for p in node.Parents do
                if p.IsTracked && not (visited.Contains p.Node.Id) then
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
        let targetIds =
            HashSet<int64>(targets |> Seq.filter (fun t -> t.IsTracked) |> Seq.map (fun t -> t.Node.Id))

        let order = topologicalOrder output.Node
        // A node matters when a target is among its ancestors (or is itself): only those carry gradients.
        let relevant = HashSet<int64>()

        for node in order do
            if
                targetIds.Contains node.Id
                || node.Parents
                   |> Array.exists (fun p -> p.IsTracked && relevant.Contains p.Node.Id)
            then
                relevant.Add node.Id |> ignore

        let grads = Dictionary<int64, Tensor>()
        grads[output.Node.Id] <- seed

        let accumulate (id: int64) (g: Tensor) =
            match grads.TryGetValue id with
            | true, existing -> grads[id] <- existing + g
            | _ -> grads[id] <- g

        GradMode.Run(
            createGraph,
            fun () ->
                for i in order.Count - 1 .. -1 .. 0 do
                    let node = order[i]

                    match grads.TryGetValue node.Id with
                    | true, dy when relevant.Contains node.Id && node.Parents.Length > 0 ->
                        let needs =
                            node.Parents |> Array.map (fun p -> p.IsTracked && relevant.Contains p.Node.Id)

                        let parentGrads = node.Backward dy needs

                        for k in 0 .. node.Parents.Length - 1 do
                            if needs[k] then
                                let p = node.Parents[k]
                                let g = parentGrads[k]

                                if g.Shape <> p.Shape then
                                    invalidOp
                                        $"backprop: the reverse rule of '{node.Op}' returned a gradient of shape {g.Shape} for an input of shape {p.Shape}"

                                accumulate p.Node.Id g

                        if not (targetIds.Contains node.Id) then
                            grads.Remove node.Id |> ignore
                    | _ -> ()
        )

        targets
        |> Array.map (fun t ->
            match t.IsTracked && grads.ContainsKey t.Node.Id with
            | true -> grads[t.Node.Id]
            | false -> zerosLike t)
