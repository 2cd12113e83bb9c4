/// Printing (Tensor/Format.fs): NumPy-like values with dtype and shape, aligned columns, "..." when large.
module Functional.Tests.FormatTests

open Expecto
open Functional
open Functional.Core.Tensors
open Functional.Tests.Cases

// oracle for every expected string here: by hand, following NumPy's layout (aligned columns, one row per line)
[<Tests>]
let tests =
    testList "Tensor printing" [
        test "a float32 vector prints its values with 4 decimals, its dtype and its shape" {
            Expect.equal (string (vec32 [ 1.0; 2.5 ])) "tensor([1.0000, 2.5000], float32, shape 2)" "text"
        }
        test "a float64 vector prints 6 decimals and right-aligns its columns" {
            Expect.equal (string (vec64 [ -1.5; 2.0 ])) "tensor([-1.500000,  2.000000], float64, shape 2)" "text"
        }
        test "a matrix prints one row per line, aligned under the first" {
            let x = Tensor.ofArray2D (array2D [ [ 1.0f; 2.0f ]; [ 3.0f; 4.0f ] ])
            Expect.equal (string x) "tensor([[1.0000, 2.0000],\n        [3.0000, 4.0000]], float32, shape 2x2)" "text"
        }
        test "a rank-3 tensor separates its matrices by a blank line" {
            let x = Tensor.ofArrayShaped [ 2; 2; 2 ] [| 0..7 |]

            Expect.equal
                (string x)
                "tensor([[[0, 1],\n         [2, 3]],\n\n        [[4, 5],\n         [6, 7]]], int32, shape 2x2x2)"
                "text"
        }
        test "a scalar prints its value without brackets" {
            Expect.equal (string (Tensor.scalar 3.5)) "tensor(3.500000, float64, shape scalar)" "text"
        }
        test "integers print without decimals" {
            Expect.equal (string (Tensor.ofList [ 1; 20; 3 ])) "tensor([ 1, 20,  3], int32, shape 3)" "text"
        }
        test "NaN and infinities print as nan, inf and -inf" {
            Expect.equal
                (string (vec64 [ nan; infinity; -infinity ]))
                "tensor([ nan,  inf, -inf], float64, shape 3)"
                "text"
        }
        test "an empty tensor prints empty brackets" {
            Expect.equal (string (Tensor.zeros [ 0 ])) "tensor([], float32, shape 0)" "text"
        }
        test "a vector of 2000 elements prints its first and last three with ... between" {
            let text = string (Tensor.Arange(0.0, 2000.0, 1.0, DType.Float64))

            // The row passes 75 characters, so its last element wraps onto the next line.
            Expect.stringContains
                text
                "[   0.000000,    1.000000,    2.000000, ..., 1997.000000, 1998.000000,\n"
                "edges"

            Expect.stringContains text "1999.000000]" "last"

            Expect.stringContains text "shape 2000" "shape"
        }
        test "a 100x100 matrix prints six rows and a ... line" {
            let text = string (Tensor.zeros [ 100; 100 ])
            Expect.equal (text.Split('\n').Length) 7 $"lines of\n{text}"
            Expect.isLessThan text.Length 600 "length"
            Expect.stringContains text "shape 100x100" "shape"
        }
        test "a long row wraps at 75 characters, continuing under its first element" {
            let lines = (string (Tensor.Arange(0.0, 30.0, 1.0))).Split('\n')
            Expect.equal lines.Length 4 "30 float32 values make 4 lines"
            Expect.isTrue (lines |> Array.forall (fun l -> l.Length <= 7 + 75 + 30)) "each line is short"
            Expect.stringStarts lines[1] "         8.0000" "aligned under the first element"
        }
        test "only the shown values set the notation and width (a hidden tiny value does not)" {
            let values = Array.init 2000 (fun i -> if i = 1000 then 1e-5 else 0.5)
            Expect.stringStarts (string (Tensor.ofArray values)) "tensor([0.500000, 0.500000" "plain, narrow"
        }
        test "one notation for the whole tensor: a tiny value puts every value in exponent form" {
            Expect.stringContains (string (vec64 [ 0.5; 1e-5 ])) "[5.000000e-01, 1.000000e-05]" "both exponent"
        }
        test "FSI's %A shows a tensor as its text, not a dump of its properties" {
            let x = vec64 [ 1.0; 2.0 ]
            Expect.equal (sprintf "%A" x) (string x) "%A"
        }
        test "tiny and huge values switch to exponent notation" {
            let text = string (vec64 [ 1e-7; 1e9 ])
            Expect.stringContains text "1.000000e-07" "tiny"
            Expect.stringContains text "1.000000e+09" "huge"
        }
    ]
