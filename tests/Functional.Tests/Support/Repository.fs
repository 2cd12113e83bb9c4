/// Where tests find the repository's files and the lecture data that must not ship (../shared/data or
/// $FUNCTIONAL_DATA), the same places scripts/common.fsx looks.
module Functional.Tests.Repository

open System
open System.IO

/// The repository root: the nearest folder above the test assembly that holds Functional.sln.
let root =
    lazy
        (let rec up (dir: DirectoryInfo | null) =
            match dir with
            | null -> failwithf "no folder holding Functional.sln above %s" AppContext.BaseDirectory
            | d when File.Exists(Path.Combine(d.FullName, "Functional.sln")) -> d.FullName
            | d -> up d.Parent

         up (DirectoryInfo AppContext.BaseDirectory))

/// The folder of lecture data the tests use as oracles and serve as a mirror: ../shared/data beside the repository,
/// or $FUNCTIONAL_TEST_DATA. It is never copied into the repository.
let sharedDataFolder =
    lazy
        (match Environment.GetEnvironmentVariable "FUNCTIONAL_TEST_DATA" with
         | null
         | "" -> Path.GetFullPath(Path.Combine(root.Value, "..", "shared", "data"))
         | dir -> Path.GetFullPath dir)

/// A shared lecture data file; None when absent.
let sharedData (relative: string) : string option =
    let path = Path.Combine(sharedDataFolder.Value, relative)
    if File.Exists path then Some path else None

/// True when FUNCTIONAL_STRICT=1 (CI): a test that would be skipped for want of data fails instead.
let strict () =
    Environment.GetEnvironmentVariable "FUNCTIONAL_STRICT" = "1"

/// The path of a shared lecture data file. When it is absent the test is skipped (reported as such, never as passed),
/// or fails in strict mode.
let requireShared (relative: string) : string =
    match sharedData relative with
    | Some path -> path
    | None ->
        let why =
            $"{relative} is not in {sharedDataFolder.Value} (lecture data is not shipped)"

        if strict () then
            Expecto.Tests.failtestf "%s, and FUNCTIONAL_STRICT=1 forbids skipping" why
        else
            Expecto.Tests.skiptestf "%s" why
