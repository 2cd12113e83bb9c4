/// Train.fit's control of a run (Nn/Train.fs): early stopping with patience and the restore of the best parameters and
/// buffers, callbacks that stop it, schedules, divergence named with its epoch and step, and mismatched inputs.
module Functional.Tests.Nn.TrainStoppingTests

open System
open Expecto
open Functional
open Functional.Core.Models
open Functional.Core.Tensors
open Functional.Nn
open Functional.Tests
open Functional.Tests.Nn.TrainTests

let private stoppingTests =
    testList "stopping and schedules" [
        test "early stopping stops after patience epochs without improvement and restores the best weights" {
            let m, x, y, validation = oneWeight ()

            let settings =
                FitSettings(
                    Epochs = 20,
                    BatchSize = 0,
                    ValidationInputs = x,
                    ValidationTargets = validation,
                    EarlyStopping = EarlyStopping 2,
                    Progress = ProgressMode.Silent
                )

            let h = fitMse m 0.1 settings (x, y)
            // oracle: by hand, validation losses (w − 0.5)²: 0.09, 0.0196, 0.000144, 0.00817, 0.0297.
            Expect.equal h.Epochs.Count 5 "epochs 4 and 5 did not improve on epoch 3"
            Expect.stringContains (string h.StoppedEarly) "early stopping after epoch 5" "reason"
            Expect.tensorValuesWithin Tolerance.tight m.Weight.Value [ 1; 1 ] [ 0.488 ] "epoch 3's weight"
        }
        test "early stopping without RestoreBest keeps the last weights" {
            let m, x, y, validation = oneWeight ()

            let settings =
                FitSettings(
                    Epochs = 20,
                    BatchSize = 0,
                    ValidationInputs = x,
                    ValidationTargets = validation,
                    EarlyStopping = EarlyStopping(2, restoreBest = false),
                    Progress = ProgressMode.Silent
                )

            fitMse m 0.1 settings (x, y) |> ignore
            Expect.tensorValuesWithin Tolerance.tight m.Weight.Value [ 1; 1 ] [ 0.67232 ] "epoch 5's weight"
        }
        test "early stopping restores every parameter of the best epoch, BatchNorm's running statistics included" {
            let x, y = regression 12 7

            let m =
                Linear(2, 1, Random 3, dtype = DType.Float64)
                --> BatchNorm1d(1, dtype = DType.Float64)

            let snapshots = Collections.Generic.List<float[]>()

            let settings =
                FitSettings(
                    Epochs = 30,
                    BatchSize = 4,
                    ValidationInputs = x,
                    ValidationTargets = -y, // training makes validation worse: the best epoch comes early
                    EarlyStopping = EarlyStopping 2,
                    Callbacks = [|
                        stopWhen (fun _ ->
                            snapshots.Add(valuesOf m)
                            false)
                    |],
                    Progress = ProgressMode.Silent
                )

            let h = fitMse m 0.05 settings (x, y)
            let best = Array.IndexOf(h.ValidationLosses, Array.min h.ValidationLosses)
            Expect.isLessThan best (h.Epochs.Count - 1) "the best epoch is not the last"
            Expect.equal (valuesOf m) snapshots[best] "every parameter as after the best epoch"
        }
        test "a callback returning true stops training after that epoch" {
            let settings =
                FitSettings(
                    Epochs = 10,
                    Callbacks = [| stopWhen (fun r -> r.Epoch = 2) |],
                    Progress = ProgressMode.Silent
                )

            let h = fitMse (linear ()) 0.1 settings (regression 10 1)
            Expect.equal h.Epochs.Count 2 "epochs"
            Expect.stringContains (string h.StoppedEarly) "callback" "reason"
        }
        test "a step schedule halves the optimizer's rate every 2 epochs, and each epoch records its rate" {
            let optimizer = Sgd 0.1
            let seen = Collections.Generic.List<float>()

            let settings =
                FitSettings(
                    Epochs = 5,
                    Schedule = Schedule.Step(2, 0.5),
                    Callbacks = [|
                        stopWhen (fun _ ->
                            seen.Add optimizer.LearningRate
                            false)
                    |],
                    Progress = ProgressMode.Silent
                )

            let x, y = regression 10 1
            let h = Train.fit (linear ()) Loss.mse optimizer settings x y
            let expected = [ 0.1; 0.1; 0.05; 0.05; 0.025 ]
            Expect.equal (h.Epochs |> Seq.map (fun e -> e.LearningRate) |> List.ofSeq) expected "recorded"
            Expect.equal (List.ofSeq seen) expected "the optimizer's rate during each epoch"
        }
        test "a NaN in the inputs raises TrainingDivergedException naming the epoch and step" {
            let x, y = regression 10 1
            let values = x.ToFloatArray()
            values[2 * 5] <- nan // sample 5: the second batch of 4 when not shuffled

            let settings =
                FitSettings(Epochs = 2, BatchSize = 4, Shuffle = false, Progress = ProgressMode.Silent)

            let e =
                thrown<TrainingDivergedException>(fun () ->
                    fitMse (linear ()) 0.1 settings (Tensor.ofArrayShaped [ 10; 2 ] values, y)
                    |> ignore)

            Expect.equal (e.Epoch, e.Step) (1, 2) "epoch and step"
            Expect.stringContains e.Message "epoch 1, step 2" "message"
            Expect.isTrue (Double.IsNaN e.Loss) "loss NaN"
        }
        test "a huge learning rate diverges and the exception names the epoch, step and rate" {
            let settings =
                FitSettings(Epochs = 100, BatchSize = 0, Progress = ProgressMode.Silent)

            let e =
                thrown<TrainingDivergedException>(fun () -> fitMse (linear ()) 1e6 settings (regression 10 1) |> ignore)

            Expect.isGreaterThan e.Epoch 1 "a later epoch"
            Expect.stringContains e.Message $"epoch {e.Epoch}, step 1" "message"
            Expect.stringContains e.Message "learning rate 1000000" "rate"
        }
        test "inputs and targets with different sample counts are a ShapeMismatchException naming fit" {
            let x, _ = regression 10 1
            let _, y = regression 9 1

            Expect.throwsWith<ShapeMismatchException>
                (fun () ->
                    fitMse (linear ()) 0.1 (FitSettings(Progress = ProgressMode.Silent)) (x, y)
                    |> ignore)
                [ "fit"; "inputs 10x2"; "targets 9x1" ]
                "fit"

            let settings =
                FitSettings(ValidationInputs = x, ValidationTargets = y, Progress = ProgressMode.Silent)

            Expect.throwsWith<ShapeMismatchException>
                (fun () -> fitMse (linear ()) 0.1 settings (regression 10 1) |> ignore)
                [ "fit (validation data)"; "inputs 10x2"; "targets 9x1" ]
                "validation"
        }
    ]

[<Tests>]
let tests = testList "Train" [ stoppingTests ]
