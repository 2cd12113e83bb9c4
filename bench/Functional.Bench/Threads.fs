// Sets the library's thread count for a run. Compiled against CpuSettings when the build finds it (see the
// .fsproj), so no reflection; without it the run goes ahead and every result says the count was not applied.
module Functional.Bench.Threads

/// <summary>Sets <c>Functional.Core.Kernels.CpuSettings.Threads</c> to <paramref name="threads"/>. Returns a note
/// for the result line when the library has no such setting (the run then uses its own default).</summary>
let apply (threads: int) : string option =
#if HAS_CPU_SETTINGS
    Functional.Core.Kernels.CpuSettings.Threads <- threads
    None
#else
    ignore threads
    Some "thread count not applied: Functional.Core.Kernels.CpuSettings did not exist when the bench was built"
#endif
