/// The GPU check (issue 7): finds the CUDA device, runs one MNIST MLP training step and one DCGAN training step on the
/// CPU and on the GPU, and prints both times and the largest difference of a forward pass. Shared by the script
/// (scripts/gpu-check.fsx, which #loads this file) and the compiled program (GpuCheck.fsproj beside it, which the GPU
/// bundle carries to a machine without the SDK).
/// FUNCTIONAL_GPU_CHECK: unset, without a GPU it says so and exits 0; `cuda`, without a GPU it fails (exit 1);
/// `cpu-accelerator`, the GPU side runs on ILGPU's CPU accelerator (tiny batches: it proves the check end to end, its
/// times mean nothing).
module Functional.GpuCheck

open System
open System.Diagnostics
open System.IO
open Functional
open Functional.Nn
open Functional.Core.Tensors
open Functional.Gpu

/// Runs the check with the MNIST subset of repoRoot/data/mnist; returns the exit code.
let run (repoRoot: string) : int =
    printfn "CUDA: %s" (Gpu.Describe())

    let mode = Environment.GetEnvironmentVariable "FUNCTIONAL_GPU_CHECK"
    let onCpuAccelerator = mode = "cpu-accelerator"

    let backend =
        if Gpu.IsAvailable then Some(Gpu.Use())
        elif onCpuAccelerator then Some(Gpu.UseCpuAccelerator())
        else None

    match backend with
    | None when mode = "cuda" ->
        printfn "No CUDA GPU here, and FUNCTIONAL_GPU_CHECK=cuda asks for one: failed."
        1
    | None ->
        printfn
            "No CUDA GPU here: nothing to compare (FUNCTIONAL_GPU_CHECK=cpu-accelerator runs the GPU kernels on the CPU)."

        0
    | Some gpu ->
        printfn "GPU backend: %s on %O" gpu.AcceleratorName gpu.Device

        // Batches and step counts: the real sizes on a GPU, tiny ones on the (slow) CPU accelerator, where a single
        // timed step, kernel compilation included, keeps the run to minutes (a DCGAN step there takes minutes).
        let mlpBatch, ganBatch, warmupSteps, timedSteps =
            if onCpuAccelerator then 16, 2, 0, 1 else 128, 32, 1, 10

        /// Seconds per call of step, after warmupSteps untimed calls (kernel compilation, pool warm-up); waits for the
        /// GPU at the end.
        let time (sync: unit -> unit) (step: unit -> unit) =
            for _ in 1..warmupSteps do
                step ()

            sync ()
            let clock = Stopwatch.StartNew()

            for _ in 1..timedSteps do
                step ()

            sync ()
            clock.Elapsed.TotalSeconds / float timedSteps

        let onCpu () = ()
        let onGpu () = gpu.Synchronize()

        /// The model's parameters (running statistics included) moved to cuda.
        let toGpu (model: Model) =
            for p in model.Parameters do
                p.Value <- p.Value.ToDevice gpu.Device

            model

        /// max |a − b| over two tensors of one shape (on any devices).
        let maxDifference (a: Tensor) (b: Tensor) =
            Array.map2 (fun x y -> abs (x - y)) (a.ToFloatArray()) (b.ToFloatArray())
            |> Array.fold max 0.0

        /// The first n rows (a view).
        let firstRows (n: int) (t: Tensor) =
            t.Slice(
                Array.zeroCreate t.Rank,
                Array.init t.Rank (fun i -> if i = 0 then n else t.Dims[i]),
                Array.create t.Rank 1
            )

        let results = ResizeArray<string * float * float * float>()

        // ---- 1. MNIST MLP 784 → 256 → 10 (lecture 001), Adam 1e-3, cross-entropy ----
        let mnist = Mnist.subset (Path.Combine(repoRoot, "data", "mnist")) 1
        let images = mnist.Train.Images.Reshape [ mnist.Train.Images.Dims[0]; 784 ]
        let x = firstRows mlpBatch images
        let labels = firstRows mlpBatch mnist.Train.Labels

        let mlp () =
            Linear(784, 256, Random 2) --> Relu() --> Linear(256, 10, Random 3)

        let mlpCpu, mlpGpu = mlp (), toGpu (mlp ())
        let xGpu, labelsGpu = x.ToDevice gpu.Device, labels.ToDevice gpu.Device
        let mlpForward = maxDifference (Model.predict mlpCpu x) (Model.predict mlpGpu xGpu)

        let mlpStep (model: Model) (optimizer: Optimizer) (x: Tensor) (y: Tensor) () =
            Train.step model optimizer (fun () -> Loss.crossEntropy (model.Forward x) y)
            |> ignore

        let mlpCpuTime = time onCpu (mlpStep mlpCpu (Adam 1e-3) x labels)
        let mlpGpuTime = time onGpu (mlpStep mlpGpu (Adam 1e-3) xGpu labelsGpu)
        results.Add($"MNIST MLP step, batch {mlpBatch}", mlpCpuTime, mlpGpuTime, mlpForward)

        // ---- 2. DCGAN (lecture 000, Nn/Dcgan.fs), Adam 1e-4 each, batch of real digits in [−1, 1] ----
        let real =
            (firstRows ganBatch mnist.Train.Images).Reshape [ ganBatch; 1; 28; 28 ] * 2.0
            - 1.0

        let noise = Tensor.Randn(Random 9, [ ganBatch; Dcgan.NoiseSize ])
        let realGpu, noiseGpu = real.ToDevice gpu.Device, noise.ToDevice gpu.Device

        // The library's models and step: Dcgan.step and Dropout follow their inputs' device.
        let ganStep (g: Model) (d: Model) (gOpt: Optimizer) (dOpt: Optimizer) (real: Tensor) (noise: Tensor) () =
            Dcgan.step g d gOpt dOpt real noise |> ignore

        let gCpu, dCpu = Dcgan.generator (Random 7), Dcgan.discriminator (Random 8)

        let gGpu, dGpu =
            toGpu (Dcgan.generator (Random 7)), toGpu (Dcgan.discriminator (Random 8))

        // Forward passes in evaluation mode (running statistics, no dropout) before any step changes the weights.
        let generatorForward =
            maxDifference (Model.predict gCpu noise) (Model.predict gGpu noiseGpu)

        let discriminatorForward =
            maxDifference (Model.predict dCpu real) (Model.predict dGpu realGpu)

        let ganCpuTime = time onCpu (ganStep gCpu dCpu (Adam 1e-4) (Adam 1e-4) real noise)

        let ganGpuTime =
            time onGpu (ganStep gGpu dGpu (Adam 1e-4) (Adam 1e-4) realGpu noiseGpu)

        results.Add($"DCGAN step, batch {ganBatch}", ganCpuTime, ganGpuTime, max generatorForward discriminatorForward)

        // ---- report ----
        printfn ""
        printfn "%-28s %12s %12s %9s %22s" "" "CPU ms" "GPU ms" "CPU/GPU" "forward max |CPU-GPU|"

        for name, cpuTime, gpuTime, diff in results do
            printfn
                "%-28s %12.2f %12.2f %9.2f %22.3g"
                name
                (1000.0 * cpuTime)
                (1000.0 * gpuTime)
                (cpuTime / gpuTime)
                diff

        printfn
            "(forward passes in evaluation mode, float32; the DCGAN row is the larger of the generator's %.3g and the discriminator's %.3g)"
            generatorForward
            discriminatorForward

        if onCpuAccelerator then
            printfn
                "GPU column: ILGPU's CPU accelerator, which checks the kernels, not their speed (one step, compilation included)."

        0
