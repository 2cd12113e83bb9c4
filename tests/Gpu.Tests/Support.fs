/// What every test uses: the two backends, the same tensor built on both, views of it, and comparisons that show
/// the position, both values and the tolerance when they differ.
module Functional.Gpu.Tests.Support

open System
open Functional.Core.Tensors
open Functional.Gpu
open Xunit

// One backend is registered for cuda:0 at a time, and ILGPU's CPU accelerator uses every core: one test at a time.
[<assembly: CollectionBehavior(DisableTestParallelization = true)>]
do ()

/// The reference: the CPU backend.
let cpu: IBackend = Backends.Cpu

/// The backend under test: ILGPU's CPU accelerator, or a real GPU when FUNCTIONAL_GPU_TESTS=cuda (then the suite
/// checks the hardware).
let gpu () : IBackend =
    if Environment.GetEnvironmentVariable "FUNCTIONAL_GPU_TESTS" = "cuda" then
        Gpu.Use()
    else
        Gpu.UseCpuAccelerator()

/// One tensor built the same way on both backends.
type Both = { Cpu: RawTensor; Gpu: RawTensor }

/// Uploads the same host array to both backends.
let upload (data: Array) (dims: int[]) = {
    Cpu = cpu.FromHostArray(data, Shape dims)
    Gpu = (gpu ()).FromHostArray(data, Shape dims)
}

/// Applies the same backend call on both sides.
let map (f: IBackend -> RawTensor -> RawTensor) (x: Both) = {
    Cpu = f cpu x.Cpu
    Gpu = f (gpu ()) x.Gpu
}

/// Uniform values in [−2, 2) for floats, integers in [−5, 5] otherwise.
let randomData (rng: Random) (dtype: DType) (n: int) : Array =
    match dtype with
    | DType.Float32 -> Array.init n (fun _ -> float32 (rng.NextDouble() * 4.0 - 2.0)) :> Array
    | DType.Float64 -> Array.init n (fun _ -> rng.NextDouble() * 4.0 - 2.0) :> Array
    | DType.Int32 -> Array.init n (fun _ -> rng.Next(-5, 6)) :> Array
    | _ -> Array.init n (fun _ -> int64 (rng.Next(-5, 6))) :> Array

/// Values that find edge cases: NaN, ±∞, ±0, large and tiny magnitudes.
let specials = [| nan; infinity; -infinity; 0.0; -0.0; 50.0; -50.0; 1e-7; -1e-30; 1.0 |]

/// Random floats with the special values written over some positions.
let withSpecials (rng: Random) (dtype: DType) (n: int) : Array =
    let values =
        Array.init n (fun i ->
            if i % 3 = 1 then
                specials[rng.Next specials.Length]
            else
                rng.NextDouble() * 4.0 - 2.0)

    match dtype with
    | DType.Float32 -> Array.map float32 values :> Array
    | _ -> values :> Array

/// How a test tensor is laid out in memory.
type Layout =
    | Contiguous
    | Transposed
    | Sliced
    | Broadcast

/// The layouts a shape can be built with (a transpose needs two axes, a broadcast one dimension above 1).
let layoutsFor (dims: int[]) = [
    Contiguous
    if dims.Length >= 2 then
        Transposed
    Sliced
    if dims |> Array.exists (fun d -> d > 1) then
        Broadcast
]

/// A tensor of <c>dims</c> on both backends, laid out as asked: a transposed view of the swapped shape, every other
/// element of a larger tensor (from index 1), or a size-1 axis (or a missing leading one) expanded.
let build (fill: int -> Array) (layout: Layout) (dims: int[]) : Both =
    let count (d: int[]) = Array.fold (*) 1 d

    match layout with
    | Contiguous -> upload (fill (count dims)) dims
    | Transposed ->
        let r = dims.Length
        let swapped = Array.copy dims
        swapped[r - 2] <- dims[r - 1]
        swapped[r - 1] <- dims[r - 2]

        let perm =
            Array.init r (fun i ->
                if i = r - 2 then r - 1
                elif i = r - 1 then r - 2
                else i)

        upload (fill (count swapped)) swapped |> map (fun b x -> b.Permute(x, perm))
    | Sliced ->
        let big = dims |> Array.map (fun d -> 2 * d + 1)
        let starts = dims |> Array.map (fun _ -> 1)
        let stops = dims |> Array.map (fun d -> 1 + 2 * d)
        let steps = dims |> Array.map (fun _ -> 2)

        upload (fill (count big)) big
        |> map (fun b x -> b.Slice(x, starts, stops, steps))
    | Broadcast ->
        let k = dims |> Array.findIndex (fun d -> d > 1)

        let source =
            if k = 0 && dims.Length >= 2 then
                dims[1..]
            else
                dims |> Array.mapi (fun i d -> if i = k then 1 else d)

        upload (fill (count source)) source |> map (fun b x -> b.Expand(x, Shape dims))

/// Shapes the element-wise and layout tests run over: scalar, vectors, size-1 axes, an empty tensor, rank 5.
let shapes: int[] list = [
    [||]
    [| 5 |]
    [| 3; 4 |]
    [| 1; 5 |]
    [| 4; 1 |]
    [| 2; 3; 4 |]
    [| 2; 1; 3; 1 |]
    [| 0; 3 |]
    [| 2; 3; 2; 2; 3 |]
]

/// A comparison tolerance: |actual − expected| ≤ Abs + Rel · |expected|.
type Tol = { Rel: float; Abs: float }

/// Bit for bit.
let exact = { Rel = 0.0; Abs = 0.0 }

/// float32: 1e-5 relative (and 1e-6 absolute, for results near 0).
let f32 = { Rel = 1e-5; Abs = 1e-6 }

/// float64.
let f64 = { Rel = 1e-12; Abs = 1e-14 }

/// For sums of n terms of magnitude up to 4 (products of values in [−2, 2]), whose rounding depends on their order:
/// the absolute part grows with n.
let sumTol (dtype: DType) (n: int) =
    match dtype with
    | DType.Float32 -> {
        Rel = 1e-5
        Abs = 4e-6 * float (max n 1)
      }
    | DType.Float64 -> {
        Rel = 1e-12
        Abs = 1e-14 * float (max n 1)
      }
    | _ -> { Rel = 0.0; Abs = 0.0 }

/// The float tolerance of a dtype; exact for integers.
let tolFor (dtype: DType) =
    match dtype with
    | DType.Float32 -> f32
    | DType.Float64 -> f64
    | _ -> exact

let private asFloats (a: Array) : float[] =
    match a with
    | :? (float32[]) as f -> Array.map float f
    | :? (float[]) as d -> d
    | :? (int[]) as i -> Array.map float i
    | :? (int64[]) as l -> Array.map float l
    | _ -> failwith $"unexpected array {a.GetType()}"

/// Checks the GPU result has the CPU result's shape and dtype, lives on cuda, and agrees within the tolerance
/// (NaN equals NaN, infinities must match, −0 and +0 must match when exact).
let expectClose (tol: Tol) (what: string) (expected: RawTensor) (actual: RawTensor) =
    if expected.Shape <> actual.Shape || expected.DType <> actual.DType then
        Assert.Fail
            $"{what}: expected {expected.DType.Name()} {expected.Shape}, received {actual.DType.Name()} {actual.Shape}"

    if actual.Device.Kind <> DeviceKind.Cuda then
        Assert.Fail $"{what}: expected a result on cuda, received one on {actual.Device}"

    let e = cpu.ToHostArray expected
    let a = (gpu ()).ToHostArray actual
    let ef, af = asFloats e, asFloats a

    match e with
    | :? (int64[]) as el ->
        let al = a :?> int64[]

        for i in 0 .. el.Length - 1 do
            if el[i] <> al[i] then
                Assert.Fail $"{what}: at {i} expected {el[i]}, received {al[i]}"
    | _ ->
        for i in 0 .. ef.Length - 1 do
            let x, y = ef[i], af[i]

            let ok =
                if Double.IsNaN x then
                    Double.IsNaN y
                elif Double.IsInfinity x || tol = exact then
                    x.Equals y && (x <> 0.0 || Double.IsNegative x = Double.IsNegative y)
                else
                    abs (y - x) <= tol.Abs + tol.Rel * abs x

            if not ok then
                Assert.Fail $"{what}: at {i} expected {x:R}, received {y:R} (tolerance rel {tol.Rel}, abs {tol.Abs})"

/// Compares both sides of a pair.
let expectBoth (tol: Tol) (what: string) (x: Both) = expectClose tol what x.Cpu x.Gpu

/// Runs f on both backends and checks both throw the same exception type with the same message.
let expectSameError (what: string) (f: IBackend -> unit) =
    let capture backend =
        try
            f backend
            None
        with ex ->
            Some ex

    match capture cpu, capture (gpu ()) with
    | Some c, Some g ->
        if c.GetType() <> g.GetType() || c.Message <> g.Message then
            Assert.Fail
                $"{what}: the CPU threw {c.GetType().Name} \"{c.Message}\", the GPU {g.GetType().Name} \"{g.Message}\""
    | None, _ -> Assert.Fail $"{what}: the CPU threw nothing"
    | _, None -> Assert.Fail $"{what}: the GPU threw nothing"

/// The float dtypes.
let floats = [ DType.Float32; DType.Float64 ]

/// Every dtype.
let dtypes = [ DType.Float32; DType.Float64; DType.Int32; DType.Int64 ]
