namespace Functional.CSharp

open Functional

open System.Runtime.CompilerServices

/// <summary>Dot-style tensor operations for C# (<c>x.Exp()</c>, <c>a.MatMul(b)</c>): F# sees the same names as
/// members from the Ops files; C# sees these. Each forwards to the op.</summary>
[<AbstractClass; Sealed; Extension>]
type TensorExtensions =
    /// <summary>eˣ element-wise.</summary>
    [<Extension>]
    static member Exp(x: Tensor) = x.Exp()
    /// <summary>ln x element-wise.</summary>
    [<Extension>]
    static member Log(x: Tensor) = x.Log()
    /// <summary>√x element-wise.</summary>
    [<Extension>]
    static member Sqrt(x: Tensor) = x.Sqrt()
    /// <summary>|x| element-wise.</summary>
    [<Extension>]
    static member Abs(x: Tensor) = x.Abs()
    /// <summary>σ(x) element-wise.</summary>
    [<Extension>]
    static member Sigmoid(x: Tensor) = x.Sigmoid()
    /// <summary>tanh x element-wise.</summary>
    [<Extension>]
    static member Tanh(x: Tensor) = x.Tanh()
    /// <summary>max(x, 0) element-wise.</summary>
    [<Extension>]
    static member Relu(x: Tensor) = x.Relu()
    /// <summary>x ≥ 0 ? x : slope·x element-wise.</summary>
    [<Extension>]
    static member LeakyRelu(x: Tensor, slope: float) = x.LeakyRelu slope
    /// <summary>xˢ element-wise.</summary>
    [<Extension>]
    static member Pow(x: Tensor, s: float) = Tensor.Pow(x, s)
    /// <summary>Matrix product.</summary>
    [<Extension>]
    static member MatMul(a: Tensor, b: Tensor) = Tensor.MatMul(a, b)
    /// <summary>Swaps the last two axes.</summary>
    [<Extension>]
    static member Transpose(x: Tensor) = x.Transpose()
    /// <summary>The same elements in a new shape (one −1 is inferred).</summary>
    [<Extension>]
    static member Reshape(x: Tensor, [<System.ParamArray>] dims: int[]) = x.Reshape dims
    /// <summary>Sum of all elements.</summary>
    [<Extension>]
    static member Sum(x: Tensor) = x.Sum()
    /// <summary>Sum over an axis.</summary>
    [<Extension>]
    static member Sum(x: Tensor, axis: int, keepDim: bool) = x.Sum(axis, keepDim)
    /// <summary>Mean of all elements.</summary>
    [<Extension>]
    static member Mean(x: Tensor) = x.Mean()
    /// <summary>Mean over an axis.</summary>
    [<Extension>]
    static member Mean(x: Tensor, axis: int, keepDim: bool) = x.Mean(axis, keepDim)
    /// <summary>Softmax over an axis.</summary>
    [<Extension>]
    static member Softmax(x: Tensor, axis: int) = x.Softmax axis
    /// <summary>Index of the maximum over an axis (int64).</summary>
    [<Extension>]
    static member ArgMax(x: Tensor, axis: int) = x.ArgMax axis
