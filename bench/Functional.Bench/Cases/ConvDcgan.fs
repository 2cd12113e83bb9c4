// conv-dcgan: the DCGAN discriminator's two convolutions (DESIGN §5, lecture 000), forward and backward, batch 32.
module Functional.Bench.Cases.ConvDcgan

open Functional.Bench.Measure

/// <summary>Peer: x 32×1×28×28 → Conv2d(1→64, 5×5, stride 2, pad 2) → LeakyReLU(0.3) → Conv2d(64→128, 5×5, stride 2,
/// pad 2) → sum, backward to both layers' weights and biases. Ours has no convolution op yet.</summary>
// TODO: time the same step once Functional has Conv2d (issue 4's im2col + GEMM kernel, issue 5's Nn.Conv2d).
let prepare () : Outcome =
    NotImplemented "Functional has no Conv2d op yet (issue 4 kernel, issue 5 layer)"
