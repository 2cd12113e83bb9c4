// The exact k-nearest search behind Knn: distances ranked by one GEMM per batch of queries. The GEMM only screens:
// every training row whose key ‖x‖² − 2 q · x could, within a proven rounding bound, be among the k best is rescored
// as ‖q − x‖² in float64 from its own values, so no cancellation reaches the answer. Where the values allow, the
// screening GEMM runs in float32 (twice the float64 throughput); values too large for it use a float64 GEMM, and values
// too large for that (squared norms near float64's range) are compared row by row.
namespace Functional

open System
open System.Numerics
open System.Threading.Tasks
open Functional.Core.Kernels
open Functional.Core.Tensors

/// The training rows in the element type a screening GEMM runs in, with what its error bound needs.
type internal KnnScreen<'T> = {
    /// The training rows rounded to 'T, row-major [n, d].
    Rows: 'T[]
    /// Their squared norms rounded to 'T.
    Norms: 'T[]
    /// The largest Euclidean norm of a training row.
    MaxNorm: float
    /// The largest absolute value in the training rows.
    MaxAbs: float
}

/// The training rows of a kNN fit in the forms the search reads, computed once per fit.
type internal KnnPrepared = {
    /// The float64 rows: what distances are finally computed from.
    Rows: Rows
    /// The float32 screen, when products of the values cannot overflow float32.
    Screen32: KnnScreen<float32> option
    /// The float64 screen, when squared norms cannot overflow float64.
    Screen64: KnnScreen<float> option
}

module internal KnnSearch =

    /// What the error bound needs of a floating-point format: its unit roundoff, its smallest normal, and a limit on
    /// any sum of products so that nothing overflows.
    type private Format = {
        Unit: float
        Tiny: float
        Limit: float
    }

    let private single = {
        Unit = Math.Pow(2.0, -24.0)
        Tiny = Math.Pow(2.0, -126.0)
        Limit = 1e36
    }

    let private double = {
        Unit = Math.Pow(2.0, -53.0)
        Tiny = Math.Pow(2.0, -1022.0)
        Limit = 1e300
    }

    /// Whether d-term products of values up to maxA and maxB, and squared norms of the maxA values, stay finite in the
    /// format, with γ_d = d u well under 1 (else the screen keeps everything).
    let private fits (format: Format) (d: int) (maxA: float) (maxB: float) =
        let d = float d

        d * format.Unit < 0.01
        && d * maxA * maxB <= format.Limit
        && d * maxA * maxA <= format.Limit

    let private maxAbs (values: ReadOnlySpan<float>) =
        if values.Length = 0 then
            0.0
        else
            abs (System.Numerics.Tensors.TensorPrimitives.MaxMagnitude values)

    /// <summary>The search's view of training rows already checked (non-empty, finite).</summary>
    let prepare (rows: Rows) : KnnPrepared =
        let norms = ClassicInput.rowNorms rows
        let largest = maxAbs (ReadOnlySpan rows.Data)
        let maxNorm = sqrt (Array.max norms)

        let screen (format: Format) (convert: float[] -> 'T[]) =
            if fits format rows.Width largest largest then
                Some {
                    Rows = convert rows.Data
                    Norms = convert norms
                    MaxNorm = maxNorm
                    MaxAbs = largest
                }
            else
                None

        {
            Rows = rows
            Screen32 = screen single (Array.map float32)
            Screen64 = screen double id
        }

    /// Inserts (key, i) into the ascending k-best lists; among equal keys the earlier insert stays first.
    let inline private insert (bestKey: 'T[]) (bestIndex: int[]) (i: int) (v: 'T) =
        let k = bestKey.Length

        if v < bestKey[k - 1] then
            let mutable at = k - 1

            while at > 0 && bestKey[at - 1] > v do
                bestKey[at] <- bestKey[at - 1]
                bestIndex[at] <- bestIndex[at - 1]
                at <- at - 1

            bestKey[at] <- v
            bestIndex[at] <- i

    /// ‖a − b‖² in float64 from the values themselves (no cancellation as in ‖a‖² + ‖b‖² − 2 a · b).
    let private squaredDistance (a: ReadOnlySpan<float>) (b: ReadOnlySpan<float>) =
        let lanes = Vector<float>.Count
        let mutable acc = Vector<float>.Zero
        let mutable i = 0

        while i + lanes <= a.Length do
            let diff = Vector<float>(a.Slice(i, lanes)) - Vector<float>(b.Slice(i, lanes))
            acc <- acc + diff * diff
            i <- i + lanes

        let mutable sum = Vector.Sum acc

        while i < a.Length do
            let diff = a[i] - b[i]
            sum <- sum + diff * diff
            i <- i + 1

        sum

    /// <summary>A bound on |key' − key| for a query of norm qNorm and largest value qMax, where key = ‖x‖² − 2 q · x
    /// exactly and key' is its evaluation in the format: inputs rounded to it (relative u, or absolute η below the
    /// normal range), a dot product of d terms in any order with or without fused multiply-adds (γ_d = d u / (1 − d u)
    /// of Σ |q_i x_i| ≤ ‖q‖ ‖x‖), then the norm's rounding and one subtraction. Doubled for safety.</summary>
    let private keyError (format: Format) (d: int) (maxNorm: float) (maxAbs: float) (qNorm: float) (qMax: float) =
        let u, eta = format.Unit, format.Tiny
        let gamma = float d * u / (1.0 - float d * u)
        let qx = qNorm * maxNorm
        let dot = (gamma * (1.0 + u) * (1.0 + u) + 2.0 * u + u * u) * qx
        let tiny = eta * float d * (qMax + 2.0 * maxAbs + 2.0)

        let key =
            2.0 * (dot + tiny) + 2.0 * u * (1.0 + u) * (maxNorm * maxNorm + 2.0 * qx + eta)

        2.0 * key

    /// One query's k nearest from its screening keys norms[i] − 2 products[row + i]: every row whose key is within
    /// twice the key error of the k-th smallest key is rescored exactly. Indices and squared distances, nearest first.
    let inline private screenedNearest
        (format: Format)
        (screen: KnnScreen<'T>)
        (roundUp: float -> 'T)
        (infinity: 'T)
        (data: float[])
        (k: int)
        (products: 'T[])
        (row: int)
        (query: ReadOnlySpan<float>)
        (qNorm: float)
        =
        let n, width = screen.Norms.Length, query.Length
        let norms = screen.Norms
        let lanes = Vector<'T>.Count
        let two = Vector<'T>.One + Vector<'T>.One

        // Pass 1: the k-th smallest key, a vector of keys at a time (only lanes below the current k-th go through
        // insert, rare once the list fills).
        let keys = Array.create k infinity
        let unused = Array.zeroCreate k
        let mutable i = 0

        while i + lanes <= n do
            let block = Vector<'T>(norms, i) - two * Vector<'T>(products, row + i)

            if Vector.LessThanAny(block, Vector<'T>(keys[k - 1])) then
                for l in 0 .. lanes - 1 do
                    insert keys unused (i + l) block[l]

            i <- i + lanes

        while i < n do
            insert keys unused i (norms[i] - (products[row + i] + products[row + i]))
            i <- i + 1

        // Pass 2: rescore the candidates in training order, so insert keeps the earlier of two rows at equal distance.
        let margin =
            2.0 * keyError format width screen.MaxNorm screen.MaxAbs qNorm (maxAbs query)

        let threshold = roundUp (float keys[k - 1] + margin)
        let limit = Vector<'T> threshold
        let bestKey = Array.create k Double.PositiveInfinity
        let bestIndex = Array.create k -1
        i <- 0

        while i + lanes <= n do
            let block = Vector<'T>(norms, i) - two * Vector<'T>(products, row + i)

            if Vector.LessThanOrEqualAny(block, limit) then
                for l in 0 .. lanes - 1 do
                    if block[l] <= threshold then
                        let j = i + l
                        insert bestKey bestIndex j (squaredDistance query (ReadOnlySpan(data, j * width, width)))

            i <- i + lanes

        while i < n do
            if norms[i] - (products[row + i] + products[row + i]) <= threshold then
                insert bestKey bestIndex i (squaredDistance query (ReadOnlySpan(data, i * width, width)))

            i <- i + 1

        bestIndex, bestKey

    /// One query's k nearest by comparing every row directly: for values whose squared norms overflow float64.
    let private directNearest (data: float[]) (n: int) (k: int) (query: ReadOnlySpan<float>) =
        let width = query.Length
        let bestKey = Array.create k Double.PositiveInfinity
        let bestIndex = Array.create k -1

        for i in 0 .. n - 1 do
            insert bestKey bestIndex i (squaredDistance query (ReadOnlySpan(data, i * width, width)))

        bestIndex, bestKey

    /// The screening products q · x of a batch of queries with every training row, by one GEMM in 'T; the GEMM packs
    /// the transposed view of the rows directly, so they are never copied into [d, n].
    let private products (screen: KnnScreen<'T>) (batch: 'T[]) (count: int) (width: int) : 'T[] =
        let n = screen.Norms.Length
        let rows = Tensor.OfRaw(RawTensor.FromArray(screen.Rows, Shape [| n; width |]))
        let queries = Tensor.OfRaw(RawTensor.FromArray(batch, Shape [| count; width |]))
        let result = Tensor.MatMul(queries, rows.Transpose()).Raw

        // A fresh GEMM result is contiguous from its start: its storage is read in place instead of copied.
        match result.Storage with
        | :? CpuStorage<'T> as storage when result.IsContiguous && result.Offset = 0 && storage.Length = count * n ->
            storage.Data
        | _ -> result.ToArray<'T>()

    /// The float32 threshold at or above the float64 value t.
    let private roundUp32 (t: float) =
        let t32 = float32 t
        if float t32 < t then MathF.BitIncrement t32 else t32

    /// <summary>The k nearest training rows of each query (indices nearest first, ties by training order) and their
    /// squared distances, a batch of queries per GEMM.</summary>
    let nearest (prepared: KnnPrepared) (k: int) (batchSize: int) (queries: Rows) : int[][] * float[][] =
        let training = prepared.Rows
        let n, width = training.Count, training.Width
        let indices = Array.zeroCreate queries.Count
        let distances = Array.zeroCreate queries.Count
        let queryMax = maxAbs (ReadOnlySpan queries.Data)

        let usable format =
            Option.filter (fun s -> fits format width s.MaxAbs queryMax)

        let screen32 = usable single prepared.Screen32
        let screen64 = usable double prepared.Screen64

        for first in 0..batchSize .. queries.Count - 1 do
            let count = min batchSize (queries.Count - first)
            let batch = ClassicInput.slice queries first count
            let queryNorms = ClassicInput.rowNorms batch

            let search: int -> int[] * float[] =
                match screen32, screen64 with
                | Some screen, _ ->
                    let p = products screen (Array.map float32 batch.Data) count width

                    fun q ->
                        let query = batch.Row q
                        let qNorm = sqrt queryNorms[q]

                        screenedNearest
                            single
                            screen
                            roundUp32
                            Single.PositiveInfinity
                            training.Data
                            k
                            p
                            (q * n)
                            query
                            qNorm
                | None, Some screen ->
                    let p = products screen batch.Data count width

                    fun q ->
                        let query = batch.Row q
                        let qNorm = sqrt queryNorms[q]
                        screenedNearest double screen id Double.PositiveInfinity training.Data k p (q * n) query qNorm
                | None, None -> fun q -> directNearest training.Data n k (batch.Row q)

            Parallel.For(
                0,
                count,
                CpuSettings.ParallelOptions,
                fun q ->
                    let near, squared = search q
                    indices[first + q] <- near
                    distances[first + q] <- squared
            )
            |> ignore

        indices, distances
