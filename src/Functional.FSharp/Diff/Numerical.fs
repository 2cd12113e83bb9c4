/// Derivatives by central finite differences, the oracle the reverse-mode rules are tested against.
[<RequireQualifiedAccess>]
module Functional.Numerical

open Functional.Core.Tensors

/// <summary>∇f(x) by central differences (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, computed in float64.</summary>
/// <exception cref="ShapeMismatchException">f returns more than one element.</exception>
[<CompiledName("Grad")>]
let grad (h: float) (f: Tensor -> Tensor) (x: Tensor) : Tensor =
    let x64 = x.Detach().Cast DType.Float64
    let values = x64.ToFloatArray()

    let at (v: float[]) =
        let y = Diff.noGrad (fun () -> f (Tensor.FromArray(v, x.Dims)))

        if y.NumElements <> 1 then
            ShapeRules.Fail("numerical grad", "a function returning one element", $"shape {y.Shape}")

        y.ToScalar()

    let g =
        Array.init values.Length (fun i ->
            let plus = Array.copy values
            let minus = Array.copy values
            plus[i] <- plus[i] + h
            minus[i] <- minus[i] - h
            (at plus - at minus) / (2.0 * h))

    Tensor.FromArray(g, x.Dims)

/// <summary>The Jacobian of f at x by central differences, shape f(x).Shape @ x.Shape, in float64.</summary>
[<CompiledName("Jacobian")>]
let jacobian (h: float) (f: Tensor -> Tensor) (x: Tensor) : Tensor =
    let values = (x.Detach().Cast DType.Float64).ToFloatArray()

    let eval (v: float[]) =
        Diff.noGrad (fun () -> (f (Tensor.FromArray(v, x.Dims))).Cast DType.Float64)

    let y0 = eval values

    let columns =
        Array.init values.Length (fun i ->
            let plus = Array.copy values
            let minus = Array.copy values
            plus[i] <- plus[i] + h
            minus[i] <- minus[i] - h
            ((eval plus - eval minus) / (2.0 * h)).ToFloatArray())

    let m = y0.NumElements
    let n = values.Length
    Tensor.FromArray(Array.init (m * n) (fun k -> columns[k % n][k / n]), Array.append y0.Dims x.Dims)
