// Times one prepared case and prints the machine-readable result line bench/compare reads. The same loop is
// written in bench/peers/harness.py, so both sides are measured alike.
module Functional.Bench.Measure

open System
open System.Diagnostics
open System.IO
open System.Text.Json

/// <summary>A case ready to time: <c>Run</c> does <c>Units</c> units of work (one matrix product, one iteration,
/// one epoch); the reported seconds are per unit.</summary>
type Prepared = {
    /// Does the timed work once.
    Run: unit -> unit
    /// Units of work per call of Run (seconds are divided by it).
    Units: int
    /// Floating-point operations per unit, when the case has a standard count (2mnk for GEMM).
    Flops: float option
    /// A number both sides should agree on after the runs (mean |C|, the final loss), read after timing.
    Check: unit -> float
}

/// <summary>What a case gives: a prepared run, or the reason ours cannot run it yet.</summary>
type Outcome =
    /// The case runs.
    | Ready of Prepared
    /// The case runs, and reports further numbers by name beside the check (iterations, support vectors), read
    /// after timing.
    | ReadyWithExtra of Prepared * extra: (unit -> (string * float) list)
    /// The library lacks what the case needs; the reason is printed.
    | NotImplemented of reason: string

/// <summary>How long to measure. Warm-up: <c>Warmup</c> runs (fewer if they pass <c>Budget</c> seconds), then more
/// until half the budget is spent, since the JIT's tiering needs time as well as calls. Then timed repeats, at most
/// <c>Repeats</c>, stopping once they pass the budget (at least one always runs).</summary>
type Plan = {
    /// Untimed runs first (JIT, caches, buffer pools).
    Warmup: int
    /// Timed runs at most.
    Repeats: int
    /// Seconds per phase after which it stops early; infinity for none.
    Budget: float
}

/// <summary>Runs the plan: warm-ups, then repeats, collecting garbage before each timed repeat (outside the
/// timing). Returns seconds per unit of work, one entry per repeat.</summary>
let time (plan: Plan) (prepared: Prepared) : float[] =
    let seconds (f: unit -> unit) =
        let start = Stopwatch.GetTimestamp()
        f ()
        Stopwatch.GetElapsedTime(start).TotalSeconds

    let mutable warm = 0.0
    let mutable i = 0

    let atLeast =
        if Double.IsFinite plan.Budget then
            plan.Budget / 2.0
        else
            0.0

    while (i < plan.Warmup && warm <= plan.Budget) || warm < atLeast do
        warm <- warm + seconds prepared.Run
        i <- i + 1

    let samples = ResizeArray<float>()
    let mutable spent = 0.0

    while samples.Count < max 1 plan.Repeats
          && (samples.Count = 0 || spent <= plan.Budget) do
        GC.Collect()
        GC.WaitForPendingFinalizers()
        let s = seconds prepared.Run
        spent <- spent + s
        samples.Add(s / float prepared.Units)

    samples.ToArray()

/// <summary>The result line: <c>RESULT {json}</c> with case, impl (<c>functional</c> for ours, <c>mlnet</c> for
/// ML.NET), threads and either seconds (per unit, one per repeat), flops, check, extra and notes, or
/// <c>unsupported</c> with the reason.</summary>
let resultLineOf (impl: string) (case: string) (threads: int) (fields: Utf8JsonWriter -> unit) : string =
    use stream = new MemoryStream()

    do
        use json = new Utf8JsonWriter(stream)
        json.WriteStartObject()
        json.WriteString("case", case)
        json.WriteString("impl", impl)
        json.WriteNumber("threads", threads)
        fields json
        json.WriteEndObject()

    "RESULT " + Text.Encoding.UTF8.GetString(stream.ToArray())

/// <summary>Ours' result line (impl <c>functional</c>).</summary>
let resultLine (case: string) (threads: int) (fields: Utf8JsonWriter -> unit) : string =
    resultLineOf "functional" case threads fields

/// <summary>Prepares, times and reports one case of <paramref name="impl"/>.</summary>
let rec reportOf
    (impl: string)
    (case: string)
    (threads: int)
    (plan: Plan)
    (notes: string list)
    (outcome: Outcome)
    : string =
    let resultLine = resultLineOf impl

    match outcome with
    | NotImplemented reason -> resultLine case threads (fun json -> json.WriteString("unsupported", reason))
    | Ready prepared -> reportOf impl case threads plan notes (ReadyWithExtra(prepared, (fun () -> [])))
    | ReadyWithExtra(prepared, extra) ->
        let samples = time plan prepared
        let check = prepared.Check()
        let extra = extra ()

        resultLine case threads (fun json ->
            json.WriteStartArray "seconds"

            for s in samples do
                json.WriteNumberValue s

            json.WriteEndArray()
            prepared.Flops |> Option.iter (fun f -> json.WriteNumber("flops", f))

            if Double.IsFinite check then
                json.WriteNumber("check", check)
            else
                json.WriteString("check", string check)

            if not extra.IsEmpty then
                json.WriteStartObject "extra"

                for name, value in extra do
                    json.WriteNumber(name, value)

                json.WriteEndObject()

            if not notes.IsEmpty then
                json.WriteStartArray "notes"

                for n in notes do
                    json.WriteStringValue n

                json.WriteEndArray())

/// <summary>Prepares, times and reports one case of ours.</summary>
let report (case: string) (threads: int) (plan: Plan) (notes: string list) (outcome: Outcome) : string =
    reportOf "functional" case threads plan notes outcome
