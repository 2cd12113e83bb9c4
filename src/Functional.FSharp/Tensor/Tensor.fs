// The differentiable tensor: a RawTensor value plus, while recording, a node on the tape. Arithmetic
// operators live here because F# resolves operators only through intrinsic members; other ops are in Ops/.
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
        try f () finally GradMode.disabledDepth <- saved

/// One recorded operation: its inputs and the rule mapping the output's gradient to theirs.
[<Sealed; AllowNullLiteral>]
type internal Node(op: string, parents: Tensor[], backward: Tensor -> Tensor[]) =
    static let mutable lastId = 0L
    let id = Interlocked.Increment(&lastId)
    member _.Id = id
    member _.Op = op
    member _.Parents = parents
    member _.Backward = backward

/// <summary>An N-dimensional array of float32, float64, int32 or int64 that records the operations applied to
/// it while differentiating, so that <c>Diff.grad</c> can run them backwards.</summary>
/// <remarks>Tensors are immutable values. Operators broadcast by NumPy rules; mixing dtypes is an error.</remarks>
and [<Sealed>] Tensor internal (raw: RawTensor, node: Node) =

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
    member t.Detach() = if isNull node then t else Tensor(raw, null)

    /// <summary>NumPy-like display of the values, dtype and shape.</summary>
    override _.ToString() = Format.tensor raw

    /// Wraps a raw value as a constant tensor.
    static member OfRaw(raw: RawTensor) =
        if isNull (box raw) then nullArg (nameof raw)
        Tensor(raw, null)

    /// A new tape leaf holding x's value: what derivatives are taken with respect to.
    static member internal Leaf(x: Tensor) = Tensor(x.Raw, Node("input", [||], fun _ -> [||]))

    /// <summary>Records an op: the result is tracked when recording is on and any parent is tracked.
    /// <c>backward dy</c> returns one gradient per parent, each of that parent's shape.</summary>
    static member internal Record(op: string, value: RawTensor, parents: Tensor[], backward: Tensor -> Tensor[]) =
        if GradMode.IsRecording && parents |> Array.exists (fun p -> p.IsTracked) then
            Tensor(value, Node(op, parents, backward))
        else
            Tensor(value, null)

    /// <summary>Records an op whose reverse rule needs its own output y (sigmoid, tanh, softmax, ...): y is the
    /// tracked result itself, so the rule stays differentiable for nested derivatives.</summary>
    static member internal RecordWithOutput(op: string, value: RawTensor, parents: Tensor[], backward: Tensor -> Tensor -> Tensor[]) =
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

    /// <summary>Sums a broadcast value back down to <paramref name="shape"/>: the reverse of broadcasting.</summary>
    /// <remarks>Reverse: dx = expand dy to x's shape.</remarks>
    static member SumTo(x: Tensor, shape: Shape) : Tensor =
        if x.Shape = shape then x
        else
            let input = x.Shape
            Tensor.Record("sumTo", x.Raw.Backend.SumTo(x.Raw, shape), [| x |], fun dy -> [| Tensor.Expand(dy, input) |])

    /// <summary>Broadcasts <paramref name="x"/> to <paramref name="shape"/> (a view, no copy).</summary>
    /// <remarks>Reverse: dx = sumTo dy x's shape.</remarks>
    static member Expand(x: Tensor, shape: Shape) : Tensor =
        if x.Shape = shape then x
        else
            let input = x.Shape
            Tensor.Record("expand", x.Raw.Backend.Expand(x.Raw, shape), [| x |], fun dy -> [| Tensor.SumTo(dy, input) |])

    /// <summary>Element-wise a + b, broadcast.</summary>
    /// <remarks>Reverse: da = sumTo dy, db = sumTo dy.</remarks>
    static member (+)(a: Tensor, b: Tensor) : Tensor =
        let backend = Tensor.BackendOf("add", a, b)
        Tensor.Record("add", backend.Binary(BinaryOp.Add, a.Raw, b.Raw), [| a; b |], fun dy ->
            [| Tensor.SumTo(dy, a.Shape); Tensor.SumTo(dy, b.Shape) |])

    /// <summary>Element-wise a − b, broadcast.</summary>
    /// <remarks>Reverse: da = sumTo dy, db = −sumTo dy.</remarks>
    static member (-)(a: Tensor, b: Tensor) : Tensor =
        let backend = Tensor.BackendOf("sub", a, b)
        Tensor.Record("sub", backend.Binary(BinaryOp.Sub, a.Raw, b.Raw), [| a; b |], fun dy ->
            [| Tensor.SumTo(dy, a.Shape); -Tensor.SumTo(dy, b.Shape) |])

    /// <summary>Element-wise a · b, broadcast.</summary>
    /// <remarks>Reverse: da = sumTo (dy · b), db = sumTo (dy · a).</remarks>
    static member (*)(a: Tensor, b: Tensor) : Tensor =
        let backend = Tensor.BackendOf("mul", a, b)
        Tensor.Record("mul", backend.Binary(BinaryOp.Mul, a.Raw, b.Raw), [| a; b |], fun dy ->
            [| Tensor.SumTo(dy * b, a.Shape); Tensor.SumTo(dy * a, b.Shape) |])

    /// <summary>Element-wise a / b, broadcast. Division by zero gives ±inf or NaN, as IEEE says.</summary>
    /// <remarks>Reverse: da = sumTo (dy / b), db = −sumTo (dy · a / b²).</remarks>
    static member (/)(a: Tensor, b: Tensor) : Tensor =
        let backend = Tensor.BackendOf("div", a, b)
        Tensor.Record("div", backend.Binary(BinaryOp.Div, a.Raw, b.Raw), [| a; b |], fun dy ->
            [| Tensor.SumTo(dy / b, a.Shape); -Tensor.SumTo(dy * a / (b * b), b.Shape) |])

    /// <summary>Element-wise −x.</summary>
    /// <remarks>Reverse: dx = −dy.</remarks>
    static member (~-)(x: Tensor) : Tensor =
        Tensor.Record("neg", x.Raw.Backend.Unary(UnaryOp.Neg, x.Raw), [| x |], fun dy -> [| -dy |])

    /// <summary>Element-wise xˢ for a constant exponent s.</summary>
    /// <remarks>Reverse: dx = dy · s · xˢ⁻¹, and 0 for s = 0 (x⁰ is constant; 0 · 0⁻¹ would be NaN at x = 0, which
    /// the (n+1)-th derivative of xⁿ reaches).</remarks>
    static member Pow(x: Tensor, s: float) : Tensor =
        Tensor.Record("pow", x.Raw.Backend.Scalar(ScalarOp.Pow, x.Raw, s), [| x |], fun dy ->
            if s = 0.0 then [| dy * 0.0 |] else [| dy * s * Tensor.Pow(x, s - 1.0) |])

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
