/// MNIST digits: the 10,000-digit subset shipped in data/mnist (IDX, gzip), or a folder holding the full MNIST files.
[<RequireQualifiedAccess>]
module Functional.Mnist

open System
open System.IO
open Functional.Core.Data

/// <summary>Digits as tensors: images float32 [n, 28, 28] with pixels scaled to [0, 1], labels int64 [n] in 0..9.</summary>
type Digits = {
    /// float32 [n, 28, 28], pixel / 255.
    Images: Tensor
    /// int64 [n], the digit shown.
    Labels: Tensor
}

/// <summary>Digits to train on and digits to report on.</summary>
type Dataset = {
    /// The training digits.
    Train: Digits
    /// The held-out test digits.
    Test: Digits
}

let private invalid (path: string) (expected: string) (received: string) =
    raise (InvalidDataException($"mnist: expected {expected}, received {received} in {path}"))

/// Pixels and labels of one pair of IDX files, checked: n × 28 × 28 unsigned bytes and n labels in 0..9.
let private readRaw (imagesPath: string) (labelsPath: string) =
    let images = Idx.Read imagesPath
    let labels = Idx.Read labelsPath

    if
        images.Type <> IdxType.UInt8
        || images.Dims.Length <> 3
        || images.Dims[1] <> 28
        || images.Dims[2] <> 28
    then
        invalid
            imagesPath
            "unsigned-byte images of shape [n, 28, 28]"
            $"{images.Type} [{String.Join(',', images.Dims)}]"

    if
        labels.Type <> IdxType.UInt8
        || labels.Dims.Length <> 1
        || labels.Dims[0] <> images.Dims[0]
    then
        invalid labelsPath $"{images.Dims[0]} unsigned-byte labels" $"{labels.Type} [{String.Join(',', labels.Dims)}]"

    match labels.Data |> Array.tryFindIndex (fun l -> l > 9uy) with
    | Some i -> invalid labelsPath "labels in 0..9" $"{labels.Data[i]} at position {i}"
    | None -> ()

    images.Data, labels.Data

/// The digits at the given positions, as tensors.
let private digits (pixels: byte[]) (labels: byte[]) (positions: int[]) : Digits =
    let size = 28 * 28
    let images = Array.zeroCreate<float32>(positions.Length * size)

    positions
    |> Array.iteri (fun k i ->
        for j in 0 .. size - 1 do
            images[k * size + j] <- float32 pixels[i * size + j] / 255.0f)

    {
        Images = Tensor.FromArray(images, [ positions.Length; 28; 28 ])
        Labels = Tensor.FromArray(positions |> Array.map (fun i -> int64 labels[i]), [ positions.Length ])
    }

/// <summary>Reads one pair of IDX files (plain or .gz): images [n, 28, 28] and their labels.</summary>
/// <exception cref="T:System.IO.InvalidDataException">A file is malformed, truncated, of the wrong shape, or has a
/// label outside 0..9.</exception>
[<CompiledName("Read")>]
let read (imagesPath: string) (labelsPath: string) : Digits =
    let pixels, labels = readRaw imagesPath labelsPath
    digits pixels labels (Array.init labels.Length id)

/// <summary>The shipped 10,000-digit subset in <paramref name="folder"/> (data/mnist), split 8,000 / 2,000 with
/// the same share of every digit in both parts, shuffled by <paramref name="seed"/>.</summary>
/// <exception cref="T:System.IO.FileNotFoundException">The folder lacks images-idx3-ubyte.gz or labels-idx1-ubyte.gz.</exception>
[<CompiledName("Subset")>]
let subset (folder: string) (seed: int) : Dataset =
    let pixels, labels =
        readRaw (Path.Combine(folder, "images-idx3-ubyte.gz")) (Path.Combine(folder, "labels-idx1-ubyte.gz"))

    let split =
        Splits.stratifiedIndices
            {
                TrainFraction = 0.8
                ValidationFraction = 0.0
                Seed = seed
            }
            labels

    {
        Train = digits pixels labels split.Train.Value
        Test = digits pixels labels split.Test.Value
    }

/// <summary>The full MNIST files in <paramref name="folder"/> (train-images-idx3-ubyte, train-labels-idx1-ubyte,
/// t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each plain or .gz): 60,000 training and 10,000 test digits.</summary>
/// <exception cref="T:System.IO.FileNotFoundException">One of the four files is missing.</exception>
[<CompiledName("Full")>]
let full (folder: string) : Dataset =
    let find (name: string) =
        [ name; name + ".gz" ]
        |> List.map (fun n -> Path.Combine(folder, n))
        |> List.tryFind File.Exists
        |> Option.defaultWith (fun () ->
            raise (FileNotFoundException($"mnist: expected {name} or {name}.gz in {folder}, found neither", name)))

    {
        Train = read (find "train-images-idx3-ubyte") (find "train-labels-idx1-ubyte")
        Test = read (find "t10k-images-idx3-ubyte") (find "t10k-labels-idx1-ubyte")
    }

/// <summary>Full MNIST from four remote files named as the registry names them (train-images-idx3-ubyte.gz,
/// train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz), each obtained through
/// <paramref name="fetch"/> (<c>Datasets.fetchFile</c>, or <c>Datasets.fetchWith options</c>).</summary>
/// <exception cref="T:System.ArgumentException">One of the four names is missing from <paramref name="remotes"/>.</exception>
/// <exception cref="T:Functional.Core.Data.Remote.DataUnavailableException">A file cannot be had.</exception>
[<CompiledName("LoadFiles")>]
let loadFiles
    (fetch: Functional.Core.Data.Remote.RemoteFile -> string)
    (remotes: Functional.Core.Data.Remote.RemoteFile seq)
    =
    let remotes = List.ofSeq remotes

    let remote (name: string) =
        match remotes |> List.tryFind (fun r -> r.Name = name) with
        | Some r -> r
        | None ->
            let names = remotes |> List.map (fun r -> r.Name) |> String.concat ", "
            invalidArg (nameof remotes) $"mnist: expected a remote file named {name}, received [{names}]"

    // All four are found before any is fetched, so a wrong list costs no download.
    let images, labels, testImages, testLabels =
        remote "train-images-idx3-ubyte.gz",
        remote "train-labels-idx1-ubyte.gz",
        remote "t10k-images-idx3-ubyte.gz",
        remote "t10k-labels-idx1-ubyte.gz"

    let images, labels, testImages, testLabels =
        fetch images, fetch labels, fetch testImages, fetch testLabels

    {
        Train = read images labels
        Test = read testImages testLabels
    }

/// <summary>Full MNIST, 60,000 training and 10,000 test digits, as Keras's <c>mnist.load_data()</c> and torchvision's
/// <c>MNIST(download=True)</c> give it: the four IDX files are fetched from their origin into the cache (verified by
/// MD5 and size, as torchvision pins them) on first use. The shipped 10,000-digit <c>subset</c> needs no download.</summary>
/// <exception cref="T:Functional.Core.Data.Remote.DataUnavailableException">A file cannot be had (offline, or every
/// URL failed): the message says where to put it by hand.</exception>
[<CompiledName("Load")>]
let load () : Dataset =
    loadFiles Datasets.fetchFile (Datasets.files "mnist")
