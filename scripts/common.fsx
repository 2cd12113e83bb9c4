// Shared by every lecture script: loads the built library, finds data, writes under out/, and checks golden numbers.
// Build first (dotnet build -c Release); scripts/reproduce does it for you.
#r "../src/Functional.FSharp/bin/Release/net10.0/Functional.Core.dll"
#r "../src/Functional.FSharp/bin/Release/net10.0/Functional.dll"

open System
open System.IO
open Functional

/// The repository root (this file lives in scripts/).
let repoRoot = Path.GetFullPath(Path.Combine(__SOURCE_DIRECTORY__, ".."))

/// True when FUNCTIONAL_CHECK=1: CI's quick mode, where long trainings shrink to a smoke run.
let checkMode = Environment.GetEnvironmentVariable "FUNCTIONAL_CHECK" = "1"

/// True when FUNCTIONAL_STRICT=1 (CI, ./reproduce.sh --strict): a skipped section fails the script.
let strictMode = Environment.GetEnvironmentVariable "FUNCTIONAL_STRICT" = "1"

/// out/<lecture>/, created on demand: figures and the numbers report go here.
let outDir (lecture: string) =
    let dir = Path.Combine(repoRoot, "out", lecture)
    Directory.CreateDirectory dir |> ignore
    dir

/// A file of the project's own data/ folder.
let dataFile (relative: string) =
    Path.Combine(repoRoot, "data", relative)

let private failures = ResizeArray<string>()
let mutable private passes = 0
let mutable private skippedChecks = 0
let private report = ResizeArray<string>()

/// One row of out/<lecture>/sections.tsv, which ./reproduce.sh gathers into its table.
type private SectionRow = {
    Name: string
    Ran: bool
    Checks: int
    Reason: string
    Fix: string
}

let private sections = ResizeArray<SectionRow>()

/// Prints a line and keeps it for the numbers report.
let say (line: string) =
    printfn "%s" line
    report.Add line

/// Checks a golden number: |actual − expected| ≤ tolerance. Prints "PASS name" or "FAIL name", never throws,
/// so one drift does not hide the others; finish () fails the script at the end.
let checkClose (name: string) (expected: float) (tolerance: float) (actual: float) =
    if abs (actual - expected) <= tolerance then
        passes <- passes + 1
        say $"PASS {name}: {actual:G10} (expected {expected:G10} ± {tolerance:G3})"
    else
        failures.Add name
        say $"FAIL {name}: {actual:G10}, expected {expected:G10} ± {tolerance:G3}"

/// Checks a condition that a lecture asserts (a shape, an ordering, a file written).
let checkThat (name: string) (ok: bool) =
    if ok then
        passes <- passes + 1
        say $"PASS {name}"
    else
        failures.Add name
        say $"FAIL {name}"

/// The lectures' figure settings: the defaults with a title and axis labels.
let figure title xLabel yLabel = {
    Plot.defaults with
        Title = title
        XLabel = xLabel
        YLabel = yLabel
}

/// Says a figure was written and checks that its file exists and is not empty.
let wrote (path: string) =
    say $"wrote {path}"
    checkThat $"{Path.GetFileName path} exists and is not empty" (File.Exists path && FileInfo(path).Length > 0L)

/// The command that fetches the given datasets into the cache.
let fetchCommand (datasets: string list) =
    "dotnet fsi scripts/fetch-data.fsx "
    + String.concat " " (List.distinct datasets)

/// Skips a section: its declared checks count as skipped, and the report says why and what runs it.
let skipSection (name: string) (checks: int) (reason: string) (fix: string) =
    skippedChecks <- skippedChecks + checks
    say $"SKIP {name} ({checks} checks): {reason}. To run it: {fix}"

    sections.Add {
        Name = name
        Ran = false
        Checks = checks
        Reason = reason
        Fix = fix
    }

/// Runs a part of the lecture that needs registered files (dataset, file): each is taken from the cache or fetched
/// from its origin (Datasets.fetch; FUNCTIONAL_OFFLINE and FUNCTIONAL_DATA_MIRROR apply) and the body gets their
/// paths in the order asked. When one cannot be had the section is skipped, never silently: its `checks` are counted
/// as skipped, and the reason and the command that fetches the data go to the output and the report. A section that
/// runs must make exactly `checks` checks, so the count a skip reports is the count a run makes.
let section (name: string) (checks: int) (needs: (string * string) list) (body: string list -> unit) =
    let fetched =
        needs |> List.map (fun (dataset, file) -> Datasets.tryFetch dataset file)

    match
        fetched
        |> List.choose (function
            | Error e -> Some e
            | Ok _ -> None)
    with
    | [] ->
        let before = passes + failures.Count

        body (
            fetched
            |> List.choose (function
                | Ok path -> Some path
                | Error _ -> None)
        )

        let made = passes + failures.Count - before

        if made <> checks then
            failures.Add $"{name}: check count"
            say $"FAIL {name}: made {made} checks, declares {checks} (update the count in the script)"

        sections.Add {
            Name = name
            Ran = true
            Checks = made
            Reason = ""
            Fix = ""
        }
    | missing ->
        let files = missing |> List.map (fun e -> e.File.Key) |> String.concat ", "
        let reason = $"{files}: {missing.Head.Reason}"
        printfn "%s" missing.Head.Message
        skipSection name checks reason (fetchCommand (needs |> List.map fst))

/// Writes the numbers report to out/<lecture>/numbers.txt and the sections to out/<lecture>/sections.tsv (both
/// atomically), prints "N passed, N failed, N skipped", and exits non-zero when a check failed, or when a section
/// was skipped in strict mode.
let finish (lecture: string) =
    let write (name: string) (lines: string seq) =
        let path = Path.Combine(outDir lecture, name)
        let temp = path + ".tmp"
        File.WriteAllLines(temp, lines)
        File.Move(temp, path, true)

    write "numbers.txt" report

    write
        "sections.tsv"
        ("section\tran\tchecks\treason\tfix"
         :: [ for s in sections -> $"{s.Name}\t{s.Ran}\t{s.Checks}\t{s.Reason}\t{s.Fix}" ])

    printfn "%d passed, %d failed, %d skipped" passes failures.Count skippedChecks

    if strictMode && skippedChecks > 0 then
        printfn "strict mode (FUNCTIONAL_STRICT=1): %d checks were skipped, which counts as a failure" skippedChecks

    if failures.Count > 0 || (strictMode && skippedChecks > 0) then
        exit 1
