/// Training (Nn/Train.fs, Metric.fs, Progress.fs): fit converges, is reproducible from its seed, records history by
/// epoch and step, validates, and reports progress (stopping, schedules and divergence: TrainStopping.Tests.fs).
module Functional.Tests.Nn.TrainTests

open System
open System.IO
open Expecto
open Functional
open Functional.Core.Models
open Functional.Core.Tensors
open Functional.Nn
open Functional.Tests

/// n samples of y = 2·x₁ − 3·x₂ + 0.5 + noise, x uniform in [−1, 1]², float64.
let regression (n: int) (seed: int) =
    let rng = Random seed
    let x = Array.init (2 * n) (fun _ -> rng.NextDouble() * 2.0 - 1.0)

    let y =
        Array.init n (fun i -> 2.0 * x[2 * i] - 3.0 * x[2 * i + 1] + 0.5 + 0.2 * (rng.NextDouble() - 0.5))

    Tensor.ofArrayShaped [ n; 2 ] x, Tensor.ofArrayShaped [ n; 1 ] y

let linear () =
    Linear(2, 1, Random 1, dtype = DType.Float64)

/// Fits a model by mean squared error with plain SGD.
let fitMse (model: Model) (learningRate: float) (settings: FitSettings) (x: Tensor, y: Tensor) =
    Train.fit model Loss.mse (Sgd learningRate) settings x y

let stepLosses (h: TrainingHistory) =
    h.Steps |> Seq.map (fun s -> s.Loss) |> Array.ofSeq

let valuesOf (m: Model) =
    m.Parameters |> Array.collect (fun p -> p.Value.ToFloatArray())

/// The one-weight problem min (w − 1)² from w = 0, whose SGD steps (rate 0.1) are w ← 0.8 w + 0.2: 0.2, 0.36,
/// 0.488, 0.5904, 0.67232, … Validation targets 0.5 make epoch 3 the best.
let oneWeight () =
    let m =
        Linear(1, 1, Random 1, bias = false, init = Init.Zeros, dtype = DType.Float64)

    let one = Tensor.ofList2D [ [ 1.0 ] ]
    m, one, one, Tensor.ofList2D [ [ 0.5 ] ]

let stopWhen (f: EpochRecord -> bool) = Func<EpochRecord, bool> f

/// The exception of type 'E that f throws.
let thrown<'E when 'E :> exn> (f: unit -> unit) : 'E =
    try
        f ()
        failtestf "expected %s, nothing was thrown" typeof<'E>.Name
    with :? 'E as e ->
        e

let private fitTests =
    testList "fit" [
        test "fit on a linear regression with SGD converges to the least-squares solution" {
            let x, y = regression 20 1
            let m = linear ()

            fitMse m 0.3 (FitSettings(Epochs = 300, BatchSize = 0, Progress = ProgressMode.Silent)) (x, y)
            |> ignore

            let oracle = LeastSquares.fitTensor LeastSquares.defaults x y // SVD, with an intercept
            let close = { Absolute = 1e-7; Relative = 1e-7 }
            Expect.tensorValuesWithin close m.Weight.Value [ 2; 1 ] (List.ofArray oracle.Coefficients) "weights"
            Expect.tensorValuesWithin close (nonNull m.Bias).Value [ 1 ] [ oracle.Intercept ] "intercept"
        }
        test "the same seed gives the same history and weights; another seed shuffles differently" {
            let run seed =
                let m = linear ()

                let settings =
                    FitSettings(Epochs = 2, BatchSize = 4, Seed = seed, Progress = ProgressMode.Silent)

                let h = fitMse m 0.1 settings (regression 10 2)
                stepLosses h, valuesOf m

            let losses, weights = run 5
            Expect.equal (run 5) (losses, weights) "same seed"
            Expect.notEqual (fst (run 6)) losses "another seed"
        }
        test "10 samples in batches of 4 make 3 steps per epoch, the last of 2, each recorded" {
            let h =
                fitMse
                    (linear ())
                    0.1
                    (FitSettings(Epochs = 2, BatchSize = 4, Progress = ProgressMode.Silent))
                    (regression 10 3)

            Expect.equal h.Epochs.Count 2 "epochs"
            Expect.equal (h.Epochs |> Seq.map (fun e -> e.Epoch) |> List.ofSeq) [ 1; 2 ] "epoch numbers"

            Expect.equal
                (h.Steps |> Seq.map (fun s -> s.Epoch, s.Step) |> List.ofSeq)
                [ 1, 1; 1, 2; 1, 3; 2, 1; 2, 2; 2, 3 ]
                "steps"

            for e in 1..2 do
                let l =
                    h.Steps
                    |> Seq.filter (fun s -> s.Epoch = e)
                    |> Seq.map (fun s -> s.Loss)
                    |> Array.ofSeq
                // The epoch's loss weights each step by its batch size: 4, 4 and 2.
                Expect.floatClose
                    Accuracy.high
                    h.Epochs[e - 1].Loss
                    ((4.0 * l[0] + 4.0 * l[1] + 2.0 * l[2]) / 10.0)
                    "epoch loss"

            Expect.isNull h.StoppedEarly "ran every epoch"
        }
        test "BatchSize 0 is the full batch: one step per epoch, the first at the initial loss" {
            let x, y = regression 10 4
            let m = linear ()
            let initial = Loss.mse (Model.predict m x) y

            let h =
                fitMse m 0.1 (FitSettings(Epochs = 3, BatchSize = 0, Progress = ProgressMode.Silent)) (x, y)

            Expect.equal h.Steps.Count 3 "steps"
            Expect.floatClose Accuracy.high h.Steps[0].Loss (initial.ToScalar()) "first step loss"
        }
        test "a batch size above the sample count is one batch" {
            let h =
                fitMse
                    (linear ())
                    0.1
                    (FitSettings(Epochs = 2, BatchSize = 64, Progress = ProgressMode.Silent))
                    (regression 10 4)

            Expect.equal h.Steps.Count 2 "steps"
        }
        test "InitialEpoch resumes: epochs InitialEpoch + 1 .. Epochs run" {
            let h =
                fitMse
                    (linear ())
                    0.1
                    (FitSettings(Epochs = 5, InitialEpoch = 3, Progress = ProgressMode.Silent))
                    (regression 10 4)

            Expect.equal (h.Epochs |> Seq.map (fun e -> e.Epoch) |> List.ofSeq) [ 4; 5 ] "epochs"
        }
        test "validation loss and metrics are recorded per epoch and match evaluateOn after the last" {
            let vx, vy = regression 8 6
            let mae = Metric("mae", fun p t -> ((p - t).Abs()).Mean().ToScalar())
            let m = linear ()

            let settings =
                FitSettings(
                    Epochs = 3,
                    BatchSize = 4,
                    ValidationInputs = vx,
                    ValidationTargets = vy,
                    Metrics = [| mae |],
                    Progress = ProgressMode.Silent
                )

            let h = fitMse m 0.1 settings (regression 10 5)
            let loss, metrics = Train.evaluateOn m Loss.mse [| mae |] vx vy
            Expect.equal h.ValidationLosses.Length 3 "one per epoch"
            Expect.floatClose Accuracy.high h.ValidationLosses[2] loss "last validation loss"
            Expect.floatClose Accuracy.high (h.ValidationMetric "mae").[2] metrics["mae"] "last validation mae"
            Expect.equal (h.Metric "mae").Length 3 "training mae per epoch"
            Expect.isTrue (h.Metric "mae" |> Array.forall Double.IsFinite) "training mae finite"
        }
        test "without validation data the validation loss is NaN and there are no validation metrics" {
            let h =
                fitMse (linear ()) 0.1 (FitSettings(Epochs = 2, Progress = ProgressMode.Silent)) (regression 10 5)

            Expect.isTrue (h.ValidationLosses |> Array.forall Double.IsNaN) "NaN"
            Expect.equal h.Epochs[0].ValidationMetrics.Count 0 "no metrics"
        }
        test "a logistic regression on separable 2-D points reaches accuracy 1" {
            let rng = Random 8

            let points =
                Array.init 20 (fun i ->
                    let label = float (i % 2)
                    let side = 2.0 * label - 1.0
                    [| side * (0.5 + rng.NextDouble()); side * (0.5 + rng.NextDouble()) - 0.3 |], label)

            let x = Tensor.ofArrayShaped [ 20; 2 ] (points |> Array.collect fst)
            let y = Tensor.ofArrayShaped [ 20; 1 ] (points |> Array.map snd)

            let m =
                Linear(2, 1, Random 1, init = Init.Zeros, dtype = DType.Float64) --> Sigmoid()

            let settings =
                FitSettings(Epochs = 30, BatchSize = 0, Metrics = [| Metric.Accuracy |], Progress = ProgressMode.Silent)

            let h = Train.fit m Loss.bce (Adam 0.1) settings x y
            let _, metrics = Train.evaluateOn m Loss.bce [| Metric.Accuracy |] x y
            Expect.equal metrics["accuracy"] 1.0 "accuracy after training"
            Expect.equal (Array.last (h.Metric "accuracy")) 1.0 "accuracy of the last epoch"
            Expect.isLessThan (Array.last h.Losses) h.Losses[0] "the loss fell"
        }
    ]

let private metricTests =
    testList "metrics" [
        test "Accuracy compares argmaxes of [N, C] predictions with labels or one-hot targets" {
            let p = Tensor.ofList2D [ [ 0.1; 0.9 ]; [ 0.8; 0.2 ]; [ 0.3; 0.7 ] ]

            Expect.floatClose
                Accuracy.high
                (Metric.Accuracy.Compute(p, Tensor.ofList [ 1L; 0L; 0L ]))
                (2.0 / 3.0)
                "labels"

            let oneHot = Tensor.ofList2D [ [ 0.0; 1.0 ]; [ 1.0; 0.0 ]; [ 1.0; 0.0 ] ]
            Expect.floatClose Accuracy.high (Metric.Accuracy.Compute(p, oneHot)) (2.0 / 3.0) "one-hot"
        }
        test "Accuracy of [N, C] scores against [N, 1] labels compares the labels, or refuses them" {
            let p = Tensor.ofList2D [ [ 0.1; 0.9 ]; [ 0.8; 0.2 ] ]
            let labels = Tensor.ofList2D [ [ 1.0 ]; [ 0.0 ] ]

            let result =
                try
                    Ok(Metric.Accuracy.Compute(p, labels))
                with :? ArgumentException as e ->
                    Error e.Message

            match result with
            | Ok accuracy -> Expect.equal accuracy 1.0 "both right"
            | Error message -> Expect.stringContains message "accuracy" "the error names the metric"
        }
        test "Accuracy thresholds [N] or [N, 1] probabilities at 0.5 against 0/1 targets" {
            let t = Tensor.ofList [ 0.0; 1.0; 0.0; 1.0 ]
            // 0.5 counts as class 1.
            Expect.equal (Metric.Accuracy.Compute(Tensor.ofList [ 0.2; 0.7; 0.5; 0.4 ], t)) 0.5 "[N]"

            Expect.equal
                (Metric.Accuracy.Compute(Tensor.ofList2D [ [ 0.2 ]; [ 0.7 ]; [ 0.1 ]; [ 0.9 ] ], t.Reshape [ 4; 1 ]))
                1.0
                "[N, 1]"
        }
        test "BinaryAccuracy 0 thresholds logits at 0" {
            let acc = Metric.BinaryAccuracy 0.0
            Expect.equal acc.Name "accuracy" "name"

            Expect.equal
                (acc.Compute(Tensor.ofList [ -2.0; 3.0; 0.1 ], Tensor.ofList [ 0.0; 1.0; 0.0 ]))
                (2.0 / 3.0)
                "logits"
        }
    ]

let private stepTests =
    testList "steps" [
        test "valueAndGradients returns the loss and gradients and leaves the parameters untraced" {
            let m = Linear(1, 1, Random 1, init = Init.Zeros, dtype = DType.Float64)
            let x = Tensor.ofList2D [ [ 2.0 ] ]

            let loss () =
                Loss.mse (m.Forward x) (Tensor.ofList2D [ [ 3.0 ] ])

            let value, gradients = Train.valueAndGradients m.Parameters loss
            // oracle: by hand, (w·2 + b − 3)² at 0 is 9; d/dw = 2·(−3)·2 = −12, d/db = −6.
            Expect.equal (value.ToScalar()) 9.0 "loss"
            Expect.equal (gradients |> Array.map (fun g -> g.ToScalar())) [| -12.0; -6.0 |] "gradients"
            Expect.isFalse (m.Parameters |> Array.exists (fun p -> p.Value.IsTracked)) "untraced"
        }
        test "Train.step returns the loss before the update and moves the parameters downhill" {
            let m = Linear(1, 1, Random 1, init = Init.Zeros, dtype = DType.Float64)
            let x = Tensor.ofList2D [ [ 2.0 ] ]

            let loss () =
                Loss.mse (m.Forward x) (Tensor.ofList2D [ [ 3.0 ] ])

            Expect.equal (Train.step m (Sgd 0.1) loss) 9.0 "loss before"
            Expect.tensorValuesWithin Tolerance.tight m.Weight.Value [ 1; 1 ] [ 1.2 ] "w = 0 + 0.1 · 12"
            Expect.tensorValuesWithin Tolerance.tight (nonNull m.Bias).Value [ 1 ] [ 0.6 ] "b = 0 + 0.1 · 6"
        }
    ]

/// Runs f with Console.Out captured; the text it wrote.
let private captured (f: unit -> unit) =
    let original = Console.Out
    use writer = new StringWriter()
    Console.SetOut writer

    try
        f ()
    finally
        Console.SetOut original

    writer.ToString()

/// Console.Out is process-wide, so these run alone (Expecto runs sequenced tests after the parallel ones).
let private progressTests =
    testSequenced
    <| testList "progress" [
        test "ProgressMode.Lines prints exactly one line per epoch" {
            let text =
                captured (fun () ->
                    fitMse (linear ()) 0.1 (FitSettings(Epochs = 3, Progress = ProgressMode.Lines)) (regression 10 1)
                    |> ignore)

            let lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            Expect.equal lines.Length 3 $"lines of {text}"

            lines
            |> Array.iteri (fun i line -> Expect.stringStarts line $"epoch {i + 1}/3  loss " "epoch line")
        }
        test "ProgressMode.Silent prints nothing" {
            let text =
                captured (fun () ->
                    fitMse (linear ()) 0.1 (FitSettings(Epochs = 3, Progress = ProgressMode.Silent)) (regression 10 1)
                    |> ignore)

            Expect.equal text "" "output"
        }
    ]

/// A dataset that makes its examples on request: x = i / 10, y = 3x − 1 for example i.
type private Generated(count: int, asked: Collections.Generic.List<int>) =
    interface Functional.Core.Data.IDataset<struct (RawTensor * RawTensor)> with
        member _.Count = count

        member _.Batch rows =
            asked.AddRange rows
            let xs = rows |> Array.map (fun i -> float i / 10.0)
            let x = Tensor.FromArray(xs, [ rows.Length; 1 ])

            let y =
                Tensor.FromArray(xs |> Array.map (fun v -> 3.0 * v - 1.0), [ rows.Length; 1 ])

            struct (x.Raw, y.Raw)

let private datasetTests =
    testList "datasets" [
        test "fitDataset trains on a dataset that generates its batches, asking each epoch for every example once" {
            let asked = Collections.Generic.List<int>()
            let m = Linear(1, 1, Random 1, dtype = DType.Float64)

            let settings =
                FitSettings(Epochs = 300, BatchSize = 5, Seed = 2, Progress = ProgressMode.Silent)

            Train.fitDataset m Loss.mse (Adam 0.05) settings (Generated(20, asked))
            |> ignore

            Expect.equal (asked |> Seq.take 20 |> Seq.sort |> Seq.toList) [ 0..19 ] "epoch 1 covers 0..19 once"
            Expect.equal asked.Count (300 * 20) "every epoch asks for every example"
            Expect.tensorValuesWithin { Absolute = 1e-3; Relative = 0.0 } m.Weight.Value [ 1; 1 ] [ 3.0 ] "slope 3"

            Expect.tensorValuesWithin
                { Absolute = 1e-3; Relative = 0.0 }
                (nonNull m.Bias).Value
                [ 1 ]
                [ -1.0 ]
                "intercept −1"
        }
        test "fitDataset of an empty dataset is a ShapeMismatchException naming fit" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () ->
                    Train.fitDataset
                        (linear ())
                        Loss.mse
                        (Sgd 0.1)
                        (FitSettings())
                        (Generated(0, Collections.Generic.List()))
                    |> ignore)
                [ "fit"; "at least one example" ]
                "empty"
        }
        test "TensorDataset rejects inputs and targets of different lengths, naming tensorDataset" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () ->
                    Functional.Core.Data.TensorDataset((Tensor.zeros [ 3; 2 ]).Raw, (Tensor.zeros [ 4 ]).Raw)
                    |> ignore)
                [ "tensorDataset"; "3x2"; "4" ]
                "lengths"
        }
    ]

[<Tests>]
let tests =
    testList "Train" [ fitTests; datasetTests; metricTests; stepTests; progressTests ]
