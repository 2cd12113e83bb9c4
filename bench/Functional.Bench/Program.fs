// Entry point: `case NAME …` runs one case and prints its RESULT line; `mlnet NAME …` the same case in ML.NET;
// `peak` the FMA probe (Peak.fs); `micro` runs BenchmarkDotNet.
module Functional.Bench.Program

open System
open System.Runtime.Intrinsics
open Functional.Bench

let private usage =
    """usage:
  Functional.Bench case NAME[-tN] [--threads N] [--repeats R] [--warmup W] [--budget SECONDS]
      one case; prints `RESULT {json}` with the seconds per unit of work of each timed repeat
  Functional.Bench mlnet NAME[-tN] [same options]
      the same case in ML.NET (kmeans, pca, logistic-fit); `RESULT {json}` with impl "mlnet"
  Functional.Bench peak [--trials N] [--trial-seconds S]
      the FMA probe: one thread's fp32 and fp64 GFLOP/s; prints `PEAK {json}` (pin it: taskset -c CPU)
  Functional.Bench list       the case names
  Functional.Bench info       runtime facts for the report header
  Functional.Bench micro [BenchmarkDotNet arguments]   GEMM micro-benchmarks (default --filter *)"""

let private fail (message: string) =
    eprintfn "%s\n%s" message usage
    2

/// Reads `--key value` pairs into a map.
let rec private options (acc: Map<string, string>) (args: string list) =
    match args with
    | [] -> Ok acc
    | key :: value :: rest when key.StartsWith "--" -> options (Map.add (key.Substring 2) value acc) rest
    | other :: _ -> Error $"unexpected argument '{other}'"

/// Runs case `name` of `impl` ("functional": ours from Catalog; "mlnet": Cases/MlNet.fs).
let private runCase (impl: string) (name: string) (args: string list) =
    let baseName, suffixThreads = Catalog.splitThreads name

    let known, find =
        if impl = "mlnet" then
            Cases.MlNet.cases |> List.map fst,
            (fun (threads: int) ->
                Cases.MlNet.cases
                |> List.tryFind (fun (n, _) -> n = baseName)
                |> Option.map (fun (_, prepare) -> fun () -> prepare threads))
        else
            Catalog.cases |> List.map fst, (fun _ -> Catalog.tryFind baseName)

    match options Map.empty args, find 1 with
    | Error e, _ -> fail e
    | _, None ->
        let known = known |> String.concat ", "
        fail $"unknown case '{name}' for {impl}; known: {known}"
    | Ok opts, Some _ ->
        let number key fallback =
            opts.TryFind key |> Option.map float |> Option.defaultValue fallback

        let threads = int (number "threads" (float (defaultArg suffixThreads 1)))

        match suffixThreads with
        | Some t when t <> threads -> fail $"case '{name}' says {t} threads but --threads says {threads}"
        | _ ->
            let notes = Threads.apply threads |> Option.toList

            let plan: Measure.Plan = {
                Warmup = int (number "warmup" 1.0)
                Repeats = int (number "repeats" 5.0)
                Budget = number "budget" infinity
            }

            let prepare = (find threads).Value
            printfn "%s" (Measure.reportOf impl name threads plan notes (prepare ()))
            0

let private info () =
    let settings = (Threads.apply Environment.ProcessorCount).IsNone

    printfn
        "# ours: .NET %s, %s, %d processors, Vector512 %b, Vector256 %b, CpuSettings.Threads %s"
        (Environment.Version.ToString())
        (Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString())
        Environment.ProcessorCount
        Vector512.IsHardwareAccelerated
        Vector256.IsHardwareAccelerated
        (if settings then
             "present"
         else
             "absent (thread count not settable)")

    0

/// `peak [--trials N] [--trial-seconds S]`: the FMA probe.
let private runPeak (args: string list) =
    match options Map.empty args with
    | Error e -> fail e
    | Ok opts ->
        let number key fallback =
            opts.TryFind key |> Option.map float |> Option.defaultValue fallback

        Peak.run (int (number "trials" 10.0)) (number "trial-seconds" 0.025)

[<EntryPoint>]
let main argv =
    match List.ofArray argv with
    | "case" :: name :: rest -> runCase "functional" name rest
    | "mlnet" :: name :: rest -> runCase "mlnet" name rest
    | "peak" :: rest -> runPeak rest
    | [ "list" ] ->
        Catalog.cases |> List.iter (fst >> printfn "%s")
        0
    | [ "info" ] -> info ()
    | "micro" :: rest -> Micro.run (Array.ofList rest)
    | _ -> fail "expected a command"
