/// Reusable value tests: an element-wise op on hand-checked inputs in both float dtypes, and NaN propagation.
module Functional.Tests.Cases

open Expecto
open Functional
open Functional.Core.Tensors

/// A float64 vector.
let vec64 (values: float list) = Tensor.ofList values

/// A float32 vector.
let vec32 (values: float list) =
    Tensor.ofList (values |> List.map float32)

/// f maps inputs to expected element by element: in float64 within the oracle tolerance, in float32 within float32's.
let elementwise (name: string) (f: Tensor -> Tensor) (inputs: float list) (expected: float list) =
    let n = inputs.Length

    testList $"{name} values" [
        test $"{name} of {inputs} matches the oracle in float64" {
            let y = f (vec64 inputs)
            Expect.equal y.DType Functional.Core.Tensors.DType.Float64 "dtype"
            Expect.tensorValuesWithin Tolerance.oracle y [ n ] expected name
        }
        test $"{name} of {inputs} matches the oracle in float32" {
            let y = f (vec32 inputs)
            Expect.equal y.DType Functional.Core.Tensors.DType.Float32 "dtype"
            Expect.tensorValues y [ n ] expected name
        }
    ]

/// f of a NaN is NaN, in both float dtypes, and the other elements are unaffected.
let nanStaysNaN (name: string) (f: Tensor -> Tensor) =
    test $"{name} of NaN stays NaN in float32 and float64" {
        for x in [ vec64 [ nan; 1.0 ]; vec32 [ nan; 1.0 ] ] do
            let y = (f x).ToFloatArray()
            Expect.isTrue (System.Double.IsNaN y[0]) $"{name}(NaN) = {y[0]} for {x.DType}"
            Expect.isFalse (System.Double.IsNaN y[1]) $"{name}(1) = {y[1]} for {x.DType}"
    }

/// Ops that read their input through its strides: each must give on a view (permuted, sliced, expanded) what it
/// gives on a contiguous copy of the same values.
let private viewReaders: (string * (Tensor -> Tensor)) list = [
    "exp", Tensor.exp
    "x + x", (fun x -> x + x)
    "x · 2 − 1", (fun x -> x * 2.0 - 1.0)
    "sum", Tensor.sum
    "sum over axis 0, keepDim", Tensor.sumDim 0 true
    "mean over axis −1", Tensor.meanDim -1 false
    "max over axis 0", Tensor.maxDim 0 false
    "argmax over axis −1", (fun x -> Tensor.argmax -1 x |> Tensor.toFloat64)
    "var over axis 0", Tensor.var 0 false 0
    "softmax over axis −1", Tensor.softmax -1
    "logSoftmax over axis 0", Tensor.logSoftmax 0
    "logsumexp over axis −1", Tensor.logsumexp -1 false
    "flatten", Tensor.flatten
    "x.[0]", (fun x -> x.[0])
    "concat with itself", (fun x -> Tensor.concat 0 [ x; x ])
    "gather of position 0 along axis 0",
    (fun x -> x.Gather(0, Tensor.Zeros(1 :: List.tail (List.ofArray x.Dims), DType.Int64)))
    "where x > 0", (fun x -> Tensor.where (Tensor.gt x (Tensor.zerosLike x)) x (-x))
    "cast to float32", Tensor.toFloat32
    "transpose", (fun x -> if x.Rank >= 2 then Tensor.transpose x else x)
    "matmul with its own transpose",
    (fun x ->
        if x.Rank >= 2 then
            Tensor.matmul x (Tensor.transpose x)
        else
            x)
]

/// Checks every op of viewReaders on a view of rank ≥ 1 against the same op on a contiguous copy of it.
let viewMatchesCopy (view: Tensor) =
    let copy = Tensor.ofArrayShaped view.Dims (view.ToFloatArray())

    for name, f in viewReaders do
        Expect.tensorClose Tolerance.tight (f view) (f copy) $"{name} of the view {view}"
