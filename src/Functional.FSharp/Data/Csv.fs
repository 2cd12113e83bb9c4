// Reading CSV files into Deedle data frames, with errors that say what was wrong with the file.
namespace Functional

open System
open System.IO
open System.Text
open Deedle

/// Loads CSV text (a header row, then one row per record) into a Deedle frame with rows keyed 0, 1, 2, … and columns
/// keyed by the header. Column types are inferred from every row (int, decimal, float, string, …); numbers parse with
/// the invariant culture; empty cells and NA, NaN, #N/A, :, -, TBA, TBD are missing values.
[<RequireQualifiedAccess>]
module Csv =

    let private parseWith (source: string) (read: unit -> Frame<int, string>) =
        try
            read ()
        with
        | :? IOException -> reraise ()
        | e ->
            raise (
                InvalidDataException(
                    $"csv: expected a header row and then rows with one value per column, received {source} ({e.Message})",
                    e
                )
            )

    /// <summary>Reads the CSV file at <paramref name="path"/> into a frame.</summary>
    /// <example><c>Csv.read "salary.csv" |> Frame.filterRowValues (fun row -> row.GetAs&lt;int&gt; "age" &lt; 55)</c></example>
    /// <exception cref="T:System.ArgumentException">path is empty.</exception>
    /// <exception cref="T:System.IO.FileNotFoundException">There is no file at path.</exception>
    /// <exception cref="T:System.IO.InvalidDataException">The file has no header row, or a row with the wrong number of
    /// values.</exception>
    [<CompiledName("Read")>]
    let read (path: string) : Frame<int, string> =
        if String.IsNullOrWhiteSpace path then
            raise (ArgumentException($"csv: expected a file path, received \"{path}\"", nameof path))

        if not (File.Exists path) then
            raise (FileNotFoundException($"csv: expected an existing file, received {path}", path))

        parseWith $"the file {path}" (fun () ->
            Frame.ReadCsv(path, hasHeaders = true, inferTypes = true, inferRows = 0))

    /// <summary>Parses CSV <paramref name="text"/> (header row first) into a frame.</summary>
    /// <example><c>Csv.parse "x,y\n1,2\n3,4"</c> has columns x and y and two rows.</example>
    /// <exception cref="T:System.ArgumentNullException">text is null.</exception>
    /// <exception cref="T:System.IO.InvalidDataException">The text has no header row, or a row with the wrong number of
    /// values.</exception>
    [<CompiledName("Parse")>]
    let parse (text: string) : Frame<int, string> =
        if isNull (box text) then
            nullArg (nameof text)

        parseWith "the text" (fun () ->
            use stream = new MemoryStream(Encoding.UTF8.GetBytes text)
            Frame.ReadCsv(stream, hasHeaders = true, inferTypes = true, inferRows = 0))
