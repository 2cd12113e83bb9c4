/// The fused optimizer step against the CPU backend, for every update rule in both conventions.
module Functional.Gpu.Tests.OptimTests

open System
open Functional.Core.Optim
open Functional.Core.Tensors
open Functional.Gpu.Tests.Support
open Xunit

let private rules: (string * UpdateRule) list =
    let sgd = UpdateKind.Sgd
    let adam = UpdateKind.Adam
    let rms = UpdateKind.RmsProp

    [
        "sgd", UpdateRule(Kind = sgd, LearningRate = 0.1)
        "sgd momentum", UpdateRule(Kind = sgd, LearningRate = 0.1, Momentum = 0.9, Dampening = 0.1)
        "sgd nesterov", UpdateRule(Kind = sgd, LearningRate = 0.1, Momentum = 0.9, Nesterov = true)
        "sgd keras", UpdateRule(Kind = sgd, LearningRate = 0.1, Momentum = 0.9, LearningRateInVelocity = true)
        "sgd keras nesterov",
        UpdateRule(Kind = sgd, LearningRate = 0.1, Momentum = 0.9, LearningRateInVelocity = true, Nesterov = true)
        "sgd weight decay", UpdateRule(Kind = sgd, LearningRate = 0.1, WeightDecay = 0.01)
        "adagrad", UpdateRule(Kind = UpdateKind.AdaGrad, LearningRate = 0.1, Epsilon = 1e-10)
        "adagrad keras",
        UpdateRule(Kind = UpdateKind.AdaGrad, LearningRate = 0.1, Epsilon = 1e-7, EpsilonInsideSqrt = true)
        "rmsprop", UpdateRule(Kind = rms, LearningRate = 0.01, Beta1 = 0.9, Epsilon = 1e-7)
        "rmsprop centred momentum",
        UpdateRule(Kind = rms, LearningRate = 0.01, Beta1 = 0.9, Epsilon = 1e-7, Centered = true, Momentum = 0.5)
        "rmsprop keras momentum",
        UpdateRule(
            Kind = rms,
            LearningRate = 0.01,
            Beta1 = 0.9,
            Epsilon = 1e-7,
            Momentum = 0.5,
            LearningRateInVelocity = true,
            EpsilonInsideSqrt = true
        )
        "adam",
        UpdateRule(
            Kind = adam,
            LearningRate = 0.01,
            Beta1 = 0.9,
            Beta2 = 0.999,
            Epsilon = 1e-8,
            BiasCorrection1 = 0.1,
            BiasCorrection2 = 0.001
        )
        "adam keras",
        UpdateRule(
            Kind = adam,
            LearningRate = 0.01,
            Beta1 = 0.9,
            Beta2 = 0.999,
            Epsilon = 1e-7,
            BiasCorrection1 = 0.1,
            BiasCorrection2 = 0.001,
            EpsilonAfterCorrection = false
        )
        "amsgrad",
        UpdateRule(Kind = adam, LearningRate = 0.01, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8, AmsGrad = true)
        "adamw",
        UpdateRule(
            Kind = adam,
            LearningRate = 0.01,
            Beta1 = 0.9,
            Beta2 = 0.999,
            Epsilon = 1e-8,
            DecoupledWeightDecay = 0.01,
            WeightDecay = 0.001
        )
    ]

[<Fact>]
let ``applyUpdate matches the CPU for every rule over three steps, parameters and state`` () =
    let rng = Random 23

    for dtype in floats do
        for name, rule in rules do
            for dims in [ [| 37 |]; [| 3; 5 |]; [| 0 |] ] do
                let n = Array.fold (*) 1 dims
                let p = upload (randomData rng dtype n) dims

                let state =
                    Array.init rule.StateCount (fun _ ->
                        upload (randomData rng dtype n) dims |> map (fun b t -> b.Unary(UnaryOp.Abs, t)))

                for step in 1..3 do
                    // A transposed gradient: the backend makes it contiguous first.
                    let g =
                        build (randomData rng dtype) (if dims.Length = 2 then Transposed else Contiguous) dims

                    let r = if step = 1 then rule.AsFirstStep() else rule
                    cpu.ApplyUpdate(r, p.Cpu, g.Cpu, state |> Array.map (fun s -> s.Cpu))
                    (gpu ()).ApplyUpdate(r, p.Gpu, g.Gpu, state |> Array.map (fun s -> s.Gpu))
                    expectBoth (tolFor dtype) $"{name} {dtype} {Shape dims} step {step}: parameter" p

                    state
                    |> Array.iteri (fun i s -> expectBoth (tolFor dtype) $"{name} {dtype} step {step}: state {i}" s)

[<Fact>]
let ``applyUpdate fails as on the CPU for views, wrong state counts and mismatched gradients`` () =
    let rule = UpdateRule(Kind = UpdateKind.Sgd, LearningRate = 0.1, Momentum = 0.9)

    let t (b: IBackend) (dims: int[]) = b.Full(Shape dims, DType.Float32, 1.0)

    expectSameError "state count" (fun b -> b.ApplyUpdate(rule, t b [| 4 |], t b [| 4 |], [||]))
    expectSameError "gradient shape" (fun b -> b.ApplyUpdate(rule, t b [| 4 |], t b [| 3 |], [| t b [| 4 |] |]))

    expectSameError "gradient dtype" (fun b ->
        b.ApplyUpdate(rule, t b [| 4 |], b.Full(Shape [| 4 |], DType.Float64, 1.0), [| t b [| 4 |] |]))

    // The CPU's message names the view itself, device included.
    let g = gpu ()

    let ex =
        Assert.Throws<ArgumentException>(fun () ->
            g.ApplyUpdate(rule, g.Permute(t g [| 2; 3 |], [| 1; 0 |]), t g [| 3; 2 |], [| t g [| 3; 2 |] |]))

    Assert.Equal(
        "applyUpdate: expected a contiguous parameter, received a view RawTensor(3x2, float32, cuda:0)",
        ex.Message
    )

    expectSameError "integer parameter" (fun b ->
        let i = b.Full(Shape [| 2 |], DType.Int32, 1.0)
        b.ApplyUpdate(UpdateRule(Kind = UpdateKind.Sgd), i, i, [| i |]))
