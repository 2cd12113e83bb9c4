// k-means clustering: Lloyd's iterations from random or k-means++ seeding (Arthur & Vassilvitskii 2007), restarts
// keeping the lowest inertia; distances through our GEMM. Convergence rules as scikit-learn's KMeans (algorithm="lloyd").
namespace Functional

open System
open System.Threading.Tasks
open Functional.Core.Models
open Functional.Core.Tensors

/// <summary>The best of the k-means runs: centres, each row's cluster, and how the run went.</summary>
type KMeansFit = {
    /// The cluster centres, [k, d].
    Centres: Tensor
    /// The index of each training row's nearest centre, int64 [n].
    Labels: Tensor
    /// Σᵢ ‖xᵢ − c(xᵢ)‖², the within-cluster sum of squares of the labels and centres above.
    Inertia: float
    /// Lloyd iterations (assignment + update) of the kept run.
    Iterations: int
    /// True when the kept run stopped because the labels stopped changing or the centres moved less than the tolerance.
    Converged: bool
    /// The inertia after each assignment step of the kept run, the seeding's first: it never increases.
    InertiaTrace: float[]
    /// The final inertia of every restart, in the order they ran.
    RestartInertias: float[]
}

/// <summary>k-means clustering: <c>KMeans.fit settings rng x</c>, <c>KMeans.predict</c>, <c>KMeans.seed</c>.</summary>
[<RequireQualifiedAccess>]
module KMeans =

    /// <summary>How the initial centres are chosen.</summary>
    [<RequireQualifiedAccess>]
    type Seeding =
        /// k distinct rows chosen uniformly at random.
        | Random
        /// k-means++ (Arthur &amp; Vassilvitskii 2007): the first centre uniform, each next one a row drawn with
        /// probability ∝ its squared distance to the nearest centre already chosen.
        | KMeansPlusPlus
        /// These centres [k, d] (scikit-learn's init=array): every restart starts from them, so one restart is
        /// enough.
        | Given of centres: Tensor

    /// <summary>Settings; start from <c>KMeans.defaults</c> (<c>{ KMeans.defaults with K = 3 }</c>).</summary>
    type Settings = {
        /// k, the number of clusters.
        K: int
        /// How each run picks its initial centres.
        Seeding: Seeding
        /// How many runs (n_init); the one with the lowest inertia is kept.
        Restarts: int
        /// The most Lloyd iterations per run.
        MaxIterations: int
        /// A run stops when Σ ‖Δcⱼ‖² ≤ Tolerance · (mean variance of the features), or when no label changes.
        Tolerance: float
    }

    /// k = 8, k-means++, 10 restarts, 300 iterations, tolerance 1e-4 (scikit-learn's KMeans defaults).
    [<CompiledName("Defaults")>]
    let defaults = {
        K = 8
        Seeding = Seeding.KMeansPlusPlus
        Restarts = 10
        MaxIterations = 300
        Tolerance = 1e-4
    }

    let private op = "kmeans"

    let private squaredDistance (a: ReadOnlySpan<float>) (b: ReadOnlySpan<float>) =
        let mutable s = 0.0

        for j in 0 .. a.Length - 1 do
            let t = a[j] - b[j]
            s <- s + t * t

        s

    /// Initial centres of one run.
    let private initialCentres (seeding: Seeding) (k: int) (rng: Random) (rows: Rows) : Rows =
        let n = rows.Count

        match seeding with
        | Seeding.Given centres ->
            let given = ClassicInput.matrixOfWidth op "given centres" rows.Width centres

            if given.Count <> k then
                ShapeRules.Fail(op, $"{k} given centres (K), each of width {rows.Width}", $"centres {centres.Shape}")

            given
        | Seeding.Random ->
            // A partial Fisher–Yates shuffle: the first k of a uniform permutation.
            let order = Array.init n id

            for i in 0 .. k - 1 do
                let j = rng.Next(i, n)
                let t = order[i]
                order[i] <- order[j]
                order[j] <- t

            ClassicInput.pick rows (Array.sub order 0 k)
        | Seeding.KMeansPlusPlus ->
            let chosen = Array.zeroCreate k
            chosen[0] <- rng.Next n

            let nearest =
                Array.init n (fun i -> squaredDistance (rows.Row i) (rows.Row chosen[0]))

            for c in 1 .. k - 1 do
                let total = Array.sum nearest

                let next =
                    if total <= 0.0 then
                        rng.Next n
                    else
                        // Inverse-CDF sampling of i with probability nearest[i] / total.
                        let target = rng.NextDouble() * total
                        let mutable acc = 0.0
                        let mutable i = 0

                        while i < n - 1 && acc + nearest[i] <= target do
                            acc <- acc + nearest[i]
                            i <- i + 1

                        // Skip zero-weight rows the rounding may land on.
                        while nearest[i] = 0.0 && i > 0 do
                            i <- i - 1

                        i

                chosen[c] <- next

                for i in 0 .. n - 1 do
                    nearest[i] <- min nearest[i] (squaredDistance (rows.Row i) (rows.Row next))

            ClassicInput.pick rows chosen

    /// Rows per parallel task in the assignment and update steps.
    let private chunk = 2048

    /// What one pass over the rows finds for a set of centres: each row's nearest centre and squared distance, the
    /// inertia, and, when asked, per block of rows the sums and counts of its rows by label (the next update's input).
    type private Pass = {
        Labels: int[]
        Distances: float[]
        Inertia: float
        PartialSums: float[][]
        PartialCounts: int[][]
    }

    /// Nearest centre of each row, and the inertia recomputed exactly for those labels; each block of rows is then
    /// added into its block's sums by label while it is still in cache (one read of the data per Lloyd iteration, as
    /// scikit-learn's chunked loop). The ranking key ‖c‖² − 2 x · c (‖x‖² is the same for every centre) takes its
    /// products from one GEMM when k · d is large; for few, narrow centres NearestCentre's vector-of-centres kernel
    /// beats a skinny GEMM and its n × k result.
    let private pass (accumulate: bool) (rows: Rows) (centres: Rows) : Pass =
        let k, d = centres.Count, centres.Width
        let centreNorms = ClassicInput.rowNorms centres
        let labels = Array.zeroCreate rows.Count
        let distances = Array.zeroCreate rows.Count
        let blocks = (rows.Count + chunk - 1) / chunk
        // Only Lloyd's iterations need the sums; prediction and scoring assign only.
        let sumBlocks = if accumulate then blocks else 0
        let partialSums = Array.init sumBlocks (fun _ -> Array.zeroCreate<float>(k * d))
        let partialCounts = Array.init sumBlocks (fun _ -> Array.zeroCreate<int> k)

        let products =
            if k * d >= 2048 then
                Some(ClassicInput.dots rows centres)
            else
                None

        let mutable stride = 0

        let transposed =
            Functional.Core.Kernels.NearestCentre.Layout(ReadOnlySpan centres.Data, k, d, &stride)

        // Padding lanes get an infinite norm, so no padding centre ever wins.
        let norms = Array.create stride Double.PositiveInfinity
        Array.blit centreNorms 0 norms 0 k

        let assignBlock (first: int) (count: int) =
            match products with
            | None ->
                Functional.Core.Kernels.NearestCentre.Assign(
                    ReadOnlySpan rows.Data,
                    d,
                    first,
                    count,
                    ReadOnlySpan centres.Data,
                    k,
                    ReadOnlySpan transposed,
                    stride,
                    ReadOnlySpan norms,
                    Span labels,
                    Span distances
                )
            | Some p ->
                for i in first .. first + count - 1 do
                    let mutable best = 0
                    let mutable bestKey = Double.PositiveInfinity

                    for c in 0 .. k - 1 do
                        let key = centreNorms[c] - 2.0 * p[i * k + c]

                        if key < bestKey then
                            bestKey <- key
                            best <- c

                    labels[i] <- best
                    distances[i] <- squaredDistance (rows.Row i) (centres.Row best)

        Parallel.For(
            0,
            blocks,
            Functional.Core.Kernels.CpuSettings.ParallelOptions,
            fun block ->
                let first = block * chunk
                let count = min chunk (rows.Count - first)
                assignBlock first count

                if accumulate then
                    Functional.Core.Kernels.NearestCentre.Accumulate(
                        ReadOnlySpan rows.Data,
                        rows.Width,
                        first,
                        count,
                        ReadOnlySpan labels,
                        Span partialSums[block],
                        Span partialCounts[block]
                    )
        )
        |> ignore

        {
            Labels = labels
            Distances = distances
            Inertia = Array.sum distances
            PartialSums = partialSums
            PartialCounts = partialCounts
        }

    /// Labels, distances and inertia of the rows for the centres.
    let private assign (rows: Rows) (centres: Rows) : int[] * float[] * float =
        let p = pass false rows centres
        p.Labels, p.Distances, p.Inertia

    /// The mean of each cluster from a pass's sums; an empty cluster takes the row farthest from its centre (as
    /// scikit-learn relocates).
    let private update (rows: Rows) (k: int) (p: Pass) : Rows =
        let d = rows.Width
        let blocks = p.PartialSums.Length

        let partialSums, partialCounts, distances =
            p.PartialSums, p.PartialCounts, p.Distances

        // Partial sums are added in block order, so the result does not depend on the thread count.
        let sums = Array.zeroCreate (k * d)
        let counts = Array.zeroCreate k

        for block in 0 .. blocks - 1 do
            for at in 0 .. k * d - 1 do
                sums[at] <- sums[at] + partialSums[block][at]

            for c in 0 .. k - 1 do
                counts[c] <- counts[c] + partialCounts[block][c]

        // Rows by decreasing distance to their centre, sorted only when a cluster is empty (rare).
        let farthest =
            lazy
                (Array.init rows.Count id
                 |> Array.sortWith (fun a b -> compare distances[b] distances[a]))

        let mutable next = 0

        for c in 0 .. k - 1 do
            if counts[c] = 0 then
                let i = farthest.Value[next]
                next <- next + 1
                Array.blit rows.Data (i * d) sums (c * d) d
            else
                for j in 0 .. d - 1 do
                    sums[c * d + j] <- sums[c * d + j] / float counts[c]

        { Data = sums; Count = k; Width = d }

    type private Run = {
        Centres: Rows
        Labels: int[]
        Inertia: float
        Iterations: int
        Converged: bool
        Trace: float[]
    }

    let private lloyd (settings: Settings) (tolerance: float) (rows: Rows) (start: Rows) : Run =
        let trace = ResizeArray()
        let mutable centres = start
        let mutable current = pass true rows centres
        trace.Add current.Inertia
        let mutable iterations = 0
        let mutable converged = false

        while not converged && iterations < settings.MaxIterations do
            iterations <- iterations + 1
            let moved = update rows settings.K current

            let shift =
                Seq.sum (seq { for at in 0 .. moved.Data.Length - 1 -> (moved.Data[at] - centres.Data[at]) ** 2.0 })

            centres <- moved
            let next = pass true rows centres

            converged <-
                System.MemoryExtensions.SequenceEqual(ReadOnlySpan next.Labels, ReadOnlySpan current.Labels)
                || shift <= tolerance

            current <- next
            trace.Add current.Inertia

        let labels, inertia = current.Labels, current.Inertia

        {
            Centres = centres
            Labels = labels
            Inertia = inertia
            Iterations = iterations
            Converged = converged
            Trace = trace.ToArray()
        }

    let private checkSettings (settings: Settings) (n: int) =
        ClassicInput.notNull (nameof settings) settings
        ClassicInput.atLeast op "k" 1 settings.K
        ClassicInput.atLeast op "restarts" 1 settings.Restarts
        ClassicInput.atLeast op "max iterations" 0 settings.MaxIterations

        if not (settings.Tolerance >= 0.0 && Double.IsFinite settings.Tolerance) then
            raise (
                ArgumentException($"{op}: expected a finite tolerance >= 0, received {settings.Tolerance}", "settings")
            )

        if settings.K > n then
            raise (
                ArgumentException($"{op}: expected k <= the number of rows {n}, received k = {settings.K}", "settings")
            )

    /// <summary>The initial centres a run with this seeding would start from, [k, d], drawn from
    /// <paramref name="rng"/>: for comparing seedings without running Lloyd.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or not finite, or k is not in [1, n].</exception>
    [<CompiledName("Seed")>]
    let seed (seeding: Seeding) (k: int) (rng: Random) (x: Tensor) : Tensor =
        ClassicInput.notNull (nameof rng) rng
        let rows = ClassicInput.matrix op (nameof x) x
        checkSettings { defaults with K = k } rows.Count
        let centres = initialCentres seeding k rng rows
        ClassicInput.tensor k rows.Width centres.Data

    /// <summary>Clusters the rows of x [n, d]: <c>Restarts</c> runs of Lloyd's algorithm (assign each row to its
    /// nearest centre, move each centre to its cluster's mean) from seeds drawn from <paramref name="rng"/>, keeping
    /// the run with the lowest inertia.</summary>
    /// <example><c>KMeans.fit { KMeans.defaults with K = 3 } (Random 0) x</c></example>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or not finite; k is not in [1, n]; restarts &lt; 1;
    /// max iterations &lt; 0; the tolerance is negative.</exception>
    [<CompiledName("Fit")>]
    let fit (settings: Settings) (rng: Random) (x: Tensor) : KMeansFit =
        ClassicInput.notNull (nameof rng) rng
        let rows = ClassicInput.matrix op (nameof x) x
        checkSettings settings rows.Count
        let n, d = rows.Count, rows.Width
        // scikit-learn's _tolerance: the tolerance times the mean variance of the features.
        let meanVariance =
            let mutable total = 0.0

            for j in 0 .. d - 1 do
                let mutable sum = 0.0
                let mutable squares = 0.0

                for i in 0 .. n - 1 do
                    let v = rows.Data[i * d + j]
                    sum <- sum + v
                    squares <- squares + v * v

                let mean = sum / float n
                total <- total + max 0.0 (squares / float n - mean * mean)

            total / float d

        let runs =
            Array.init settings.Restarts (fun _ ->
                let start = initialCentres settings.Seeding settings.K rng rows
                lloyd settings (settings.Tolerance * meanVariance) rows start)

        let best = runs |> Array.minBy (fun r -> r.Inertia)

        {
            Centres = ClassicInput.tensor settings.K d best.Centres.Data
            Labels = Tensor.FromArray(best.Labels |> Array.map int64, [ n ])
            Inertia = best.Inertia
            Iterations = best.Iterations
            Converged = best.Converged
            InertiaTrace = best.Trace
            RestartInertias = runs |> Array.map (fun r -> r.Inertia)
        }

    /// <summary>The index of the nearest centre for each row of x [m, d], int64 [m].</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix of the centres' width.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or holds NaN or infinity.</exception>
    [<CompiledName("Predict")>]
    let predict (fit: KMeansFit) (x: Tensor) : Tensor =
        ClassicInput.notNull (nameof fit) fit
        let centres = ClassicInput.matrix op "centres" fit.Centres
        let rows = ClassicInput.matrixOfWidth $"{op} predict" (nameof x) centres.Width x
        let labels, _, _ = assign rows centres
        Tensor.FromArray(labels |> Array.map int64, [ rows.Count ])

    /// <summary>Σᵢ minⱼ ‖xᵢ − cⱼ‖² for centres c [k, d] and rows x [n, d]: the objective k-means lowers.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">centres or x is not a matrix, or their widths differ.</exception>
    /// <exception cref="T:System.ArgumentException">A matrix is empty or holds NaN or infinity.</exception>
    [<CompiledName("Inertia")>]
    let inertia (centres: Tensor) (x: Tensor) : float =
        let c = ClassicInput.matrix op (nameof centres) centres
        let rows = ClassicInput.matrixOfWidth op (nameof x) c.Width x
        let _, _, total = assign rows c
        total

/// <summary>A k-means fit as a Core predictor: the nearest centre's index for each row.</summary>
[<Sealed>]
type KMeansModel(fit: KMeansFit) =
    /// The fit: centres, labels, inertia.
    member _.Result = fit

    /// <summary>The nearest centre of each row; see <c>KMeans.predict</c>.</summary>
    member _.Predict(x: Tensor) = KMeans.predict fit x

    interface IPredictor<Tensor, Tensor> with
        member _.Predict x = KMeans.predict fit x
