// Numeric frame columns as a float64 design matrix (a Tensor) with the column names kept beside it.
namespace Functional

open System
open Deedle
open Functional.Core.Tensors

/// <summary>A float64 matrix X [m, n] taken from a frame, with the name of each column.</summary>
type DesignMatrix = {
    /// X, float64 [m, n]: one row per frame row, in frame order.
    X: Tensor
    /// The frame column behind each column of X.
    Columns: string[]
}

/// Turns numeric columns of a Deedle frame into tensors.
[<RequireQualifiedAccess>]
module DesignMatrix =

    /// The values of one numeric column as float64, missing values and text columns an error.
    let private numeric (op: string) (frame: Frame<'R, string>) (column: string) : float[] =
        FrameColumns.require op frame column

        let columnType =
            Seq.zip frame.ColumnKeys frame.ColumnTypes
            |> Seq.find (fun (k, _) -> k = column)
            |> snd

        if columnType = typeof<string> || columnType = typeof<DateTime> then
            raise (
                ArgumentException(
                    $"{op}: expected a numeric column '{column}', received values of type {columnType.Name} (one-hot encode categories first)",
                    nameof column
                )
            )

        let series =
            try
                frame.GetColumn<float> column
            with
            | :? FormatException
            | :? InvalidCastException ->
                raise (
                    ArgumentException(
                        $"{op}: expected a numeric column '{column}', received values that do not convert to float",
                        nameof column
                    )
                )

        series
        |> Series.observationsAll
        |> Seq.map (fun (key, value) ->
            match value with
            | Some v -> v
            | None ->
                raise (
                    ArgumentException(
                        $"{op}: expected a value in every row of column '{column}', received a missing value in row {key}",
                        nameof frame
                    )
                ))
        |> Seq.toArray

    /// <summary>The columns <paramref name="columns"/> of <paramref name="frame"/>, in that order, as a float64 matrix
    /// [m, n] with their names.</summary>
    /// <example><c>DesignMatrix.ofFrame [ "age"; "education_high" ] frame</c></example>
    /// <exception cref="T:System.ArgumentException">No columns are named; a column is missing, not numeric, or has a
    /// missing value.</exception>
    [<CompiledName("OfFrame")>]
    let ofFrame (columns: string list) (frame: Frame<'R, string>) : DesignMatrix =
        if isNull (box frame) then
            nullArg (nameof frame)

        if List.isEmpty columns then
            raise (ArgumentException("designMatrix: expected at least one column, received none", nameof columns))

        let values = columns |> List.map (numeric "designMatrix" frame) |> List.toArray
        let m, n = frame.RowCount, values.Length

        {
            X = Tensor.ofArrayShaped [ m; n ] (Array.init (m * n) (fun k -> values[k % n][k / n]))
            Columns = List.toArray columns
        }

    /// <summary>Every column of <paramref name="frame"/> except <paramref name="excluded"/> (such as the target), in
    /// frame order, as a float64 matrix with their names.</summary>
    /// <example><c>DesignMatrix.ofFrameExcept [ "salary" ] (OneHot.encode [ "education"; "company_size" ] frame)</c></example>
    /// <exception cref="T:System.ArgumentException">An excluded column is missing; no column is left; a column is not
    /// numeric or has a missing value.</exception>
    [<CompiledName("OfFrameExcept")>]
    let ofFrameExcept (excluded: string list) (frame: Frame<'R, string>) : DesignMatrix =
        excluded |> List.iter (FrameColumns.require "designMatrix" frame)

        let kept =
            frame.ColumnKeys
            |> Seq.filter (fun c -> not (List.contains c excluded))
            |> Seq.toList

        ofFrame kept frame

    /// <summary>One numeric column as a float64 vector [m] (a target y, say).</summary>
    /// <exception cref="T:System.ArgumentException">The column is missing, not numeric, or has a missing value.</exception>
    [<CompiledName("Column")>]
    let column (name: string) (frame: Frame<'R, string>) : Tensor =
        numeric "designMatrix" frame name |> Tensor.ofArray
