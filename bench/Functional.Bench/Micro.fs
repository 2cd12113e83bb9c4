// BenchmarkDotNet micro-benchmarks of the matrix product, for kernel work: allocations, variance and a
// confidence interval per size, dtype and thread count. bench/compare is the side-by-side with PyTorch.
namespace Functional.Bench

open BenchmarkDotNet.Attributes
open BenchmarkDotNet.Configs
open BenchmarkDotNet.Jobs
open BenchmarkDotNet.Running
open BenchmarkDotNet.Toolchains.InProcess.Emit
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
    /// <c>--job short</c>, …; default <c>--filter *</c>). In-process, so it starts no build of its own.</summary>
    let run (args: string[]) : int =
        let config =
            DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).AsDefault())
        let args = if Array.isEmpty args then [| "--filter"; "*" |] else args
        BenchmarkSwitcher.FromTypes([| typeof<GemmBenchmarks> |]).Run(args, config) |> ignore
        0
