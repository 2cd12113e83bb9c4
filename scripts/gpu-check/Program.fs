/// The GPU check as a console program: `dotnet GpuCheck.dll [REPO]` (REPO: the checkout whose data/mnist it reads;
/// default: the current folder or the nearest folder above it, or above the program, that has data/mnist).
module Functional.GpuCheckMain

open System
open System.IO

/// The nearest of dir and the folders above it that holds data/mnist.
let rec private findRepo (dir: string | null) =
    match dir with
    | null -> None
    | d when Directory.Exists(Path.Combine(d, "data", "mnist")) -> Some d
    | d -> findRepo (Path.GetDirectoryName d)

[<EntryPoint>]
let main argv =
    let repo =
        match argv with
        | [| repo |] -> Some(Path.GetFullPath repo)
        | _ ->
            findRepo Environment.CurrentDirectory
            |> Option.orElse (findRepo AppContext.BaseDirectory)

    match repo with
    | Some root when Directory.Exists(Path.Combine(root, "data", "mnist")) -> Functional.GpuCheck.run root
    | _ ->
        eprintfn "usage: dotnet GpuCheck.dll [REPO]: no data/mnist found (in REPO, or above the current folder)"
        2
