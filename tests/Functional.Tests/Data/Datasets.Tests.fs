/// The lecture data fetcher from F# (Data/Datasets.fs): every registered file fetched from a loopback mirror of the
/// shared lecture data verifies against its pins; full MNIST loads through the fetch path (tests/DataServer).
module Functional.Tests.DatasetsTests

open System
open System.IO
open System.Security.Cryptography
open Expecto
open Functional
open Functional.Core.Data
open Functional.Core.Data.Remote
open Functional.Tests.DataServer

/// A loopback server of `served` and an empty cache, with options that fetch from it; both gone afterwards.
let private withMirror (served: string) (body: LoopbackServer -> FetchOptions -> unit) =
    let cache = Directory.CreateTempSubdirectory("datasets-tests").FullName
    use server = new LoopbackServer(served)

    try
        body server (FetchOptions(CacheRoot = cache, Mirror = server.BaseUrl))
    finally
        Directory.Delete(cache, true)

/// n random digits as IDX arrays (images n x 28 x 28, labels n), from a seed.
let private digits (seed: int) (n: int) =
    let rng = Random seed
    let pixels = Array.zeroCreate<byte>(n * 28 * 28)
    rng.NextBytes pixels
    let labels = Array.init n (fun _ -> byte (rng.Next 10))
    IdxArray([| n; 28; 28 |], IdxType.UInt8, pixels), IdxArray([| n |], IdxType.UInt8, labels)

[<Tests>]
let tests =
    testList "Datasets" [
        test "every registered file but MNIST comes from a mirror of the shared data and matches its pins" {
            Repository.requireShared "ORIGINS.tsv" |> ignore
            let shared = Repository.sharedDataFolder.Value

            withMirror shared (fun server options ->
                let files =
                    DataRegistry.Files |> Seq.filter (fun f -> f.Dataset <> "mnist") |> List.ofSeq

                for file in files do
                    let path = Datasets.fetchWith options file
                    Expect.equal path (Path.Combine(options.CacheRoot, file.Dataset, file.Name)) "cache layout"
                    Expect.isNull (file.Mismatch path) $"{file.Key} matches its pins"

                    Expect.sequenceEqual
                        (File.ReadAllBytes path)
                        (File.ReadAllBytes(Path.Combine(shared, file.Dataset, file.Name)))
                        file.Key

                Expect.equal server.Requests.Count files.Length "one request per file"
                // A second round is served by the cache alone.
                files |> List.iter (Datasets.fetchWith options >> ignore)
                Expect.equal server.Requests.Count files.Length "no request for cached files")
        }
        test "full MNIST loads through the fetch path: generated IDX files served under the MNIST names" {
            let served = Directory.CreateTempSubdirectory("mnist-served").FullName

            try
                let mnistDir = Directory.CreateDirectory(Path.Combine(served, "mnist")).FullName
                let trainImages, trainLabels = digits 1 30
                let testImages, testLabels = digits 2 10

                let write name (array: IdxArray) =
                    let path = Path.Combine(mnistDir, name)
                    Idx.Write(path, array)
                    let bytes = File.ReadAllBytes path
                    // The pins are this test's own: the registry's name the real files.
                    RemoteFile(
                        "mnist",
                        name,
                        [| "https://unused.invalid/" + name |],
                        bytes.LongLength,
                        null,
                        Convert.ToHexStringLower(MD5.HashData bytes)
                    )

                let files = [
                    write "train-images-idx3-ubyte.gz" trainImages
                    write "train-labels-idx1-ubyte.gz" trainLabels
                    write "t10k-images-idx3-ubyte.gz" testImages
                    write "t10k-labels-idx1-ubyte.gz" testLabels
                ]

                withMirror served (fun server options ->
                    let data = Mnist.loadFiles (Datasets.fetchWith options) files
                    Expect.equal data.Train.Images.Dims [| 30; 28; 28 |] "train images"
                    Expect.equal data.Test.Images.Dims [| 10; 28; 28 |] "test images"

                    Expect.sequenceEqual
                        (data.Test.Labels.ToFloatArray())
                        (testLabels.Data |> Array.map float)
                        "test labels"

                    Expect.floatClose
                        Accuracy.medium
                        (data.Train.Images.ToFloatArray()[5])
                        (float trainImages.Data[5] / 255.0)
                        "pixel / 255"

                    Expect.equal server.Requests.Count 4 "four files fetched")
            finally
                Directory.Delete(served, true)
        }
        test "Mnist.loadFiles names the file it lacks" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    Mnist.loadFiles (fun _ -> failwith "not fetched") (Datasets.files "mnist" |> List.take 3)
                    |> ignore)
                [ "mnist: expected a remote file named t10k-labels-idx1-ubyte.gz" ]
                "missing name"
        }
        test "an unknown dataset or file is a mistake named with what there is, not a missing file" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Datasets.fetch "iris" "iris.csv" |> ignore)
                [
                    "expected a registered dataset (kaityo256-python_zero, coursera-ml-ex5, coursera-ml-ex6, mnist)"
                    "'iris'"
                ]
                "dataset"

            Expect.throwsWith<ArgumentException>
                (fun () -> Datasets.tryFetch "coursera-ml-ex5" "ex5data9.mat" |> ignore)
                [ "(ex5data1.mat)"; "'ex5data9.mat'" ]
                "file"
        }
        test "offline, a file the cache lacks is an error that says where to put it" {
            let cache = Directory.CreateTempSubdirectory("datasets-offline").FullName

            try
                let options = FetchOptions(CacheRoot = cache, Offline = true)

                Expect.throwsWith<DataUnavailableException>
                    (fun () ->
                        Datasets.fetchWith options (Datasets.file "coursera-ml-ex5" "ex5data1.mat")
                        |> ignore)
                    [
                        "offline (FUNCTIONAL_OFFLINE=1)"
                        Path.Combine(cache, "coursera-ml-ex5", "ex5data1.mat")
                    ]
                    "offline"
            finally
                Directory.Delete(cache, true)
        }
    ]
