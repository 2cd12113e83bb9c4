// gemm-f32-4096-gpu / dcgan-step-gpu (issue 7): the GEMM and the DCGAN step on an NVIDIA GPU through Functional.Gpu
// (ILGPU). Data and weights are the CPU cases' (Gemm.operand, DcganStep's recipe streams), built on the host and moved
// to cuda before timing. Every timed run ends with the backend's Synchronize, so a run's seconds include the kernels it
// launched, not just their queuing. Without a CUDA device the cases report why and time nothing.
module Functional.Bench.Cases.Gpu

open System
open Functional
open Functional.Nn
open Functional.Core.Tensors
open Functional.Bench
open Functional.Bench.Measure

/// <summary>The GPU backend opened on cuda:0, or why it cannot be.</summary>
let private openGpu () : Result<Functional.Gpu.GpuBackend, string> =
    if not Functional.Gpu.Gpu.IsAvailable then
        Error $"needs an NVIDIA GPU; {Functional.Gpu.Gpu.Describe()}"
    else
        try
            Ok(Functional.Gpu.Gpu.Use())
        with ex ->
            let found = Functional.Gpu.Gpu.Describe()
            let why = $"{ex.GetType().Name}: {ex.Message}"
            Error $"a CUDA device is present ({found}) but the GPU backend could not open it: {why}"

let private toDevice (gpu: Functional.Gpu.GpuBackend) (x: Tensor) = x.ToDevice gpu.Device

/// <summary>C = A · B, A and B n×n float32 from recipe streams 1 and 2 (Gemm.operand) on gpu's device. A run is one
/// product and a device synchronisation; the first product (kernel compilation) is untimed. The check, mean |C|, is
/// computed on the host from C copied back, after timing.</summary>
let gemmOn (gpu: Functional.Gpu.GpuBackend) (n: int) : Outcome =
    let a = Gemm.operand DType.Float32 n 1 |> toDevice gpu
    let b = Gemm.operand DType.Float32 n 2 |> toDevice gpu
    let mutable c = Tensor.matmul a b
    gpu.Synchronize()

    Ready {
        Run =
            fun () ->
                c <- Tensor.matmul a b
                gpu.Synchronize()
        Units = 1
        Flops = Some(2.0 * float n * float n * float n)
        Check = fun () -> c.ToArray() :?> float32[] |> Array.averageBy (fun v -> abs (float v))
    }

/// <summary>gemm-f32-4096-gpu: <see cref="gemmOn"/> 4096 on cuda:0.</summary>
let gemm () : Outcome =
    match openGpu () with
    | Error reason -> NotImplemented reason
    | Ok gpu -> gemmOn gpu 4096

/// <summary>dcgan-step on gpu's device: DcganStep's networks and recipe weights (G dense 41, ConvT 42-44; D conv
/// 45-46, dense 47; biases 0, BatchNorm γ 1, β 0), real = sym(30) [32, 1, 28, 28], z = normals(40) [32, 100], all set
/// on the host and then moved to the device (models before their Adam optimizers' first step). A run is one Dcgan.step
/// and a device synchronisation; models and optimizers carry over between runs. The dropout masks are drawn on the
/// host and copied to the device each step, as Dropout does on any device. The check is both models' size,
/// 2,543,809; the first step's losses print beside it.</summary>
let dcganStepOn (gpu: Functional.Gpu.GpuBackend) : Outcome =
    let generator, discriminator, hostReal, hostNoise = DcganStep.setup ()
    generator.ToDevice gpu.Device |> ignore
    discriminator.ToDevice gpu.Device |> ignore

    let real, noise = toDevice gpu hostReal, toDevice gpu hostNoise
    let gOptimizer, dOptimizer = Adam 1e-4, Adam 1e-4
    let mutable first: Dcgan.Losses option = None
    gpu.Synchronize()

    ReadyWithExtra(
        {
            Run =
                fun () ->
                    let losses = Dcgan.step generator discriminator gOptimizer dOptimizer real noise
                    gpu.Synchronize()

                    if first.IsNone then
                        first <- Some losses
            Units = 1
            Flops = None
            Check = fun () -> float (generator.ParameterCount + discriminator.ParameterCount)
        },
        fun () ->
            match first with
            | Some l -> [ "d_loss1", l.Discriminator; "g_loss1", l.Generator ]
            | None -> []
    )

/// <summary>dcgan-step-gpu: <see cref="dcganStepOn"/> on cuda:0.</summary>
let dcganStep () : Outcome =
    match openGpu () with
    | Error reason -> NotImplemented reason
    | Ok gpu -> dcganStepOn gpu
