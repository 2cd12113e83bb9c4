/// Optimizers (Nn/Optimizer.fs), Optimize.path (Nn/OptimizationPath.fs) and schedules (Nn/Schedule.fs): PyTorch's
/// recorded trajectories, Keras's arithmetic by hand, float32 and bad input (state: OptimizerState.Tests.fs).
module Functional.Tests.Nn.OptimizerTests

open System
open System.Text.RegularExpressions
open Expecto
open Functional
open Functional.Nn
open Functional.Core.Tensors
open Functional.Tests
open Functional.Tests.Cases
open Functional.Tests.Golden

// ---------------------------------------------------------------- helpers

/// A trainable parameter holding a copy of values (float64 vector).
let paramOf (values: float[]) =
    Parameter("p", Tensor.ofArray values, true)

/// Applies one step of o to a single parameter with a given gradient.
let stepWith (o: Optimizer) (p: Parameter) (gradient: float[]) =
    o.Step([| p |], [| Tensor.ofArray gradient |])

/// Each array element within the tolerance of the expected one (reported as a tensor mismatch when not).
let expectFloats (tol: Tolerance) (actual: float[]) (expected: float[]) (message: string) =
    Expect.tensorValuesWithin tol (Tensor.ofArray actual) [ expected.Length ] (List.ofArray expected) message

/// The parameter values after each step of o from start with these (learning rate, gradient) pairs.
let private runSteps (o: Optimizer) (start: float[]) (steps: (float * float[]) list) =
    let p = paramOf start

    [
        for lr, g in steps do
            o.LearningRate <- lr
            stepWith o p g
            p.Value.ToFloatArray()
    ]

/// The elongated quadratic f(p) = p₀²/20 + p₁² of the recorded trajectories.
let private quadratic (p: Tensor) = p.[0] ** 2.0 / 20.0 + p.[1] ** 2.0

// ---------------------------------------------------------------- golden PyTorch trajectories

// Oracle: PyTorch 1.13 (Debian python3-torch), recorded once by Golden/record-optimizer-trajectories.py into
// Golden/OptimizerTrajectories.fs; see that file's header for the problems and the recording loop.

/// The recorder's problems written with our tensors: the parameter's dims and the loss.
let private problem (name: string) : int list * (Tensor -> Tensor) =
    match name with
    | "quadratic" -> [ 2 ], quadratic
    | "rosenbrock" -> [ 2 ], (fun p -> (1.0 - p.[0]) ** 2.0 + 100.0 * (p.[1] - p.[0] ** 2.0) ** 2.0)
    | "matrix" ->
        let a =
            Tensor.ofList2D [ [ 1.0; 2.0; 0.0 ]; [ 3.0; -1.0; 1.0 ]; [ 0.5; 0.5; 0.5 ]; [ 2.0; 1.0; -1.0 ] ]

        let b = Tensor.ofList2D [ [ 1.0; 0.0 ]; [ 0.0; 1.0 ]; [ 2.0; -1.0 ]; [ 0.5; 0.5 ] ]
        [ 2; 3 ], (fun p -> (Tensor.matmul a (Tensor.transpose p) - b) ** 2.0 |> Tensor.mean)
    | other -> failwithf "unknown golden problem %s" other

/// The learning rate of the recorded call ("SGD(lr=0.0005, momentum=0.9)" → 0.0005): on rosenbrock the sgd* rates
/// were divided by 100, and the Torch field shows the rate actually used.
let private learningRateOf (torch: string) =
    let m = Regex.Match(torch, @"\blr=([0-9.eE+-]+)")

    if not m.Success then
        failwithf "no lr in %s" torch

    Double.Parse(m.Groups[1].Value, Globalization.CultureInfo.InvariantCulture)

/// Our optimizer for a recorded configuration, with the settings of its Torch call.
let private optimizerFor (config: string) (lr: float) : Optimizer =
    match config with
    | "sgd" -> Sgd(lr)
    | "sgd-momentum" -> Sgd(lr, momentum = 0.9)
    | "sgd-nesterov" -> Sgd(lr, momentum = 0.9, nesterov = true)
    | "sgd-momentum-dampening" -> Sgd(lr, momentum = 0.9, dampening = 0.5)
    | "sgd-weight-decay" -> Sgd(lr, momentum = 0.9, weightDecay = 0.01)
    | "adagrad" -> AdaGrad(lr)
    | "adagrad-decay" ->
        AdaGrad(lr, learningRateDecay = 0.01, weightDecay = 0.01, initialAccumulator = 0.1, epsilon = 1e-10)
    | "rmsprop" -> RmsProp(lr)
    | "rmsprop-momentum" -> RmsProp(lr, rho = 0.9, momentum = 0.5)
    | "rmsprop-centered" -> RmsProp(lr, rho = 0.9, centered = true)
    | "adam" -> Adam(lr)
    | "adam-betas" -> Adam(lr, beta1 = 0.8, beta2 = 0.9, epsilon = 1e-6)
    | "adam-weight-decay" -> Adam(lr, weightDecay = 0.1)
    | "adam-amsgrad" -> Adam(lr, amsGrad = true)
    | "adamw" -> Adam.W(lr, 0.1)
    | other -> failwithf "unknown golden config %s" other

/// Float64 against PyTorch's float64: only rounding-order differences (1e-16 per operation) may remain.
let private golden = { Absolute = 1e-12; Relative = 1e-12 }

/// Replays a recorded run: the loss before each step and the parameters after it match PyTorch's.
let private replay (t: OptimizerTrajectories.Trajectory) =
    testCase $"{t.Config} on {t.Problem} follows {t.Torch} (PyTorch 1.13, recorded once)" (fun () ->
        let dims, f = problem t.Problem
        let o = optimizerFor t.Config (learningRateOf t.Torch)
        let p = Parameter("p", Tensor.ofArrayShaped dims t.Start, true)

        for step in 0 .. t.Losses.Length - 1 do
            let loss, g = Diff.gradv f p.Value
            expectFloats golden [| loss.ToScalar() |] [| t.Losses[step] |] $"loss before step {step + 1}"
            o.Step([| p |], [| g |])
            expectFloats golden (p.Value.ToFloatArray()) t.Parameters[step] $"parameters after step {step + 1}")

let private pytorchTrajectories =
    testList "PyTorch trajectories" [
        yield! OptimizerTrajectories.all |> List.map replay
        test "every configuration was recorded on quadratic and rosenbrock, three also on matrix" {
            let count problem =
                OptimizerTrajectories.all
                |> List.filter (fun t -> t.Problem = problem)
                |> List.length

            Expect.equal (count "quadratic", count "rosenbrock", count "matrix") (15, 15, 3) "records per problem"
        }
    ]

// ---------------------------------------------------------------- by hand: Keras, SGD across a rate change, AMSGrad

/// Element-wise hand arithmetic: a fresh per-element rule (t, lr, p, g) → new p with its own state.
type private HandRule = unit -> (int -> float -> float -> float -> float)

/// The parameters after each step of a hand rule applied element by element.
let private byHand (rule: HandRule) (start: float[]) (steps: (float * float[]) list) =
    start
    |> Array.mapi (fun i p0 ->
        let r = rule ()

        steps
        |> List.mapi (fun k (lr, g: float[]) -> k + 1, lr, g[i])
        |> List.scan (fun p (t, lr, g) -> r t lr p g) p0
        |> List.tail)
    |> List.ofArray
    |> List.transpose
    |> List.map Array.ofList

let start = [| 1.0; -2.0; 0.5 |]

let gradients = [ [| 0.5; -1.0; 2.0 |]; [| 0.3; 0.2; -1.5 |]; [| -0.4; 0.8; 0.1 |] ]

/// The three gradients at one learning rate.
let private constantRate lr = gradients |> List.map (fun g -> lr, g)

/// The three gradients with the learning rate halved after the first step, where SGD's conventions part.
let private changingRate = List.zip [ 0.1; 0.05; 0.05 ] gradients

/// Keras SGD: v = μv − lr·g; p += v, or p += μv − lr·g with Nesterov.
let private kerasSgd (mu: float) (nesterov: bool) : HandRule =
    fun () ->
        let mutable v = 0.0

        fun _ lr p g ->
            v <- mu * v - lr * g
            if nesterov then p + mu * v - lr * g else p + v

/// PyTorch SGD: v = g on the first step, then μv + g; p −= lr·v, or p −= lr·(g + μv) with Nesterov.
let private pytorchSgd (mu: float) (nesterov: bool) : HandRule =
    fun () ->
        let mutable v = 0.0

        fun t lr p g ->
            v <- if t = 1 then g else mu * v + g
            p - lr * (if nesterov then g + mu * v else v)

/// Keras RMSProp: v = ρv + (1 − ρ)g², p −= lr·g / √(v + ε), ρ 0.9, ε 1e-7.
let private kerasRmsProp: HandRule =
    fun () ->
        let mutable v = 0.0

        fun _ lr p g ->
            v <- 0.9 * v + 0.1 * g * g
            p - lr * g / sqrt (v + 1e-7)

/// Keras AdaGrad: a = 0.1 + Σg², p −= lr·g / √(a + ε), ε 1e-7.
let private kerasAdaGrad: HandRule =
    fun () ->
        let mutable a = 0.1

        fun _ lr p g ->
            a <- a + g * g
            p - lr * g / sqrt (a + 1e-7)

/// Keras Adam: m = β₁m + (1 − β₁)g, v = β₂v + (1 − β₂)g², p −= lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·m/(√v + ε), ε 1e-7.
let private kerasAdam: HandRule =
    fun () ->
        let mutable m = 0.0
        let mutable v = 0.0

        fun t lr p g ->
            m <- 0.9 * m + 0.1 * g
            v <- 0.999 * v + 0.001 * g * g
            let alpha = lr * sqrt (1.0 - 0.999 ** float t) / (1.0 - 0.9 ** float t)
            p - alpha * m / (sqrt v + 1e-7)

/// PyTorch Adam (β₁ 0.9, ε 1e-8): p −= lr/(1 − β₁ᵗ)·m/(√v̂/√(1 − β₂ᵗ) + ε), where AMSGrad's v̂ is the running
/// maximum of v.
let private pytorchAdam (beta2: float) (amsGrad: bool) : HandRule =
    fun () ->
        let mutable m = 0.0
        let mutable v = 0.0
        let mutable vMax = 0.0

        fun t lr p g ->
            m <- 0.9 * m + 0.1 * g
            v <- beta2 * v + (1.0 - beta2) * g * g
            vMax <- max vMax v
            let second = if amsGrad then vMax else v

            p
            - lr / (1.0 - 0.9 ** float t) * m
              / (sqrt second / sqrt (1.0 - beta2 ** float t) + 1e-8)

/// A large gradient, then small ones: v shrinks (fast at β₂ 0.5), so AMSGrad's maximum parts from plain Adam, which
/// the recorded trajectories cannot show.
let private shrinkingGradients =
    [ [| 10.0; -10.0; 5.0 |]; [| 0.1; 0.1; -0.1 |]; [| 0.1; -0.1; 0.1 |] ]
    |> List.map (fun g -> 0.1, g)

/// Our optimizer follows the hand rule step by step.
let private matchesHand (name: string) (o: Optimizer) (rule: HandRule) (steps: (float * float[]) list) =
    testCase name (fun () ->
        List.zip (runSteps o start steps) (byHand rule start steps)
        |> List.iteri (fun k (ours, hand) -> expectFloats Tolerance.tight ours hand $"{name}, after step {k + 1}"))

let private keras =
    testList "by hand" [
        matchesHand
            "Keras SGD with momentum keeps v = μv − lr·g and steps p += v, across a learning-rate change"
            (Sgd(0.1, momentum = 0.9, convention = Convention.Keras))
            (kerasSgd 0.9 false)
            changingRate
        matchesHand
            "Keras SGD with Nesterov steps p += μv − lr·g, across a learning-rate change"
            (Sgd(0.1, momentum = 0.9, nesterov = true, convention = Convention.Keras))
            (kerasSgd 0.9 true)
            changingRate
        matchesHand
            "PyTorch SGD with momentum keeps v = μv + g and steps p −= lr·v, across a learning-rate change"
            (Sgd(0.1, momentum = 0.9))
            (pytorchSgd 0.9 false)
            changingRate
        matchesHand
            "PyTorch SGD with Nesterov steps p −= lr·(g + μv), across a learning-rate change"
            (Sgd(0.1, momentum = 0.9, nesterov = true))
            (pytorchSgd 0.9 true)
            changingRate
        test "SGD's two conventions agree at a constant learning rate and part once it changes" {
            for nesterov in [ false; true ] do
                let run convention steps =
                    runSteps (Sgd(0.1, momentum = 0.9, nesterov = nesterov, convention = convention)) start steps
                    |> List.last

                expectFloats
                    Tolerance.tight
                    (run Convention.Keras (constantRate 0.1))
                    (run Convention.PyTorch (constantRate 0.1))
                    $"constant rate, nesterov {nesterov}"

                let gap =
                    Array.map2
                        (fun a b -> abs (a - b))
                        (run Convention.Keras changingRate)
                        (run Convention.PyTorch changingRate)

                Expect.isGreaterThan (Array.max gap) 1e-3 $"changed rate, nesterov {nesterov}: the conventions differ"
        }
        matchesHand
            "AMSGrad (β₂ 0.5) divides by the running maximum of v once v shrinks"
            (Adam(0.1, beta2 = 0.5, amsGrad = true))
            (pytorchAdam 0.5 true)
            shrinkingGradients
        test "AMSGrad and plain Adam part once v shrinks" {
            let last (o: Optimizer) =
                runSteps o start shrinkingGradients |> List.last

            let gap =
                Array.map2
                    (fun a b -> abs (a - b))
                    (last (Adam(0.1, beta2 = 0.5, amsGrad = true)))
                    (last (Adam(0.1, beta2 = 0.5)))

            Expect.isGreaterThan (Array.max gap) 1e-3 "AMSGrad against Adam"
        }
        matchesHand
            "RmsProp.Keras divides by √(v + ε) with ρ 0.9, ε 1e-7"
            (RmsProp.Keras 0.01)
            kerasRmsProp
            (constantRate 0.01)
        matchesHand
            "AdaGrad.Keras starts the accumulator at 0.1 and divides by √(Σg² + ε)"
            (AdaGrad.Keras 0.5)
            kerasAdaGrad
            (constantRate 0.5)
        matchesHand
            "Adam.Keras steps lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·m/(√v + ε), ε 1e-7"
            (Adam.Keras 0.1)
            kerasAdam
            (constantRate 0.1)
    ]

// ---------------------------------------------------------------- float32

let private singlePrecision =
    testList "float32" [
        test "Adam on float32 parameters stays float32 and agrees with float64 within 1e-5 over five steps" {
            for make in [ (fun () -> Adam(0.1)); (fun () -> Adam.Keras 0.1) ] do
                let o32, o64 = make (), make ()
                let p32 = Parameter("p", vec32 [ -4.0; 2.0 ], true)
                let p64 = Parameter("p", vec64 [ -4.0; 2.0 ], true)

                for step in 1..5 do
                    o32.Step([| p32 |], [| Diff.grad quadratic p32.Value |])
                    o64.Step([| p64 |], [| Diff.grad quadratic p64.Value |])
                    Expect.equal p32.Value.DType DType.Float32 "dtype"

                    expectFloats
                        Tolerance.float32
                        (p32.Value.ToFloatArray())
                        (p64.Value.ToFloatArray())
                        $"after step {step}"
        }
    ]

// ---------------------------------------------------------------- bad input

/// action throws an ArgumentException (or a subclass) whose message names op.
let private rejects (what: string) (op: string) (action: unit -> unit) =
    testCase $"{what} throws, naming {op}" (fun () -> Expect.throwsWith<ArgumentException> action [ op ] what)

let private errors =
    let p () = paramOf [| 1.0; 2.0 |]

    testList "bad input" [
        rejects "a gradient count unlike the parameter count" "optimizer.step" (fun () ->
            Sgd(0.1).Step([| p (); p () |], [| vec64 [ 1.0; 1.0 ] |]))
        rejects "a gradient of the wrong shape" "optimizer.step" (fun () ->
            Sgd(0.1).Step([| p () |], [| vec64 [ 1.0; 1.0; 1.0 ] |]))
        rejects "a gradient of the wrong dtype" "optimizer.step" (fun () ->
            Adam(0.1).Step([| p () |], [| vec32 [ 1.0; 1.0 ] |]))
        rejects "a parameter that is not trainable" "optimizer.step" (fun () ->
            Sgd(0.1).Step([| Parameter("runningMean", vec64 [ 0.0 ], false) |], [| vec64 [ 1.0 ] |]))
        rejects "a learning rate of 0" "optimizer" (fun () -> Sgd(0.0) |> ignore)
        rejects "a negative learning rate" "optimizer" (fun () -> Adam(-0.1) |> ignore)
        rejects "a NaN learning rate" "optimizer" (fun () -> RmsProp(nan) |> ignore)
        rejects "an infinite learning rate" "optimizer" (fun () -> AdaGrad(infinity) |> ignore)
        rejects "setting the learning rate to 0" "optimizer" (fun () -> Adam(0.1).LearningRate <- 0.0)
        rejects "SGD momentum of 1" "sgd" (fun () -> Sgd(0.1, momentum = 1.0) |> ignore)
        rejects "negative SGD momentum" "sgd" (fun () -> Sgd(0.1, momentum = -0.5) |> ignore)
        rejects "Nesterov without momentum" "sgd" (fun () -> Sgd(0.1, nesterov = true) |> ignore)
        rejects "Nesterov with dampening" "sgd" (fun () ->
            Sgd(0.1, momentum = 0.9, nesterov = true, dampening = 0.5) |> ignore)
        rejects "Adam β₁ of 1" "adam" (fun () -> Adam(0.1, beta1 = 1.0) |> ignore)
        rejects "a negative Adam β₂" "adam" (fun () -> Adam(0.1, beta2 = -0.1) |> ignore)
        rejects "RMSProp ρ of 1" "rmsProp" (fun () -> RmsProp(0.1, rho = 1.0) |> ignore)
        rejects "a negative step count" "optimize.path" (fun () ->
            Optimize.path "sgd" (Sgd(0.1)) -1 quadratic (vec64 [ 1.0; 1.0 ]) |> ignore)
        rejects "a step schedule every 0 epochs" "schedule.step" (fun () -> Schedule.Step(0, 0.5) |> ignore)
        rejects "a cosine schedule over 0 epochs" "schedule.cosine" (fun () -> Schedule.Cosine(0, 0.0) |> ignore)
    ]

// ---------------------------------------------------------------- Optimize.path

let private path =
    testList "Optimize.path" [
        test "records steps + 1 points from the start, each with its loss, and leaves the start tensor alone" {
            let start = vec64 [ -4.0; 2.0 ]
            let run = Optimize.path "adam" (Adam(0.1)) 20 quadratic start

            Expect.equal run.Name "adam" "name"
            Expect.equal run.Points.Length 21 "points"
            Expect.equal run.Losses.Length 21 "losses"
            Expect.equal run.Points[0] [| -4.0; 2.0 |] "the first point is the start"
            Expect.equal (start.ToFloatArray()) [| -4.0; 2.0 |] "the start tensor is not mutated"

            for i in 0 .. run.Points.Length - 1 do
                expectFloats
                    Tolerance.tight
                    [| run.Losses[i] |]
                    [| (quadratic (Tensor.ofArray run.Points[i])).ToScalar() |]
                    $"loss {i}"

            Expect.isLessThan (Array.last run.Losses) run.Losses[0] "Adam lowers the elongated quadratic"
        }
        test "zero steps record only the start" {
            let run = Optimize.path "sgd" (Sgd(0.1)) 0 quadratic (vec64 [ -4.0; 2.0 ])
            Expect.equal run.Points [| [| -4.0; 2.0 |] |] "points"
            Expect.equal run.Losses [| 4.8 |] "losses"
        }
        test "each point is one optimizer step from the one before" {
            let run = Optimize.path "sgd" (Sgd(0.1)) 3 quadratic (vec64 [ -4.0; 2.0 ])
            // ∇f = (p₀/10, 2p₁), so SGD at lr 0.1 maps (a, b) to (0.99a, 0.8b).
            for i in 1..3 do
                let a, b = run.Points[i - 1][0], run.Points[i - 1][1]
                expectFloats Tolerance.tight run.Points[i] [| 0.99 * a; 0.8 * b |] $"point {i}"
        }
    ]

// ---------------------------------------------------------------- schedules

let private schedules =
    let rates (s: Schedule) initial epochs = [| for e in epochs -> s.Rate(e, initial) |]

    testList "Schedule" [
        test "Step(2, 0.5) gives r, r, r/2, r/2, r/4 for epochs 1..5" {
            Expect.equal (rates (Schedule.Step(2, 0.5)) 0.1 [ 1..5 ]) [| 0.1; 0.1; 0.05; 0.05; 0.025 |] "rates"
        }
        test "Exponential(γ) gives r·γ^(epoch − 1)" {
            expectFloats
                Tolerance.tight
                (rates (Schedule.Exponential 0.9) 0.1 [ 1..4 ])
                [| 0.1; 0.09; 0.081; 0.0729 |]
                "rates"
        }
        test "Cosine(10, min) starts at r at epoch 1, passes the midpoint at epoch 6 and reaches min at epoch 11" {
            let s = Schedule.Cosine(10, 0.001)

            expectFloats
                Tolerance.tight
                (rates s 0.1 [ 1; 6; 11; 20 ])
                [| 0.1; (0.1 + 0.001) / 2.0; 0.001; 0.001 |]
                "rates at epochs 1, 6, 11 and 20"

            let all = rates s 0.1 [ 1..11 ]
            Expect.isTrue (Array.pairwise all |> Array.forall (fun (a, b) -> b < a)) $"decreasing: {all}"
        }
        test "Constant keeps the initial rate" {
            Expect.equal (rates Schedule.Constant 0.3 [ 1; 2; 100 ]) [| 0.3; 0.3; 0.3 |] "rates"
        }
    ]

// ---------------------------------------------------------------- state

[<Tests>]
let tests =
    testList "Optimizer" [ pytorchTrajectories; keras; singlePrecision; errors; path; schedules ]
