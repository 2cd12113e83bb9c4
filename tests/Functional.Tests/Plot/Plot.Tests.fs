/// PNG figures (Plot/Plot.fs): each chart writes a real PNG, atomically, with no temp file left behind.
module Functional.Tests.PlotTests

open System
open System.IO
open Expecto
open Functional

/// The eight bytes every PNG starts with (PNG spec §5.2).
let private pngSignature = [| 0x89uy; 0x50uy; 0x4Euy; 0x47uy; 0x0Duy; 0x0Auy; 0x1Auy; 0x0Auy |]

/// Runs f in a fresh empty folder, deleted afterwards.
let private inTempFolder (f: string -> unit) =
    let folder =
        Path.Combine(Path.GetTempPath(), $"functional-plot-tests-{Guid.NewGuid():N}")

    Directory.CreateDirectory folder |> ignore

    try
        f folder
    finally
        Directory.Delete(folder, true)

/// The file at path is a PNG and the only file in its folder.
let private isLonePng (path: string) =
    let bytes = File.ReadAllBytes path
    Expect.isGreaterThan bytes.Length pngSignature.Length "the file has content"
    Expect.equal bytes[.. pngSignature.Length - 1] pngSignature "the file starts with the PNG signature"

    let files =
        path
        |> Path.GetDirectoryName
        |> nonNull
        |> Directory.GetFiles
        |> Array.map Path.GetFileName

    Expect.equal files [| Path.GetFileName path |] "the folder holds the PNG and no temp file"

let private xs = [| 0.0; 1.0; 2.0; 3.0 |]
let private ys = [| 1.0; 0.5; 2.0; 1.5 |]

let private charts =
    testList "charts" [
        test "lineChart writes a PNG, returns its full path and leaves no temp file" {
            inTempFolder (fun folder ->
                let written =
                    Plot.lineChart { Plot.defaults with Title = "a line" } xs ys (Path.Combine(folder, "line.png"))

                Expect.equal written (Path.Combine(folder, "line.png")) "returned path"
                isLonePng written)
        }
        test "scatterWithLine writes a PNG and leaves no temp file" {
            inTempFolder (fun folder ->
                Plot.scatterWithLine
                    Plot.defaults
                    xs
                    ys
                    [| 0.0; 3.0 |]
                    [| 0.8; 1.7 |]
                    (Path.Combine(folder, "fit.png"))
                |> isLonePng)
        }
        test "learningCurve writes a PNG and leaves no temp file" {
            inTempFolder (fun folder ->
                Plot.learningCurve
                    {
                        Plot.defaults with
                            XLabel = "iteration"
                            YLabel = "loss"
                    }
                    [| 4.0; 2.0; 1.0; 0.5 |]
                    (Path.Combine(folder, "curve.png"))
                |> isLonePng)
        }
        test "save writes a plot drawn on Plot.create, with the figure's title, and leaves no temp file" {
            inTempFolder (fun folder ->
                use plot = Plot.create ()
                plot.Add.Scatter(xs, ys) |> ignore

                Plot.save { Plot.defaults with Title = "custom" } (Path.Combine(folder, "custom.png")) plot
                |> isLonePng

                Expect.equal plot.Axes.Title.Label.Text "custom" "title set on the plot")
        }
        test "saving over an existing file replaces it with the new PNG" {
            inTempFolder (fun folder ->
                let path = Path.Combine(folder, "old.png")
                File.WriteAllText(path, "not a png")
                Plot.lineChart Plot.defaults xs ys path |> isLonePng)
        }
        test "a missing folder is created" {
            inTempFolder (fun folder ->
                Plot.lineChart Plot.defaults xs ys (Path.Combine(folder, "a", "b", "line.png"))
                |> isLonePng)
        }
        test "the PNG has the figure's width and height (IHDR)" {
            inTempFolder (fun folder ->
                let path =
                    Plot.lineChart
                        {
                            Plot.defaults with
                                Width = 321
                                Height = 123
                        }
                        xs
                        ys
                        (Path.Combine(folder, "size.png"))

                let bytes = File.ReadAllBytes path
                // PNG spec §11.2.2: width and height are big-endian uint32 at offsets 16 and 20.
                let bigEndian (offset: int) =
                    Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(ReadOnlySpan(bytes, offset, 4))

                Expect.equal (bigEndian 16, bigEndian 20) (321, 123) "width, height")
        }
    ]

let private badInput =
    testList "bad input" [
        test "xs and ys of different lengths throw ArgumentException naming lineChart and both lengths" {
            Expect.throwsWith<ArgumentException>
                (fun () -> Plot.lineChart Plot.defaults xs [| 1.0 |] "unused.png" |> ignore)
                [ "lineChart"; "4 and 1" ]
                "lengths"
        }
        test "NaN in the data throws ArgumentException naming scatterWithLine and the position" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    Plot.scatterWithLine Plot.defaults xs [| 1.0; nan; 2.0; 3.0 |] [||] [||] "unused.png"
                    |> ignore)
                [ "scatterWithLine"; "NaN"; "index 1" ]
                "NaN"
        }
        test "a zero width throws ArgumentException naming learningCurve, and nothing is written" {
            inTempFolder (fun folder ->
                let path = Path.Combine(folder, "zero.png")

                Expect.throwsWith<ArgumentException>
                    (fun () -> Plot.learningCurve { Plot.defaults with Width = 0 } [| 1.0 |] path |> ignore)
                    [ "learningCurve"; "0x500" ]
                    "size"

                Expect.isEmpty (Directory.GetFiles folder) "no file")
        }
    ]

[<Tests>]
let tests = testList "Plot" [ charts; badInput ]
