/// One-hot encoding of frame columns (Data/OneHot.fs): pandas.get_dummies' names, order and values, and bad input.
module Functional.Tests.OneHotTests

open System
open Deedle
open Expecto
open Functional

let private frame =
    Csv.parse
        "age,education,size,salary\n22,middle,large,1\n27,university,small,2\n32,high,large,3\n37,middle,middle,4\n"

let private tests' =
    testList "OneHot" [
        test "encode keeps the other columns and appends column_category for every category, sorted, as get_dummies" {
            let encoded = OneHot.encode [ "education"; "size" ] frame
            // oracle: pandas.get_dummies(df) puts the dummies after the untouched columns, categories sorted.
            Expect.sequenceEqual
                encoded.ColumnKeys
                [
                    "age"
                    "salary"
                    "education_high"
                    "education_middle"
                    "education_university"
                    "size_large"
                    "size_middle"
                    "size_small"
                ]
                "columns"

            Expect.sequenceEqual (encoded.GetColumn<float> "education_middle").Values [ 1.0; 0.0; 0.0; 1.0 ] "middle"
            Expect.sequenceEqual (encoded.GetColumn<float> "size_large").Values [ 1.0; 0.0; 1.0; 0.0 ] "large"
        }
        test "each row has exactly one 1 among a column's indicators" {
            let encoded = OneHot.encode [ "education" ] frame

            let sums =
                [ "education_high"; "education_middle"; "education_university" ]
                |> List.map (fun c -> (encoded.GetColumn<float> c).Values |> Seq.toArray)
                |> List.reduce (Array.map2 (+))

            Expect.sequenceEqual sums [| 1.0; 1.0; 1.0; 1.0 |] "one-hot"
        }
        test "categories lists a column's values sorted; numbers sort by value" {
            Expect.sequenceEqual (OneHot.categories "education" frame) [| "high"; "middle"; "university" |] "text"
            let numbers = Csv.parse "k\n10\n9\n10\n"
            Expect.sequenceEqual (OneHot.categories "k" numbers) [| "9"; "10" |] "numbers"
        }
        test "a missing column throws ArgumentException naming oneHot, the column and the columns present" {
            Expect.throwsWith<ArgumentException>
                (fun () -> OneHot.encode [ "colour" ] frame |> ignore)
                [ "oneHot"; "'colour'"; "age, education, size, salary" ]
                "missing"
        }
        test "a missing value throws ArgumentException naming oneHot and the row" {
            let gappy = Csv.parse "c,v\na,1\n,2\n"

            Expect.throwsWith<ArgumentException>
                (fun () -> OneHot.encode [ "c" ] gappy |> ignore)
                [ "oneHot"; "column 'c'"; "row 1" ]
                "gap"
        }
        test "a column named twice throws ArgumentException naming oneHot" {
            Expect.throwsWith<ArgumentException>
                (fun () -> OneHot.encode [ "size"; "size" ] frame |> ignore)
                [ "oneHot"; "'size' twice" ]
                "twice"
        }
    ]

[<Tests>]
let tests = tests'
