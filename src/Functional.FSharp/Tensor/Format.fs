/// NumPy-like text for tensor values: nested brackets, aligned columns, "..." past a size limit.
module internal Functional.Format

open System
open System.Text
open Functional.Core.Tensors

/// Tensors with more elements than this print only their edges.
let summaryThreshold = 1000

/// Elements shown at each edge of a summarised axis.
let edgeItems = 3

let private valuesAsDoubles (raw: RawTensor) : double[] =
    let backend = raw.Backend

    let asF64 =
        if raw.DType = DType.Float64 then
            raw
        else
            backend.Cast(raw, DType.Float64)

    backend.ToHostArray(asF64) :?> double[]

/// Rows wider than this many characters wrap, as NumPy's linewidth of 75.
let lineWidth = 75

/// Scientific notation for the whole tensor when any shown finite value is huge or tiny (as NumPy), so one column
/// never mixes 0.500000 with 1.000000e-05.
let private needsExponent (shown: double seq) =
    shown
    |> Seq.exists (fun v -> Double.IsFinite v && v <> 0.0 && (abs v >= 1e8 || abs v < 1e-4))

let private formatNumber (isFloat: bool) (exponent: bool) (digits: int) (v: double) =
    if Double.IsNaN v then
        "nan"
    elif Double.IsPositiveInfinity v then
        "inf"
    elif Double.IsNegativeInfinity v then
        "-inf"
    elif not isFloat then
        string (int64 v)
    elif exponent then
        // Two-digit exponents at least, as NumPy prints them (1.000000e-07, not .NET's e-007).
        v.ToString("0." + String('0', digits) + "e+00", Globalization.CultureInfo.InvariantCulture)
    else
        v.ToString($"F{digits}", Globalization.CultureInfo.InvariantCulture)

/// The indices of one axis to print: all of them, or the first and last <c>edgeItems</c> (−1 marks the "...").
let private shownIndices (summarise: bool) (n: int) =
    if summarise && n > 2 * edgeItems then
        [ yield! [ 0 .. edgeItems - 1 ]; yield -1; yield! [ n - edgeItems .. n - 1 ] ]
    else
        [ 0 .. n - 1 ]

/// Formats values of a tensor as nested lists: <c>[[1.0000, 2.0000], [3.0000, 4.0000]]</c>. Only the values shown
/// decide the notation and the column width; a row longer than <c>lineWidth</c> wraps under its first element.
let values (raw: RawTensor) : string =
    let data = valuesAsDoubles raw
    let dims = raw.Shape.ToArray()
    let strides = raw.Shape.ContiguousStrides()
    let summarise = raw.NumElements > summaryThreshold
    let isFloat = raw.DType.IsFloatingPoint()
    let digits = if raw.DType = DType.Float64 then 6 else 4

    // The offsets of the elements that will be printed, in order.
    let rec shown axis offset : int seq =
        if axis = dims.Length then
            Seq.singleton offset
        else
            shownIndices summarise dims[axis]
            |> Seq.filter (fun i -> i >= 0)
            |> Seq.collect (fun i -> shown (axis + 1) (offset + i * strides[axis]))

    let offsets =
        if raw.NumElements = 0 then
            [||]
        else
            Seq.toArray (shown 0 0)

    let exponent = isFloat && needsExponent (offsets |> Seq.map (fun o -> data[o]))

    let cell (o: int) =
        formatNumber isFloat exponent digits data[o]

    let width =
        if offsets.Length = 0 then
            0
        else
            offsets |> Array.map (cell >> String.length) |> Array.max

    let sb = StringBuilder()

    let rec go axis offset indent =
        if axis = dims.Length then
            sb.Append((cell offset).PadLeft width) |> ignore
        else
            sb.Append('[') |> ignore
            let idx = shownIndices summarise dims[axis]
            let mutable lineStart = sb.Length - indent - 1

            idx
            |> List.iteri (fun k i ->
                if k > 0 then
                    if axis = dims.Length - 1 then
                        sb.Append(',') |> ignore
                        // Wrap before an element that would pass the line width.
                        if sb.Length - lineStart + 1 + width > lineWidth then
                            sb.Append('\n').Append(' ', indent + 1) |> ignore
                            lineStart <- sb.Length - indent - 1
                        else
                            sb.Append(' ') |> ignore
                    else
                        sb.Append(',').Append('\n', dims.Length - axis - 1).Append(' ', indent + 1)
                        |> ignore

                if i < 0 then
                    sb.Append("...") |> ignore
                else
                    go (axis + 1) (offset + i * strides[axis]) (indent + 1))

            sb.Append(']') |> ignore

    go 0 0 0
    sb.ToString()

/// The full display: <c>tensor([...], float32, shape 2x2)</c>, with continuation lines indented.
let tensor (raw: RawTensor) : string =
    let prefix = "tensor("
    let body = (values raw).Replace("\n ", "\n" + String(' ', prefix.Length + 1))

    let device =
        if raw.Device = Device.Cpu then
            String.Empty
        else
            ", " + string raw.Device

    $"{prefix}{body}, {raw.DType.Name()}, shape {raw.Shape}{device})"
