// §5.7.3 k-nearest neighbours on three Gaussian classes: the k = 3 vote, and k = 1 recalling the training set.
// A section of ../003-deep-learning-ch5.fsx, which loads common.fsx and setup.fsx first: #load nothing here.

open System.IO
open Common
open Functional
open Setup

say "== kNN =="
let knnCentres = [| 0.0, 0.0; 3.0, 3.0; 0.0, 4.0 |]

let knnData n =
    let rows =
        Array.init n (fun i -> let cx, cy = knnCentres[i % 3] in [| normal rng cx 1.0; normal rng cy 1.0 |])

    Tensor.ofArrayShaped [ n; 2 ] (Array.concat rows), Tensor.ofArray (Array.init n (fun i -> i % 3))

let knnTrainX, knnTrainY = knnData 300
let knnTestX, knnTestY = knnData 300
let knn3 = Knn.fit { Knn.defaults with K = 3 } knnTrainX knnTrainY

let knnAccuracy (fit: KnnFit) x y =
    Array.map2 (fun p t -> if p = t then 1.0 else 0.0) (Knn.classify fit x |> Tensor.toArray) (Tensor.toArray y)
    |> Array.average

let knn1 = Knn.fit { Knn.defaults with K = 1 } knnTrainX knnTrainY

say
    $"k = 3: test accuracy {knnAccuracy knn3 knnTestX knnTestY:F4}; k = 1: training {knnAccuracy knn1 knnTrainX knnTrainY:F4}, test {knnAccuracy knn1 knnTestX knnTestY:F4}"

checkThat "k = 3 vote: test accuracy ≥ 0.85" (knnAccuracy knn3 knnTestX knnTestY >= 0.85)
checkClose "k = 1 recalls the training set" 1.0 0.0 (knnAccuracy knn1 knnTrainX knnTrainY)

PlotClassic.regions
    (figure "§5.7.3 kNN, k = 3: predicted class regions and the training points" "x1" "x2")
    knnTrainX
    knnTrainY
    (Knn.classify knn3)
    (Path.Combine(dir, "knn-regions.png"))
|> wrote
