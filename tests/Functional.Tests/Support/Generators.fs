/// FsCheck generators of valid inputs: shapes with size-1 dims, broadcastable pairs, values on an op's domain.
module Functional.Tests.Generators

open FsCheck
open FsCheck.FSharp
open Functional

/// Where an op's gradient is smooth and defined: values are drawn away from kinks and poles.
type Domain =
    /// Any value in [−2, 2].
    | Real
    /// Values in [0.5, 2] (log, sqrt, pow bases).
    | Positive
    /// Values with 0.1 ≤ |v| ≤ 2 (abs, relu, leakyRelu: away from the kink at 0).
    | AwayFromZero

/// A shape of rank 0..3 with dims 1..4.
let shape : Gen<int list> =
    gen {
        let! rank = Gen.choose (0, 3)
        return! Gen.listOfLength rank (Gen.choose (1, 4))
    }

/// A non-scalar shape of rank 1..3 with dims 1..4.
let shapeAtLeast (minRank: int) : Gen<int list> =
    gen {
        let! rank = Gen.choose (minRank, 3)
        return! Gen.listOfLength rank (Gen.choose (1, 4))
    }

/// A pair of shapes that broadcast together: b drops some leading axes of a and sets some dims to 1, then the
/// two may swap.
let broadcastPair : Gen<int list * int list> =
    gen {
        let! a = shape
        let! drop = Gen.choose (0, a.Length)
        let! ones = Gen.listOfLength (a.Length - drop) (Gen.elements [ true; false; false ])
        let b = List.map2 (fun d one -> if one then 1 else d) (List.skip drop a) ones
        let! swap = Gen.elements [ true; false ]
        return if swap then b, a else a, b
    }

/// n float64 values on a domain.
let values (domain: Domain) (n: int) : Gen<float[]> =
    let one =
        match domain with
        | Real -> Gen.choose (-2000, 2000) |> Gen.map (fun i -> float i / 1000.0)
        | Positive -> Gen.choose (500, 2000) |> Gen.map (fun i -> float i / 1000.0)
        | AwayFromZero ->
            gen {
                let! m = Gen.choose (100, 2000)
                let! s = Gen.elements [ -1.0; 1.0 ]
                return s * float m / 1000.0
            }
    Gen.arrayOfLength n one

/// A float64 tensor of the given shape on a domain.
let tensorOf (domain: Domain) (dims: int list) : Gen<Tensor> =
    values domain (List.fold (*) 1 dims) |> Gen.map (fun v -> Tensor.ofArrayShaped dims v)

/// A float64 tensor of any generated shape on a domain.
let tensor (domain: Domain) : Gen<Tensor> = shape |> Gen.bind (tensorOf domain)

/// Shows a tensor's values in a failing property's report.
let arb (g: Gen<'T>) : Arbitrary<'T> = Arb.fromGen g
