/// Whole models through the F# library on cuda:0 against the same models on the CPU: forward, backward, updates.
module Functional.Gpu.Tests.ModelsTests

open System
open Functional
open Functional.Core.Tensors
open Functional.Nn
open Functional.Gpu.Tests.Support
open Xunit

/// The model's parameters (running statistics included) moved to cuda:0, through Model.ToDevice.
let private toCuda (model: Model) = model.ToDevice Device.Cuda

let private expectTensor (tol: Tol) (what: string) (onCpu: Tensor) (onCuda: Tensor) =
    expectClose tol what onCpu.Raw onCuda.Raw

/// Compares the parameters of two copies of a model, one on each device.
let private expectSameParameters (tol: Tol) (what: string) (a: Model) (b: Model) =
    Array.iter2
        (fun (name, p: Parameter) (_, q: Parameter) -> expectTensor tol $"{what}: {name}" p.Value q.Value)
        a.NamedParameters
        b.NamedParameters

/// Gradients of float32 sums over a few dozen terms: a little looser than one rounding.
let private gradTol = { Rel = 1e-4; Abs = 1e-5 }

[<Fact>]
let ``an MLP's loss, gradients and Adam steps on cuda match the CPU`` () =
    gpu () |> ignore

    let mlp () =
        let rng = Random 25

        Linear(4, 16, rng)
        --> Relu()
        --> Linear(16, 8, rng)
        --> Tanh()
        --> Linear(8, 3, rng)

    let onCpu, onCuda = mlp (), toCuda (mlp ())
    let x = Tensor.Randn(Random 26, [ 6; 4 ])
    let labels = Tensor.FromArray([| 0L; 2L; 1L; 1L; 0L; 2L |], [ 6 ])
    let xs, ys = x.ToDevice Device.Cuda, labels.ToDevice Device.Cuda
    let adamCpu, adamCuda = Adam 0.01, Adam 0.01

    for step in 1..3 do
        let lossOn (model: Model) (x: Tensor) (y: Tensor) =
            Train.valuesAndGradients [| model.TrainableParameters |] (fun () -> [|
                Loss.crossEntropy (model.Forward x) y
            |])

        let lc, gc = lossOn onCpu x labels
        let lg, gg = lossOn onCuda xs ys
        Assert.Equal(Device.Cuda, lg[0].Device)
        expectTensor f32 $"step {step}: loss" lc[0] lg[0]

        Array.iteri2 (fun i a b -> expectTensor gradTol $"step {step}: gradient {i}" a b) gc[0] gg[0]
        adamCpu.Step(onCpu.TrainableParameters, gc[0])
        adamCuda.Step(onCuda.TrainableParameters, gg[0])
        expectSameParameters gradTol $"after step {step}" onCpu onCuda

[<Fact>]
let ``a small DCGAN's losses, gradients and updates on cuda match the CPU`` () =
    gpu () |> ignore
    let slope = 0.3

    let generator () =
        let rng = Random 27

        Linear(8, 2 * 3 * 3, rng, bias = false)
        --> BatchNorm1d(18, 0.01, 1e-3)
        --> LeakyRelu slope
        --> Reshape [| 2; 3; 3 |]
        --> ConvTranspose2d.Same(2, 3, 3, rng, stride = 2, bias = false)
        --> BatchNorm2d(3, 0.01, 1e-3)
        --> LeakyRelu slope
        --> ConvTranspose2d.Same(3, 1, 3, rng, stride = 1, bias = false)
        --> Tanh()

    let discriminator () =
        let rng = Random 28

        Conv2d.Same(1, 4, 3, rng, stride = 2)
        --> LeakyRelu slope
        --> Conv2d.Same(4, 4, 3, rng, stride = 2)
        --> LeakyRelu slope
        --> Flatten()
        --> Linear(4 * 2 * 2, 1, rng)

    let gCpu, dCpu = generator (), discriminator ()
    let gCuda, dCuda = toCuda (generator ()), toCuda (discriminator ())
    let real = Tensor.Rand(Random 29, [ 4; 1; 6; 6 ]) * 2.0 - 1.0
    let noise = Tensor.Randn(Random 30, [ 4; 8 ])

    let step (g: Model) (d: Model) (real: Tensor) (noise: Tensor) =
        let ones = Tensor.Ones([ 4; 1 ]).ToDevice real.Device
        let zeros = Tensor.Zeros([ 4; 1 ]).ToDevice real.Device

        Train.valuesAndGradients [| d.TrainableParameters; g.TrainableParameters |] (fun () ->
            let fake = g.Forward noise
            let realOut, fakeOut = d.Forward real, d.Forward fake

            [|
                Loss.bceWithLogits realOut ones + Loss.bceWithLogits fakeOut zeros
                Loss.bceWithLogits fakeOut ones
            |])

    let optimizers () = Adam 1e-3, Adam 1e-3
    let (gOptCpu, dOptCpu), (gOptCuda, dOptCuda) = optimizers (), optimizers ()

    for k in 1..2 do
        let lc, gradsCpu = step gCpu dCpu real noise

        let lg, gradsCuda =
            step gCuda dCuda (real.ToDevice Device.Cuda) (noise.ToDevice Device.Cuda)

        expectTensor f32 $"step {k}: discriminator loss" lc[0] lg[0]
        expectTensor f32 $"step {k}: generator loss" lc[1] lg[1]

        for group in 0..1 do
            Array.iteri2
                (fun i a b -> expectTensor gradTol $"step {k}: group {group} gradient {i}" a b)
                gradsCpu[group]
                gradsCuda[group]

        dOptCpu.Step(dCpu.TrainableParameters, gradsCpu[0])
        gOptCpu.Step(gCpu.TrainableParameters, gradsCpu[1])
        dOptCuda.Step(dCuda.TrainableParameters, gradsCuda[0])
        gOptCuda.Step(gCuda.TrainableParameters, gradsCuda[1])
        expectSameParameters gradTol $"generator after step {k}" gCpu gCuda
        expectSameParameters gradTol $"discriminator after step {k}" dCpu dCuda

    // Evaluation mode (running statistics) on both devices.
    gCpu.Eval()
    gCuda.Eval()

    expectTensor gradTol "generator in evaluation mode" (gCpu.Forward noise) (gCuda.Forward(noise.ToDevice Device.Cuda))

[<Fact>]
let ``Model.ToDevice moves every parameter and buffer, and training-mode Dropout draws the CPU's mask on cuda`` () =
    gpu () |> ignore

    let model () =
        Linear(5, 7, Random 3) --> BatchNorm1d 7 --> Dropout(0.5, Random 4)

    let onCpu, onCuda = model (), toCuda (model ())
    Assert.All(onCuda.Parameters, fun p -> Assert.Equal(Device.Cuda, p.Value.Device))
    let x = Tensor.Randn(Random 5, [ 6; 5 ])
    // Training mode: batch statistics and a seeded dropout mask, the same draws on both devices.
    let yCpu, yCuda = onCpu.Forward x, onCuda.Forward(x.ToDevice Device.Cuda)
    Assert.Equal(Device.Cuda, yCuda.Device)
    expectTensor f32 "dropout output" yCpu yCuda
