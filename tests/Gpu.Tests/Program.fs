/// The suite as a console program: `dotnet Gpu.Tests.dll [--filter TEXT]... [--list]` discovers and runs this
/// assembly's tests in-process through xunit's own test framework (xunit.execution), so it needs only the .NET runtime,
/// not the SDK's `dotnet test` (vstest) — that is how the GPU bundle (bench/gpu-bundle) runs it on a machine without
/// .NET. `dotnet test` still runs the same tests as before. Prints each failure, one line per test class and a closing
/// line "N passed, N failed, N skipped"; exits 0 only when tests ran and none failed.
module Functional.Gpu.Tests.Program

open System
open System.Collections.Generic
open System.Diagnostics
open System.Reflection
open System.Threading
open Xunit.Abstractions
open Xunit.Sdk

/// The discovery and execution options: xunit's defaults (each read falls back to it when a value is unset).
type private Options() =
    let values = Dictionary<string, objnull>()

    member private _.Get<'T>(name: string) : 'T =
        match values.TryGetValue name with
        | true, (:? 'T as v) -> v
        | _ -> Unchecked.defaultof<'T>

    member private _.Set<'T>(name: string, value: 'T) = values[name] <- box value

    interface ITestFrameworkOptions with
        member this.GetValue<'T>(name: string) : 'T = this.Get<'T> name
        member this.SetValue<'T>(name: string, value: 'T) = this.Set<'T>(name, value)

    interface ITestFrameworkDiscoveryOptions
    interface ITestFrameworkExecutionOptions

/// Passes every message to handle.
type private Sink(handle: IMessageSinkMessage -> unit) =
    interface IMessageSink with
        member _.OnMessage message =
            handle message
            true

/// The first exception of a failure: type, message and stack trace.
let private describe (failure: IFailureInformation) =
    // xunit leaves these arrays (and their strings) null where it has nothing to say.
    let at (a: string[]) =
        if obj.ReferenceEquals(a, null) || a.Length = 0 then
            ""
        else
            string a[0]

    $"{at failure.ExceptionTypes}: {at failure.Messages}\n{at failure.StackTraces}"

let private usage =
    "usage: dotnet Gpu.Tests.dll [--filter TEXT]... [--list]\n"
    + "  --filter TEXT  runs only the tests whose name contains TEXT (several: any of them)\n"
    + "  --list         prints the tests' names and runs none\n"
    + "FUNCTIONAL_GPU_TESTS=cuda runs them on cuda:0; otherwise on ILGPU's CPU accelerator."

[<EntryPoint>]
let main argv =
    let rec parse filters list args =
        match args with
        | [] -> Ok(List.rev filters, list)
        | "--filter" :: text :: rest -> parse (text :: filters) list rest
        | "--list" :: rest -> parse filters true rest
        | other :: _ -> Error other

    match parse [] false (List.ofArray argv) with
    | Error other ->
        eprintfn "unexpected argument '%s'\n%s" other usage
        2
    | Ok(filters, listOnly) ->
        let assembly = Assembly.GetExecutingAssembly()
        let options = Options()

        let diagnostics =
            Sink(fun m ->
                match m with
                | :? IDiagnosticMessage as d -> eprintfn "xunit: %s" d.Message
                | _ -> ())

        use framework = new XunitTestFramework(diagnostics)

        // Discovery: every test case of this assembly (a theory's data rows each become one when serializable).
        let cases = ResizeArray<ITestCase>()
        use discovered = new ManualResetEventSlim()

        use discoverer =
            (framework :> ITestFramework).GetDiscoverer(Reflector.Wrap assembly)

        discoverer.Find(
            false,
            Sink(fun m ->
                match m with
                | :? ITestCaseDiscoveryMessage as d -> cases.Add d.TestCase
                | :? IDiscoveryCompleteMessage -> discovered.Set()
                | _ -> ()),
            options
        )

        discovered.Wait()

        let selected =
            cases
            |> Seq.filter (fun c ->
                filters.IsEmpty
                || filters
                   |> List.exists (fun f -> c.DisplayName.Contains(f, StringComparison.Ordinal)))
            |> Seq.toArray

        let backend =
            if Environment.GetEnvironmentVariable "FUNCTIONAL_GPU_TESTS" = "cuda" then
                "cuda:0 (FUNCTIONAL_GPU_TESTS=cuda)"
            else
                "ILGPU's CPU accelerator"

        if listOnly then
            for c in selected do
                printfn "%s" c.DisplayName

            printfn "%d of %d test cases" selected.Length cases.Count
            0
        else
            printfn
                "Gpu.Tests: %d of %d test cases on %s (.NET %O, %s)"
                selected.Length
                cases.Count
                backend
                Environment.Version
                Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier

            let mutable passed = 0
            let mutable failed = 0
            let mutable skipped = 0
            let mutable errors = 0
            use finished = new ManualResetEventSlim()
            let gate = obj ()
            let clock = Stopwatch.StartNew()

            let onMessage (m: IMessageSinkMessage) =
                lock gate (fun () ->
                    match m with
                    | :? ITestPassed -> passed <- passed + 1
                    | :? ITestFailed as f ->
                        failed <- failed + 1
                        printfn "FAILED %s (%.2f s)\n%s" f.Test.DisplayName (float f.ExecutionTime) (describe f)
                    | :? ITestSkipped as s ->
                        skipped <- skipped + 1
                        printfn "SKIPPED %s: %s" s.Test.DisplayName s.Reason
                    | :? ITestClassFinished as c ->
                        printfn
                            "  %-60s %4d run, %d failed, %d skipped, %7.2f s"
                            c.TestClass.Class.Name
                            c.TestsRun
                            c.TestsFailed
                            c.TestsSkipped
                            (float c.ExecutionTime)
                    | :? ITestAssemblyFinished -> finished.Set()
                    // Failures outside a test (a fixture, a class's cleanup, the runner itself).
                    | :? IFailureInformation as f ->
                        errors <- errors + 1
                        printfn "ERROR %s\n%s" (m.GetType().Name) (describe f)
                    | _ -> ())

            use executor = (framework :> ITestFramework).GetExecutor(assembly.GetName())
            executor.RunTests(selected, Sink onMessage, options)
            finished.Wait()

            printfn "Gpu.Tests on %s: %.1f s" backend clock.Elapsed.TotalSeconds

            if errors > 0 then
                printfn "%d errors outside the tests (counted as failures)" errors

            printfn "%d passed, %d failed, %d skipped" passed (failed + errors) skipped

            if selected.Length > 0 && failed + errors = 0 then 0 else 1
