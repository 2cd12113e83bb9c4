// The FMA probe: the floating-point peak of one core, measured instead of assumed (the machine kind changes under
// us). bench/compare runs `Functional.Bench peak` once per CPU it will use, each time pinned to that CPU with
// taskset, and reports every GFLOP/s figure as a percentage of what the probe measured.
//
// The loop: K = 12 independent accumulators x_k ← x_k · a + b (a fused multiply-add, 2 FLOP per lane), so the
// core's FMA pipes always have independent work: with a latency of L cycles and P pipes, P · L chains keep them busy
// (4 · 2 = 8 on Zen 3, 4 and 5 and recent Intel cores); 12 leave headroom and, with a and b, fit the 16 registers of
// AVX2. a = 1 − 2⁻²⁰ and b = 2⁻²⁰ keep every x_k at its fixed point 1: no overflow, no subnormals. The result is
// summed and printed, so the JIT cannot drop the loop. Each width the CPU has (Vector256 with FMA3; Vector512 with
// AVX-512F) and each precision is timed in trials of about 25 ms, single-threaded; the peak is the fastest trial of
// the widest-scoring width.
//
// A trial can lose the CPU to another process (the machine is shared). Each trial also reads this thread's CPU
// time (clock_gettime(CLOCK_THREAD_CPUTIME_ID)); only trials in which the thread ran for at least 95 % of the wall
// time count. When none does, the best rate per CPU-second is reported instead and the result says `busy`.
module Functional.Bench.Peak

open System
open System.Diagnostics
open System.IO
open System.Runtime.CompilerServices
open System.Runtime.InteropServices
open System.Runtime.Intrinsics
open System.Runtime.Intrinsics.X86
open System.Text.Json

/// struct timespec on 64-bit Linux.
[<Struct; StructLayout(LayoutKind.Sequential)>]
type private Timespec =
    val mutable Seconds: int64
    val mutable Nanoseconds: int64

[<DllImport("libc", EntryPoint = "clock_gettime")>]
extern int private clockGettime(int clock, Timespec& time)

/// CLOCK_THREAD_CPUTIME_ID.
[<Literal>]
let private ThreadCpuClock = 3

/// This thread's CPU time in seconds, or NaN where the clock is unavailable (not Linux).
let private threadCpuSeconds () =
    try
        let mutable t = Timespec()

        if clockGettime (ThreadCpuClock, &t) = 0 then
            float t.Seconds + 1e-9 * float t.Nanoseconds
        else
            nan
    with _ ->
        nan

/// Accumulators per loop (see the header).
[<Literal>]
let Chains = 12

// One function per width and precision, written out so each accumulator is a plain local the JIT keeps in a
// register (DOTNET_JitDisasm=loop256f shows the optimised loop: 12 vfmadd213ps on ymm registers, no memory operand).
// F# does not carry MethodImplOptions.AggressiveOptimization into the IL, so a call starts in tier-0 code and its
// loop moves to that optimised code by on-stack replacement after about a thousand iterations: microseconds of a
// 25 ms trial, and the calibration runs first.

[<MethodImpl(MethodImplOptions.NoInlining)>]
let private loop256f (iterations: int) : float =
    let a = Vector256.Create(1.0f - 1.0f / 1048576.0f)
    let b = Vector256.Create(1.0f / 1048576.0f)
    let mutable x0 = Vector256.Create 1.0f
    let mutable x1 = x0
    let mutable x2 = x0
    let mutable x3 = x0
    let mutable x4 = x0
    let mutable x5 = x0
    let mutable x6 = x0
    let mutable x7 = x0
    let mutable x8 = x0
    let mutable x9 = x0
    let mutable x10 = x0
    let mutable x11 = x0
    let mutable i = 0

    while i < iterations do
        x0 <- Fma.MultiplyAdd(x0, a, b)
        x1 <- Fma.MultiplyAdd(x1, a, b)
        x2 <- Fma.MultiplyAdd(x2, a, b)
        x3 <- Fma.MultiplyAdd(x3, a, b)
        x4 <- Fma.MultiplyAdd(x4, a, b)
        x5 <- Fma.MultiplyAdd(x5, a, b)
        x6 <- Fma.MultiplyAdd(x6, a, b)
        x7 <- Fma.MultiplyAdd(x7, a, b)
        x8 <- Fma.MultiplyAdd(x8, a, b)
        x9 <- Fma.MultiplyAdd(x9, a, b)
        x10 <- Fma.MultiplyAdd(x10, a, b)
        x11 <- Fma.MultiplyAdd(x11, a, b)
        i <- i + 1

    let s = x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11
    float (Vector256.Sum s)

[<MethodImpl(MethodImplOptions.NoInlining)>]
let private loop256d (iterations: int) : float =
    let a = Vector256.Create(1.0 - 1.0 / 1048576.0)
    let b = Vector256.Create(1.0 / 1048576.0)
    let mutable x0 = Vector256.Create 1.0
    let mutable x1 = x0
    let mutable x2 = x0
    let mutable x3 = x0
    let mutable x4 = x0
    let mutable x5 = x0
    let mutable x6 = x0
    let mutable x7 = x0
    let mutable x8 = x0
    let mutable x9 = x0
    let mutable x10 = x0
    let mutable x11 = x0
    let mutable i = 0

    while i < iterations do
        x0 <- Fma.MultiplyAdd(x0, a, b)
        x1 <- Fma.MultiplyAdd(x1, a, b)
        x2 <- Fma.MultiplyAdd(x2, a, b)
        x3 <- Fma.MultiplyAdd(x3, a, b)
        x4 <- Fma.MultiplyAdd(x4, a, b)
        x5 <- Fma.MultiplyAdd(x5, a, b)
        x6 <- Fma.MultiplyAdd(x6, a, b)
        x7 <- Fma.MultiplyAdd(x7, a, b)
        x8 <- Fma.MultiplyAdd(x8, a, b)
        x9 <- Fma.MultiplyAdd(x9, a, b)
        x10 <- Fma.MultiplyAdd(x10, a, b)
        x11 <- Fma.MultiplyAdd(x11, a, b)
        i <- i + 1

    let s = x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11
    Vector256.Sum s

[<MethodImpl(MethodImplOptions.NoInlining)>]
let private loop512f (iterations: int) : float =
    let a = Vector512.Create(1.0f - 1.0f / 1048576.0f)
    let b = Vector512.Create(1.0f / 1048576.0f)
    let mutable x0 = Vector512.Create 1.0f
    let mutable x1 = x0
    let mutable x2 = x0
    let mutable x3 = x0
    let mutable x4 = x0
    let mutable x5 = x0
    let mutable x6 = x0
    let mutable x7 = x0
    let mutable x8 = x0
    let mutable x9 = x0
    let mutable x10 = x0
    let mutable x11 = x0
    let mutable i = 0

    while i < iterations do
        x0 <- Avx512F.FusedMultiplyAdd(x0, a, b)
        x1 <- Avx512F.FusedMultiplyAdd(x1, a, b)
        x2 <- Avx512F.FusedMultiplyAdd(x2, a, b)
        x3 <- Avx512F.FusedMultiplyAdd(x3, a, b)
        x4 <- Avx512F.FusedMultiplyAdd(x4, a, b)
        x5 <- Avx512F.FusedMultiplyAdd(x5, a, b)
        x6 <- Avx512F.FusedMultiplyAdd(x6, a, b)
        x7 <- Avx512F.FusedMultiplyAdd(x7, a, b)
        x8 <- Avx512F.FusedMultiplyAdd(x8, a, b)
        x9 <- Avx512F.FusedMultiplyAdd(x9, a, b)
        x10 <- Avx512F.FusedMultiplyAdd(x10, a, b)
        x11 <- Avx512F.FusedMultiplyAdd(x11, a, b)
        i <- i + 1

    let s = x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11
    float (Vector512.Sum s)

[<MethodImpl(MethodImplOptions.NoInlining)>]
let private loop512d (iterations: int) : float =
    let a = Vector512.Create(1.0 - 1.0 / 1048576.0)
    let b = Vector512.Create(1.0 / 1048576.0)
    let mutable x0 = Vector512.Create 1.0
    let mutable x1 = x0
    let mutable x2 = x0
    let mutable x3 = x0
    let mutable x4 = x0
    let mutable x5 = x0
    let mutable x6 = x0
    let mutable x7 = x0
    let mutable x8 = x0
    let mutable x9 = x0
    let mutable x10 = x0
    let mutable x11 = x0
    let mutable i = 0

    while i < iterations do
        x0 <- Avx512F.FusedMultiplyAdd(x0, a, b)
        x1 <- Avx512F.FusedMultiplyAdd(x1, a, b)
        x2 <- Avx512F.FusedMultiplyAdd(x2, a, b)
        x3 <- Avx512F.FusedMultiplyAdd(x3, a, b)
        x4 <- Avx512F.FusedMultiplyAdd(x4, a, b)
        x5 <- Avx512F.FusedMultiplyAdd(x5, a, b)
        x6 <- Avx512F.FusedMultiplyAdd(x6, a, b)
        x7 <- Avx512F.FusedMultiplyAdd(x7, a, b)
        x8 <- Avx512F.FusedMultiplyAdd(x8, a, b)
        x9 <- Avx512F.FusedMultiplyAdd(x9, a, b)
        x10 <- Avx512F.FusedMultiplyAdd(x10, a, b)
        x11 <- Avx512F.FusedMultiplyAdd(x11, a, b)
        i <- i + 1

    let s = x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11
    Vector512.Sum s

/// <summary>One width and precision: its name, lanes per vector, whether the CPU runs it, and the loop.</summary>
type private Variant = {
    Precision: string
    Width: int
    Lanes: int
    Supported: bool
    Loop: int -> float
}

let private variants = [
    {
        Precision = "f32"
        Width = 256
        Lanes = 8
        Supported = Fma.IsSupported
        Loop = loop256f
    }
    {
        Precision = "f32"
        Width = 512
        Lanes = 16
        Supported = Avx512F.IsSupported
        Loop = loop512f
    }
    {
        Precision = "f64"
        Width = 256
        Lanes = 4
        Supported = Fma.IsSupported
        Loop = loop256d
    }
    {
        Precision = "f64"
        Width = 512
        Lanes = 8
        Supported = Avx512F.IsSupported
        Loop = loop512d
    }
]

/// <summary>The best of <paramref name="trials"/> timed runs of one variant, in GFLOP/s per wall second, and
/// whether the CPU had to be assumed shared (no trial kept the thread on the CPU for 95 % of its wall time).</summary>
let private measure (variant: Variant) (trials: int) (trialSeconds: float) : float * bool * float =
    let flopsPerIteration = float (2 * variant.Lanes * Chains)
    let mutable sink = variant.Loop 1000
    // Calibrate: grow the iteration count until one run takes a tenth of a trial, then scale to a whole one.
    let mutable iterations = 1 <<< 14
    let mutable elapsed = 0.0

    while elapsed < trialSeconds / 10.0 && iterations < (1 <<< 30) do
        iterations <- iterations * 2
        let start = Stopwatch.GetTimestamp()
        sink <- sink + variant.Loop iterations
        elapsed <- Stopwatch.GetElapsedTime(start).TotalSeconds

    iterations <- int (min 2e9 (float iterations * trialSeconds / max elapsed 1e-6))
    let mutable bestHeld = 0.0
    let mutable bestCpu = 0.0

    for _ in 1..trials do
        let cpu0 = threadCpuSeconds ()
        let start = Stopwatch.GetTimestamp()
        sink <- sink + variant.Loop iterations
        let wall = Stopwatch.GetElapsedTime(start).TotalSeconds
        let cpu = threadCpuSeconds () - cpu0
        let rate = flopsPerIteration * float iterations / wall / 1e9
        // Without a thread clock (NaN), every trial counts as held.
        let held = Double.IsNaN cpu || cpu >= 0.95 * wall

        if held then
            bestHeld <- max bestHeld rate
        elif cpu > 0.0 then
            bestCpu <- max bestCpu (flopsPerIteration * float iterations / cpu / 1e9)

    if bestHeld > 0.0 then
        bestHeld, false, sink
    else
        bestCpu, true, sink

/// <summary>The CPUs this process may run on (Cpus_allowed_list of /proc/self/status), or "?".</summary>
let private allowedCpus () =
    try
        File.ReadLines "/proc/self/status"
        |> Seq.tryFind (fun l -> l.StartsWith "Cpus_allowed_list:")
        |> Option.map (fun l -> l.Substring(l.IndexOf ':' + 1).Trim())
        |> Option.defaultValue "?"
    with _ ->
        "?"

/// <summary>Runs the probe and prints one human line per variant and a <c>PEAK {json}</c> line: for f32 and f64 the
/// best GFLOP/s of one thread, the vector width that gave it, and whether the CPU was busy.</summary>
let run (trials: int) (trialSeconds: float) : int =
    let cpus = allowedCpus ()

    let results = [
        for v in variants do
            if v.Supported then
                let gflops, busy, sink = measure v trials trialSeconds

                printfn
                    "# probe: cpus %s, %s Vector%d FMA, %d chains: %.1f GFLOP/s%s (checksum %g)"
                    cpus
                    v.Precision
                    v.Width
                    Chains
                    gflops
                    (if busy then " (busy: per CPU-second)" else "")
                    sink

                yield v, gflops, busy
            else
                printfn "# probe: %s Vector%d FMA not supported here" v.Precision v.Width
    ]

    use stream = new MemoryStream()

    do
        use json = new Utf8JsonWriter(stream)
        json.WriteStartObject()
        json.WriteString("cpus", cpus)
        json.WriteNumber("chains", Chains)
        json.WriteNumber("trials", trials)
        json.WriteNumber("trial_seconds", trialSeconds)

        for precision in [ "f32"; "f64" ] do
            let mine = results |> List.filter (fun (v, _, _) -> v.Precision = precision)

            if not mine.IsEmpty then
                let v, gflops, busy = mine |> List.maxBy (fun (_, g, _) -> g)
                json.WriteStartObject precision
                json.WriteNumber("gflops", Math.Round(gflops, 2))
                json.WriteNumber("width", v.Width)
                json.WriteBoolean("busy", busy)
                json.WriteStartObject "by_width"

                for w, g, _ in mine do
                    json.WriteNumber(string w.Width, Math.Round(g, 2))

                json.WriteEndObject()
                json.WriteEndObject()

        json.WriteEndObject()

    printfn "PEAK %s" (Text.Encoding.UTF8.GetString(stream.ToArray()))
    if results.IsEmpty then 1 else 0
