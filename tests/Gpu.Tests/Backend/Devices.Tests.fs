/// Opening the device, errors that name both devices, and what happens after a shutdown.
module Functional.Gpu.Tests.DevicesTests

open System
open Functional
open Functional.Core.Tensors
open Functional.Gpu
open Functional.Gpu.Tests.Support
open Xunit

let private contains (text: string) (message: string) =
    if not (message.Contains text) then
        Assert.Fail $"expected the message to contain \"{text}\", received \"{message}\""

[<Fact>]
let ``an op on a cpu tensor and a cuda tensor fails naming both devices`` () =
    gpu () |> ignore
    let a = Tensor.FromArray([| 1.0f; 2.0f |], [ 2 ])
    let b = a.ToDevice Device.Cuda

    for f in
        [
            (fun () -> a + b)
            (fun () -> b * a)
            (fun () -> Tensor.MatMul(a.Reshape [ 1; 2 ], b.Reshape [ 2; 1 ]))
        ] do
        let ex = Assert.Throws<DeviceMismatchException>(fun () -> f () |> ignore)
        contains "cpu" ex.Message
        contains "cuda:0" ex.Message

[<Fact>]
let ``each backend given a tensor of the other names both devices`` () =
    let g = gpu ()
    let onCpu = cpu.FromHostArray([| 1.0f |], Shape [| 1 |])
    let onGpu = g.FromHostArray([| 1.0f |], Shape [| 1 |])

    let ex =
        Assert.Throws<DeviceMismatchException>(fun () -> cpu.Binary(BinaryOp.Add, onCpu, onGpu) |> ignore)

    Assert.Equal("add: expected b on cpu, received cuda:0", ex.Message)

    let ex =
        Assert.Throws<DeviceMismatchException>(fun () -> g.Binary(BinaryOp.Add, onGpu, onCpu) |> ignore)

    Assert.Equal("add: expected b on cuda:0, received cpu", ex.Message)

    let ex =
        Assert.Throws<DeviceMismatchException>(fun () -> g.ToHostArray onCpu |> ignore)

    Assert.Equal("toHostArray: expected x on cuda:0, received cpu", ex.Message)

[<Fact>]
let ``Gpu.Use without a CUDA device throws an InvalidOperationException that says what is missing`` () =
    if Gpu.IsAvailable then
        Assert.True(Gpu.CudaDeviceCount > 0)
        contains "cuda:0" (Gpu.Describe())
    else
        let ex = Assert.Throws<InvalidOperationException>(fun () -> Gpu.Use() |> ignore)
        contains "CUDA" ex.Message
        contains "NVIDIA" ex.Message
        contains "UseCpuAccelerator" ex.Message
        Assert.Equal(0, Gpu.CudaDeviceCount)
        contains "no CUDA device" (Gpu.Describe())
        // The failed attempt left the registered backend alone.
        Assert.Same(gpu (), Backends.For Device.Cuda)

[<Fact>]
let ``the CPU accelerator backend says what it is`` () =
    let g = Gpu.UseCpuAccelerator()
    Assert.True g.IsCpuAccelerator
    Assert.Equal(Device.Cuda, g.Device)
    Assert.Same(g, Gpu.Current)
    Assert.Same(g, Backends.For Device.Cuda)
    Assert.Same(g, Gpu.UseCpuAccelerator())
    contains "cuda:0" (g.ToString())

[<Fact>]
let ``after a shutdown a tensor of the old backend fails clearly, and the device opens again`` () =
    let old = gpu ()
    let x = old.FromHostArray([| 1.0; 2.0 |], Shape [| 2 |])
    Gpu.Shutdown()
    Assert.Null Gpu.Current

    let closed =
        Assert.Throws<ObjectDisposedException>(fun () -> old.ToHostArray x |> ignore)

    contains "toHostArray: expected an open cuda:0 backend" closed.Message
    contains "Gpu.Use()" closed.Message

    let fresh = gpu ()
    Assert.NotSame(old, fresh)

    let ex =
        Assert.Throws<DeviceMismatchException>(fun () -> fresh.ToHostArray x |> ignore)

    contains "another" ex.Message
    Assert.Equal<float>([| 3.0 |], fresh.ToHostArray(fresh.FromHostArray([| 3.0 |], Shape [| 1 |])) :?> float[])

[<Fact>]
let ``storage released by the collector is reused, and disposing a storage makes its tensor unusable`` () =
    let g = gpu () :?> GpuBackend

    for _ in 1..50 do
        g.Full(Shape [| 1000 |], DType.Float32, 1.0) |> ignore

    GC.Collect()
    GC.WaitForPendingFinalizers()
    let y = g.Full(Shape [| 1000 |], DType.Float32, 2.0)
    Assert.Equal(2.0f, (g.ToHostArray y :?> float32[])[999])
    (y.Storage :?> GpuStorage<float32>).Dispose()

    Assert.Throws<ObjectDisposedException>(fun () -> g.ToHostArray y |> ignore)
    |> ignore
