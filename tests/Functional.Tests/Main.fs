module Functional.Tests.Main

open Expecto

[<EntryPoint>]
let main argv =
    // Tests are values gathered from the assembly; Expecto runs them in parallel, so order is not relied upon.
    Tests.runTestsInAssemblyWithCLIArgs [ CLIArguments.No_Spinner ] argv
