// Input checks and array helpers shared by the classic estimators of Classic/ (MLE, Bayes, SVM, PCA, k-means, kNN):
// tensors in, row-major float64 arrays out, every check naming the op, what it expected and what it received.
namespace Functional

open System
open Functional.Core.Tensors

/// A row-major float64 matrix taken out of a tensor: the working form of the classic algorithms.
type internal Rows = {
    /// The values, row after row.
    Data: float[]
    /// Number of rows (samples).
    Count: int
    /// Number of columns (features).
    Width: int
} with

    /// Row i as a span.
    member r.Row(i: int) =
        ReadOnlySpan<float>(r.Data, i * r.Width, r.Width)

/// Checks at the public boundary of the classic estimators, and the distance computation they share.
module internal ClassicInput =

    let private argumentError (op: string) (name: string) (expected: string) (received: string) : 'a =
        raise (ArgumentException($"{op}: expected {expected}, received {received}", name))

    let private finite (op: string) (name: string) (values: float[]) (width: int) =
        match Array.tryFindIndex (Double.IsFinite >> not) values with
        | Some k when width > 0 ->
            argumentError op name $"finite values in {name}" $"{values[k]} at row {k / width}, column {k % width}"
        | Some k -> argumentError op name $"finite values in {name}" $"{values[k]} at index {k}"
        | None -> ()

    /// Throws ArgumentNullException when t is null.
    let notNull (name: string) (t: 'T) =
        if isNull (box t) then
            nullArg name

    /// <summary>A non-empty [n, d] matrix of finite floats (float32 or float64; computed in float64).</summary>
    let matrix (op: string) (name: string) (x: Tensor) : Rows =
        notNull name x

        if x.Rank <> 2 then
            ShapeRules.Fail(op, $"{name} of shape [n, d]", $"{name} {x.Shape}")

        if not (x.DType.IsFloatingPoint()) then
            raise (DTypeMismatchException(op, $"{name} of float32 or float64", $"{name} of {x.DType.Name()}"))

        let n, d = x.Dims[0], x.Dims[1]

        if n = 0 || d = 0 then
            argumentError op name $"{name} with at least one row and one column" $"{name} {x.Shape}"

        let data = x.ToFloatArray()
        finite op name data d
        { Data = data; Count = n; Width = d }

    /// <summary>Like <c>matrix</c>, and with exactly <paramref name="width"/> columns (the fitted data's).</summary>
    let matrixOfWidth (op: string) (name: string) (width: int) (x: Tensor) : Rows =
        notNull name x

        if x.Rank = 2 && x.Dims[1] <> width then
            ShapeRules.Fail(op, $"{name} with {width} columns, as in the fitted data", $"{name} {x.Shape}")

        matrix op name x

    /// <summary>A vector of n finite values (any numeric dtype, read as float64): shape [n] (or [n, 1]).</summary>
    let vector (op: string) (name: string) (n: int) (y: Tensor) : float[] =
        notNull name y

        let ok =
            (y.Rank = 1 && y.Dims[0] = n) || (y.Rank = 2 && y.Dims[0] = n && y.Dims[1] = 1)

        if not ok then
            ShapeRules.Fail(op, $"{name} of shape [{n}], one value per row of x", $"{name} {y.Shape}")

        let values = y.ToFloatArray()
        finite op name values 0
        values

    /// <summary>Class labels: a vector of n integer values (int or float tensor). Returns the labels and the sorted
    /// distinct values (the classes).</summary>
    let labels (op: string) (name: string) (n: int) (y: Tensor) : float[] * float[] =
        let values = vector op name n y

        match Array.tryFindIndex (fun (v: float) -> v <> Math.Round v) values with
        | Some i -> argumentError op name $"integer class labels in {name}" $"{values[i]} at index {i}"
        | None -> ()

        values, (Array.distinct values |> Array.sort)

    /// Class index of each label (its position among the sorted classes).
    let classIndices (classes: float[]) (values: float[]) =
        values |> Array.map (fun v -> Array.BinarySearch(classes, v))

    /// <summary>A label tensor of the given dtype holding the given class values.</summary>
    let labelTensor (dtype: DType) (values: float[]) : Tensor =
        let t = Tensor.FromArray(values, [ values.Length ])
        if dtype = DType.Float64 then t else t.Cast dtype

    /// <summary>A positive setting: finite and > 0.</summary>
    let positive (op: string) (name: string) (value: float) =
        if not (Double.IsFinite value) || value <= 0.0 then
            argumentError op "settings" $"a finite {name} > 0" $"{value}"

    /// <summary>An integer setting at least <paramref name="least"/>.</summary>
    let atLeast (op: string) (name: string) (least: int) (value: int) =
        if value < least then
            argumentError op "settings" $"{name} >= {least}" $"{value}"

    /// A float64 [rows, cols] tensor over a row-major array (copied).
    let tensor (rows: int) (cols: int) (data: float[]) : Tensor = Tensor.FromArray(data, [ rows; cols ])

    /// A float64 vector (copied).
    let tensorVector (data: float[]) : Tensor = Tensor.FromArray(data, [ data.Length ])

    /// Squared Euclidean norm of each row.
    let rowNorms (r: Rows) : float[] =
        Array.init r.Count (fun i ->
            let row = r.Row i
            System.Numerics.Tensors.TensorPrimitives.Dot(row, row))

    /// A float64 [rows, cols] tensor over a row-major array, not copied: the array must not change afterwards.
    let wrap (rows: int) (cols: int) (data: float[]) : Tensor =
        Tensor.OfRaw(RawTensor.FromArray(data, Shape [| rows; cols |]))

    /// <summary>The float64 values of a tensor as a row-major array: the tensor's own storage when it is contiguous
    /// from its start (a fresh GEMM result is), else a copy. Callers only read it.</summary>
    let values (t: Tensor) : float[] =
        match t.Raw.Storage with
        | :? CpuStorage<float> as storage when t.Raw.IsContiguous && t.Raw.Offset = 0 && storage.Length = t.NumElements ->
            storage.Data
        | _ -> t.ToFloatArray()

    /// <summary>Products a · bᵀ of every row of a with every row of b, [a.Count, b.Count] row-major, by our GEMM.</summary>
    let dots (a: Rows) (b: Rows) : float[] =
        let ta = wrap a.Count a.Width a.Data
        let tb = wrap b.Count b.Width b.Data
        Tensor.MatMul(ta, tb.Transpose()).ToFloatArray()

    /// <summary>Squared Euclidean distances ‖a‖² + ‖b‖² − 2 a · b between every row of a and every row of b,
    /// [a.Count, b.Count] row-major; the products come from one GEMM; rounding below zero is clamped to 0.</summary>
    let squaredDistances (a: Rows) (aNorms: float[]) (b: Rows) (bNorms: float[]) : float[] =
        let d = dots a b
        let m = b.Count

        for i in 0 .. a.Count - 1 do
            for j in 0 .. m - 1 do
                let k = i * m + j
                d[k] <- max 0.0 (aNorms[i] + bNorms[j] - 2.0 * d[k])

        d

    /// Rows first .. first + count − 1 of r.
    let slice (r: Rows) (first: int) (count: int) : Rows = {
        Data = Array.sub r.Data (first * r.Width) (count * r.Width)
        Count = count
        Width = r.Width
    }

    /// The rows of r at the given indices.
    let pick (r: Rows) (indices: int[]) : Rows =
        let data = Array.zeroCreate (indices.Length * r.Width)

        indices
        |> Array.iteri (fun k i -> Array.blit r.Data (i * r.Width) data (k * r.Width) r.Width)

        {
            Data = data
            Count = indices.Length
            Width = r.Width
        }
