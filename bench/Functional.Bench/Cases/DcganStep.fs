// dcgan-step: one DCGAN training step (batch 32, noise 100) of lecture 000's networks, as Dcgan.step takes it.
module Functional.Bench.Cases.DcganStep

open System
open Functional
open Functional.Nn
open Functional.Bench
open Functional.Bench.Measure

/// <summary>The step's inputs, on the host: both networks with the recipe weights, real = sym(30) [32, 1, 28, 28] and
/// z = normals(40) [32, 100]. Shared with the GPU case, which moves them to the device.</summary>
let setup () : Model * Model * Tensor * Tensor =
    let generator, discriminator =
        Dcgan.generator (Random 0), Dcgan.discriminator (Random 0)

    let layer (model: Model) (i: int) = (model :?> Sequential).Layers[i]

    let set (model: Model) (i: int) (stream: int) (fanIn: int) =
        let p = (layer model i).OwnParameters[0]

        let values =
            Recipe.symmetric stream p.Count
            |> Array.map (fun u -> float32 (u / sqrt (float fanIn)))

        p.Value <- Tensor.ofArrayShaped p.Value.Dims values

    for model, i, stream, fanIn in
        [
            generator, 0, 41, 100
            generator, 4, 42, 3200
            generator, 7, 43, 1600
            generator, 10, 44, 25
            discriminator, 0, 45, 25
            discriminator, 3, 46, 1600
            discriminator, 7, 47, 6272
        ] do
        set model i stream fanIn

    let real =
        Tensor.ofArrayShaped [ 32; 1; 28; 28 ] (Recipe.symmetric 30 (32 * 784) |> Array.map float32)

    let noise =
        Tensor.ofArrayShaped [ 32; Dcgan.NoiseSize ] (Recipe.normals 40 3200 |> Array.map float32)

    generator, discriminator, real, noise

/// <summary>The networks of Dcgan.generator/discriminator with weights from the recipe, (2u − 1)/√fanIn, in our
/// layouts (which are the peer's after its own transposes): G dense stream 41 [100, 12544] (fan-in 100), ConvT 42
/// [256, 128, 5, 5] (3200), 43 [128, 64, 5, 5] (1600), 44 [64, 1, 5, 5] (25); D conv 45 [64, 1, 5, 5] (25), 46
/// [128, 64, 5, 5] (1600), dense 47 [6272, 1] (6272); biases 0, BatchNorm γ 1, β 0. real = sym(30) [32, 1, 28, 28],
/// z = normals(40) [32, 100]. Models and optimizers carry over between runs (steady-state steps). The check is both
/// models' size, 2,543,809; the first step's losses print beside it.</summary>
let prepare () : Outcome =
    let generator, discriminator, real, noise = setup ()
    let gOptimizer, dOptimizer = Adam 1e-4, Adam 1e-4
    let mutable first: Dcgan.Losses option = None

    ReadyWithExtra(
        {
            Run =
                fun () ->
                    let losses = Dcgan.step generator discriminator gOptimizer dOptimizer real noise

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
