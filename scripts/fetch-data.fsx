// Fetches the lecture data that may not ship into the cache ($FUNCTIONAL_DATA, else $XDG_CACHE_HOME/functional, else
// ~/.cache/functional), verified by pinned hashes, and prints what it did. Build first (dotnet build -c Release).
// Run: dotnet fsi scripts/fetch-data.fsx [dataset ...]   (no argument: every registered dataset)
#r "../src/Functional.FSharp/bin/Release/net10.0/Functional.Core.dll"
#r "../src/Functional.FSharp/bin/Release/net10.0/Functional.dll"

open System
open Functional
open Functional.Core.Data.Remote

let requested = fsi.CommandLineArgs |> Array.skip 1 |> List.ofArray
let known = Datasets.names ()

match requested |> List.filter (fun d -> not (List.contains d known)) with
| [] -> ()
| unknown ->
    eprintfn
        "fetch-data: expected dataset names from [%s], received %s"
        (String.concat ", " known)
        (String.concat ", " unknown)

    exit 2

let options = FetchOptions.FromEnvironment()

printfn
    "cache %s%s%s"
    options.CacheRoot
    (if options.Offline then " (offline)" else "")
    (match options.Mirror with
     | null -> ""
     | m -> $", mirror {m}")

let results = [
    for dataset in (if requested.IsEmpty then known else requested) do
        for file in Datasets.files dataset ->
            file,
            (try
                Ok(Datasets.fetchWith options file)
             with :? DataUnavailableException as e ->
                 Error e)
]

for file, result in results do
    match result with
    | Ok path -> printfn "ok      %-45s %s" file.Key path
    | Error e -> printfn "MISSING %-45s %s" file.Key (e.Message.Replace("\n", "\n        "))

let missing = results |> List.filter (snd >> Result.isError) |> List.length
printfn "%d of %d files in the cache, %d missing" (results.Length - missing) results.Length missing

if missing > 0 then
    exit 1
