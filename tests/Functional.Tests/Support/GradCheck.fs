/// Gradient checks: reverse-mode AD against float64 central differences.
module Functional.Tests.GradCheck

open System
open Expecto
open FsCheck
open FsCheck.FSharp
open Functional

/// Property-test settings shared by the suite: enough cases to cover shapes, few enough to stay fast.
let config = { FsCheckConfig.defaultConfig with maxTest = 40 }

/// Central-difference step in float64.
let h = 1e-6

/// Reduces any output to a scalar with fixed weights, so the check covers the whole vector-Jacobian product,
/// not just the gradient of a sum.
let private weighted (y: Tensor) =
    let rng = Random(y.NumElements)
    let w = Tensor.ofArrayShaped y.Dims (Array.init y.NumElements (fun _ -> rng.NextDouble() * 2.0 - 1.0))
    (y * w).Sum()

/// Reverse-mode gradient of weighted(f x) equals the central-difference one at x.
let agreesAt (f: Tensor -> Tensor) (x: Tensor) =
    let g = Diff.grad (f >> weighted) x
    let numeric = Numerical.grad h (f >> weighted) x
    Expect.tensorClose Tolerance.gradient g numeric $"gradient at x = {x}"

/// Property: for tensors drawn by the generator, the reverse-mode gradient equals central differences.
let gradientAgrees (name: string) (inputs: Gen<Tensor>) (f: Tensor -> Tensor) =
    testPropertyWithConfig config $"{name}: reverse-mode gradient equals central differences"
        (Prop.forAll (Arb.fromGen inputs) (agreesAt f))

/// Property for binary ops: gradients with respect to both operands, over broadcastable shape pairs.
let gradientAgrees2 (name: string) (domain: Generators.Domain) (f: Tensor -> Tensor -> Tensor) =
    let pairs =
        gen {
            let! sa, sb = Generators.broadcastPair
            let! a = Generators.tensorOf domain sa
            let! b = Generators.tensorOf domain sb
            return a, b
        }
    testPropertyWithConfig config $"{name}: reverse-mode gradients of both operands equal central differences"
        (Prop.forAll (Arb.fromGen pairs) (fun (a, b) ->
            agreesAt (fun a' -> f a' b) a
            agreesAt (fun b' -> f a b') b))
