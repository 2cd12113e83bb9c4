namespace Functional.Nn

open System
open Functional
open Functional.Core.Tensors

/// <summary>How a classifier sees a set of generated images: how many classes it assigns, and how unevenly.</summary>
type ClassCoverage = {
    /// How many images the classifier assigns to each class (index = class).
    Counts: int[]
    /// How many classes got at least one image.
    Covered: int
    /// The most frequent class's share of the images: 1/C when even, 1 when the generator has collapsed.
    LargestShare: float
}

/// <summary>Sample-quality scores for generative models, with a trained classifier standing in for Inception as the
/// MNIST GAN literature does.</summary>
[<RequireQualifiedAccess>]
module Gan =
    /// Class probabilities p(y | x) [N, C] of the classifier's logits, in batches, in eval mode, without a graph.
    let private probabilities (classifier: Model) (images: Tensor) =
        if images.Rank < 1 || images.Dims[0] < 1 then
            ShapeRules.Fail("gan score", "at least one image [N, …]", $"{images.Shape}")

        let n = images.Dims[0]

        [|
            for start in 0..256 .. n - 1 do
                let batch = images[start .. min n (start + 256) - 1]
                let p = (Model.predict classifier batch).Softmax(1)

                if p.Rank <> 2 then
                    ShapeRules.Fail("gan score", "classifier logits [N, C]", $"{p.Shape}")

                yield! p.ToFloatArray() |> Array.chunkBySize p.Dims[1]
        |]

    /// The inception score of the rows p(y | x).
    let private inceptionOf (p: float[][]) =
        let classes = p[0].Length

        let marginal =
            Array.init classes (fun c -> p |> Array.averageBy (fun row -> row[c]))

        // KL(p(y|x) ‖ p(y)) = Σ_c p log(p / p(y)), with 0 · log 0 = 0.
        let kl (row: float[]) =
            Array.fold2 (fun sum pc mc -> if pc > 0.0 then sum + pc * log (pc / mc) else sum) 0.0 row marginal

        exp (Array.averageBy kl p)

    /// The classes the rows p(y | x) assign.
    let private coverageOf (p: float[][]) =
        let counts = Array.zeroCreate p[0].Length

        for row in p do
            let best = Array.IndexOf(row, Array.max row)
            counts[best] <- counts[best] + 1

        {
            Counts = counts
            Covered = counts |> Array.filter (fun c -> c > 0) |> Array.length
            LargestShare = float (Array.max counts) / float p.Length
        }

    /// <summary>The inception score of <paramref name="samples"/> (Salimans et al. 2016): exp of the mean KL divergence
    /// between each image's class distribution p(y | x) and the marginal p(y) over all samples, one split. It runs from
    /// 1 (every image the same, or every image ambiguous) to C (each image sure of its class, the classes even); real
    /// MNIST digits score about 9.9 with a good classifier.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">No samples, or the classifier does not return
    /// logits [N, C].</exception>
    [<CompiledName("InceptionScore")>]
    let inceptionScore (classifier: Model) (samples: Tensor) : float =
        inceptionOf (probabilities classifier samples)

    /// <summary>Which classes the classifier assigns <paramref name="samples"/> to (its most probable class per image):
    /// counts, how many classes are covered, and the largest class's share.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">No samples, or no logits [N, C].</exception>
    [<CompiledName("ClassCoverage")>]
    let classCoverage (classifier: Model) (samples: Tensor) : ClassCoverage =
        coverageOf (probabilities classifier samples)

    /// <summary>The inception score and the class coverage of <paramref name="samples"/> from one pass of the
    /// classifier (each alone runs it once).</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">No samples, or no logits [N, C].</exception>
    [<CompiledName("Score")>]
    let score (classifier: Model) (samples: Tensor) : float * ClassCoverage =
        let p = probabilities classifier samples
        inceptionOf p, coverageOf p
