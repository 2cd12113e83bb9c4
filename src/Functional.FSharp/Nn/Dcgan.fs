namespace Functional.Nn

open System
open Functional

/// <summary>The DCGAN of lecture 000 (TensorFlow's DCGAN tutorial on MNIST, in Keras's conventions: LeakyReLU slope
/// 0.3, BatchNorm ε 1e-3 with running statistics moving 1 % per batch, Glorot-uniform weights, "same" padding).
/// Images are [N, 1, 28, 28] with pixels in [−1, 1]; the noise is [N, 100].</summary>
[<RequireQualifiedAccess>]
module Dcgan =
    /// The length of the noise vector the generator maps to an image.
    [<Literal>]
    let NoiseSize = 100

    let private slope = 0.3

    /// Keras's BatchNormalization defaults in PyTorch's terms.
    let private batchNorm1d n = BatchNorm1d(n, 0.01, 1e-3)
    let private batchNorm2d n = BatchNorm2d(n, 0.01, 1e-3)

    /// <summary>Dense(7·7·256, no bias) → BN → LeakyReLU → reshape [256, 7, 7] → ConvT(128, 5, stride 1) → BN → LeakyReLU
    /// → ConvT(64, 5, stride 2) → BN → LeakyReLU → ConvT(1, 5, stride 2) → tanh: 2,330,944 numbers, 2,305,472 of
    /// them trainable.</summary>
    [<CompiledName("Generator")>]
    let generator (rng: Random) : Model =
        Linear(NoiseSize, 7 * 7 * 256, rng, bias = false)
        --> batchNorm1d (7 * 7 * 256)
        --> LeakyRelu slope
        --> Reshape [| 256; 7; 7 |]
        --> ConvTranspose2d.Same(256, 128, 5, rng, stride = 1, bias = false)
        --> batchNorm2d 128
        --> LeakyRelu slope
        --> ConvTranspose2d.Same(128, 64, 5, rng, stride = 2, bias = false)
        --> batchNorm2d 64
        --> LeakyRelu slope
        --> ConvTranspose2d.Same(64, 1, 5, rng, stride = 2, bias = false)
        --> Tanh()

    /// <summary>Conv(64, 5, stride 2) → LeakyReLU → Dropout 0.3 → Conv(128, 5, stride 2) → LeakyReLU → Dropout 0.3 →
    /// Flatten → Dense(1): a logit per image, 212,865 parameters.</summary>
    [<CompiledName("Discriminator")>]
    let discriminator (rng: Random) : Model =
        Conv2d.Same(1, 64, 5, rng, stride = 2)
        --> LeakyRelu slope
        --> Dropout(0.3, rng)
        --> Conv2d.Same(64, 128, 5, rng, stride = 2)
        --> LeakyRelu slope
        --> Dropout(0.3, rng)
        --> Flatten()
        --> Linear(128 * 7 * 7, 1, rng)

    /// <summary>The losses of one training step: the discriminator's (real → 1, fake → 0) and the generator's (fake →
    /// 1), both binary cross-entropy on logits, batch means.</summary>
    type Losses = {
        /// BCE(D(real), 1) + BCE(D(G(z)), 0).
        Discriminator: float
        /// BCE(D(G(z)), 1).
        Generator: float
    }

    /// <summary>One training step as the TensorFlow tutorial takes it: one forward pass G(z), D(real), D(G(z)); the
    /// discriminator's loss differentiated by D's parameters, the generator's by G's; one step of each optimizer.
    /// Returns both losses (before the updates).</summary>
    /// <exception cref="T:Functional.Nn.TrainingDivergedException">A loss is NaN or infinite (epoch 0, the step given).</exception>
    [<CompiledName("Step")>]
    let step
        (generator: Model)
        (discriminator: Model)
        (generatorOptimizer: Optimizer)
        (discriminatorOptimizer: Optimizer)
        (real: Tensor)
        (noise: Tensor)
        : Losses =
        let n = real.Dims[0]
        // Labels live where the images do, so the step runs on any device.
        let ones = Tensor.Ones([ n; 1 ], real.DType).ToDevice real.Device
        let zeros = Tensor.Zeros([ n; 1 ], real.DType).ToDevice real.Device
        let g, d = generator.TrainableParameters, discriminator.TrainableParameters
        generator.Train()
        discriminator.Train()

        let losses, grads =
            Train.valuesAndGradients [| d; g |] (fun () ->
                let fake = generator.Forward noise
                let realOut, fakeOut = discriminator.Forward real, discriminator.Forward fake

                [|
                    Loss.bceWithLogits realOut ones + Loss.bceWithLogits fakeOut zeros
                    Loss.bceWithLogits fakeOut ones
                |])

        let dLoss, gLoss = losses[0].ToScalar(), losses[1].ToScalar()

        if not (Double.IsFinite dLoss && Double.IsFinite gLoss) then
            raise (
                TrainingDivergedException(
                    0,
                    discriminatorOptimizer.Steps + 1,
                    (if Double.IsFinite dLoss then gLoss else dLoss),
                    generatorOptimizer.LearningRate
                )
            )

        discriminatorOptimizer.Step(d, grads[0])
        generatorOptimizer.Step(g, grads[1])

        {
            Discriminator = dLoss
            Generator = gLoss
        }
