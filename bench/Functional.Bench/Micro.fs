// BenchmarkDotNet micro-benchmarks of the matrix product, for kernel work: allocations, variance and a
// confidence interval per size, dtype and thread count. bench/compare is the side-by-side with PyTorch.
namespace Functional.Bench

open BenchmarkDotNet.Attributes
open BenchmarkDotNet.Running
open Functional
open Functional.Core.Tensors

/// <summary>C = A · B for square operands through Tensor.matmul.</summary>
[<MemoryDiagnoser>]
type GemmBenchmarks() =
    let mutable a = Unchecked.defaultof<Tensor>
    let mutable b = Unchecked.defaultof<Tensor>

    /// Side of the square operands.
    [<Params(256, 512, 1024, 2048)>]
    member val Size = 256 with get, set

    /// Element type.
    [<Params(DType.Float32, DType.Float64)>]
    member val DType = DType.Float32 with get, set

    /// Library thread count (CpuSettings.Threads).
    [<Params(1, 2)>]
    member val Threads = 1 with get, set

    /// Builds the operands (recipe streams 1 and 2, as in bench/compare) and sets the thread count.
    [<GlobalSetup>]
    member this.Setup() =
        Threads.apply this.Threads |> Option.iter (eprintfn "note: %s")
        a <- Cases.Gemm.operand this.DType this.Size 1
        b <- Cases.Gemm.operand this.DType this.Size 2

    /// One product.
    [<Benchmark>]
    member _.MatMul() = Tensor.matmul a b

/// Runs the micro-benchmarks.
module Micro =
    /// <summary>Runs BenchmarkDotNet over the GEMM benchmarks with its usual arguments (<c>--filter</c>,
    /// <c>--job short</c>, …; default <c>--filter *</c>), always with <c>--inProcess</c>: the benchmarks run in this
    /// process, so BenchmarkDotNet starts no build of its own outside the shared build lock.</summary>
    /// <remarks>Its environment line says DEBUG because F# marks Release assemblies JIT-trackable when they carry
    /// symbols; CoreCLR ignores that flag and optimises (BenchmarkDotNet's own check that the JIT optimises passes).</remarks>
    let run (args: string[]) : int =
        let args = if Array.isEmpty args then [| "--filter"; "*" |] else args

        let args =
            if args |> Array.exists (fun a -> a = "--inProcess" || a = "-i") then
                args
            else
                Array.append args [| "--inProcess" |]

        BenchmarkSwitcher.FromTypes([| typeof<GemmBenchmarks> |]).Run(args) |> ignore
        0
