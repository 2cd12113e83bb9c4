/// Checkpoints (Nn/Checkpoint.fs on Core's Safetensors): bit-exact round trips of parameters, buffers and optimizer
/// state, metadata, resuming Train.fit, atomic saves (errors and partial loads: CheckpointErrors.Tests.fs).
module Functional.Tests.Nn.CheckpointTests

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

// ---------------------------------------------------------------- helpers

/// A fresh empty directory under the system's temporary folder, deleted with everything in it on Dispose.
type TempDir() =
    let path =
        Directory
            .CreateDirectory(Path.Combine(Path.GetTempPath(), $"functional-checkpoint-{Guid.NewGuid():N}"))
            .FullName

    member _.File(name: string) = Path.Combine(path, name)

    /// Every file in the directory, by name, sorted.
    member _.Files = Directory.GetFiles path |> Array.map Path.GetFileName |> Array.sort

    interface IDisposable with
        member _.Dispose() =
            try
                Directory.Delete(path, true)
            with :? IOException ->
                ()

/// Linear(3 → 4) → Tanh → Linear(4 → 2), drawn from seed.
let mlp (dtype: DType) (seed: int) : Model =
    let rng = Random seed
    Linear(3, 4, rng, dtype = dtype) --> Tanh() --> Linear(4, 2, rng, dtype = dtype)

/// Every parameter and buffer as (path, dtype, shape, the bits of each element): equal means bit-identical. Float32
/// values widen to float64 exactly, so their bits are compared too (NaN payloads included).
let private bitsOf (m: Model) =
    m.NamedParameters
    |> Array.map (fun (name, p) ->
        let bits =
            match p.Value.DType with
            | DType.Float32 ->
                p.Value.ToArray() :?> float32[]
                |> Array.map (BitConverter.SingleToInt32Bits >> int64)
            | _ -> p.Value.ToFloatArray() |> Array.map BitConverter.DoubleToInt64Bits

        name, p.Value.DType, p.Value.Shape, bits)

let private tensorBits (t: Tensor) =
    t.ToFloatArray() |> Array.map BitConverter.DoubleToInt64Bits

/// Makes m train a few batches, so the running statistics of its BatchNorm layers move away from 0 and 1.
let private warmUp (m: Model) (x: Tensor) =
    m.Train()

    for _ in 1..3 do
        Diff.noGrad (fun () -> m.Forward x) |> ignore

/// Reads the tensors and metadata of a checkpoint, so a test can write a modified copy.
let contents (path: string) =
    let file = Safetensors.Read path
    List<KeyValuePair<string, RawTensor>>(file.Tensors), Dictionary<string, string>(file.Metadata)

/// n samples of a smooth function of 3 inputs into 2 outputs, float64.
let private regression (n: int) =
    let x = input 7 [ n; 3 ]
    let v = x.ToFloatArray()

    let y =
        Array.init (2 * n) (fun k ->
            let i = k / 2

            if k % 2 = 0 then
                sin v[3 * i] + v[3 * i + 1]
            else
                v[3 * i + 1] * v[3 * i + 2])

    x, Tensor.ofArrayShaped [ n; 2 ] y

let private silent (epochs: int) (initialEpoch: int) (shuffle: bool) =
    FitSettings(
        Epochs = epochs,
        InitialEpoch = initialEpoch,
        BatchSize = 4,
        Shuffle = shuffle,
        Seed = 11,
        Progress = ProgressMode.Silent
    )

/// Trains a float64 MLP with Adam for three epochs (10 samples in batches of 4) without interruption, and again for
/// two epochs, saved with its optimizer, loaded into a fresh model and a fresh Adam, and resumed for epoch 3.
let private uninterruptedAndResumed (shuffle: bool) =
    use dir = new TempDir()
    let x, y = regression 10
    let path = dir.File "run.safetensors"

    let whole = mlp DType.Float64 1
    Train.fit whole Loss.mse (Adam 0.01) (silent 3 0 shuffle) x y |> ignore

    let first = mlp DType.Float64 1
    let firstAdam = Adam 0.01
    Train.fit first Loss.mse firstAdam (silent 2 0 shuffle) x y |> ignore
    Checkpoint.save path first (Some firstAdam) 2

    // Another seed: only the checkpoint can make it equal.
    let resumed = mlp DType.Float64 99
    let resumedAdam = Adam 0.01
    let info = Checkpoint.load path resumed (Some resumedAdam)

    Train.fit resumed Loss.mse resumedAdam (silent 3 info.Epoch shuffle) x y
    |> ignore

    whole, resumed, resumedAdam

/// The InvalidDataException that loading path into m throws; checks that m is unchanged by the failed load.
let failedLoad (path: string) (m: Model) =
    let before = bitsOf m

    let e =
        try
            Checkpoint.load path m None |> ignore
            failtestf "loading %s: expected an InvalidDataException, nothing was thrown" path
        with :? InvalidDataException as e ->
            e

    Expect.equal (bitsOf m) before "the model is unchanged after a failed load"
    e

let expectMessage (e: exn) (fragments: string list) =
    for fragment in fragments do
        Expect.stringContains e.Message fragment $"the message names {fragment}"

/// The loss the optimizer tests step on: the sum of a float64 MLP's outputs on fixed inputs.
let sumLoss (m: Model) () = (m.Forward(input 3 [ 5; 3 ])).Sum()

/// Saves a float64 MLP after one step of the optimizer, with the optimizer's state.
let saveTrained (path: string) (optimizer: Optimizer) =
    let m = mlp DType.Float64 1
    Train.step m optimizer (sumLoss m) |> ignore
    Checkpoint.save path m (Some optimizer) 1

/// Loading path into a model and Adam that have taken one step throws an InvalidDataException with these fragments,
/// and changes neither: the model equals a twin's, and the next step of each lands on the same values.
let failedLoadWithOptimizer (path: string) (fragments: string list) =
    let target, adam = mlp DType.Float64 2, Adam 0.01
    let twin, twinAdam = mlp DType.Float64 2, Adam 0.01
    Train.step target adam (sumLoss target) |> ignore
    Train.step twin twinAdam (sumLoss twin) |> ignore

    Expect.throwsWith<InvalidDataException>
        (fun () -> Checkpoint.load path target (Some adam) |> ignore)
        fragments
        "load"

    Expect.equal (bitsOf target) (bitsOf twin) "the model is unchanged"
    Expect.equal adam.Steps 1 "the optimizer keeps its step count"
    Train.step target adam (sumLoss target) |> ignore
    Train.step twin twinAdam (sumLoss twin) |> ignore
    Expect.equal (bitsOf target) (bitsOf twin) "the optimizer keeps its state: the next step is the twin's"

/// A model whose two parameters have the same path: Safetensors.Write refuses it, so saving it fails after the
/// temporary file has been opened.
type private Twins() =
    inherit Model()
    let a = Parameter("w", Tensor.ofArray [| 1.0 |], true)
    let b = Parameter("w", Tensor.ofArray [| 2.0 |], true)
    override _.OwnParameters = [| a; b |]
    override _.Forward x = x

// ---------------------------------------------------------------- round trips

let private roundTripTests =
    testList "round trip" [
        for dtype in [ DType.Float32; DType.Float64 ] do
            test $"a {dtype.Name()} MLP loaded into a fresh one has bit-identical parameters and predictions" {
                use dir = new TempDir()
                let path = dir.File "mlp.safetensors"
                let saved, fresh = mlp dtype 1, mlp dtype 2
                Checkpoint.save path saved None 0
                Expect.notEqual (bitsOf fresh) (bitsOf saved) "the fresh model starts elsewhere"
                Checkpoint.load path fresh None |> ignore
                Expect.equal (bitsOf fresh) (bitsOf saved) "parameters"
                let x = (input 3 [ 5; 3 ]).Cast dtype

                Expect.equal (tensorBits (Model.predict fresh x)) (tensorBits (Model.predict saved x)) "predictions"
            }

            test $"{dtype.Name()} values −0, ±∞, NaN, subnormals and extremes come back bit for bit" {
                use dir = new TempDir()
                let path = dir.File "special.safetensors"
                let saved, fresh = mlp dtype 1, mlp dtype 2

                let special: Array =
                    if dtype = DType.Float32 then
                        [|
                            -0.0f
                            Single.PositiveInfinity
                            Single.NegativeInfinity
                            Single.NaN
                            BitConverter.Int32BitsToSingle 0x7fc12345 // NaN with a payload
                            Single.Epsilon
                            Single.MaxValue
                            -Single.MinValue
                            1e-40f
                            0.1f
                            -3.0f
                            1.0f
                        |]
                    else
                        [|
                            -0.0
                            Double.PositiveInfinity
                            Double.NegativeInfinity
                            Double.NaN
                            BitConverter.Int64BitsToDouble 0x7ff8000000012345L
                            Double.Epsilon
                            Double.MaxValue
                            Double.MinValue
                            1e-310
                            0.1
                            -3.0
                            1.0
                        |]

                let weight = (saved.NamedParameters |> dict)["0.weight"]
                weight.Value <- Tensor.FromArray(special, [ 3; 4 ])
                Checkpoint.save path saved None 0
                Checkpoint.load path fresh None |> ignore
                Expect.equal (bitsOf fresh) (bitsOf saved) "parameters"
            }

        test "a model with BatchNorm buffers loads its running statistics: same buffers, same predictions" {
            use dir = new TempDir()
            let path = dir.File "bn.safetensors"

            let make seed =
                let rng = Random seed

                Linear(3, 4, rng)
                --> BatchNorm1d 4
                --> Relu()
                --> Reshape [| 1; 2; 2 |]
                --> BatchNorm2d 1
                --> Flatten()
                --> Linear(4, 1, rng)

            let saved, fresh = make 1, make 2
            let x = (input 5 [ 6; 3 ]).Cast DType.Float32
            warmUp saved x

            let names = saved.NamedParameters |> Array.map fst

            for buffer in [ "1.runningMean"; "1.runningVar"; "4.runningMean"; "4.runningVar" ] do
                Expect.contains names buffer "buffers are named parameters"

            Expect.notEqual (bitsOf fresh) (bitsOf saved) "the running statistics moved"
            Checkpoint.save path saved None 0
            Checkpoint.load path fresh None |> ignore
            Expect.equal (bitsOf fresh) (bitsOf saved) "parameters and buffers"
            // Evaluation mode normalises with the running statistics.
            Expect.equal (tensorBits (Model.predict fresh x)) (tensorBits (Model.predict saved x)) "predictions"
            Expect.isTrue fresh.IsTraining "loading leaves the mode as it was"
        }
        test "a checkpoint is a safetensors file: tensors under their paths, the epoch and model kind in the metadata" {
            use dir = new TempDir()
            let path = dir.File "layout.safetensors"
            let m = mlp DType.Float32 1
            Checkpoint.save path m None 4
            let file = Safetensors.Read path

            Expect.equal
                (file.Tensors |> Seq.map (fun kv -> kv.Key) |> List.ofSeq)
                [ "0.weight"; "0.bias"; "2.weight"; "2.bias" ]
                "tensor names"

            Expect.equal file.Metadata["epoch"] "4" "epoch"
            Expect.equal file.Metadata["optimizerSteps"] "0" "optimizer steps"
            Expect.equal file.Metadata["model"] "Sequential" "model kind"
        }
    ]

// ---------------------------------------------------------------- metadata and optimizer state

let private metadataTests =
    testList "metadata" [
        test "the epoch and the optimizer's step count come back in CheckpointInfo" {
            use dir = new TempDir()
            let path = dir.File "info.safetensors"
            let m = mlp DType.Float64 1
            let adam = Adam 0.01
            let x = input 3 [ 5; 3 ]

            for _ in 1..3 do
                Train.step m adam (fun () -> (m.Forward x).Sum()) |> ignore

            Checkpoint.save path m (Some adam) 7
            let restored = Adam 0.01
            let info = Checkpoint.load path (mlp DType.Float64 2) (Some restored)

            Expect.equal info { Epoch = 7; OptimizerSteps = 3 } "info"

            Expect.equal restored.Steps 3 "the optimizer's step count"
        }
        test "a checkpoint saved without an optimizer reports 0 steps and resets an optimizer loaded with it" {
            use dir = new TempDir()
            let path = dir.File "no-optimizer.safetensors"
            let m = mlp DType.Float64 1
            Checkpoint.save path m None 2
            let used = Sgd(0.1, momentum = 0.9)
            let x = input 3 [ 5; 3 ]
            Train.step m used (fun () -> (m.Forward x).Sum()) |> ignore
            let info = Checkpoint.load path m (Some used)

            Expect.equal info { Epoch = 2; OptimizerSteps = 0 } "info"

            Expect.equal used.Steps 0 "steps"
            // A reset SGD with momentum starts its velocity from this step's gradient, as a fresh one does.
            let fresh = mlp DType.Float64 1
            let loss (m: Model) () = (m.Forward x).Sum()
            Train.step m used (loss m) |> ignore
            Train.step fresh (Sgd(0.1, momentum = 0.9)) (loss fresh) |> ignore
            Expect.equal (bitsOf m) (bitsOf fresh) "as a fresh optimizer"
        }
        for name, make in
            [
                "Adam", (fun () -> Adam 0.01 :> Optimizer)
                "SGD with momentum", (fun () -> Sgd(0.05, momentum = 0.9, nesterov = true))
                "RMSProp centred", (fun () -> RmsProp(0.01, momentum = 0.5, centered = true))
                "AdaGrad (Keras)", (fun () -> AdaGrad.Keras 0.1)
            ] do
            test $"{name}'s state round-trips: the next step after loading equals the next step without saving" {
                use dir = new TempDir()
                let path = dir.File "state.safetensors"
                let x = input 3 [ 5; 3 ]
                let loss (m: Model) () = ((m.Forward x) ** 2.0).Mean()
                let original, optimizer = mlp DType.Float64 1, make ()

                for _ in 1..3 do
                    Train.step original optimizer (loss original) |> ignore

                Checkpoint.save path original (Some optimizer) 1
                let resumed, resumedOptimizer = mlp DType.Float64 2, make ()
                Checkpoint.load path resumed (Some resumedOptimizer) |> ignore

                for _ in 1..2 do
                    Train.step original optimizer (loss original) |> ignore
                    Train.step resumed resumedOptimizer (loss resumed) |> ignore

                Expect.equal (bitsOf resumed) (bitsOf original) "parameters after two more steps"

                // Without the optimizer's state the same two steps land elsewhere: the state matters.
                let stateless = mlp DType.Float64 2
                Checkpoint.load path stateless None |> ignore
                let freshOptimizer = make ()

                for _ in 1..2 do
                    Train.step stateless freshOptimizer (loss stateless) |> ignore

                Expect.notEqual (bitsOf stateless) (bitsOf original) "a fresh optimizer differs"
            }
        test "per-parameter update counts round-trip: a parameter that joined late keeps its own bias correction" {
            use dir = new TempDir()
            let path = dir.File "late.safetensors"
            let x = input 3 [ 5; 3 ]
            let loss (m: Model) () = ((m.Forward x) ** 2.0).Mean()

            /// Three Adam steps on the first layer only, then one on everything: the second layer has had 1 update.
            let train (m: Model) (adam: Adam) =
                let all = m.TrainableParameters

                for _ in 1..3 do
                    let _, g = Train.valueAndGradients all[0..1] (loss m)
                    adam.Step(all[0..1], g)

                let _, g = Train.valueAndGradients all (loss m)
                adam.Step(all, g)

            let original, adam = mlp DType.Float64 1, Adam 0.1
            train original adam
            Checkpoint.save path original (Some adam) 1
            let resumed, resumedAdam = mlp DType.Float64 2, Adam 0.1
            let info = Checkpoint.load path resumed (Some resumedAdam)
            Expect.equal info.OptimizerSteps 4 "Step was called four times"
            Train.step original adam (loss original) |> ignore
            Train.step resumed resumedAdam (loss resumed) |> ignore
            Expect.equal (bitsOf resumed) (bitsOf original) "parameters after the next step"
        }
    ]

// ---------------------------------------------------------------- resuming Train.fit

let private resumeTests =
    testList "resume" [
        // Regression for Shuffle = true: fit once drew a resumed run's shuffles from a fresh Random(Seed), so epoch 3
        // replayed epoch 1's order.
        for shuffle in [ false; true ] do
            test $"resumed after epoch 2 in a fresh model and Adam, epoch 3 ends as in one run (Shuffle = {shuffle})" {
                let whole, resumed, adam = uninterruptedAndResumed shuffle
                Expect.equal (bitsOf resumed) (bitsOf whole) "weights after epoch 3, bit for bit"
                // 10 samples in batches of 4: 3 steps per epoch.
                Expect.equal adam.Steps 9 "the resumed Adam counts every step"
            }
        test "the shuffled and the unshuffled runs differ, so the resume tests cover the shuffles" {
            let shuffled, _, _ = uninterruptedAndResumed true
            let ordered, _, _ = uninterruptedAndResumed false
            Expect.notEqual (bitsOf shuffled) (bitsOf ordered) "weights after epoch 3"
        }
    ]

// ---------------------------------------------------------------- errors

let private atomicTests =
    testList "atomic saves" [
        test "saving leaves no temporary files beside the target, also when it replaces a checkpoint" {
            use dir = new TempDir()
            let path = dir.File "model.safetensors"
            let m = mlp DType.Float32 1
            Checkpoint.save path m None 1
            Checkpoint.save path m (Some(Adam 0.01)) 2
            Expect.equal dir.Files [| "model.safetensors" |] "files in the directory"
            Expect.equal (Checkpoint.load path m None).Epoch 2 "the second save replaced the first"
        }
        test "a save that throws leaves the existing checkpoint whole and no temporary file" {
            use dir = new TempDir()
            let path = dir.File "model.safetensors"
            let m = mlp DType.Float32 1
            Checkpoint.save path m None 5
            let before = File.ReadAllBytes path

            Expect.throwsWith<ArgumentException>
                (fun () -> Checkpoint.save path (Twins()) None 6)
                [ "'w' twice" ]
                "parameter paths that collide"

            Expect.equal dir.Files [| "model.safetensors" |] "files in the directory"
            Expect.equal (File.ReadAllBytes path) before "the old checkpoint, byte for byte"
            Expect.equal (Checkpoint.load path (mlp DType.Float32 2) None).Epoch 5 "it still loads"
        }
    ]

[<Tests>]
let tests =
    testList "Checkpoint" [ roundTripTests; metadataTests; resumeTests; atomicTests ]
