/// The lectures' DCGAN (Nn/Dcgan.fs) and what its training step rests on: Train.valuesAndGradients and
/// Diff.gradsEachv (several losses from one pass, each differentiated by its own parameters), parameter counts,
/// shapes, one real step, and gradient checks of shrunken copies of both networks against central differences.
module Functional.Tests.Nn.DcganTests

open System
open Expecto
open Functional
open Functional.Core.Tensors
open Functional.Nn
open Functional.Tests
open Functional.Tests.Nn.LayersTests

let private f64 = DType.Float64

let private kinds (m: Model) =
    match m with
    | :? Sequential as s -> s.Layers |> Array.map (fun l -> l.Kind)
    | other -> [| other.Kind |]

/// A copy of every parameter's values, to compare after a step.
let private snapshot (m: Model) =
    m.NamedParameters |> Array.map (fun (name, p) -> name, p.Value.ToFloatArray())

/// ∂loss/∂p by central differences, p's value restored afterwards.
let private numericGradient (p: Parameter) (loss: unit -> Tensor) =
    let saved = p.Value

    try
        Numerical.grad
            GradCheck.h
            (fun v ->
                p.Value <- v
                loss ())
            saved
    finally
        p.Value <- saved

/// The discriminator's layers (Conv → LeakyReLU → Dropout, twice, Flatten, Dense) with 2 and 3 channels instead of
/// 64 and 128, in float64, for 8x8 images.
let private tinyDiscriminator () =
    let rng = Random 4

    Conv2d.Same(1, 2, 5, rng, stride = 2, dtype = f64)
    --> LeakyRelu 0.3
    --> Dropout(0.3, rng)
    --> Conv2d.Same(2, 3, 5, rng, stride = 2, dtype = f64)
    --> LeakyRelu 0.3
    --> Dropout(0.3, rng)
    --> Flatten()
    --> Linear(3 * 2 * 2, 1, rng, dtype = f64)

/// The generator's layers with noise 3, a 4x2x2 seed image and 3, 2, 1 channels, in float64: noise → 8x8 images.
let private tinyGenerator () =
    let rng = Random 5

    Linear(3, 4 * 2 * 2, rng, bias = false, dtype = f64)
    --> BatchNorm1d(16, 0.01, 1e-3, f64)
    --> LeakyRelu 0.3
    --> Reshape [| 4; 2; 2 |]
    --> ConvTranspose2d.Same(4, 3, 5, rng, stride = 1, bias = false, dtype = f64)
    --> BatchNorm2d(3, 0.01, 1e-3, f64)
    --> LeakyRelu 0.3
    --> ConvTranspose2d.Same(3, 2, 5, rng, stride = 2, bias = false, dtype = f64)
    --> BatchNorm2d(2, 0.01, 1e-3, f64)
    --> LeakyRelu 0.3
    --> ConvTranspose2d.Same(2, 1, 5, rng, stride = 2, bias = false, dtype = f64)
    --> Tanh()

// ---------------------------------------------------------------- the lectures' networks

let private networkTests =
    testList "networks" [
        test "the generator has 2,330,944 parameters, 2,305,472 trainable; the discriminator 212,865, all trainable" {
            // oracle: the TensorFlow DCGAN tutorial's model.summary() (lecture 000).
            let g = Dcgan.generator (Random 0)
            Expect.equal g.ParameterCount 2_330_944L "generator total"
            Expect.equal g.TrainableCount 2_305_472L "generator trainable"
            Expect.equal g.NonTrainableCount 25_472L "generator running statistics: 2·(12,544 + 128 + 64)"
            let d = Dcgan.discriminator (Random 0)
            Expect.equal d.ParameterCount 212_865L "discriminator total"
            Expect.equal d.TrainableCount 212_865L "discriminator trainable"
        }
        test "the generator maps noise [3, 100] to images [3, 1, 28, 28] in [−1, 1], the discriminator to [3, 1]" {
            let rng = Random 1
            let g, d = Dcgan.generator rng, Dcgan.discriminator rng
            let noise = Tensor.Randn(rng, [ 3; Dcgan.NoiseSize ])
            let images = Model.predict g noise
            Expect.equal images.Dims [| 3; 1; 28; 28 |] "images"
            let pixels = images.ToFloatArray()
            Expect.all pixels (fun v -> v >= -1.0 && v <= 1.0) "pixels in [−1, 1]"
            Expect.isGreaterThan (Array.max pixels - Array.min pixels) 0.0 "not constant"
            let logits = Model.predict d images
            Expect.equal logits.Dims [| 3; 1 |] "logits"
            Expect.allFinite logits "logits"
        }
        test "one Dcgan.step moves both networks' trainable parameters and the generator's running statistics" {
            let rng = Random 2
            let g, d = Dcgan.generator rng, Dcgan.discriminator rng
            let gAdam, dAdam = Adam 1e-4, Adam 1e-4
            let real = Tensor.Rand(rng, [ 4; 1; 28; 28 ]) * 2.0 - 1.0
            let noise = Tensor.Randn(rng, [ 4; Dcgan.NoiseSize ])
            let gBefore, dBefore = snapshot g, snapshot d
            let losses = Dcgan.step g d gAdam dAdam real noise

            Expect.isTrue
                (Double.IsFinite losses.Discriminator && Double.IsFinite losses.Generator)
                $"finite losses {losses}"

            Expect.isGreaterThan losses.Discriminator 0.0 "BCE of two terms > 0"
            Expect.isGreaterThan losses.Generator 0.0 "BCE > 0"
            Expect.equal (gAdam.Steps, dAdam.Steps) (1, 1) "one step of each optimizer"

            let changed (m: Model) (before: (string * float[])[]) =
                let now = snapshot m |> dict
                before |> Array.filter (fun (name, v) -> now[name] <> v) |> Array.map fst |> set

            let trainable (m: Model) =
                m.NamedParameters
                |> Array.filter (fun (_, p) -> p.Trainable)
                |> Array.map fst
                |> set

            // Every trainable tensor moves (D: 6, G: 4 kernels and 3 BatchNorm γ, β); every running statistic moves.
            Expect.equal (changed d dBefore) (trainable d) "the discriminator's changed tensors"
            Expect.equal (changed g gBefore) (set (g.NamedParameters |> Array.map fst)) "the generator's"

            for name, p in g.NamedParameters do
                if name.Contains "running" then
                    Expect.isFalse p.Trainable $"{name} is not trainable"

                    Expect.isFalse
                        (g.TrainableParameters |> Array.exists (fun t -> obj.ReferenceEquals(t, p)))
                        $"{name} is not handed to the optimizer"
        }
    ]

// ---------------------------------------------------------------- each loss to its own network

let private separationTests =
    testList "each loss to its own parameters" [
        test "valuesAndGradients: loss 0 by a's parameters, loss 1 by b's, each as central differences" {
            let a = Linear(3, 2, Random 1, dtype = f64)
            let b = Linear(2, 1, Random 2, dtype = f64)
            let x = input 3 [ 4; 3 ]

            let losses () =
                let h = a.Forward x
                let y = b.Forward(h.Tanh())
                [| (y * y).Mean() + (h * h).Sum() * 0.1; (y.Sigmoid() - h.Sum(1, true)).Sum() |]

            let values, gradients =
                Train.valuesAndGradients [| a.Parameters; b.Parameters |] losses

            let direct = losses ()

            Expect.equal
                (values |> Array.map (fun v -> v.ToScalar()))
                (direct |> Array.map (fun v -> v.ToScalar()))
                "values"

            Expect.equal (gradients |> Array.map Array.length) [| 2; 2 |] "one gradient per parameter of each group"

            for group, (m: Model) in [ 0, a :> Model; 1, b ] do
                for p, g in Array.zip m.Parameters gradients[group] do
                    let numeric = numericGradient p (fun () -> (losses ())[group])
                    Expect.tensorClose Tolerance.gradient g numeric $"∂loss{group}/∂{p.Name}"

            Expect.isFalse
                (Array.append a.Parameters b.Parameters
                 |> Array.exists (fun p -> p.Value.IsTracked))
                "parameters untraced afterwards"
        }
        test "Dcgan.step on tiny networks: SGD(1) moves D by −∂lossD/∂D and G by −∂lossG/∂G only" {
            let g = Linear(3, 4, Random 1, dtype = f64) --> Tanh()
            let d = Linear(4, 1, Random 2, dtype = f64)
            let real = input 3 [ 5; 4 ]
            let noise = input 4 [ 5; 3 ]
            let ones, zeros = Tensor.Ones([ 5; 1 ], f64), Tensor.Zeros([ 5; 1 ], f64)

            let dLoss () =
                Loss.bceWithLogits (d.Forward real) ones
                + Loss.bceWithLogits (d.Forward(g.Forward noise)) zeros

            let gLoss () =
                Loss.bceWithLogits (d.Forward(g.Forward noise)) ones

            let expected = [|
                for p in d.Parameters -> p, p.Value.ToFloatArray(), numericGradient p dLoss
                for p in g.Parameters -> p, p.Value.ToFloatArray(), numericGradient p gLoss
            |]

            let before = dLoss().ToScalar(), gLoss().ToScalar()
            let losses = Dcgan.step g d (Sgd 1.0) (Sgd 1.0) real noise
            Expect.floatClose Accuracy.high losses.Discriminator (fst before) "the discriminator's loss before the step"
            Expect.floatClose Accuracy.high losses.Generator (snd before) "the generator's loss before the step"

            for p, old, numeric in expected do
                let moved = Array.map2 (-) old (p.Value.ToFloatArray())
                Expect.tensorClose Tolerance.gradient (Tensor.ofArrayShaped p.Value.Dims moved) numeric $"{p.Name}"
        }
        test "Dcgan.step stops on a NaN loss with TrainingDivergedException and leaves both networks unchanged" {
            let g = Linear(3, 4, Random 1, dtype = f64)
            let d = Linear(4, 1, Random 2, dtype = f64)
            let real = Tensor.ofArrayShaped [ 2; 4 ] (Array.create 8 Double.NaN)
            let gBefore, dBefore = snapshot g, snapshot d
            let gSgd, dSgd = Sgd 0.1, Sgd 0.1

            Expect.throwsWith<TrainingDivergedException>
                (fun () -> Dcgan.step g d gSgd dSgd real (input 4 [ 2; 3 ]) |> ignore)
                [ "NaN" ]
                "NaN"

            Expect.equal (snapshot g, snapshot d) (gBefore, dBefore) "unchanged"
            Expect.equal (gSgd.Steps, dSgd.Steps) (0, 0) "no optimizer step"
        }
        test "Train.valuesAndGradients rejects a parameter in two groups, before computing anything" {
            let a = Linear(2, 1, Random 1, dtype = f64)
            let mutable called = false

            Expect.throwsWith<ArgumentException>
                (fun () ->
                    Train.valuesAndGradients [| a.Parameters; [| a.Weight |] |] (fun () ->
                        called <- true
                        [| a.Weight.Value.Sum(); a.Weight.Value.Sum() |])
                    |> ignore)
                [ "valuesAndGradients"; "disjoint"; "groups" ]
                "a parameter in two groups"

            Expect.isFalse called "the losses were not computed"
        }
    ]

// ---------------------------------------------------------------- Diff.gradsEachv

let private gradsEachTests =
    let x = Tensor.ofArray [| 1.0; 2.0 |]
    let y = Tensor.ofArray [| 3.0; -1.0 |]

    testList "Diff.gradsEachv" [
        test "each result is differentiated by its own inputs; an input may serve several results" {
            // f = [Σ x·y, Σ x²]: ∂f₀/∂x = y, ∂f₀/∂y = x, ∂f₁/∂x = 2x (oracle: by hand).
            let values, grads =
                Diff.gradsEachv (fun v -> [| (v[0] * v[1]).Sum(); (v[0] * v[0]).Sum() |]) [| x; y |] [|
                    [| 0; 1 |]
                    [| 0 |]
                |]

            Expect.equal (values |> Array.map (fun v -> v.ToScalar())) [| 1.0; 5.0 |] "values"
            Expect.equal (grads |> Array.map Array.length) [| 2; 1 |] "gradients per result"
            Expect.tensorValuesWithin Tolerance.tight (grads[0][0]) [ 2 ] [ 3.0; -1.0 ] "∂f₀/∂x = y"
            Expect.tensorValuesWithin Tolerance.tight (grads[0][1]) [ 2 ] [ 1.0; 2.0 ] "∂f₀/∂y = x"
            Expect.tensorValuesWithin Tolerance.tight (grads[1][0]) [ 2 ] [ 2.0; 4.0 ] "∂f₁/∂x = 2x"
        }
        for position in [ 2; -1 ] do
            test $"an input position out of range ({position}) is an ArgumentException naming gradsEach" {
                Expect.throwsWith<ArgumentException>
                    (fun () ->
                        Diff.gradsEachv (fun v -> [| v[0].Sum() |]) [| x; y |] [| [| position |] |]
                        |> ignore)
                    [ "gradsEach"; "[0, 2)"; $"received {position}" ]
                    "out of range"
            }
        test "as many input lists as results, or an ArgumentException naming gradsEach and both counts" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    Diff.gradsEachv (fun v -> [| v[0].Sum(); v[1].Sum() |]) [| x; y |] [| [| 0 |] |]
                    |> ignore)
                [ "gradsEach"; "one input list per result (2)"; "received 1" ]
                "two results, one list"
        }
        test "a result with more than one element is a ShapeMismatchException naming gradsEach" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Diff.gradsEachv (fun v -> [| v[0] * v[1] |]) [| x; y |] [| [| 0 |] |] |> ignore)
                [ "gradsEach"; "one element"; "2" ]
                "a vector result"
        }
    ]

// ---------------------------------------------------------------- gradient checks of shrunken copies

let private gradientTests =
    testList "gradients" [
        test "a shrunken discriminator (same layer kinds, float64, evaluation mode) agrees with central differences" {
            let d = tinyDiscriminator ()
            Expect.equal (kinds d) (kinds (Dcgan.discriminator (Random 0))) "the discriminator's layer kinds"
            d.Eval()
            let images = input 6 [ 2; 1; 8; 8 ]
            Expect.equal (Model.predict d images).Dims [| 2; 1 |] "logits"
            parameterGradientsAgree d d.Parameters images
            // The generator's gradient flows through D's input.
            GradCheck.agreesAt d.Forward images
        }
        test "a shrunken generator (same layer kinds, float64, training mode) agrees with central differences" {
            let g = tinyGenerator ()
            Expect.equal (kinds g) (kinds (Dcgan.generator (Random 0))) "the generator's layer kinds"
            let noise = input 7 [ 3; 3 ]
            Expect.equal (g.Forward noise).Dims [| 3; 1; 8; 8 |] "images"
            // Training mode normalises by the batch's statistics; the running ones do not enter the output.
            parameterGradientsAgree g g.TrainableParameters noise
            GradCheck.agreesAt g.Forward noise
        }
    ]

[<Tests>]
let tests =
    testList "Dcgan" [ networkTests; separationTests; gradsEachTests; gradientTests ]
