module Functional.Tests.OpSoftmaxTests

open Expecto
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases
open Functional.Tests.Generators
open Functional.Tests.GradCheck

/// Rows with entries of ±1000, where a naive exp overflows.
let private extreme (dtype: DType) =
    Tensor.ofList2D [
        [ 1000.0; -1000.0; 0.0 ]
        [ -1000.0; -1000.0; -1000.0 ]
        [ 1000.0; 1000.0; 999.0 ]
    ]
    |> Tensor.cast dtype

[<Tests>]
let tests =
    testList "Op.Softmax" [
        // oracle: Python 3.11 math.exp(x) / sum(math.exp(v) for v in [1, 2, 3]), printed to 10 significant digits
        elementwise "softmax" (Tensor.softmax 0) [ 1.0; 2.0; 3.0 ] [ 0.09003057317; 0.2447284711; 0.6652409558 ]
        // oracle: Python 3.11 x − math.log(sum(math.exp(v) for v in [1, 2, 3])), printed to 10 significant digits
        elementwise "logSoftmax" (Tensor.logSoftmax 0) [ 1.0; 2.0; 3.0 ] [ -2.407605964; -1.407605964; -0.4076059644 ]
        test "logsumexp of [1, 2, 3] is 3.407605964 and of [1000, 1000] is 1000 + ln 2" {
            // oracle: Python 3.11 math.log(sum(math.exp(v) for v in [1, 2, 3])) and 1000 + math.log(2)
            Expect.tensorValuesWithin
                Tolerance.oracle
                (Tensor.logsumexp 0 false (vec64 [ 1.0; 2.0; 3.0 ]))
                []
                [ 3.407605964 ]
                "small"

            Expect.tensorValuesWithin
                Tolerance.oracle
                (Tensor.logsumexp 0 false (vec64 [ 1000.0; 1000.0 ]))
                []
                [ 1000.693147 ]
                "large"

            Expect.tensorValues
                (Tensor.logsumexp 0 true (vec32 [ 1000.0; 1000.0 ]))
                [ 1 ]
                [ 1000.693147 ]
                "float32, keepDim"
        }
        test "softmax over axis 1 of a matrix normalises each row" {
            let y = Tensor.ofList2D [ [ 0.0; 0.0 ]; [ 0.0; 1000.0 ] ] |> Tensor.softmax 1
            Expect.tensorValues y [ 2; 2 ] [ 0.5; 0.5; 0.0; 1.0 ] "values" // oracle: by hand
        }
        for dtype in [ DType.Float32; DType.Float64 ] do
            test $"softmax rows with entries of ±1000 are finite and sum to 1 in {dtype}" {
                let y = Tensor.softmax 1 (extreme dtype)
                Expect.allFinite y "softmax"
                Expect.tensorValues (y.Sum 1) [ 3 ] [ 1.0; 1.0; 1.0 ] "row sums"
            }

            test $"logSoftmax and logsumexp of rows with entries of ±1000 are finite in {dtype}" {
                Expect.allFinite (Tensor.logSoftmax 1 (extreme dtype)) "logSoftmax"
                Expect.allFinite (Tensor.logsumexp 1 false (extreme dtype)) "logsumexp"

                Expect.allFinite
                    (Diff.grad (Tensor.logSoftmax 1 >> Tensor.sum) (extreme dtype))
                    "gradient of logSoftmax"
            }
        test "a NaN makes its softmax row NaN and leaves other rows alone" {
            let y = Tensor.ofList2D [ [ 1.0; nan ]; [ 0.0; 0.0 ] ] |> Tensor.softmax 1
            Expect.tensorValues y [ 2; 2 ] [ nan; nan; 0.5; 0.5 ] "values"
        }
        gradientAgreesFor "softmax" (tensorWithAxis Real) (fun axis x -> Tensor.softmax axis x)
        gradientAgreesFor "logSoftmax" (tensorWithAxis Real) (fun axis x -> Tensor.logSoftmax axis x)
        gradientAgreesFor "logsumexp" (tensorWithAxis Real) (fun axis x -> Tensor.logsumexp axis false x)
        gradientAgreesFor "logsumexp, keepDim" (tensorWithAxis Real) (fun axis x -> Tensor.logsumexp axis true x)
        secondOrderAgrees "softmax" (shapeAtLeast 1 |> FsCheck.FSharp.Gen.bind (tensorOf Real)) (Tensor.softmax -1)
        secondOrderAgrees "logSoftmax" (shapeAtLeast 1 |> FsCheck.FSharp.Gen.bind (tensorOf Real)) (Tensor.logSoftmax 0)
        secondOrderAgrees
            "logsumexp"
            (shapeAtLeast 1 |> FsCheck.FSharp.Gen.bind (tensorOf Real))
            (Tensor.logsumexp -1 false)
        test "softmax over axis 2 of a matrix throws ShapeMismatchException naming softmax and the axis" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> Tensor.softmax 2 (Tensor.zeros [ 2; 2 ]) |> ignore)
                [ "softmax"; "axis 2 for rank 2" ]
                "axis 2"
        }
        test "softmax of an int32 tensor throws DTypeMismatchException naming softmax" {
            Expect.throwsWith<DTypeMismatchException>
                (fun () -> Tensor.softmax 0 (Tensor.ofList [ 1; 2 ]) |> ignore)
                [ "softmax"; "int32" ]
                "int"
        }
    ]
