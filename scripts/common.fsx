// Shared by every lecture script: loads the built library, finds data, writes under out/, and checks golden numbers.
// Build first (dotnet build -c Release); scripts/reproduce does it for you.
#r "../src/Functional.FSharp/bin/Release/net10.0/Functional.Core.dll"
#r "../src/Functional.FSharp/bin/Release/net10.0/Functional.dll"

open System
open System.IO

/// The repository root (this file lives in scripts/).
let repoRoot = Path.GetFullPath(Path.Combine(__SOURCE_DIRECTORY__, ".."))

/// True when FUNCTIONAL_CHECK=1: CI's quick mode, where long trainings shrink to a smoke run.
let checkMode = Environment.GetEnvironmentVariable "FUNCTIONAL_CHECK" = "1"

/// out/<lecture>/, created on demand: figures and the numbers report go here.
let outDir (lecture: string) =
    let dir = Path.Combine(repoRoot, "out", lecture)
    Directory.CreateDirectory dir |> ignore
    dir

/// A file of the project's own data/ folder.
let dataFile (relative: string) =
    Path.Combine(repoRoot, "data", relative)

/// Lecture data that must not ship: looked up in ../shared/data/, then in $FUNCTIONAL_DATA. None when absent.
let sharedData (relative: string) : string option =
    [
        Path.Combine(repoRoot, "..", "shared", "data", relative)
        match Environment.GetEnvironmentVariable "FUNCTIONAL_DATA" with
        | null
        | "" -> ()
        | dir -> Path.Combine(dir, relative)
    ]
    |> List.tryFind File.Exists
    |> Option.map Path.GetFullPath

let private failures = ResizeArray<string>()
let mutable private passes = 0
let private report = ResizeArray<string>()

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

/// Writes the numbers report to out/<lecture>/numbers.txt (atomically) and exits non-zero when a check failed.
let finish (lecture: string) =
    let path = Path.Combine(outDir lecture, "numbers.txt")
    let temp = path + ".tmp"
    File.WriteAllLines(temp, report)
    File.Move(temp, path, true)
    printfn "%d passed, %d failed" passes failures.Count

    if failures.Count > 0 then
        exit 1
