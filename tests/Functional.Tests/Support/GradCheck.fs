/// Gradient checks: reverse-mode AD against float64 central differences.
module Functional.Tests.GradCheck

open System
open Expecto
open FsCheck
open FsCheck.FSharp
open Functional

/// Property-test settings shared by the suite: enough cases to cover shapes, few enough to stay fast, and a
/// fixed seed (FsCheck 3 replay: seed, odd gamma) so every run draws the same cases.
let config = {
    FsCheckConfig.defaultConfig with
        maxTest = 40
        replay = Some(20240601UL, 1234567891UL, None)
}

/// Central-difference step in float64.
let h = 1e-6

/// Reduces any output to a scalar with fixed weights, so the check covers the whole vector-Jacobian product,
/// not just the gradient of a sum.
let private weighted (y: Tensor) =
    let rng = Random(y.NumElements)

    let w =
        Tensor.ofArrayShaped y.Dims (Array.init y.NumElements (fun _ -> rng.NextDouble() * 2.0 - 1.0))

    (y * w.Cast y.DType).Sum()

/// Reverse-mode gradient of weighted(f x) equals the central-difference one at x.
let agreesAt (f: Tensor -> Tensor) (x: Tensor) =
    let g = Diff.grad (f >> weighted) x
    let numeric = Numerical.grad h (f >> weighted) x
    Expect.tensorClose Tolerance.gradient g numeric $"gradient at x = {x}"

/// Reverse-mode second derivative (the gradient of a weighted gradient, so reverse rules are differentiated)
/// equals central differences of the reverse-mode gradient.
let secondOrderAgreesAt (f: Tensor -> Tensor) (x: Tensor) =
    let firstOrder (x: Tensor) = Diff.grad (f >> weighted) x |> weighted
    let g = Diff.grad firstOrder x
    let numeric = Numerical.grad h firstOrder x
    Expect.tensorClose Tolerance.gradient g numeric $"second-order gradient at x = {x}"

/// Property: for (parameter, tensor) cases drawn by the generator, the reverse-mode gradient of f parameter
/// equals central differences.
let gradientAgreesFor (name: string) (cases: Gen<'P * Tensor>) (f: 'P -> Tensor -> Tensor) =
    testPropertyWithConfig
        config
        $"{name}: reverse-mode gradient equals central differences"
        (Prop.forAll (Arb.fromGen cases) (fun (p, x) -> agreesAt (f p) x))

/// Property: for tensors drawn by the generator, the reverse-mode gradient equals central differences.
let gradientAgrees (name: string) (inputs: Gen<Tensor>) (f: Tensor -> Tensor) =
    testPropertyWithConfig
        config
        $"{name}: reverse-mode gradient equals central differences"
        (Prop.forAll (Arb.fromGen inputs) (agreesAt f))

/// Property: the op's reverse rule is itself differentiable (grad of grad) and right.
let secondOrderAgrees (name: string) (inputs: Gen<Tensor>) (f: Tensor -> Tensor) =
    testPropertyWithConfig
        config
        $"{name}: grad of grad equals central differences of the gradient"
        (Prop.forAll (Arb.fromGen inputs) (secondOrderAgreesAt f))

/// Property for ops of two tensors: gradients with respect to both operands, over pairs from the generator.
let gradientAgreesPair (name: string) (pairs: Gen<Tensor * Tensor>) (f: Tensor -> Tensor -> Tensor) =
    testPropertyWithConfig
        config
        $"{name}: reverse-mode gradients of both operands equal central differences"
        (Prop.forAll (Arb.fromGen pairs) (fun (a, b) ->
            agreesAt (fun a' -> f a' b) a
            agreesAt (fun b' -> f a b') b))

/// Pairs of float64 tensors of broadcastable shapes on a domain.
let broadcastTensors (domain: Generators.Domain) : Gen<Tensor * Tensor> =
    gen {
        let! sa, sb = Generators.broadcastPair
        let! a = Generators.tensorOf domain sa
        let! b = Generators.tensorOf domain sb
        return a, b
    }

/// Property for binary ops: gradients with respect to both operands, over broadcastable shape pairs.
let gradientAgrees2 (name: string) (domain: Generators.Domain) (f: Tensor -> Tensor -> Tensor) =
    gradientAgreesPair name (broadcastTensors domain) f
