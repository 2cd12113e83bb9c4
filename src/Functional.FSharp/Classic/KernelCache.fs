// The kernel rows an SMO solver reads: the whole Gram matrix from one GEMM when it fits the memory budget, otherwise
// rows computed on demand and kept in a least-recently-used cache.
namespace Functional

open System.Collections.Generic

/// <summary>The kernel rows SMO reads: the whole Gram matrix from one GEMM when it fits the cache budget, otherwise
/// rows computed on demand and kept in a least-recently-used cache (LIBSVM's Cache, simplified).</summary>
type internal KernelRows(kernel: Kernel, rows: Rows, cacheBytes: float) =
    let n = rows.Count
    let norms = ClassicInput.rowNorms rows

    let diagonal =
        Array.init n (fun i -> Kernel.ofParts kernel norms[i] norms[i] norms[i])

    let full =
        if float n * float n * 8.0 <= cacheBytes then
            Some(Kernel.gramRows kernel rows rows)
        else
            None

    let capacity = max 2 (int (cacheBytes / (8.0 * float n)))
    let cache = Dictionary<int, LinkedListNode<int * float[]>>()
    let order = LinkedList<int * float[]>()

    let compute (i: int) =
        let xi = rows.Row i
        let row = Array.zeroCreate n

        for j in 0 .. n - 1 do
            row[j] <-
                Kernel.ofParts kernel (System.Numerics.Tensors.TensorPrimitives.Dot(xi, rows.Row j)) norms[i] norms[j]

        row

    /// k(xᵢ, xᵢ) for every i.
    member _.Diagonal = diagonal

    /// Row i of the Gram matrix: an array and the offset where the row starts.
    member _.Row(i: int) : float[] * int =
        match full with
        | Some gram -> gram, i * n
        | None ->
            match cache.TryGetValue i with
            | true, node ->
                order.Remove node
                order.AddFirst node
                snd node.Value, 0
            | false, _ ->
                if cache.Count >= capacity then
                    let last = order.Last |> nonNull
                    order.RemoveLast()
                    cache.Remove(fst last.Value) |> ignore

                let row = compute i
                cache[i] <- order.AddFirst((i, row))
                row, 0
