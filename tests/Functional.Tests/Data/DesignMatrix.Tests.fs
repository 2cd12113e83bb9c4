/// Frame columns as a float64 design matrix (Data/DesignMatrix.fs): values, names, order, and bad input.
module Functional.Tests.DesignMatrixTests

open System
open Expecto
open Functional
open Functional.Core.Tensors

let private frame = Csv.parse "a,b,label,y\n1,2.5,x,10\n3,4.5,z,20\n"

let private tests' =
    testList "DesignMatrix" [
        test "ofFrame takes the named columns in that order as float64 [m, n]" {
            let d = DesignMatrix.ofFrame [ "b"; "a" ] frame
            Expect.equal d.X.DType DType.Float64 "dtype"
            Expect.tensorValuesWithin Tolerance.tight d.X [ 2; 2 ] [ 2.5; 1.0; 4.5; 3.0 ] "values"
            Expect.sequenceEqual d.Columns [| "b"; "a" |] "names"
        }
        test "ofFrameExcept keeps every other column in frame order; column gives the target" {
            let d = DesignMatrix.ofFrameExcept [ "y"; "label" ] frame
            Expect.sequenceEqual d.Columns [| "a"; "b" |] "names"
            Expect.tensorValuesWithin Tolerance.tight (DesignMatrix.column "y" frame) [ 2 ] [ 10.0; 20.0 ] "y"
        }
        test "a text column throws ArgumentException naming designMatrix and suggesting one-hot encoding" {
            Expect.throwsWith<ArgumentException>
                (fun () -> DesignMatrix.ofFrame [ "label" ] frame |> ignore)
                [ "designMatrix"; "numeric column 'label'"; "String"; "one-hot" ]
                "text"
        }
        test "a missing column throws ArgumentException naming designMatrix and the columns present" {
            Expect.throwsWith<ArgumentException>
                (fun () -> DesignMatrix.column "salary" frame |> ignore)
                [ "designMatrix"; "'salary'"; "a, b, label, y" ]
                "missing"
        }
        test "a missing value throws ArgumentException naming designMatrix and the row" {
            Expect.throwsWith<ArgumentException>
                (fun () -> DesignMatrix.column "v" (Csv.parse "v,w\n1,1\nNA,2\n3,3\n") |> ignore)
                [ "designMatrix"; "column 'v'"; "row 1" ]
                "gap"
        }
        test "no columns throws ArgumentException naming designMatrix" {
            Expect.throwsWith<ArgumentException>
                (fun () -> DesignMatrix.ofFrame [] frame |> ignore)
                [ "designMatrix"; "at least one column" ]
                "none"
        }
    ]

[<Tests>]
let tests = tests'
