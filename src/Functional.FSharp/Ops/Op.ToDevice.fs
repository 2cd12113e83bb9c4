[<AutoOpen>]
module Functional.OpToDevice

open Functional.Core.Tensors

type Tensor with
    /// <summary>The same values on <paramref name="device"/>: this tensor itself when it is already there, else a copy
    /// made through the host (the source backend's <c>ToHostArray</c>, the target's <c>FromHostArray</c>). The target
    /// device needs a registered backend (for CUDA, <c>Functional.Gpu.Gpu.Use()</c>).</summary>
    /// <remarks>Reverse (float dtypes): dx = dy moved back to x's device.</remarks>
    /// <exception cref="DeviceMismatchException">No backend serves <paramref name="device"/>.</exception>
    member x.ToDevice(device: Device) : Tensor =
        if x.Device = device then
            x
        else
            let source = x.Device
            let target = Backends.For device
            let result = target.FromHostArray(x.Raw.Backend.ToHostArray x.Raw, x.Shape)

            if x.DType.IsFloatingPoint() then
                Tensor.Record("toDevice", result, [| x |], fun dy -> [| dy.ToDevice source |])
            else
                Tensor.OfRaw result
