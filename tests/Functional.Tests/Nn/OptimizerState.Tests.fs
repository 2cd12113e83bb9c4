/// Optimizer state (Nn/Optimizer.fs over Core's UpdateRule): per-parameter buffers and update counts, what the first
/// step creates, and updates made in place on the parameters' own storage.
module Functional.Tests.Nn.OptimizerStateTests

open System
open Expecto
open Functional
open Functional.Nn
open Functional.Core.Tensors
open Functional.Tests
open Functional.Tests.Nn.OptimizerTests

/// One of each kind, with every state buffer (and decoupled weight decay) in use.
let private stateful: (string * (unit -> Optimizer)) list = [
    "SGD with momentum", (fun () -> Sgd(0.1, momentum = 0.9))
    "AdaGrad with decay", (fun () -> AdaGrad(0.5, learningRateDecay = 0.01, initialAccumulator = 0.1))
    "centred RMSProp with momentum", (fun () -> RmsProp(0.01, momentum = 0.5, centered = true))
    "AMSGrad Adam", (fun () -> Adam(0.1, amsGrad = true))
    "Keras Adam", (fun () -> Adam.Keras 0.1)
    "AdamW", (fun () -> Adam.W(0.1, 0.5))
]

/// A parameter's value after a fresh optimizer's first step from values with gradient g.
let private firstStep (make: unit -> Optimizer) (values: float[]) (g: float[]) =
    let p = paramOf values
    stepWith (make ()) p g
    p.Value.ToFloatArray()

let private state =
    testList "state" [
        for name, make in stateful do
            test $"{name}: after Reset() the next step is a fresh optimizer's first step" {
                let o = make ()
                let p = paramOf start
                stepWith o p gradients[0]
                stepWith o p gradients[1]
                let before = p.Value.ToFloatArray()
                o.Reset()
                Expect.equal o.Steps 0 "steps after Reset"
                stepWith o p gradients[2]

                expectFloats Tolerance.tight (p.Value.ToFloatArray()) (firstStep make before gradients[2]) "after Reset"
            }

            test $"{name}: two parameters stepped together move as each would alone" {
                let o, oa, ob = make (), make (), make ()
                let a, b = paramOf start, paramOf [| 0.25; 3.0 |]
                let a', b' = paramOf start, paramOf [| 0.25; 3.0 |]

                for g in gradients do
                    let gb = [| g[1]; -g[0] |]
                    o.Step([| a; b |], [| Tensor.ofArray g; Tensor.ofArray gb |])
                    stepWith oa a' g
                    stepWith ob b' gb

                expectFloats Tolerance.tight (a.Value.ToFloatArray()) (a'.Value.ToFloatArray()) "a"
                expectFloats Tolerance.tight (b.Value.ToFloatArray()) (b'.Value.ToFloatArray()) "b"
            }

            test $"{name}: a parameter's first step is a first step, however many steps another has taken" {
                let o = make ()
                let a, b = paramOf start, paramOf [| 0.25; 3.0 |]
                stepWith o a gradients[0]
                stepWith o a gradients[1]
                stepWith o b [| 1.0; -1.0 |]

                expectFloats
                    Tolerance.tight
                    (b.Value.ToFloatArray())
                    (firstStep make [| 0.25; 3.0 |] [| 1.0; -1.0 |])
                    "b after its first step"
            }
        test "Steps counts the calls to Step" {
            let o = Adam(0.1)
            let p = paramOf start

            for g in gradients do
                stepWith o p g

            Expect.equal o.Steps 3 "steps"
        }
    ]

// ---------------------------------------------------------------- in place

let private inPlace =
    testList "in place" [
        for name, make in stateful do
            test $"{name}: a gradient sharing the parameter's memory steps as a copy of it does" {
                // On the second step, since Adam's first step is blind to the gradient's scale.
                let shared, copied = paramOf start, paramOf start
                let os, oc = make (), make ()
                stepWith os shared gradients[0]
                stepWith oc copied gradients[0]
                os.Step([| shared |], [| shared.Value |])
                stepWith oc copied (copied.Value.ToFloatArray())

                expectFloats
                    Tolerance.tight
                    (shared.Value.ToFloatArray())
                    (copied.Value.ToFloatArray())
                    "after the step"
            }
        test "a parameter holding a strided view is updated by value, leaving the viewed tensor alone" {
            let m = Tensor.ofList2D [ [ 1.0; 2.0 ]; [ 3.0; 4.0 ] ]
            let p = Parameter("w", m, true)
            p.Value <- m.Transpose()
            Sgd(0.5).Step([| p |], [| Tensor.ofList2D [ [ 2.0; 2.0 ]; [ 2.0; 2.0 ] ] |])
            Expect.tensorValuesWithin Tolerance.tight p.Value [ 2; 2 ] [ 0.0; 2.0; 1.0; 3.0 ] "transpose − 1"
            Expect.equal (m.ToFloatArray()) [| 1.0; 2.0; 3.0; 4.0 |] "the viewed tensor"
        }
    ]

[<Tests>]
let tests = testList "Optimizer" [ state; inPlace ]
