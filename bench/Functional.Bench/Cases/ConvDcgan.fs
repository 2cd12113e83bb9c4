// conv-dcgan: the DCGAN discriminator's two convolutions (DESIGN §5, lecture 000), forward and backward, batch 32.
module Functional.Bench.Cases.ConvDcgan

open Functional
open Functional.Core.Tensors
open Functional.Bench
open Functional.Bench.Measure

/// <summary>x 32×1×28×28 (stream 30, [−1, 1)) → Conv2d(1→64, 5×5, stride 2, pad 2) → LeakyReLU(0.3) →
/// Conv2d(64→128, 5×5, stride 2, pad 2) → sum, gradients of both layers' weights and biases by Diff.gradsv.
/// Weights and biases are streams 31–34 scaled by 1/√fan_in, as the peer sets them. The check is the sum.</summary>
let prepare () : Outcome =
    let symmetric stream count scale =
        Recipe.symmetric stream count |> Array.map (fun u -> float32 (u * scale))

    let x = Tensor.ofArrayShaped [ 32; 1; 28; 28 ] (symmetric 30 (32 * 28 * 28) 1.0)

    let w1 =
        Tensor.ofArrayShaped [ 64; 1; 5; 5 ] (symmetric 31 (64 * 25) (1.0 / sqrt 25.0))

    let b1 = Tensor.ofArrayShaped [ 64 ] (symmetric 32 64 (1.0 / sqrt 25.0))

    let w2 =
        Tensor.ofArrayShaped [ 128; 64; 5; 5 ] (symmetric 33 (128 * 1600) (1.0 / sqrt 1600.0))

    let b2 = Tensor.ofArrayShaped [ 128 ] (symmetric 34 128 (1.0 / sqrt 1600.0))
    let geometry = ConvGeometry.Square(5, 2, 2)
    let mutable last = nan

    let forward (p: Tensor[]) =
        let h = Tensor.Conv2d(x, p[0], Some p[1], geometry).LeakyRelu 0.3
        Tensor.Conv2d(h, p[2], Some p[3], geometry).Sum()

    Ready {
        Run =
            fun () ->
                let value, _ = Diff.gradsv forward [| w1; b1; w2; b2 |]
                last <- Tensor.toScalar value
        Units = 1
        Flops = None
        Check = fun () -> last
    }
