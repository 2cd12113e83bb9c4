// Exports the MNIST train/test split that scripts/001-ml-dl-intro.fsx uses (Mnist.subset data/mnist, seed 1) so that
// torch-mnist.py can train PyTorch reference models on exactly the same digits.
// Run from the repository root, after a Release build:
//   dotnet fsi scripts/reference/export-mnist-split.fsx [outDir] [seed]      (defaults: /tmp/mnist-split, 1)
// Writes train-images.f32 / test-images.f32 (float32 little-endian, row-major [n, 784], pixels in [0, 1]) and
// train-labels.txt / test-labels.txt (one label a line).
#r "../../src/Functional.FSharp/bin/Release/net10.0/Functional.Core.dll"
#r "../../src/Functional.FSharp/bin/Release/net10.0/Functional.dll"

open System
open System.IO

let repoRoot = Path.GetFullPath(Path.Combine(__SOURCE_DIRECTORY__, "..", ".."))
let args = fsi.CommandLineArgs |> Array.skip 1
let outDir = if args.Length > 0 then args[0] else "/tmp/mnist-split"
let seed = if args.Length > 1 then int args[1] else 1

Directory.CreateDirectory outDir |> ignore
let data = Functional.Mnist.subset (Path.Combine(repoRoot, "data", "mnist")) seed

let export (name: string) (digits: Functional.Mnist.Digits) =
    let pixels = digits.Images.ToArray() :?> float32[]
    let labels = digits.Labels.ToArray() :?> int64[]

    if pixels.Length <> labels.Length * 784 then
        failwith $"{name}: {pixels.Length} pixels for {labels.Length} labels"

    let bytes = Array.zeroCreate<byte>(pixels.Length * 4)
    Buffer.BlockCopy(pixels, 0, bytes, 0, bytes.Length)

    if not BitConverter.IsLittleEndian then
        for i in 0..4 .. bytes.Length - 4 do
            Array.Reverse(bytes, i, 4)

    File.WriteAllBytes(Path.Combine(outDir, $"{name}-images.f32"), bytes)
    File.WriteAllLines(Path.Combine(outDir, $"{name}-labels.txt"), labels |> Array.map string)

    let counts =
        Array.init 10 (fun d -> labels |> Array.filter (fun l -> l = int64 d) |> Array.length)

    let perDigit = String.Join(" ", counts |> Array.mapi (fun d c -> $"{d}:{c}"))
    printfn $"{name}: {labels.Length} digits, pixel sum {Array.sumBy float pixels:F3}"
    printfn $"  per digit {perDigit}"

printfn $"Mnist.subset data/mnist seed {seed} -> {outDir}"
export "train" data.Train
export "test" data.Test
