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
let shape: Gen<int list> =
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
let broadcastPair: Gen<int list * int list> =
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
    values domain (List.fold (*) 1 dims)
    |> Gen.map (fun v -> Tensor.ofArrayShaped dims v)

/// A float64 tensor of any generated shape on a domain.
let tensor (domain: Domain) : Gen<Tensor> = shape |> Gen.bind (tensorOf domain)

/// Shows a tensor's values in a failing property's report.
let arb (g: Gen<'T>) : Arbitrary<'T> = Arb.fromGen g

/// n distinct float64 values in [−2, 2], at least 2/n apart: ties would make max/min's gradient ambiguous.
let distinctValues (n: int) : Gen<float[]> =
    gen {
        let! order = Gen.shuffle [| 0 .. n - 1 |]
        let! jitter = Gen.arrayOfLength n (Gen.choose (0, 500))
        return Array.map2 (fun k j -> -2.0 + 4.0 * (float k + float j / 1000.0) / float (max n 1)) order jitter
    }

/// A float64 tensor of the given shape with distinct values.
let distinctTensorOf (dims: int list) : Gen<Tensor> =
    distinctValues (List.fold (*) 1 dims) |> Gen.map (Tensor.ofArrayShaped dims)

/// A valid axis of a rank ≥ 1 shape, negative (counted from the end) as often as not.
let axisOf (rank: int) : Gen<int> = Gen.choose (-rank, rank - 1)

/// A float64 tensor of rank 1..3 on a domain, with a valid axis.
let tensorWithAxis (domain: Domain) : Gen<int * Tensor> =
    gen {
        let! dims = shapeAtLeast 1
        let! axis = axisOf dims.Length
        let! t = tensorOf domain dims
        return axis, t
    }

/// A permutation of 0 .. n − 1.
let permutation (n: int) : Gen<int[]> = Gen.shuffle [| 0 .. n - 1 |]

/// A pair of shapes (small, big) where small broadcasts to big (what expand accepts).
let expandPair: Gen<int list * int list> =
    gen {
        let! big = shape
        let! drop = Gen.choose (0, big.Length)
        let! ones = Gen.listOfLength (big.Length - drop) (Gen.elements [ true; false ])
        return List.map2 (fun d one -> if one then 1 else d) (List.skip drop big) ones, big
    }

/// Operand shapes of a matrix product: 2-D, equal batches, or batches that broadcast (one side 2-D, or size-1 batch
/// dims), with every dim in 1..4.
let matmulShapes: Gen<int list * int list> =
    gen {
        let! m = Gen.choose (1, 4)
        let! k = Gen.choose (1, 4)
        let! n = Gen.choose (1, 4)
        let! b = Gen.choose (1, 3)
        let! c = Gen.choose (1, 3)

        return!
            Gen.elements [
                [ m; k ], [ k; n ]
                [ b; m; k ], [ b; k; n ]
                [ b; m; k ], [ k; n ]
                [ m; k ], [ b; k; n ]
                [ b; 1; m; k ], [ c; k; n ]
                [ 1; m; k ], [ b; k; n ]
            ]
    }

/// A pair of float64 tensors for a matrix product, values in [−2, 2].
let matmulPair: Gen<Tensor * Tensor> =
    gen {
        let! sa, sb = matmulShapes
        let! a = tensorOf Real sa
        let! b = tensorOf Real sb
        return a, b
    }
