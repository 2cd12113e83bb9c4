namespace Functional.CSharp

open Functional

open System.Runtime.CompilerServices

/// <summary>Dot-style tensor operations for C# (<c>x.Exp()</c>, <c>a.MatMul(b)</c>): F# sees the same names as
/// members from the Ops files; C# sees these. Each forwards to the op.</summary>
[<AbstractClass; Sealed; Extension>]
type TensorExtensions =
    /// <summary>eˣ element-wise.</summary>
    [<Extension>]
    static member Exp(x: Tensor) : Tensor = Tensor.exp x

    /// <summary>ln x element-wise.</summary>
    [<Extension>]
    static member Log(x: Tensor) : Tensor = Tensor.log x

    /// <summary>√x element-wise.</summary>
    [<Extension>]
    static member Sqrt(x: Tensor) : Tensor = Tensor.sqrt x

    /// <summary>|x| element-wise.</summary>
    [<Extension>]
    static member Abs(x: Tensor) : Tensor = Tensor.abs x

    /// <summary>σ(x) element-wise.</summary>
    [<Extension>]
    static member Sigmoid(x: Tensor) : Tensor = Tensor.sigmoid x

    /// <summary>tanh x element-wise.</summary>
    [<Extension>]
    static member Tanh(x: Tensor) : Tensor = Tensor.tanh x

    /// <summary>max(x, 0) element-wise.</summary>
    [<Extension>]
    static member Relu(x: Tensor) : Tensor = Tensor.relu x

    /// <summary>x ≥ 0 ? x : slope·x element-wise.</summary>
    [<Extension>]
    static member LeakyRelu(x: Tensor, slope: float) : Tensor = Tensor.leakyRelu slope x

    /// <summary>xˢ element-wise.</summary>
    [<Extension>]
    static member Pow(x: Tensor, s: float) : Tensor = Tensor.powScalar s x

    /// <summary>Matrix product.</summary>
    [<Extension>]
    static member MatMul(a: Tensor, b: Tensor) : Tensor = Tensor.matmul a b

    /// <summary>Swaps the last two axes.</summary>
    [<Extension>]
    static member Transpose(x: Tensor) : Tensor = Tensor.transpose x

    /// <summary>The same elements in a new shape (one −1 is inferred).</summary>
    [<Extension>]
    static member Reshape(x: Tensor, [<System.ParamArray>] dims: int[]) : Tensor = Tensor.reshape dims x

    /// <summary>Sum of all elements.</summary>
    [<Extension>]
    static member Sum(x: Tensor) : Tensor = Tensor.sum x

    /// <summary>Sum over an axis.</summary>
    [<Extension>]
    static member Sum(x: Tensor, axis: int, keepDim: bool) : Tensor = Tensor.sumDim axis keepDim x

    /// <summary>Mean of all elements.</summary>
    [<Extension>]
    static member Mean(x: Tensor) : Tensor = Tensor.mean x

    /// <summary>Mean over an axis.</summary>
    [<Extension>]
    static member Mean(x: Tensor, axis: int, keepDim: bool) : Tensor = Tensor.meanDim axis keepDim x

    /// <summary>Softmax over an axis.</summary>
    [<Extension>]
    static member Softmax(x: Tensor, axis: int) : Tensor = Tensor.softmax axis x

    /// <summary>Index of the maximum over an axis (int64).</summary>
    [<Extension>]
    static member ArgMax(x: Tensor, axis: int) : Tensor = Tensor.argmax axis x

    /// <summary>The tensor on <paramref name="device"/> (a copy; the gradient flows back to this device):
    /// <c>x.ToDevice(Device.Cuda)</c> after Functional.Gpu's <c>Gpu.Use()</c>.</summary>
    [<Extension>]
    static member ToDevice(x: Tensor, device: Functional.Core.Tensors.Device) : Tensor = x.ToDevice device
