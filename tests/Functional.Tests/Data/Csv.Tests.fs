/// Reading CSV into Deedle frames (Data/Csv.fs): inferred columns, and clear errors for missing or malformed files.
module Functional.Tests.CsvTests

open System
open System.IO
open Deedle
open Expecto
open Functional

let private tests' =
    testList "Csv" [
        test "parse reads the header as column keys, rows keyed 0, 1, … with inferred types" {
            let frame = Csv.parse "age,education,salary\n22,middle,207.8\n27,high,225.6\n"
            Expect.sequenceEqual frame.ColumnKeys [ "age"; "education"; "salary" ] "columns"
            Expect.sequenceEqual frame.RowKeys [ 0; 1 ] "rows"
            Expect.equal (frame.GetColumn<int> "age").[1] 27 "age"
            Expect.equal (frame.GetColumn<string> "education").[0] "middle" "education"
            Expect.floatClose Accuracy.veryHigh (frame.GetColumn<float> "salary").[1] 225.6 "salary"
        }
        test "read loads a file" {
            let path =
                Path.Combine(Path.GetTempPath(), $"functional-csv-{Guid.NewGuid():N}.csv")

            try
                File.WriteAllText(path, "x,y\n1,2\n3,4\n")
                let frame = Csv.read path
                Expect.equal frame.RowCount 2 "rows"
                Expect.equal (frame.GetColumn<float> "y").[1] 4.0 "y"
            finally
                File.Delete path
        }
        test "a missing file throws FileNotFoundException naming csv and the path" {
            Expect.throwsWith<FileNotFoundException>
                (fun () -> Csv.read "/no/such/file.csv" |> ignore)
                [ "csv"; "an existing file"; "/no/such/file.csv" ]
                "missing"
        }
        test "a row with too few values throws InvalidDataException naming csv" {
            Expect.throwsWith<InvalidDataException>
                (fun () -> Csv.parse "a,b\n1,2\n3\n" |> ignore)
                [ "csv"; "one value per column"; "Expected 2 columns, got 1" ]
                "short row"
        }
        test "empty text throws InvalidDataException naming csv (no header row)" {
            Expect.throwsWith<InvalidDataException> (fun () -> Csv.parse "" |> ignore) [ "csv"; "header" ] "empty"
        }
        test "an empty path throws ArgumentException naming csv" {
            Expect.throwsWith<ArgumentException> (fun () -> Csv.read " " |> ignore) [ "csv"; "a file path" ] "path"
        }
    ]

[<Tests>]
let tests = tests'
