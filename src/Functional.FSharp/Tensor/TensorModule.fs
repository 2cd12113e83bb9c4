/// Curried, data-last functions over tensors, for pipelines: <c>x |> Tensor.reshape [2; 3] |> Tensor.sum</c>.
/// Each forwards to a member documented on <see cref="T:Functional.Tensor"/>.
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module Functional.Tensor

open System
open Functional.Core.Tensors

// ---- creation ----
/// A tensor from an array of float32, float, int or int64 (1-D or 2-D); the dtype follows the element type.
[<CompiledName("OfArray")>]
let ofArray (data: 'T[]) : Tensor = Tensor.FromArray(data :> Array)

/// A matrix from a 2-D array; the dtype follows the element type.
[<CompiledName("OfArray2D")>]
let ofArray2D (data: 'T[,]) : Tensor = Tensor.FromArray(data :> Array)

/// A tensor of the given shape from a flat, row-major array.
[<CompiledName("OfArrayShaped")>]
let ofArrayShaped (dims: int seq) (data: 'T[]) : Tensor = Tensor.FromArray(data :> Array, dims)

/// A vector from a list.
[<CompiledName("OfList")>]
let ofList (data: 'T list) : Tensor = ofArray (List.toArray data)

/// A matrix from a list of equally long rows.
[<CompiledName("OfList2D")>]
let ofList2D (rows: 'T list list) : Tensor =
    let lengths = rows |> List.map List.length |> List.distinct

    if lengths.Length > 1 then
        raise (ArgumentException($"ofList2D: expected rows of one length, received lengths {lengths}", nameof rows))

    Tensor.FromArray(
        rows |> List.concat |> List.toArray :> Array,
        [ rows.Length; (if rows.IsEmpty then 0 else lengths.Head) ]
    )

/// A vector from a sequence.
[<CompiledName("OfSeq")>]
let ofSeq (data: 'T seq) : Tensor = ofArray (Seq.toArray data)

/// A float64 scalar.
[<CompiledName("Scalar")>]
let scalar (value: float) : Tensor = Tensor.Scalar(value, DType.Float64)

/// float32 zeros.
[<CompiledName("Zeros")>]
let zeros (dims: int seq) : Tensor = Tensor.Zeros dims

/// float32 ones.
[<CompiledName("Ones")>]
let ones (dims: int seq) : Tensor = Tensor.Ones dims

/// float32 tensor with every element equal to value.
[<CompiledName("Full")>]
let full (dims: int seq) (value: float) : Tensor = Tensor.Full(dims, value)

/// Zeros of x's shape and dtype.
[<CompiledName("ZerosLike")>]
let zerosLike (x: Tensor) = x.ZerosLike()

/// Ones of x's shape and dtype.
[<CompiledName("OnesLike")>]
let onesLike (x: Tensor) = x.OnesLike()

/// float32 values start, start + step, … below stop.
[<CompiledName("Arange")>]
let arange (start: float) (stop: float) (step: float) : Tensor = Tensor.Arange(start, stop, step)

/// count float32 values evenly spaced from start to stop inclusive.
[<CompiledName("Linspace")>]
let linspace (start: float) (stop: float) (count: int) : Tensor = Tensor.Linspace(start, stop, count)

/// The n×n float32 identity.
[<CompiledName("Eye")>]
let eye (n: int) : Tensor = Tensor.Eye n

/// float32 uniform samples in [0, 1) from rng.
[<CompiledName("Rand")>]
let rand (rng: Random) (dims: int seq) : Tensor = Tensor.Rand(rng, dims)

/// float32 standard normal samples from rng.
[<CompiledName("Randn")>]
let randn (rng: Random) (dims: int seq) : Tensor = Tensor.Randn(rng, dims)

/// int64 uniform integers in [low, high) from rng.
[<CompiledName("RandInt")>]
let randint (rng: Random) (low: int64) (high: int64) (dims: int seq) : Tensor = Tensor.RandInt(rng, low, high, dims)

// ---- conversion ----
/// Converts to dtype.
[<CompiledName("Cast")>]
let cast (dtype: DType) (x: Tensor) = x.Cast dtype

/// Converts to float32.
[<CompiledName("ToFloat32")>]
let toFloat32 (x: Tensor) = x.Cast DType.Float32

/// Converts to float64.
[<CompiledName("ToFloat64")>]
let toFloat64 (x: Tensor) = x.Cast DType.Float64

/// The values as a float64 array, row-major.
[<CompiledName("ToFloatArray")>]
let toArray (x: Tensor) = x.ToFloatArray()

/// The value of a one-element tensor.
[<CompiledName("ToScalar")>]
let toScalar (x: Tensor) = x.ToScalar()

/// The shape's dimensions.
[<CompiledName("ShapeOf")>]
let shape (x: Tensor) = x.Dims

/// The same values, cut off from differentiation.
[<CompiledName("Detach")>]
let detach (x: Tensor) = x.Detach()

// ---- element-wise ----
/// a + b.
[<CompiledName("Add")>]
let add (a: Tensor) (b: Tensor) = a + b

/// a − b.
[<CompiledName("Sub")>]
let sub (a: Tensor) (b: Tensor) = a - b

/// a · b.
[<CompiledName("Mul")>]
let mul (a: Tensor) (b: Tensor) = a * b

/// a / b.
[<CompiledName("Div")>]
let div (a: Tensor) (b: Tensor) = a / b

/// −x.
[<CompiledName("Neg")>]
let neg (x: Tensor) = -x

/// aᵇ element-wise.
[<CompiledName("Pow")>]
let pow (a: Tensor) (b: Tensor) = Tensor.PowT(a, b)

/// xˢ for a constant s.
[<CompiledName("PowScalar")>]
let powScalar (s: float) (x: Tensor) = Tensor.Pow(x, s)

/// eˣ.
[<CompiledName("Exp")>]
let exp (x: Tensor) = x.Exp()

/// ln x.
[<CompiledName("Log")>]
let log (x: Tensor) = x.Log()

/// √x.
[<CompiledName("Sqrt")>]
let sqrt (x: Tensor) = x.Sqrt()

/// |x|.
[<CompiledName("Abs")>]
let abs (x: Tensor) = x.Abs()

/// sign x.
[<CompiledName("Sign")>]
let sign (x: Tensor) = x.Sign()

/// sin x.
[<CompiledName("Sin")>]
let sin (x: Tensor) = x.Sin()

/// cos x.
[<CompiledName("Cos")>]
let cos (x: Tensor) = x.Cos()

/// σ(x) = 1 / (1 + e⁻ˣ).
[<CompiledName("Sigmoid")>]
let sigmoid (x: Tensor) = x.Sigmoid()

/// tanh x.
[<CompiledName("Tanh")>]
let tanh (x: Tensor) = x.Tanh()

/// max(x, 0).
[<CompiledName("Relu")>]
let relu (x: Tensor) = x.Relu()

/// x ≥ 0 ? x : slope · x.
[<CompiledName("LeakyRelu")>]
let leakyRelu (slope: float) (x: Tensor) = x.LeakyRelu slope

/// ln(1 + eˣ).
[<CompiledName("Softplus")>]
let softplus (x: Tensor) = x.Softplus()

/// cond ≠ 0 ? a : b.
[<CompiledName("Where")>]
let where (cond: Tensor) (a: Tensor) (b: Tensor) = Tensor.Where(cond, a, b)

/// 1 where a = b.
[<CompiledName("Eq")>]
let eq (a: Tensor) (b: Tensor) = Tensor.Eq(a, b)

/// 1 where a ≠ b.
[<CompiledName("Ne")>]
let ne (a: Tensor) (b: Tensor) = Tensor.Ne(a, b)

/// 1 where a &lt; b.
[<CompiledName("Lt")>]
let lt (a: Tensor) (b: Tensor) = Tensor.Lt(a, b)

/// 1 where a ≤ b.
[<CompiledName("Le")>]
let le (a: Tensor) (b: Tensor) = Tensor.Le(a, b)

/// 1 where a &gt; b.
[<CompiledName("Gt")>]
let gt (a: Tensor) (b: Tensor) = Tensor.Gt(a, b)

/// 1 where a ≥ b.
[<CompiledName("Ge")>]
let ge (a: Tensor) (b: Tensor) = Tensor.Ge(a, b)

// ---- linear algebra and layout ----
/// Matrix product a · b (batched over leading axes).
[<CompiledName("MatMul")>]
let matmul (a: Tensor) (b: Tensor) = Tensor.MatMul(a, b)

/// Swaps the last two axes.
[<CompiledName("Transpose")>]
let transpose (x: Tensor) = x.Transpose()

/// Reorders axes.
[<CompiledName("Permute")>]
let permute (perm: int seq) (x: Tensor) = x.Permute(Seq.toArray perm)

/// The same elements in a new shape (one −1 is inferred).
[<CompiledName("Reshape")>]
let reshape (dims: int seq) (x: Tensor) = x.Reshape dims

/// All elements as a vector.
[<CompiledName("Flatten")>]
let flatten (x: Tensor) = x.Flatten()

/// Inserts an axis of length 1.
[<CompiledName("Unsqueeze")>]
let unsqueeze (axis: int) (x: Tensor) = x.Unsqueeze axis

/// Removes an axis of length 1.
[<CompiledName("Squeeze")>]
let squeeze (axis: int) (x: Tensor) = x.Squeeze axis

/// Broadcasts to a shape.
[<CompiledName("Expand")>]
let expand (dims: int seq) (x: Tensor) = x.ExpandTo dims

/// Picks values along an axis at integer positions.
[<CompiledName("Gather")>]
let gather (axis: int) (index: Tensor) (x: Tensor) = x.Gather(axis, index)

/// Joins tensors along an existing axis.
[<CompiledName("Concat")>]
let concat (axis: int) (xs: Tensor seq) = Tensor.Concat(xs, axis)

/// Stacks tensors along a new axis.
[<CompiledName("Stack")>]
let stack (axis: int) (xs: Tensor seq) = Tensor.Stack(xs, axis)

// ---- reductions ----
/// Sum of all elements.
[<CompiledName("Sum")>]
let sum (x: Tensor) = x.Sum()

/// Sum over an axis.
[<CompiledName("SumDim")>]
let sumDim (axis: int) (keepDim: bool) (x: Tensor) = x.Sum(axis, keepDim)

/// Mean of all elements.
[<CompiledName("Mean")>]
let mean (x: Tensor) = x.Mean()

/// Mean over an axis.
[<CompiledName("MeanDim")>]
let meanDim (axis: int) (keepDim: bool) (x: Tensor) = x.Mean(axis, keepDim)

/// Maximum of all elements.
[<CompiledName("Max")>]
let max (x: Tensor) = x.Max()

/// Maximum over an axis.
[<CompiledName("MaxDim")>]
let maxDim (axis: int) (keepDim: bool) (x: Tensor) = x.Max(axis, keepDim)

/// Minimum of all elements.
[<CompiledName("Min")>]
let min (x: Tensor) = x.Min()

/// Minimum over an axis.
[<CompiledName("MinDim")>]
let minDim (axis: int) (keepDim: bool) (x: Tensor) = x.Min(axis, keepDim)

/// Index of the maximum over an axis (int64).
[<CompiledName("ArgMax")>]
let argmax (axis: int) (x: Tensor) = x.ArgMax axis

/// Index of the minimum over an axis (int64).
[<CompiledName("ArgMin")>]
let argmin (axis: int) (x: Tensor) = x.ArgMin axis

/// Variance over an axis with ddof (0: population, 1: sample).
[<CompiledName("Var")>]
let var (axis: int) (keepDim: bool) (ddof: int) (x: Tensor) = x.Var(axis, keepDim, ddof)

/// Softmax over an axis.
[<CompiledName("Softmax")>]
let softmax (axis: int) (x: Tensor) = x.Softmax axis

/// Log-softmax over an axis.
[<CompiledName("LogSoftmax")>]
let logSoftmax (axis: int) (x: Tensor) = x.LogSoftmax axis

/// log Σ exp over an axis.
[<CompiledName("LogSumExp")>]
let logsumexp (axis: int) (keepDim: bool) (x: Tensor) = x.LogSumExp(axis, keepDim)
