/// Models (Nn/Model.fs): composition with --> and Then, parameter paths and counts (the lectures' DCGAN), the
/// summary, training and evaluation modes, prediction, and a gradient check of a whole small network.
module Functional.Tests.Nn.ModelTests

open System
open Expecto
open Functional
open Functional.Core.Tensors
open Functional.Nn
open Functional.Tests
open Functional.Tests.Nn.LayersTests

let private layersOf (m: Model) =
    match m with
    | :? Sequential as s -> s.Layers
    | other -> failtestf "expected a Sequential, received %s" (other.GetType().Name)

let private mlp () =
    Linear(2, 3, Random 1) --> Relu() --> Linear(3, 1, Random 2)

/// The lectures' DCGAN generator (../shared/DESIGN.md §5): noise [N, 100] → images [N, 1, 28, 28].
let private generator () =
    let rng = Random 0

    Linear(100, 7 * 7 * 256, rng, bias = false)
    --> BatchNorm1d(7 * 7 * 256)
    --> LeakyRelu 0.3
    --> Reshape [| 256; 7; 7 |]
    --> ConvTranspose2d.Same(256, 128, 5, rng, stride = 1, bias = false)
    --> BatchNorm2d 128
    --> LeakyRelu 0.3
    --> ConvTranspose2d.Same(128, 64, 5, rng, stride = 2, bias = false)
    --> BatchNorm2d 64
    --> LeakyRelu 0.3
    --> ConvTranspose2d.Same(64, 1, 5, rng, stride = 2, bias = false)
    --> Tanh()

/// The lectures' DCGAN discriminator: images [N, 1, 28, 28] → logits [N, 1].
let private discriminator () =
    let rng = Random 0

    Conv2d.Same(1, 64, 5, rng, stride = 2)
    --> LeakyRelu 0.3
    --> Dropout(0.3, rng)
    --> Conv2d.Same(64, 128, 5, rng, stride = 2)
    --> LeakyRelu 0.3
    --> Dropout(0.3, rng)
    --> Flatten()
    --> Linear(6272, 1, rng)

let private compositionTests =
    testList "composition" [
        test "a --> b --> c is one Sequential of the three layers in order" {
            let a, b, c = Linear(2, 3, Random 1), Tanh(), Linear(3, 1, Random 2)
            let layers = layersOf (a --> b --> c)
            Expect.equal layers.Length 3 "three layers"
            Expect.isTrue (obj.ReferenceEquals(layers[0], a) && obj.ReferenceEquals(layers[2], c)) "order"
        }
        test "a --> (b --> c) flattens the same way, and Then is the same as -->" {
            let a, b, c = Relu() :> Model, Tanh() :> Model, Sigmoid() :> Model
            Expect.equal (layersOf (a --> (b --> c))) [| a; b; c |] "right-nested"
            Expect.equal (layersOf (a.Then(b).Then c)) [| a; b; c |] "Then"
            Expect.equal (layersOf ((a --> b) --> (b --> c))) [| a; b; b; c |] "two Sequentials"
        }
        test "a Sequential applies its layers one after another" {
            let m = Lambda("double", fun x -> x * 2.0) --> Lambda("plus one", fun x -> x + 1.0)

            Expect.tensorValuesWithin
                Tolerance.tight
                (m.Forward(Tensor.ofList [ 1.0; 3.0 ]))
                [ 2 ]
                [ 3.0; 7.0 ]
                "2x + 1"
        }
        test "an empty Sequential is an error" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Sequential [||] |> ignore)
                [ "sequential: expected at least one layer" ]
                "empty"
        }
    ]

let private parameterTests =
    testList "parameters" [
        test "NamedParameters are filed under each layer's position" {
            let names = (mlp ()).NamedParameters |> Array.map fst
            Expect.equal names [| "0.weight"; "0.bias"; "2.weight"; "2.bias" |] "paths"
        }
        test "a Sequential inside a Sequential nests the paths" {
            let inner = Sequential [| Linear(2, 2, Random 1); BatchNorm1d 2 |]
            let m = Sequential [| Relu() :> Model; inner |]

            Expect.equal
                (m.NamedParameters |> Array.map fst)
                [|
                    "1.0.weight"
                    "1.0.bias"
                    "1.1.weight"
                    "1.1.bias"
                    "1.1.runningMean"
                    "1.1.runningVar"
                |]
                "paths"

            Expect.equal (m.Parameters.Length, m.TrainableParameters.Length) (6, 4) "buffers are not trainable"
        }
        test "a layer used twice shares one set of parameters, counted once" {
            let l = Linear(2, 2, Random 1)
            let m = l --> Tanh() --> l
            Expect.equal m.ParameterCount 6L "2x2 weights and 2 biases"
            Expect.equal m.TrainableParameters.Length 2 "distinct parameters"
        }
        test "the DCGAN generator has 2,330,944 parameters, 2,305,472 of them trainable" {
            let g = generator ()
            // oracle: Keras model.summary() of the lectures' generator (DESIGN.md §5).
            Expect.equal g.ParameterCount 2_330_944L "total"
            Expect.equal g.TrainableCount 2_305_472L "trainable"
            Expect.equal g.NonTrainableCount 25_472L "non-trainable: running statistics of 12,544 + 128 + 64"
        }
        test "the DCGAN discriminator has 212,865 parameters, all trainable" {
            let d = discriminator ()
            // oracle: DESIGN.md §5, computed: 1,664 + 204,928 + 6,273.
            Expect.equal d.ParameterCount 212_865L "total"
            Expect.equal d.TrainableCount 212_865L "trainable"
        }
    ]

let private summaryTests =
    testList "summary" [
        test "the generator's summary shows Keras's output shapes and the totals with thousands separators" {
            let text = Model.summary [ 100 ] (generator ())

            for fragment in
                [
                    "(None, 12544)"
                    "(None, 256, 7, 7)"
                    "(None, 128, 7, 7)"
                    "(None, 64, 14, 14)"
                    "(None, 1, 28, 28)"
                    "Total params: 2,330,944"
                    "Trainable params: 2,305,472"
                    "Non-trainable params: 25,472"
                    "1,254,400"
                ] do
                Expect.stringContains text fragment fragment
        }
        test "the discriminator's summary ends in (None, 1) after (None, 6272), 212,865 in all" {
            let text = (discriminator ()).Summary [| 1; 28; 28 |]

            for fragment in [ "(None, 64, 14, 14)"; "(None, 6272)"; "(None, 1)"; "Total params: 212,865" ] do
                Expect.stringContains text fragment fragment
        }
        test "summary leaves the model's mode as it was" {
            let m = discriminator ()
            m.Summary [| 1; 28; 28 |] |> ignore
            Expect.isTrue m.IsTraining "still training"
        }
    ]

let private modeTests =
    testList "modes" [
        test "a model starts in training mode; Eval and Train reach every layer, nested ones too" {
            let inner = Sequential [| Dropout(0.5, Random 1) :> Model; BatchNorm1d 2 |]
            let m = Sequential [| Linear(2, 2, Random 1) :> Model; inner |]
            let all () = [ yield m :> Model; yield! m.Layers; yield! inner.Layers ]
            Expect.isTrue (all () |> List.forall (fun l -> l.IsTraining)) "training at first"
            m.Eval()
            Expect.isTrue (all () |> List.forall (fun l -> not l.IsTraining)) "after Eval"
            m.Train()
            Expect.isTrue (all () |> List.forall (fun l -> l.IsTraining)) "after Train"
        }
        test "Model.predict uses evaluation mode, then restores the mode" {
            let bn = BatchNorm1d(2, dtype = DType.Float64)
            let m = Dropout(0.9, Random 1) --> bn
            let x = input 1 [ 4; 2 ]
            let y = Model.predict m x
            // Evaluation: dropout passes x, batch norm uses running mean 0 and variance 1.
            Expect.tensorClose Tolerance.gradient y (x / sqrt (1.0 + 1e-5)) "y"
            Expect.isTrue m.IsTraining "still training"
            Expect.tensorValuesWithin Tolerance.tight bn.RunningMean.Value [ 2 ] [ 0.0; 0.0 ] "running mean unchanged"
            m.Eval()
            Model.predict m x |> ignore
            Expect.isFalse m.IsTraining "still evaluating"
        }
        test "Model.predict records nothing, even inside a derivative" {
            let m = Linear(2, 1, Random 1, dtype = DType.Float64) :> Model
            let mutable tracked = true

            Diff.grad
                (fun x ->
                    tracked <- (Model.predict m x).IsTracked
                    x.Sum())
                (input 1 [ 3; 2 ])
            |> ignore

            Expect.isFalse tracked "the prediction is not on the tape"
        }
    ]

let private gradientTests =
    testList "gradients" [
        test "a Linear → Tanh → Linear network's gradients over all its parameters equal central differences" {
            let m =
                Linear(3, 4, Random 1, dtype = DType.Float64)
                --> Tanh()
                --> Linear(4, 2, Random 2, init = Init.KaimingUniform, dtype = DType.Float64)

            parameterGradientsAgree m m.Parameters (input 3 [ 5; 3 ])
            GradCheck.agreesAt m.Forward (input 3 [ 5; 3 ])
        }
    ]

let private composeTests =
    testList "compose" [
        test "Model.compose a b is a --> b" {
            let a, b = Linear(2, 3, Random 1), Relu()
            let composed = Model.compose a b
            Expect.equal (composed :?> Sequential).Layers.Length 2 "two layers"
            Expect.equal composed.ParameterCount (a --> b).ParameterCount "same parameters"
        }
    ]

let private displayTests =
    testList "display" [
        test "a model shows its summary in FSI (%A), without an output-shape column when no input shape is known" {
            let m = Linear(784, 256, Random 1) --> Relu()
            let text = sprintf "%A" m
            Expect.stringContains text "200,960" "parameter count"
            Expect.isFalse (text.Contains "Output shape") "no empty column"
            Expect.stringContains (Model.summary [ 784 ] m) "Output shape" "the column with an input shape"
        }
    ]

[<Tests>]
let tests =
    testList "Model" [
        compositionTests
        parameterTests
        summaryTests
        modeTests
        gradientTests
        displayTests
        composeTests
    ]
