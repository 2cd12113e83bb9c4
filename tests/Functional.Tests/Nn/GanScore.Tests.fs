/// Sample-quality scores (Nn/GanScore.fs): the inception score and class coverage on classifiers whose answers are
/// known, so the expected values follow from the definition.
module Functional.Tests.GanScoreTests

open Expecto
open Functional
open Functional.Nn

/// A "classifier" whose logits are its inputs times a scale: rows [N, C] in, logits out.
let private scaled (scale: float) =
    Lambda("scaled", System.Func<Tensor, Tensor>(fun x -> x * scale))

/// n rows of C columns, row i one-hot at class (classOf i).
let private oneHot (n: int) (classes: int) (classOf: int -> int) =
    Tensor.ofArrayShaped
        [ n; classes ]
        (Array.init (n * classes) (fun k -> if k % classes = classOf (k / classes) then 1.0 else 0.0))

[<Tests>]
let tests =
    testList "GanScore" [
        test "sure and even over C classes scores C" {
            // oracle: the definition; p(y|x) one-hot, p(y) uniform → KL = log C for every image → exp(log C) = C.
            let images = oneHot 1000 10 (fun i -> i % 10)
            Expect.floatClose Accuracy.high (Gan.inceptionScore (scaled 100.0) images) 10.0 "ten classes"
            Expect.floatClose Accuracy.high (Gan.inceptionScore (scaled 100.0) (oneHot 2 2 id)) 2.0 "two classes"
        }
        test "a collapsed generator scores 1 however sure the classifier is" {
            let images = oneHot 50 10 (fun _ -> 3)
            Expect.floatClose Accuracy.high (Gan.inceptionScore (scaled 100.0) images) 1.0 "one class"
        }
        test "ambiguous images score 1 however even they are" {
            let images = oneHot 100 10 (fun i -> i % 10)
            Expect.floatClose Accuracy.veryHigh (Gan.inceptionScore (scaled 0.0) images) 1.0 "uniform p(y|x)"
        }
        test "half sure, half collapsed lies between" {
            let score =
                Gan.inceptionScore (scaled 100.0) (oneHot 20 10 (fun i -> if i < 10 then i else 0))
            // p(y=0) = 11/20, the others 1/20; an image of class c has KL = log(1 / p(c)): eleven of class 0, nine
            // of the others, so the mean KL is (11/20)·log(20/11) + (9/20)·log 20.
            let expected = exp ((11.0 / 20.0) * log (20.0 / 11.0) + (9.0 / 20.0) * log 20.0)
            Expect.floatClose Accuracy.high score expected "mixed"
        }
        test "class coverage counts the classifier's choices" {
            let images = oneHot 20 10 (fun i -> if i < 12 then 4 else i % 3)
            let coverage = Gan.classCoverage (scaled 10.0) images
            Expect.equal coverage.Covered 4 "classes 0, 1, 2 and 4"
            Expect.equal coverage.Counts[4] 12 "most in class 4"
            Expect.floatClose Accuracy.veryHigh coverage.LargestShare 0.6 "12 of 20"
        }
        test "the combined score equals the two scores taken apart" {
            let images = oneHot 20 10 (fun i -> if i < 12 then 4 else i % 3)
            let inception, coverage = Gan.score (scaled 10.0) images
            Expect.equal inception (Gan.inceptionScore (scaled 10.0) images) "inception score"
            Expect.equal coverage (Gan.classCoverage (scaled 10.0) images) "coverage"
        }
        test "more than one batch of 256 gives the same score as the definition" {
            let images = oneHot 600 10 (fun i -> (i * 7) % 10)
            Expect.floatClose Accuracy.high (Gan.inceptionScore (scaled 100.0) images) 10.0 "600 images"
        }
        test "no samples is an error" {
            Expect.throwsWith<Functional.Core.Tensors.ShapeMismatchException>
                (fun () -> Gan.inceptionScore (scaled 1.0) (Tensor.Zeros [ 0; 10 ]) |> ignore)
                [ "gan score: expected at least one image" ]
                "empty"
        }
    ]
