/// Moving differentiable tensors between the CPU and cuda:0.
module Functional.Gpu.Tests.ToDeviceTests

open System
open Functional
open Functional.Core.Tensors
open Functional.Gpu.Tests.Support
open Xunit

[<Fact>]
let ``toDevice copies the values to cuda and back unchanged, for every dtype`` () =
    gpu () |> ignore
    let rng = Random 24

    for dtype in dtypes do
        let x = Tensor.OfRaw(cpu.FromHostArray(randomData rng dtype 6, Shape [| 2; 3 |]))
        let y = x.ToDevice Device.Cuda
        Assert.Equal(Device.Cuda, y.Device)
        Assert.True((x.Shape = y.Shape))
        Assert.Equal(x.DType, y.DType)
        let back = y.ToDevice Device.Cpu
        Assert.Equal(Device.Cpu, back.Device)
        Assert.Equal<float>(x.ToFloatArray(), back.ToFloatArray())
        Assert.Equal<float>(x.ToFloatArray(), y.ToFloatArray())

[<Fact>]
let ``toDevice of a transposed view moves its values in order`` () =
    gpu () |> ignore
    let x = Tensor.FromArray([| 1.0; 2.0; 3.0; 4.0; 5.0; 6.0 |], [ 2; 3 ]).Transpose()
    Assert.Equal<float>(x.ToFloatArray(), (x.ToDevice Device.Cuda).ToFloatArray())

[<Fact>]
let ``toDevice is the tensor itself when it is already there`` () =
    gpu () |> ignore
    let x = Tensor.FromArray([| 1.0f |], [ 1 ])
    Assert.Same(x, x.ToDevice Device.Cpu)
    let y = x.ToDevice Device.Cuda
    Assert.Same(y, y.ToDevice Device.Cuda)

[<Fact>]
let ``the gradient of toDevice moves back to the source device`` () =
    gpu () |> ignore
    let x = Tensor.FromArray([| 1.0; -2.0; 3.0 |], [ 3 ])

    let f (t: Tensor) =
        let u = t.ToDevice Device.Cuda
        (u * u).Sum()

    let g = Diff.grad f x
    Assert.Equal(Device.Cpu, g.Device)
    Assert.Equal<float>([| 2.0; -4.0; 6.0 |], g.ToFloatArray())

    // And from cuda through the CPU: d/dy Σ exp(y) = exp(y), on cuda.
    let y = x.ToDevice Device.Cuda
    let gy = Diff.grad (fun (t: Tensor) -> (t.ToDevice Device.Cpu).Exp().Sum()) y
    Assert.Equal(Device.Cuda, gy.Device)
    Assert.Equal<float>(x.ToFloatArray() |> Array.map exp, gy.ToFloatArray())

[<Fact>]
let ``the gradient through cuda equals central differences in float64`` () =
    gpu () |> ignore
    let x = Tensor.FromArray([| 0.3; -1.2; 2.0; 0.7 |], [ 2; 2 ])

    let f (t: Tensor) =
        let u = t.ToDevice Device.Cuda
        (u.Tanh() * u + Tensor.MatMul(u, u.Transpose()).Sigmoid()).Sum()

    let analytic = Diff.grad f x
    let numeric = Numerical.grad 1e-6 f x
    Assert.Equal(Device.Cpu, analytic.Device)

    Array.iter2
        (fun (a: float) (n: float) -> Assert.True(abs (a - n) < 1e-7, $"analytic {a}, numeric {n}"))
        (analytic.ToFloatArray())
        (numeric.ToFloatArray())

[<Fact>]
let ``second derivatives flow through toDevice`` () =
    gpu () |> ignore
    let x = Tensor.FromArray([| 0.5; 1.5 |], [ 2 ])
    // f(x) = Σ x³ computed on cuda: f'' = 6x, back on the CPU.
    let f (t: Tensor) =
        (Tensor.Pow(t.ToDevice Device.Cuda, 3.0)).Sum()

    let h = Diff.grad (fun t -> (Diff.grad f t).Sum()) x
    Assert.Equal(Device.Cpu, h.Device)
    Assert.Equal<float>([| 3.0; 9.0 |], h.ToFloatArray())

[<Fact>]
let ``toDevice to a device without a backend fails naming it`` () =
    let x = Tensor.FromArray([| 1.0f |], [ 1 ])

    let ex =
        Assert.Throws<DeviceMismatchException>(fun () -> x.ToDevice(Device(DeviceKind.Cuda, 7)) |> ignore)

    Assert.Contains("cuda:7", ex.Message)
