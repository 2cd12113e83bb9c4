// The differentiable tensor: a RawTensor value plus, while recording, a node on the tape. Creation and arithmetic
// live here because F# operators and C# callers see only intrinsic members; every other op is in Ops/.
namespace Functional

open System
open System.Threading
open Functional.Core.Tensors

/// Whether operations are recorded for reverse-mode differentiation on this thread.
type internal GradMode =
    [<ThreadStatic; DefaultValue>]
    static val mutable private disabledDepth: int

    /// True unless inside a <c>noGrad</c> scope.
    static member IsRecording = GradMode.disabledDepth = 0

    /// Runs <paramref name="f"/> with recording switched off (or back on, when <c>record</c>).
    static member Run(record: bool, f: unit -> 'T) : 'T =
        let saved = GradMode.disabledDepth
        GradMode.disabledDepth <- (if record then 0 else saved + 1)

        try
            f ()
        finally
            GradMode.disabledDepth <- saved

/// One recorded operation: its inputs and the rule mapping the output's gradient to theirs. The rule is told
/// which inputs need a gradient, so it can skip work for constants (e.g. one side of a matmul).
[<Sealed; AllowNullLiteral>]
/// The mutable fields are the reverse pass's scratch space, stamped with the pass that wrote them, so a pass needs no
/// hash sets or dictionaries (they dominated small graphs). One graph is walked by one reverse pass at a time.
type internal Node(op: string, parents: Tensor[], backward: Tensor -> bool[] -> Tensor[]) =
    static let mutable lastId = 0L
    let id = Interlocked.Increment(&lastId)
    member _.Id = id
    member _.Op = op
    member _.Parents = parents
    member _.Backward = backward

    /// The reverse pass that last visited this node.
    [<DefaultValue>]
    val mutable Visit: int64

    /// The reverse pass that has this node among its targets.
    [<DefaultValue>]
    val mutable TargetOf: int64

    /// In the pass that last visited it: whether a target is this node or among its ancestors.
    [<DefaultValue>]
    val mutable Relevant: bool

    /// In the pass running now: the gradient accumulated so far (null when none).
    [<DefaultValue(false)>]
    val mutable Grad: Tensor

/// <summary>An N-dimensional array of float32, float64, int32 or int64 that records the operations applied to
/// it while differentiating, so that <c>Diff.grad</c> can run them backwards.</summary>
/// <remarks>Tensors are immutable values. Operators broadcast by NumPy rules; mixing dtypes is an error.</remarks>
and [<Sealed; StructuredFormatDisplay("{Display}")>] Tensor internal (raw: RawTensor, node: Node) =

    /// The underlying value, without autodiff.
    member _.Raw = raw
    member internal _.Node = node
    /// The shape.
    member _.Shape = raw.Shape
    /// The dimensions as an array.
    member _.Dims = raw.Shape.ToArray()
    /// Number of dimensions.
    member _.Rank = raw.Shape.Rank
    /// Number of elements.
    member _.NumElements = raw.NumElements
    /// The element type.
    member _.DType = raw.DType
    /// The device holding the values.
    member _.Device = raw.Device
    /// True when this tensor is being traced for differentiation.
    member _.IsTracked = not (isNull node)

    /// The same values cut off from differentiation (a constant).
    member t.Detach() =
        if isNull node then t else Tensor(raw, null)

    /// <summary>NumPy-like display of the values, dtype and shape.</summary>
    override _.ToString() = Format.tensor raw

    /// The NumPy-like text FSI shows for this tensor (the same as ToString), instead of a dump of its properties.
    member _.Display = Format.tensor raw

    /// Wraps a raw value as a constant tensor.
    static member OfRaw(raw: RawTensor) =
        if isNull (box raw) then
            nullArg (nameof raw)

        Tensor(raw, null)

    /// A new tape leaf holding x's value: what derivatives are taken with respect to.
    static member internal Leaf(x: Tensor) =
        Tensor(x.Raw, Node("input", [||], (fun _ _ -> [||])))

    /// <summary>Records an op: the result is tracked when recording is on and any parent is tracked.
    /// <c>backward dy</c> returns one gradient per parent, each of that parent's shape.</summary>
    static member internal Record(op: string, value: RawTensor, parents: Tensor[], backward: Tensor -> Tensor[]) =
        Tensor.Track(op, value, parents, (fun dy _ -> backward dy))

    /// <summary>Records an op with one reverse rule per parent; only the rules of parents that need a gradient run.</summary>
    static member internal RecordEach(op: string, value: RawTensor, parents: Tensor[], rules: (Tensor -> Tensor)[]) =
        Tensor.Track(
            op,
            value,
            parents,
            fun dy needs ->
                rules
                |> Array.mapi (fun i rule -> if needs[i] then rule dy else Unchecked.defaultof<Tensor>)
        )

    static member private Track
        (op: string, value: RawTensor, parents: Tensor[], backward: Tensor -> bool[] -> Tensor[])
        =
        if GradMode.IsRecording && parents |> Array.exists (fun p -> p.IsTracked) then
            Tensor(value, Node(op, parents, backward))
        else
            Tensor(value, null)

    /// <summary>Records an op whose reverse rule needs its own output y (sigmoid, tanh, softmax, ...): y is the
    /// tracked result itself, so the rule stays differentiable for nested derivatives.</summary>
    static member internal RecordWithOutput
        (op: string, value: RawTensor, parents: Tensor[], backward: Tensor -> Tensor -> Tensor[])
        =
        let output = ref Unchecked.defaultof<Tensor>
        output.Value <- Tensor.Record(op, value, parents, fun dy -> backward output.Value dy)
        output.Value

    /// <summary>The backend shared by all operands.</summary>
    /// <exception cref="DeviceMismatchException">Operands live on different devices.</exception>
    static member internal BackendOf(op: string, a: Tensor, b: Tensor) =
        if a.Device <> b.Device then
            raise (DeviceMismatchException(op, "operands on one device", $"a on {a.Device}, b on {b.Device}"))

        a.Raw.Backend

    /// A constant scalar of <paramref name="like"/>'s dtype and device.
    static member internal ScalarLike(value: float, like: Tensor) =
        Tensor(like.Raw.Backend.Full(Shape.Scalar, like.DType, value), null)

    /// Converts F# shape arguments to a validated Shape.
    static member private ShapeOf(dims: int seq) = Shape(Seq.toArray dims)

    /// <summary>A tensor holding a copy of <paramref name="data"/> (float32[], float[], int[] or int64[]) in
    /// <paramref name="dims"/>; the dtype follows the array's element type.</summary>
    /// <exception cref="ArgumentException">The element count differs from the shape's, or the element type is unsupported.</exception>
    static member FromArray(data: Array, dims: int seq) : Tensor =
        if isNull (box data) then
            nullArg (nameof data)

        Tensor.OfRaw(Backends.Cpu.FromHostArray(data, Tensor.ShapeOf dims))

    /// <summary>A vector holding a copy of <paramref name="data"/>.</summary>
    static member FromArray(data: Array) : Tensor =
        if isNull (box data) then
            nullArg (nameof data)

        if data.Rank = 2 then
            let rows, cols = data.GetLength 0, data.GetLength 1

            let flat =
                Array.CreateInstance(nonNull (data.GetType().GetElementType()), rows * cols)

            let mutable k = 0

            for i in 0 .. rows - 1 do
                for j in 0 .. cols - 1 do
                    flat.SetValue(data.GetValue(i, j), k)
                    k <- k + 1

            Tensor.FromArray(flat, [ rows; cols ])
        else
            Tensor.FromArray(data, [ data.Length ])

    /// <summary>A scalar (rank 0) of the given dtype.</summary>
    static member Scalar(value: float, dtype: DType) : Tensor =
        Tensor.OfRaw(Backends.Cpu.Full(Shape.Scalar, dtype, value))

    /// <summary>Every element equal to <paramref name="value"/> (float32).</summary>
    static member Full(dims: int seq, value: float) : Tensor = Tensor.Full(dims, value, DType.Float32)

    /// <summary>Every element equal to <paramref name="value"/>, in <paramref name="dtype"/>.</summary>
    static member Full(dims: int seq, value: float, dtype: DType) : Tensor =
        Tensor.OfRaw(Backends.Cpu.Full(Tensor.ShapeOf dims, dtype, value))

    /// <summary>Zeros (float32).</summary>
    static member Zeros(dims: int seq) : Tensor = Tensor.Zeros(dims, DType.Float32)

    /// <summary>Zeros, in <paramref name="dtype"/>.</summary>
    static member Zeros(dims: int seq, dtype: DType) : Tensor = Tensor.Full(dims, 0.0, dtype)

    /// <summary>Ones (float32).</summary>
    static member Ones(dims: int seq) : Tensor = Tensor.Ones(dims, DType.Float32)

    /// <summary>Ones, in <paramref name="dtype"/>.</summary>
    static member Ones(dims: int seq, dtype: DType) : Tensor = Tensor.Full(dims, 1.0, dtype)

    /// <summary>start, start + step, … below stop (NumPy's arange) (float32).</summary>
    /// <exception cref="ArgumentException">step is 0 or not finite.</exception>
    static member Arange(start: float, stop: float, step: float) : Tensor =
        Tensor.Arange(start, stop, step, DType.Float32)

    /// <summary>start, start + step, … below stop (NumPy's arange), in <paramref name="dtype"/>.</summary>
    /// <exception cref="ArgumentException">step is 0 or not finite.</exception>
    static member Arange(start: float, stop: float, step: float, dtype: DType) : Tensor =
        if step = 0.0 || not (Double.IsFinite step) then
            raise (ArgumentException($"arange: expected a finite non-zero step, received {step}", nameof step))

        let n = max 0 (int (ceil ((stop - start) / step)))

        Tensor.OfRaw(
            Backends.Cpu.Cast(
                Backends.Cpu.FromHostArray(Array.init n (fun i -> start + float i * step), Shape [| n |]),
                dtype
            )
        )

    /// <summary><paramref name="count"/> evenly spaced values from start to stop inclusive (float32).</summary>
    static member Linspace(start: float, stop: float, count: int) : Tensor =
        Tensor.Linspace(start, stop, count, DType.Float32)

    /// <summary><paramref name="count"/> evenly spaced values from start to stop inclusive, in <paramref name="dtype"/>.</summary>
    static member Linspace(start: float, stop: float, count: int, dtype: DType) : Tensor =
        if count < 0 then
            raise (ArgumentException($"linspace: expected count >= 0, received {count}", nameof count))

        let values =
            Array.init count (fun i ->
                if count = 1 then
                    start
                else
                    start + (stop - start) * float i / float (count - 1))

        Tensor.OfRaw(Backends.Cpu.Cast(Backends.Cpu.FromHostArray(values, Shape [| count |]), dtype))

    /// <summary>The n×n identity matrix (float32).</summary>
    static member Eye(n: int) : Tensor = Tensor.Eye(n, DType.Float32)

    /// <summary>The n×n identity matrix, in <paramref name="dtype"/>.</summary>
    static member Eye(n: int, dtype: DType) : Tensor =
        if n < 0 then
            raise (ArgumentException($"eye: expected n >= 0, received {n}", nameof n))

        let values = Array.init (n * n) (fun k -> if k / n = k % n then 1.0 else 0.0)
        Tensor.OfRaw(Backends.Cpu.Cast(Backends.Cpu.FromHostArray(values, Shape [| n; n |]), dtype))

    /// <summary>Uniform samples in [0, 1) drawn from <paramref name="rng"/> (float32).</summary>
    static member Rand(rng: Random, dims: int seq) : Tensor = Tensor.Rand(rng, dims, DType.Float32)

    /// <summary>Uniform samples in [0, 1) drawn from <paramref name="rng"/>, in <paramref name="dtype"/>.</summary>
    static member Rand(rng: Random, dims: int seq, dtype: DType) : Tensor =
        if isNull (box rng) then
            nullArg (nameof rng)

        let shape = Tensor.ShapeOf dims
        let values = Array.init shape.NumElements (fun _ -> rng.NextDouble())
        Tensor.OfRaw(Backends.Cpu.Cast(Backends.Cpu.FromHostArray(values, shape), dtype))

    /// <summary>Standard normal samples drawn from <paramref name="rng"/> (MathNet.Numerics's normal sampler) (float32).</summary>
    static member Randn(rng: Random, dims: int seq) : Tensor = Tensor.Randn(rng, dims, DType.Float32)

    /// <summary>Standard normal samples drawn from <paramref name="rng"/> (MathNet.Numerics's normal sampler), in <paramref name="dtype"/>.</summary>
    static member Randn(rng: Random, dims: int seq, dtype: DType) : Tensor =
        if isNull (box rng) then
            nullArg (nameof rng)

        let shape = Tensor.ShapeOf dims

        let values =
            Array.init shape.NumElements (fun _ -> MathNet.Numerics.Distributions.Normal.Sample(rng, 0.0, 1.0))

        Tensor.OfRaw(Backends.Cpu.Cast(Backends.Cpu.FromHostArray(values, shape), dtype))

    /// <summary>Uniform integers in [low, high) as int64, drawn from <paramref name="rng"/>.</summary>
    static member RandInt(rng: Random, low: int64, high: int64, dims: int seq) : Tensor =
        if isNull (box rng) then
            nullArg (nameof rng)

        if high <= low then
            raise (ArgumentException($"randint: expected low < high, received {low}, {high}", nameof high))

        let shape = Tensor.ShapeOf dims

        Tensor.OfRaw(
            Backends.Cpu.FromHostArray(Array.init shape.NumElements (fun _ -> rng.NextInt64(low, high)), shape)
        )

    /// <summary>Zeros of this tensor's shape, dtype and device.</summary>
    member x.ZerosLike() : Tensor =
        Tensor.OfRaw(x.Raw.Backend.Full(x.Shape, x.DType, 0.0))

    /// <summary>Ones of this tensor's shape, dtype and device.</summary>
    member x.OnesLike() : Tensor =
        Tensor.OfRaw(x.Raw.Backend.Full(x.Shape, x.DType, 1.0))

    /// <summary>A copy of the values, row-major, as float64.</summary>
    member x.ToFloatArray() : float[] =
        let raw =
            if x.DType = DType.Float64 then
                x.Raw
            else
                x.Raw.Backend.Cast(x.Raw, DType.Float64)

        raw.Backend.ToHostArray(raw) :?> float[]

    /// <summary>A copy of the values, row-major, in an array of the tensor's own element type.</summary>
    member x.ToArray() : Array = x.Raw.Backend.ToHostArray(x.Raw)

    /// <summary>The value of a one-element tensor as float64.</summary>
    /// <exception cref="ShapeMismatchException">The tensor has more or fewer than one element.</exception>
    member x.ToScalar() : float =
        if x.NumElements <> 1 then
            ShapeRules.Fail("toScalar", "a tensor with one element", $"shape {x.Shape}")

        x.ToFloatArray()[0]

    /// <summary>Sums a broadcast value back down to <paramref name="shape"/>: the reverse of broadcasting.</summary>
    /// <remarks>Reverse: dx = expand dy to x's shape.</remarks>
    static member SumTo(x: Tensor, shape: Shape) : Tensor =
        if x.Shape = shape then
            x
        else
            let input = x.Shape
            Tensor.Record("sumTo", x.Raw.Backend.SumTo(x.Raw, shape), [| x |], fun dy -> [| Tensor.Expand(dy, input) |])

    /// <summary>Broadcasts <paramref name="x"/> to <paramref name="shape"/> (a view, no copy).</summary>
    /// <remarks>Reverse: dx = sumTo dy x's shape.</remarks>
    static member Expand(x: Tensor, shape: Shape) : Tensor =
        if x.Shape = shape then
            x
        else
            let input = x.Shape

            Tensor.Record(
                "expand",
                x.Raw.Backend.Expand(x.Raw, shape),
                [| x |],
                fun dy -> [| Tensor.SumTo(dy, input) |]
            )

    /// <summary>Element-wise a + b, broadcast.</summary>
    /// <remarks>Reverse: da = sumTo dy, db = sumTo dy.</remarks>
    static member (+)(a: Tensor, b: Tensor) : Tensor =
        let backend = Tensor.BackendOf("add", a, b)

        Tensor.RecordEach(
            "add",
            backend.Binary(BinaryOp.Add, a.Raw, b.Raw),
            [| a; b |],
            [|
                (fun dy -> Tensor.SumTo(dy, a.Shape))
                (fun dy -> Tensor.SumTo(dy, b.Shape))
            |]
        )

    /// <summary>Element-wise a − b, broadcast.</summary>
    /// <remarks>Reverse: da = sumTo dy, db = −sumTo dy.</remarks>
    static member (-)(a: Tensor, b: Tensor) : Tensor =
        let backend = Tensor.BackendOf("sub", a, b)

        Tensor.RecordEach(
            "sub",
            backend.Binary(BinaryOp.Sub, a.Raw, b.Raw),
            [| a; b |],
            [|
                (fun dy -> Tensor.SumTo(dy, a.Shape))
                (fun dy -> -Tensor.SumTo(dy, b.Shape))
            |]
        )

    /// <summary>Element-wise a · b, broadcast.</summary>
    /// <remarks>Reverse: da = sumTo (dy · b), db = sumTo (dy · a).</remarks>
    static member (*)(a: Tensor, b: Tensor) : Tensor =
        let backend = Tensor.BackendOf("mul", a, b)

        Tensor.RecordEach(
            "mul",
            backend.Binary(BinaryOp.Mul, a.Raw, b.Raw),
            [| a; b |],
            [|
                (fun dy -> Tensor.SumTo(dy * b, a.Shape))
                (fun dy -> Tensor.SumTo(dy * a, b.Shape))
            |]
        )

    /// <summary>Element-wise a / b, broadcast. Division by zero gives ±inf or NaN, as IEEE says.</summary>
    /// <remarks>Reverse: da = sumTo (dy / b), db = −sumTo (dy · a / b²).</remarks>
    static member (/)(a: Tensor, b: Tensor) : Tensor =
        let backend = Tensor.BackendOf("div", a, b)

        Tensor.RecordEach(
            "div",
            backend.Binary(BinaryOp.Div, a.Raw, b.Raw),
            [| a; b |],
            [|
                (fun dy -> Tensor.SumTo(dy / b, a.Shape))
                (fun dy -> -Tensor.SumTo(dy * a / (b * b), b.Shape))
            |]
        )

    /// <summary>Element-wise −x.</summary>
    /// <remarks>Reverse: dx = −dy.</remarks>
    static member (~-)(x: Tensor) : Tensor =
        Tensor.Record("neg", x.Raw.Backend.Unary(UnaryOp.Neg, x.Raw), [| x |], fun dy -> [| -dy |])

    /// <summary>Element-wise xˢ for a constant exponent s.</summary>
    /// <remarks>Reverse: dx = dy · s · xˢ⁻¹, and 0 for s = 0 (x⁰ is constant; 0 · 0⁻¹ would be NaN at x = 0, which
    /// the (n+1)-th derivative of xⁿ reaches).</remarks>
    static member Pow(x: Tensor, s: float) : Tensor =
        Tensor.Record(
            "pow",
            x.Raw.Backend.Scalar(ScalarOp.Pow, x.Raw, s),
            [| x |],
            fun dy ->
                if s = 0.0 then
                    [| dy * 0.0 |]
                else
                    [| dy * s * Tensor.Pow(x, s - 1.0) |]
        )

    /// <summary>Element-wise a + s.</summary>
    static member (+)(a: Tensor, s: float) = a + Tensor.ScalarLike(s, a)
    /// <summary>Element-wise s + a.</summary>
    static member (+)(s: float, a: Tensor) = Tensor.ScalarLike(s, a) + a
    /// <summary>Element-wise a − s.</summary>
    static member (-)(a: Tensor, s: float) = a - Tensor.ScalarLike(s, a)
    /// <summary>Element-wise s − a.</summary>
    static member (-)(s: float, a: Tensor) = Tensor.ScalarLike(s, a) - a
    /// <summary>Element-wise a · s.</summary>
    static member (*)(a: Tensor, s: float) = a * Tensor.ScalarLike(s, a)
    /// <summary>Element-wise s · a.</summary>
    static member (*)(s: float, a: Tensor) = Tensor.ScalarLike(s, a) * a
    /// <summary>Element-wise a / s.</summary>
    static member (/)(a: Tensor, s: float) = a / Tensor.ScalarLike(s, a)
    /// <summary>Element-wise s / a.</summary>
    static member (/)(s: float, a: Tensor) = Tensor.ScalarLike(s, a) / a
