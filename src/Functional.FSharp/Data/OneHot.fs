// One-hot encoding of categorical columns of a Deedle frame, with the column names kept as pandas.get_dummies does.
namespace Functional

open System
open System.Collections
open System.Globalization
open Deedle

/// Checks on frame columns shared by the Data/ functions.
module internal FrameColumns =
    /// Throws unless the frame has a column of this name, listing the columns it has.
    let require (op: string) (frame: Frame<'R, string>) (column: string) =
        if isNull (box frame) then
            nullArg (nameof frame)

        if isNull (box column) || not (frame.ColumnKeys |> Seq.contains column) then
            let present = frame.ColumnKeys |> String.concat ", "

            raise (
                ArgumentException(
                    $"{op}: expected a column named '{column}', received columns [{present}]",
                    nameof column
                )
            )

/// Encodes categorical columns as indicator (dummy) columns.
[<RequireQualifiedAccess>]
module OneHot =

    let private op = "oneHot"

    /// An empty or missing cell is no category (pandas reads it as NaN): an error naming the column and row.
    let private missing (column: string) (key: 'R) : 'R * obj =
        raise (
            ArgumentException(
                $"{op}: expected a value in every row of column '{column}', received a missing value in row {key}",
                "frame"
            )
        )

    /// The values of a column as (row key, value), empty text and missing values an error.
    let private values (frame: Frame<'R, string>) (column: string) =
        FrameColumns.require op frame column
        let missing = missing column

        frame.GetColumn<obj>(column)
        |> Series.observationsAll
        |> Seq.map (fun (key, value) ->
            match value with
            | Some(:? string as s) when String.IsNullOrWhiteSpace s -> missing key
            | Some v when not (isNull (box v)) -> key, v
            | _ -> missing key)
        |> Seq.toArray

    let private text (value: obj) =
        Convert.ToString(value, CultureInfo.InvariantCulture)
        |> Option.ofObj
        |> Option.defaultValue ""

    /// Distinct values in sorted order: ordinal for text (as NumPy sorts strings), natural order for numbers.
    let private sortedDistinct (items: obj[]) =
        let distinct = items |> Array.distinct

        if distinct |> Array.forall (fun v -> v :? string) then
            distinct
            |> Array.sortWith (fun a b -> String.CompareOrdinal(string a, string b))
        else
            distinct |> Array.sortWith (fun a b -> Comparer.Default.Compare(a, b))

    /// <summary>The categories of <paramref name="column"/> in the order <c>encode</c> gives them columns: sorted, as
    /// text (invariant culture).</summary>
    /// <exception cref="T:System.ArgumentException">The frame has no such column, or it has a missing value.</exception>
    [<CompiledName("Categories")>]
    let categories (column: string) (frame: Frame<'R, string>) : string[] =
        values frame column |> Array.map snd |> sortedDistinct |> Array.map text

    /// <summary>Replaces each of <paramref name="columns"/> by one float column per category (1.0 where the row has
    /// it, else 0.0), named <c>column_category</c>; as pandas.get_dummies, every category gets a column (none is
    /// dropped), categories are sorted, and the new columns follow the untouched ones, in the order of
    /// <paramref name="columns"/>.</summary>
    /// <example><c>OneHot.encode [ "education"; "company_size" ] frame</c> adds education_high, …,
    /// education_university, company_size_large, ….</example>
    /// <exception cref="T:System.ArgumentException">A column is missing from the frame or named twice, or has a
    /// missing value.</exception>
    [<CompiledName("Encode")>]
    let encode (columns: string list) (frame: Frame<'R, string>) : Frame<'R, string> =
        if isNull (box frame) then
            nullArg (nameof frame)

        match columns |> List.countBy id |> List.tryFind (fun (_, n) -> n > 1) with
        | Some(column, _) ->
            raise (ArgumentException($"{op}: expected each column once, received '{column}' twice", nameof columns))
        | None -> ()

        let encoded =
            columns
            |> List.collect (fun column ->
                let rows = values frame column

                sortedDistinct (Array.map snd rows)
                |> Array.map (fun category ->
                    $"{column}_{text category}",
                    Series(
                        Array.map fst rows,
                        rows |> Array.map (fun (_, v) -> if v.Equals category then 1.0 else 0.0)
                    ))
                |> Array.toList)

        let kept = columns |> List.fold (fun f column -> Frame.dropCol column f) frame
        encoded |> List.fold (fun f (name, series) -> Frame.addCol name series f) kept
