/// Checkpoint errors (Nn/Checkpoint.fs): a load that cannot apply (missing or extra names, shapes, dtypes, optimizer
/// state, malformed files) says what it expected and what it found, and changes neither the model nor the optimizer.
module Functional.Tests.Nn.CheckpointErrorsTests

open System
open System.Collections.Generic
open System.IO
open Expecto
open Functional
open Functional.Core.Models
open Functional.Core.Tensors
open Functional.Nn
open Functional.Tests
open Functional.Tests.Nn.LayersTests
open Functional.Tests.Nn.CheckpointTests

let private errorTests =
    testList "errors" [
        test "a missing parameter: InvalidDataException naming the file and the parameter; the model is unchanged" {
            use dir = new TempDir()
            let path = dir.File "small.safetensors"
            Checkpoint.save path (mlp DType.Float32 1) None 0
            // The same first layers and one more: a partial load would change 0.* and 2.* before failing on 4.weight.
            let bigger = mlp DType.Float32 2 --> Tanh() --> Linear(2, 1, Random 3)
            let e = failedLoad path bigger
            expectMessage e [ path; "\"4.weight\""; "none" ]
        }
        test "a parameter of another shape: InvalidDataException naming both shapes; the model is unchanged" {
            use dir = new TempDir()
            let path = dir.File "shape.safetensors"
            Checkpoint.save path (mlp DType.Float32 1) None 0
            let rng = Random 2
            let wider = Linear(3, 4, rng) --> Tanh() --> Linear(4, 3, rng)
            let e = failedLoad path wider
            expectMessage e [ path; "\"2.weight\""; "float32 4x3"; "float32 4x2" ]
        }
        test "a parameter of another dtype: InvalidDataException naming both dtypes; the model is unchanged" {
            use dir = new TempDir()
            let path = dir.File "dtype.safetensors"
            Checkpoint.save path (mlp DType.Float32 1) None 0
            let e = failedLoad path (mlp DType.Float64 2)
            expectMessage e [ path; "\"0.weight\""; "float64 3x4"; "float32 3x4" ]
        }
        test "an unknown extra tensor: InvalidDataException naming it; the model is unchanged" {
            use dir = new TempDir()
            let path = dir.File "big.safetensors"
            Checkpoint.save path (mlp DType.Float32 1 --> Tanh() --> Linear(2, 1, Random 3)) None 0
            let e = failedLoad path (mlp DType.Float32 2)
            expectMessage e [ path; "unknown tensors"; "4.weight"; "4.bias" ]
        }
        test "a truncated file: InvalidDataException saying so; the model is unchanged" {
            use dir = new TempDir()
            let path = dir.File "truncated.safetensors"
            Checkpoint.save path (mlp DType.Float32 1) None 0
            let bytes = File.ReadAllBytes path
            File.WriteAllBytes(path, bytes[.. bytes.Length - 5])
            let e = failedLoad path (mlp DType.Float32 2)
            expectMessage e [ path; "safetensors: expected"; "the file is truncated" ]
            // Cut inside the 8-byte length.
            File.WriteAllBytes(path, bytes[..4])
            let e = failedLoad path (mlp DType.Float32 2)
            expectMessage e [ path; "at least 8 bytes"; "a file of 5 bytes" ]
        }
        test "a garbage file: InvalidDataException naming the file; the model is unchanged" {
            use dir = new TempDir()
            let path = dir.File "garbage.safetensors"
            File.WriteAllText(path, "this is not a checkpoint, just some text")
            let e = failedLoad path (mlp DType.Float32 2)
            expectMessage e [ path; "safetensors: expected"; "header length" ]
            // A plausible length followed by bytes that are not JSON.
            File.WriteAllBytes(path, Array.append (BitConverter.GetBytes 8L) "{garbage"B)
            let e = failedLoad path (mlp DType.Float32 2)
            expectMessage e [ path; "a UTF-8 JSON header"; "invalid JSON" ]
        }
        test "a missing file: FileNotFoundException naming the path" {
            use dir = new TempDir()
            let path = dir.File "absent.safetensors"

            Expect.throwsWith<FileNotFoundException>
                (fun () -> Checkpoint.load path (mlp DType.Float32 1) None |> ignore)
                [ path ]
                "missing file"
        }
        // Regressions (failed at 7cea2f5): load parsed the metadata's numbers only after assigning the parameters (and
        // resetting the optimizer), so a file whose epoch or update count was not an integer changed both, then threw.
        test "an epoch that is not an integer: InvalidDataException naming it; the model is unchanged" {
            use dir = new TempDir()
            let path = dir.File "epoch.safetensors"
            Checkpoint.save path (mlp DType.Float32 1) None 3
            let tensors, metadata = contents path
            metadata["epoch"] <- "three"
            Safetensors.Write(path, tensors, metadata)
            let e = failedLoad path (mlp DType.Float32 2)
            expectMessage e [ path; "epoch"; "three" ]
        }
        test "an update count that is not an integer: InvalidDataException naming it; model and optimizer unchanged" {
            use dir = new TempDir()
            let path = dir.File "updates.safetensors"
            saveTrained path (Adam 0.01)
            let tensors, metadata = contents path
            metadata["updates/2.weight"] <- "seven"
            Safetensors.Write(path, tensors, metadata)
            failedLoadWithOptimizer path [ path; "updates/2.weight"; "seven" ]
        }
        // Regressions (failed at 7cea2f5): optimizer state was restored unchecked; a buffer of another shape, or
        // another optimizer's buffers, loaded, and the next step failed in applyUpdate naming neither file nor cause.
        test "optimizer state of another shape: InvalidDataException naming it; model and optimizer are unchanged" {
            use dir = new TempDir()
            let path = dir.File "state-shape.safetensors"
            saveTrained path (Adam 0.01)
            let tensors, metadata = contents path

            let i = tensors |> Seq.findIndex (fun kv -> kv.Key = "optimizer/0.weight/0")

            tensors[i] <- KeyValuePair(tensors[i].Key, RawTensor.FromArray(Array.zeroCreate<float> 5, Shape [| 5 |]))
            Safetensors.Write(path, tensors, metadata)
            failedLoadWithOptimizer path [ path; "optimizer"; "0.weight"; "3x4" ]
        }
        test "SGD's state loaded into Adam: InvalidDataException naming Adam; model and optimizer unchanged" {
            use dir = new TempDir()
            let path = dir.File "state-kind.safetensors"
            saveTrained path (Sgd(0.1, momentum = 0.9))
            failedLoadWithOptimizer path [ path; "optimizer"; "0.weight"; "Adam" ]
        }
    ]

// ---------------------------------------------------------------- atomic saves

[<Tests>]
let tests = testList "Checkpoint" [ errorTests ]
