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

/// A shared lecture data file, from ../shared/data beside the repository or $FUNCTIONAL_DATA; None when absent.
let sharedData (relative: string) : string option =
    [
        Some(Path.Combine(root.Value, "..", "shared", "data", relative))
        match Environment.GetEnvironmentVariable "FUNCTIONAL_DATA" with
        | null
        | "" -> None
        | dir -> Some(Path.Combine(dir, relative))
    ]
    |> List.choose id
    |> List.tryFind File.Exists
