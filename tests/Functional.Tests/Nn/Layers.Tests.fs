/// Layers (Nn/Layers.*.fs): float64 gradients of input and parameters against central differences, forward values
/// by hand, output shapes and initialisers (errors: LayerErrors.Tests.fs).
module Functional.Tests.Nn.LayersTests

open System
open Expecto
open Functional
open Functional.Core.Tensors
open Functional.Nn
open Functional.Tests
open Functional.Tests.GradCheck

let private f64 = DType.Float64

/// Deterministic float64 inputs in ±[0.2, 1.2]: away from ReLU's kink, and without ties.
let input (seed: int) (dims: int list) =
    let rng = Random seed

    Array.init (List.fold (*) 1 dims) (fun _ -> float (2 * rng.Next 2 - 1) * (0.2 + rng.NextDouble()))
    |> Tensor.ofArrayShaped dims

/// Reduces an output to a scalar with fixed weights, so a check covers the whole vector-Jacobian product.
let weighted (y: Tensor) =
    let w =
        Tensor.ofArrayShaped y.Dims (Array.init y.NumElements (fun i -> cos (0.7 * float i + 0.3)))

    (y * w.Cast y.DType).Sum()

/// The gradients of weighted(model x) with respect to the parameters, all taken at once by Train.valueAndGradients,
/// equal central differences obtained by perturbing each parameter's value in turn.
let parameterGradientsAgree (model: Model) (parameters: Parameter[]) (x: Tensor) =
    let loss () = weighted (model.Forward x)
    let _, gradients = Train.valueAndGradients parameters loss

    for p, g in Array.zip parameters gradients do
        let saved = p.Value

        let numeric =
            try
                Numerical.grad
                    h
                    (fun v ->
                        p.Value <- v
                        loss ())
                    saved
            finally
                p.Value <- saved

        Expect.tensorClose Tolerance.gradient g numeric $"gradient of {p.Name}"

/// A layer to check: its name, a constructor (float64) and the input shape.
let private case name (make: unit -> #Model) (dims: int list) =
    name, (fun () -> make () :> Model), dims

let private inEval (m: #Model) =
    m.Eval()
    m

let private gradientCases = [
    case "Linear(3, 2)" (fun () -> Linear(3, 2, Random 1, dtype = f64)) [ 4; 3 ]
    case "Linear(3, 2) without bias" (fun () -> Linear(3, 2, Random 1, bias = false, dtype = f64)) [ 4; 3 ]
    case "Linear(3, 2) on [2, 2, 3]" (fun () -> Linear(3, 2, Random 1, dtype = f64)) [ 2; 2; 3 ]
    case "Conv2d(2, 3, 3)" (fun () -> Conv2d(2, 3, 3, Random 1, dtype = f64)) [ 2; 2; 4; 4 ]
    case
        "Conv2d(2, 3, 3, stride 2, padding 1)"
        (fun () -> Conv2d(2, 3, 3, Random 1, stride = 2, padding = 1, init = Init.KaimingUniform, dtype = f64))
        [ 2; 2; 5; 5 ]
    case
        "Conv2d.Same(1, 2, 3, stride 2) without bias"
        (fun () -> Conv2d.Same(1, 2, 3, Random 1, stride = 2, bias = false, dtype = f64))
        [ 1; 1; 4; 4 ]
    case
        "ConvTranspose2d(2, 3, 3, stride 2, padding 1, output padding 1)"
        (fun () ->
            ConvTranspose2d(
                2,
                3,
                3,
                Random 1,
                stride = 2,
                padding = 1,
                outputPadding = 1,
                init = Init.KaimingUniform,
                dtype = f64
            ))
        [ 2; 2; 3; 3 ]
    case
        "ConvTranspose2d.Same(2, 1, 3, stride 2)"
        (fun () -> ConvTranspose2d.Same(2, 1, 3, Random 1, stride = 2, dtype = f64))
        [ 1; 2; 2; 3 ]
    case "BatchNorm1d(3) in training mode" (fun () -> BatchNorm1d(3, dtype = f64)) [ 5; 3 ]
    case "BatchNorm2d(2) in training mode" (fun () -> BatchNorm2d(2, dtype = f64)) [ 3; 2; 2; 2 ]
    case "BatchNorm1d(3) in evaluation mode" (fun () -> inEval (BatchNorm1d(3, dtype = f64))) [ 5; 3 ]
    case "Flatten" Flatten [ 2; 3; 2 ]
    case "Reshape [3; 2]" (fun () -> Reshape [| 3; 2 |]) [ 2; 6 ]
    case "Relu" Relu [ 3; 4 ]
    case "LeakyRelu(0.3)" (fun () -> LeakyRelu 0.3) [ 3; 4 ]
    case "Sigmoid" Sigmoid [ 3; 4 ]
    case "Tanh" Tanh [ 3; 4 ]
    case "Softmax" Softmax [ 3; 4 ]
    case "LogSoftmax" LogSoftmax [ 3; 4 ]
    case "Lambda x²" (fun () -> Lambda("square", fun x -> x * x)) [ 3; 4 ]
    case "Dropout(0.5) in evaluation mode" (fun () -> inEval (Dropout(0.5, Random 1))) [ 3; 4 ]
]

/// For BatchNorm the running statistics are checked too: training mode does not differentiate through them (0 both
/// ways), evaluation mode does.
let private gradientTests =
    testList "gradients" [
        for name, make, dims in gradientCases ->
            test $"{name}: gradients of the input and of every parameter equal central differences" {
                let layer = make ()
                let x = input 1 dims
                agreesAt layer.Forward x
                parameterGradientsAgree layer layer.Parameters x
            }
    ]

/// Per-column mean and biased variance of an [N, C] matrix's values.
let private columnStats (columns: int) (values: float[]) =
    Array.init columns (fun c ->
        let col =
            values
            |> Array.indexed
            |> Array.filter (fun (i, _) -> i % columns = c)
            |> Array.map snd

        let mean = Array.average col
        mean, col |> Array.averageBy (fun v -> (v - mean) ** 2.0))

let private batchNormTests =
    testList "BatchNorm" [
        test "BatchNorm1d in training mode normalises each feature to mean 0 and variance 1" {
            let bn = BatchNorm1d(2, dtype = f64)

            let y =
                bn.Forward(Tensor.ofList2D [ [ 1.0; 2.0 ]; [ 2.0; 4.0 ]; [ 3.0; 6.0 ]; [ 4.0; 8.0 ] ])

            for mean, var in columnStats 2 (y.ToFloatArray()) do
                Expect.floatClose Accuracy.high mean 0.0 "mean"
                // ε = 1e-5 in the denominator: the variance is σ² / (σ² + ε), σ² = 1.25 and 5.
                Expect.floatClose { absolute = 1e-5; relative = 1e-5 } var 1.0 "variance"
        }
        test "BatchNorm1d in training mode moves the running statistics by momentum 0.1, the variance unbiased" {
            let bn = BatchNorm1d(2, dtype = f64)

            bn.Forward(Tensor.ofList2D [ [ 1.0; 2.0 ]; [ 2.0; 4.0 ]; [ 3.0; 6.0 ]; [ 4.0; 8.0 ] ])
            |> ignore
            // oracle: by hand, means 2.5 and 5, unbiased variances 5/3 and 20/3: r = 0.9 r + 0.1 batch.
            Expect.tensorValuesWithin Tolerance.tight bn.RunningMean.Value [ 2 ] [ 0.25; 0.5 ] "running mean"

            Expect.tensorValuesWithin
                Tolerance.tight
                bn.RunningVar.Value
                [ 2 ]
                [ 0.9 + 0.1 * 5.0 / 3.0; 0.9 + 0.1 * 20.0 / 3.0 ]
                "running variance"
        }
        test "BatchNorm1d with γ and β scales and shifts the normalised values" {
            let bn = BatchNorm1d(1, epsilon = 1e-12, dtype = f64)
            bn.Weight.Value <- Tensor.ofList [ 2.0 ]
            bn.Bias.Value <- Tensor.ofList [ -1.0 ]
            let y = bn.Forward(Tensor.ofList2D [ [ 1.0 ]; [ 3.0 ] ])
            // oracle: by hand, mean 2, biased variance 1: (x − 2) · 2 − 1.
            Expect.tensorValuesWithin Tolerance.gradient y [ 2; 1 ] [ -3.0; 1.0 ] "y"
        }
        test "BatchNorm1d in evaluation mode uses the running statistics and leaves them unchanged" {
            let bn = BatchNorm1d(2, dtype = f64)
            bn.RunningMean.Value <- Tensor.ofList [ 1.0; -2.0 ]
            bn.RunningVar.Value <- Tensor.ofList [ 4.0; 0.25 ]
            bn.Weight.Value <- Tensor.ofList [ 1.0; 3.0 ]
            bn.Bias.Value <- Tensor.ofList [ 0.5; 0.0 ]
            bn.Eval()
            let y = bn.Forward(Tensor.ofList2D [ [ 3.0; -1.0 ] ])
            let s (v: float) = sqrt (v + 1e-5)
            // oracle: by hand, (x − μ) / √(σ² + ε) · γ + β.
            Expect.tensorValuesWithin Tolerance.tight y [ 1; 2 ] [ 2.0 / s 4.0 + 0.5; 3.0 / s 0.25 ] "y"
            Expect.tensorValuesWithin Tolerance.tight bn.RunningMean.Value [ 2 ] [ 1.0; -2.0 ] "running mean"
            Expect.tensorValuesWithin Tolerance.tight bn.RunningVar.Value [ 2 ] [ 4.0; 0.25 ] "running variance"
        }
        test "BatchNorm2d in training mode normalises each channel over batch, height and width" {
            let bn = BatchNorm2d(3, dtype = f64)
            let x = input 5 [ 2; 3; 2; 2 ]
            let y = bn.Forward x
            // Move channels last: [N, H, W, C] → rows of C.
            let channelsLast (t: Tensor) =
                t.Permute([| 0; 2; 3; 1 |]).ToFloatArray()

            for mean, var in columnStats 3 (channelsLast y) do
                Expect.floatClose Accuracy.high mean 0.0 "mean"
                Expect.floatClose { absolute = 1e-4; relative = 1e-4 } var 1.0 "variance"

            let expectedRunning =
                columnStats 3 (channelsLast x)
                |> Array.map (fun (m, v) -> 0.1 * m, 0.9 + 0.1 * v * 8.0 / 7.0)

            Expect.tensorValuesWithin
                Tolerance.tight
                bn.RunningMean.Value
                [ 3 ]
                (expectedRunning |> Array.map fst |> List.ofArray)
                "running mean"

            Expect.tensorValuesWithin
                Tolerance.tight
                bn.RunningVar.Value
                [ 3 ]
                (expectedRunning |> Array.map snd |> List.ofArray)
                "running variance (unbiased over 8 values)"
        }
        test "BatchNorm counts weight and bias as trainable, the running statistics as not" {
            let bn = BatchNorm2d 4

            Expect.equal
                (bn.NamedParameters |> Array.map (fun (n, p) -> n, p.Trainable))
                [| "weight", true; "bias", true; "runningMean", false; "runningVar", false |]
                "parameters"

            Expect.equal (bn.TrainableCount, bn.NonTrainableCount) (8L, 8L) "counts"
        }
    ]

let private ones (n: int) = Tensor.ones [ n ] |> Tensor.toFloat64

let private dropoutTests =
    testList "Dropout" [
        test "Dropout masks are reproducible from the seed" {
            let run seed =
                (Dropout(0.5, Random seed)).Forward(ones 64).ToFloatArray()

            Expect.equal (run 7) (run 7) "same seed"
            Expect.notEqual (run 7) (run 8) "different seeds"
        }
        test "Dropout(0.25) keeps values scaled by 1 / (1 − 0.25) and zeroes the rest" {
            let y =
                (Dropout(0.25, Random 3)).Forward(Tensor.ofArrayShaped [ 2; 50 ] (Array.create 100 3.0))

            Expect.equal y.Dims [| 2; 50 |] "shape"
            let values = y.ToFloatArray()

            for v in values do
                Expect.isTrue (v = 0.0 || abs (v - 4.0) < 1e-12) $"{v} is 0 or 3 / 0.75"

            Expect.isTrue (Array.contains 0.0 values && Array.contains 4.0 values) "both kinds occur"
        }
        test "Dropout(0.3) preserves the mean over 10,000 values and drops about 30%" {
            let y = (Dropout(0.3, Random 11)).Forward(ones 10000).ToFloatArray()
            // The mean's standard error is √(0.3 / 0.7 / 10,000) ≈ 0.0065; the share's √(0.21 / 10,000) ≈ 0.0046.
            Expect.floatClose { absolute = 0.03; relative = 0.0 } (Array.average y) 1.0 "mean"

            Expect.floatClose
                { absolute = 0.02; relative = 0.0 }
                (float (y |> Array.filter ((=) 0.0) |> Array.length) / 10000.0)
                0.3
                "share dropped"
        }
        test "Dropout in evaluation mode, or with rate 0, returns its input" {
            let x = input 2 [ 3; 4 ]
            let d = Dropout(0.9, Random 1)
            d.Eval()
            Expect.equal ((d.Forward x).ToFloatArray()) (x.ToFloatArray()) "eval"
            Expect.equal (((Dropout(0.0, Random 1)).Forward x).ToFloatArray()) (x.ToFloatArray()) "rate 0"
        }
        test "Dropout's gradient in training mode is its mask" {
            let x = ones 32
            let y = (Dropout(0.5, Random 4)).Forward x
            let g = Diff.grad (fun x -> (Dropout(0.5, Random 4)).Forward(x).Sum()) x
            Expect.equal (g.ToFloatArray()) (y.ToFloatArray()) "mask (same seed)"
        }
        test "Dropout in float32 keeps float32" {
            let y = (Dropout(0.5, Random 1)).Forward(Tensor.ones [ 4 ])
            Expect.equal y.DType DType.Float32 "dtype"
        }
    ]

let private forwardTests =
    testList "forward values" [
        test "Linear computes x·W + b" {
            let l = Linear(3, 2, Random 1, dtype = f64)
            l.Weight.Value <- Tensor.ofList2D [ [ 1.0; 2.0 ]; [ 3.0; 4.0 ]; [ 5.0; 6.0 ] ]
            (nonNull l.Bias).Value <- Tensor.ofList [ 0.5; -1.0 ]
            let y = l.Forward(Tensor.ofList2D [ [ 1.0; 0.0; -1.0 ]; [ 0.0; 2.0; 1.0 ] ])
            // oracle: by hand, [1 − 5 + 0.5, 2 − 6 − 1], [6 + 5 + 0.5, 8 + 6 − 1].
            Expect.tensorValuesWithin Tolerance.tight y [ 2; 2 ] [ -3.5; -5.0; 11.5; 13.0 ] "y"
        }
        test "Linear without bias computes x·W and has only a weight" {
            let l = Linear(2, 1, Random 1, bias = false, dtype = f64)
            l.Weight.Value <- Tensor.ofList2D [ [ 2.0 ]; [ -1.0 ] ]
            Expect.isNull l.Bias "no bias"
            Expect.equal (l.NamedParameters |> Array.map fst) [| "weight" |] "parameters"
            Expect.tensorValuesWithin Tolerance.tight (l.Forward(Tensor.ofList2D [ [ 3.0; 4.0 ] ])) [ 1; 1 ] [ 2.0 ] "y"
        }
        test "Conv2d with a 1x1 kernel mixes channels per pixel and adds the bias" {
            let c = Conv2d(2, 1, 1, Random 1, dtype = f64)
            c.Weight.Value <- Tensor.ofArrayShaped [ 1; 2; 1; 1 ] [| 2.0; -1.0 |]
            (nonNull c.Bias).Value <- Tensor.ofList [ 0.5 ]
            let y = c.Forward(Tensor.ofArrayShaped [ 1; 2; 1; 2 ] [| 1.0; 2.0; 3.0; 5.0 |])
            // oracle: by hand, 2·[1, 2] − [3, 5] + 0.5.
            Expect.tensorValuesWithin Tolerance.tight y [ 1; 1; 1; 2 ] [ -0.5; -0.5 ] "y"
        }
        test "ConvTranspose2d with stride 2 and a 1x1 kernel spreads pixels apart" {
            let c = ConvTranspose2d(1, 1, 1, Random 1, stride = 2, bias = false, dtype = f64)
            c.Weight.Value <- Tensor.ofArrayShaped [ 1; 1; 1; 1 ] [| 3.0 |]
            let y = c.Forward(Tensor.ofArrayShaped [ 1; 1; 2; 2 ] [| 1.0; 2.0; 3.0; 4.0 |])
            // oracle: by hand, (2 − 1)·2 + 1 = 3 per side, inputs times 3 at even positions.
            Expect.tensorValuesWithin
                Tolerance.tight
                y
                [ 1; 1; 3; 3 ]
                [ 3.0; 0.0; 6.0; 0.0; 0.0; 0.0; 9.0; 0.0; 12.0 ]
                "y"
        }
        test "Flatten keeps the batch axis and Reshape restores the sample shape" {
            let x = input 3 [ 2; 3; 4 ]
            let flat = (Flatten()).Forward x
            Expect.equal flat.Dims [| 2; 12 |] "flatten"
            Expect.equal (flat.ToFloatArray()) (x.ToFloatArray()) "flatten keeps the order"
            let back = (Reshape [| 3; 4 |]).Forward flat
            Expect.equal back.Dims [| 2; 3; 4 |] "reshape"
            Expect.equal (back.ToFloatArray()) (x.ToFloatArray()) "reshape keeps the order"
        }
        test "activations compute their formulas" {
            let x = Tensor.ofList2D [ [ -2.0; 0.5 ] ]

            let close (m: Model) (expected: float list) =
                Expect.tensorValuesWithin Tolerance.tight (m.Forward x) [ 1; 2 ] expected m.Kind

            close (Relu()) [ 0.0; 0.5 ]
            close (LeakyRelu 0.3) [ -0.6; 0.5 ]
            close (Sigmoid()) [ 1.0 / (1.0 + exp 2.0); 1.0 / (1.0 + exp -0.5) ]
            close (Tanh()) [ tanh -2.0; tanh 0.5 ]
            let z = exp -2.0 + exp 0.5
            close (Softmax()) [ exp -2.0 / z; exp 0.5 / z ]
            close (LogSoftmax()) [ -2.0 - log z; 0.5 - log z ]
        }
    ]

let private shapeTests =
    testList "output shapes" [
        test "Conv2d.Same with stride 2 maps 28x28 to 14x14" {
            let y =
                (Conv2d.Same(1, 4, 5, Random 1, stride = 2)).Forward(Tensor.zeros [ 2; 1; 28; 28 ])

            Expect.equal y.Dims [| 2; 4; 14; 14 |] "shape"
        }
        test "Conv2d.Same with stride 1 keeps 7x7" {
            let y = (Conv2d.Same(2, 3, 3, Random 1)).Forward(Tensor.zeros [ 1; 2; 7; 7 ])
            Expect.equal y.Dims [| 1; 3; 7; 7 |] "shape"
        }
        test "Conv2d with kernel 3, stride 2 and padding 1 maps 5x5 to 3x3" {
            let y =
                (Conv2d(2, 3, 3, Random 1, stride = 2, padding = 1)).Forward(Tensor.zeros [ 1; 2; 5; 5 ])

            Expect.equal y.Dims [| 1; 3; 3; 3 |] "shape" // (5 + 2 − 3) / 2 + 1
        }
        test "ConvTranspose2d.Same with stride 2 maps 7x7 to 14x14, with stride 1 keeps 7x7" {
            let y =
                (ConvTranspose2d.Same(3, 2, 5, Random 1, stride = 2)).Forward(Tensor.zeros [ 1; 3; 7; 7 ])

            Expect.equal y.Dims [| 1; 2; 14; 14 |] "stride 2"

            let z =
                (ConvTranspose2d.Same(3, 2, 5, Random 1)).Forward(Tensor.zeros [ 1; 3; 7; 7 ])

            Expect.equal z.Dims [| 1; 2; 7; 7 |] "stride 1"
        }
        test "ConvTranspose2d with stride 2, padding 1 and output padding 1 maps 3x3 to 6x6" {
            let c =
                ConvTranspose2d(2, 1, 3, Random 1, stride = 2, padding = 1, outputPadding = 1)

            Expect.equal (c.Forward(Tensor.zeros [ 1; 2; 3; 3 ])).Dims [| 1; 1; 6; 6 |] "(3 − 1)·2 − 2 + 3 + 1"
        }
    ]

/// Every weight of a large Linear, and its bias, drawn by an initialiser.
let private drawn (init: Init) (inFeatures: int) (outFeatures: int) =
    let l = Linear(inFeatures, outFeatures, Random 5, init = init, dtype = f64)
    l.Weight.Value.ToFloatArray(), (nonNull l.Bias).Value.ToFloatArray()

/// Values lie in [−bound, bound] and reach close to both ends.
let private uniformWithin (bound: float) (values: float[]) (what: string) =
    Expect.isTrue (values |> Array.forall (fun v -> abs v <= bound)) $"{what}: |v| <= {bound}"
    Expect.isGreaterThan (Array.max values) (0.95 * bound) $"{what}: max near the bound"
    Expect.isLessThan (Array.min values) (-0.95 * bound) $"{what}: min near the bound"

let private initTests =
    testList "initialisers" [
        test "Glorot uniform draws Linear weights in ±√(6 / (fanIn + fanOut)) and zero biases" {
            let w, b = drawn Init.GlorotUniform 200 100
            uniformWithin (sqrt (6.0 / 300.0)) w "weights"
            Expect.isTrue (b |> Array.forall ((=) 0.0)) "bias 0"
        }
        test "Glorot uniform is the default, with fans of channels × kernel area for Conv2d" {
            let c = Conv2d(4, 8, 3, Random 5)
            uniformWithin (sqrt (6.0 / float (4 * 9 + 8 * 9))) (c.Weight.Value.ToFloatArray()) "weights"
        }
        test "Kaiming uniform draws weights and biases in ±1/√fanIn" {
            let w, b = drawn Init.KaimingUniform 50 400
            uniformWithin (1.0 / sqrt 50.0) w "weights"
            uniformWithin (1.0 / sqrt 50.0) b "biases"
        }
        test "Kaiming uniform for ConvTranspose2d takes fanIn from the output channels × kernel area" {
            let c = ConvTranspose2d(2, 16, 3, Random 5, init = Init.KaimingUniform, dtype = f64)
            let bound = 1.0 / sqrt (16.0 * 9.0)
            uniformWithin bound (c.Weight.Value.ToFloatArray()) "weights"
            Expect.isTrue ((nonNull c.Bias).Value.ToFloatArray() |> Array.forall (fun v -> abs v <= bound)) "biases"
        }
        test "Zeros makes every weight and bias zero" {
            let w, b = drawn Init.Zeros 10 10
            Expect.isTrue (Array.append w b |> Array.forall ((=) 0.0)) "all zero"
        }
        test "Normal(0.02) draws weights of mean 0 and standard deviation 0.02 within sampling tolerance" {
            let w, b = drawn (Init.Normal 0.02) 200 100
            let mean = Array.average w
            let std = sqrt (w |> Array.averageBy (fun v -> (v - mean) ** 2.0))
            // 20,000 draws: the mean's standard error is 0.02 / √20,000 ≈ 1.4e-4, the std's relative one 0.5%.
            Expect.floatClose { absolute = 7e-4; relative = 0.0 } mean 0.0 "mean"
            Expect.floatClose { absolute = 0.0; relative = 0.03 } std 0.02 "std"
            Expect.isTrue (b |> Array.forall ((=) 0.0)) "bias 0"
        }
        test "the same rng seed gives the same weights, another seed different ones" {
            let weights seed =
                (Conv2d(2, 3, 3, Random seed, init = Init.KaimingUniform)).Parameters
                |> Array.collect (fun p -> p.Value.ToFloatArray())

            Expect.equal (weights 9) (weights 9) "same seed"
            Expect.notEqual (weights 9) (weights 10) "different seeds"
        }
        test "layers use the dtype they are given" {
            Expect.equal (Linear(2, 2, Random 1)).Weight.Value.DType DType.Float32 "default float32"
            Expect.equal (nonNull (Linear(2, 2, Random 1, dtype = f64)).Bias).Value.DType DType.Float64 "float64"
            Expect.equal (BatchNorm2d(2, dtype = f64)).RunningVar.Value.DType DType.Float64 "batch norm"
        }
    ]

[<Tests>]
let tests =
    testList "Layers" [
        gradientTests
        forwardTests
        batchNormTests
        dropoutTests
        shapeTests
        initTests
    ]
