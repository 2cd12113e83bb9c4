/// Lecture data that may not ship, fetched from its public origins into a verified cache (Functional.Core's
/// DataFetcher): `Datasets.fetch "coursera-ml-ex6" "spamTrain.mat"` returns the path of a copy whose pins match.
[<RequireQualifiedAccess>]
module Functional.Datasets

open System
open System.Diagnostics
open System.Globalization
open Functional.Core.Data.Remote
open Spectre.Console

/// The registered file <paramref name="name"/> of <paramref name="dataset"/> (origins, size, pin).
/// <exception cref="T:System.ArgumentException">No such dataset or file; the message lists what there is.</exception>
[<CompiledName("File")>]
let file (dataset: string) (name: string) : RemoteFile = DataRegistry.Find(dataset, name)

/// The registered files of <paramref name="dataset"/>, in registry order.
/// <exception cref="T:System.ArgumentException">No such dataset; the message lists the datasets.</exception>
[<CompiledName("Files")>]
let files (dataset: string) : RemoteFile list = List.ofSeq (DataRegistry.Of dataset)

/// Every registered dataset's name.
[<CompiledName("Names")>]
let names () : string list = List.ofSeq DataRegistry.Datasets

/// One line per fetched file, and one per retry or stale cache entry: for logs and redirected output.
type private LineProgress() =
    let clock = Stopwatch()

    interface IFetchProgress with
        member _.Started(_, _, attempt) =
            if attempt = 1 then
                clock.Restart()

        member _.Received(_, _) = ()

        member _.Finished(file, path, downloaded) =
            if downloaded then
                let seconds =
                    clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)

                printfn
                    "fetched %s (%s bytes, %s s) into %s"
                    file.Key
                    (file.Size.ToString("N0", CultureInfo.InvariantCulture))
                    seconds
                    path

        member _.Note(file, message) = printfn "fetch %s: %s" file.Key message

/// A live bar with bytes and rate on a terminal; the notes go above it as lines.
type private BarProgress(ctx: ProgressContext) =
    let mutable task: ProgressTask option = None
    let lines = LineProgress() :> IFetchProgress

    interface IFetchProgress with
        member _.Started(file, url, attempt) =
            lines.Started(file, url, attempt)

            match task with
            | Some t -> t.Value <- 0.0
            | None -> task <- Some(ctx.AddTask(Markup.Escape file.Key, true, float (max 1L file.Size)))

        member _.Received(_, received) =
            task |> Option.iter (fun t -> t.Value <- float received)

        member _.Finished(file, path, downloaded) =
            task |> Option.iter (fun t -> t.StopTask())
            lines.Finished(file, path, downloaded)

        member _.Note(file, message) =
            AnsiConsole.MarkupLine(Markup.Escape $"fetch {file.Key}: {message}")

let private interactive () =
    not Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive

/// <summary>The path of a verified copy of <paramref name="remote"/> under <paramref name="options"/>: the cached one,
/// or one fetched now (a Spectre.Console bar with bytes and rate on a terminal, one line per file otherwise).</summary>
/// <exception cref="T:Functional.Core.Data.Remote.DataUnavailableException">Offline with no good copy cached, or
/// every URL failed; the message names each URL tried with its outcome and where to put the file by hand.</exception>
[<CompiledName("FetchWith")>]
let fetchWith (options: FetchOptions) (remote: RemoteFile) : string =
    let fetchBy progress =
        use fetcher = new DataFetcher(options, progress)
        fetcher.Fetch remote

    use probe = new DataFetcher(options, SilentFetchProgress.Instance)

    match probe.TryCached remote with
    | null when not options.Offline && interactive () ->
        let mutable path = ""

        AnsiConsole
            .Progress()
            .AutoClear(false)
            .Columns(
                [|
                    TaskDescriptionColumn() :> ProgressColumn
                    ProgressBarColumn()
                    DownloadedColumn()
                    TransferSpeedColumn()
                |]
            )
            .Start(fun ctx -> path <- fetchBy (BarProgress ctx))

        path
    | null -> fetchBy (LineProgress())
    | cached -> cached

/// <summary>The path of a verified copy of <paramref name="remote"/>, with the options the environment asks for
/// (FUNCTIONAL_DATA, FUNCTIONAL_OFFLINE, FUNCTIONAL_DATA_MIRROR): see <c>fetchWith</c>.</summary>
/// <exception cref="T:Functional.Core.Data.Remote.DataUnavailableException">The file cannot be had.</exception>
[<CompiledName("FetchFile")>]
let fetchFile (remote: RemoteFile) : string =
    fetchWith (FetchOptions.FromEnvironment()) remote

/// <summary>The path of a verified copy of the registered <paramref name="name"/> of <paramref name="dataset"/>,
/// fetched when the cache lacks it: <c>Datasets.fetch "coursera-ml-ex6" "spamTrain.mat"</c>.</summary>
/// <exception cref="T:System.ArgumentException">No such dataset or file.</exception>
/// <exception cref="T:Functional.Core.Data.Remote.DataUnavailableException">The file cannot be had.</exception>
[<CompiledName("Fetch")>]
let fetch (dataset: string) (name: string) : string = fetchFile (file dataset name)

/// <summary><c>fetch</c> that returns the reason instead of throwing when the file cannot be had.</summary>
/// <exception cref="T:System.ArgumentException">No such dataset or file (a mistake, not a missing file).</exception>
[<CompiledName("TryFetch")>]
let tryFetch (dataset: string) (name: string) : Result<string, DataUnavailableException> =
    let remote = file dataset name

    try
        Ok(fetchFile remote)
    with :? DataUnavailableException as e ->
        Error e

/// <summary>Every file of <paramref name="dataset"/>, fetched when the cache lacks it; their paths in registry
/// order.</summary>
/// <exception cref="T:Functional.Core.Data.Remote.DataUnavailableException">A file cannot be had.</exception>
[<CompiledName("FetchAll")>]
let fetchAll (dataset: string) : string list = files dataset |> List.map fetchFile

/// <summary>The cached, verified copy of the registered file, never touching the network; None when the cache
/// lacks it or holds a copy that does not match its pins.</summary>
[<CompiledName("TryCached")>]
let tryCached (dataset: string) (name: string) : string option =
    use fetcher =
        new DataFetcher(FetchOptions.FromEnvironment(), SilentFetchProgress.Instance)

    fetcher.TryCached(file dataset name) |> Option.ofObj
