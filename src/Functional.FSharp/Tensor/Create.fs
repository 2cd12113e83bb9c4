[<AutoOpen>]
module Functional.TensorCreate

open System
open Functional.Core.Tensors

/// Converts F# shape arguments to a validated Shape.
let internal shapeOf (dims: int seq) = Shape(Seq.toArray dims)

type Tensor with
    /// <summary>A tensor holding a copy of <paramref name="data"/> (float32[], float[], int[] or int64[]) in
    /// <paramref name="dims"/>; the dtype follows the array's element type.</summary>
    /// <exception cref="ArgumentException">The element count differs from the shape's, or the element type is unsupported.</exception>
    static member FromArray(data: Array, dims: int seq) : Tensor =
        if isNull (box data) then nullArg (nameof data)
        Tensor.OfRaw(Backends.Cpu.FromHostArray(data, shapeOf dims))

    /// <summary>A vector holding a copy of <paramref name="data"/>.</summary>
    static member FromArray(data: Array) : Tensor =
        if isNull (box data) then nullArg (nameof data)
        if data.Rank = 2 then
            let rows, cols = data.GetLength 0, data.GetLength 1
            let flat = Array.CreateInstance(nonNull (data.GetType().GetElementType()), rows * cols)
            let mutable k = 0
            for i in 0 .. rows - 1 do
                for j in 0 .. cols - 1 do
                    flat.SetValue(data.GetValue(i, j), k)
                    k <- k + 1
            Tensor.FromArray(flat, [ rows; cols ])
        else
            Tensor.FromArray(data, [ data.Length ])

    /// <summary>A scalar (rank 0) of the given dtype.</summary>
    static member Scalar(value: float, dtype: DType) : Tensor = Tensor.OfRaw(Backends.Cpu.Full(Shape.Scalar, dtype, value))

    /// <summary>Every element equal to <paramref name="value"/>; float32 unless <paramref name="dtype"/> says otherwise.</summary>
    static member Full(dims: int seq, value: float, ?dtype: DType) : Tensor =
        Tensor.OfRaw(Backends.Cpu.Full(shapeOf dims, defaultArg dtype DType.Float32, value))

    /// <summary>Zeros; float32 unless <paramref name="dtype"/> says otherwise.</summary>
    static member Zeros(dims: int seq, ?dtype: DType) : Tensor = Tensor.Full(dims, 0.0, defaultArg dtype DType.Float32)

    /// <summary>Ones; float32 unless <paramref name="dtype"/> says otherwise.</summary>
    static member Ones(dims: int seq, ?dtype: DType) : Tensor = Tensor.Full(dims, 1.0, defaultArg dtype DType.Float32)

    /// <summary>start, start + step, … below stop (NumPy's arange); float32 unless told otherwise.</summary>
    /// <exception cref="ArgumentException">step is 0 or not finite.</exception>
    static member Arange(start: float, stop: float, step: float, ?dtype: DType) : Tensor =
        if step = 0.0 || not (Double.IsFinite step) then
            raise (ArgumentException($"arange: expected a finite non-zero step, received {step}", nameof step))
        let n = max 0 (int (ceil ((stop - start) / step)))
        Tensor.OfRaw(Backends.Cpu.Cast(Backends.Cpu.FromHostArray(Array.init n (fun i -> start + float i * step), Shape [| n |]), defaultArg dtype DType.Float32))

    /// <summary><paramref name="count"/> evenly spaced values from start to stop inclusive; float32 unless told otherwise.</summary>
    static member Linspace(start: float, stop: float, count: int, ?dtype: DType) : Tensor =
        if count < 0 then raise (ArgumentException($"linspace: expected count >= 0, received {count}", nameof count))
        let values =
            Array.init count (fun i -> if count = 1 then start else start + (stop - start) * float i / float (count - 1))
        Tensor.OfRaw(Backends.Cpu.Cast(Backends.Cpu.FromHostArray(values, Shape [| count |]), defaultArg dtype DType.Float32))

    /// <summary>The n×n identity matrix; float32 unless told otherwise.</summary>
    static member Eye(n: int, ?dtype: DType) : Tensor =
        if n < 0 then raise (ArgumentException($"eye: expected n >= 0, received {n}", nameof n))
        let values = Array.init (n * n) (fun k -> if k / n = k % n then 1.0 else 0.0)
        Tensor.OfRaw(Backends.Cpu.Cast(Backends.Cpu.FromHostArray(values, Shape [| n; n |]), defaultArg dtype DType.Float32))

    /// <summary>Uniform samples in [0, 1) drawn from <paramref name="rng"/>; float32 unless told otherwise.</summary>
    static member Rand(rng: Random, dims: int seq, ?dtype: DType) : Tensor =
        if isNull (box rng) then nullArg (nameof rng)
        let shape = shapeOf dims
        let values = Array.init shape.NumElements (fun _ -> rng.NextDouble())
        Tensor.OfRaw(Backends.Cpu.Cast(Backends.Cpu.FromHostArray(values, shape), defaultArg dtype DType.Float32))

    /// <summary>Standard normal samples drawn from <paramref name="rng"/> (Box–Muller); float32 unless told otherwise.</summary>
    static member Randn(rng: Random, dims: int seq, ?dtype: DType) : Tensor =
        if isNull (box rng) then nullArg (nameof rng)
        let shape = shapeOf dims
        let values = Array.init shape.NumElements (fun _ -> MathNet.Numerics.Distributions.Normal.Sample(rng, 0.0, 1.0))
        Tensor.OfRaw(Backends.Cpu.Cast(Backends.Cpu.FromHostArray(values, shape), defaultArg dtype DType.Float32))

    /// <summary>Uniform integers in [low, high) as int64, drawn from <paramref name="rng"/>.</summary>
    static member RandInt(rng: Random, low: int64, high: int64, dims: int seq) : Tensor =
        if isNull (box rng) then nullArg (nameof rng)
        if high <= low then raise (ArgumentException($"randint: expected low < high, received {low}, {high}", nameof high))
        let shape = shapeOf dims
        Tensor.OfRaw(Backends.Cpu.FromHostArray(Array.init shape.NumElements (fun _ -> rng.NextInt64(low, high)), shape))

    /// <summary>Zeros of this tensor's shape, dtype and device.</summary>
    member x.ZerosLike() : Tensor = Tensor.OfRaw(x.Raw.Backend.Full(x.Shape, x.DType, 0.0))

    /// <summary>Ones of this tensor's shape, dtype and device.</summary>
    member x.OnesLike() : Tensor = Tensor.OfRaw(x.Raw.Backend.Full(x.Shape, x.DType, 1.0))

    /// <summary>A copy of the values, row-major, as float64.</summary>
    member x.ToFloatArray() : float[] =
        let raw = if x.DType = DType.Float64 then x.Raw else x.Raw.Backend.Cast(x.Raw, DType.Float64)
        raw.Backend.ToHostArray(raw) :?> float[]

    /// <summary>A copy of the values, row-major, in an array of the tensor's own element type.</summary>
    member x.ToArray() : Array = x.Raw.Backend.ToHostArray(x.Raw)

    /// <summary>The value of a one-element tensor as float64.</summary>
    /// <exception cref="ShapeMismatchException">The tensor has more or fewer than one element.</exception>
    member x.ToScalar() : float =
        if x.NumElements <> 1 then ShapeRules.Fail("toScalar", "a tensor with one element", $"shape {x.Shape}")
        x.ToFloatArray()[0]
