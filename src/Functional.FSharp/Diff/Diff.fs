/// Derivatives by reverse-mode AD: grad, gradv, diff, jacobian, hessian. They nest: the gradient computed inside
/// an outer derivative is itself recorded, so grad of grad works.
[<RequireQualifiedAccess>]
module Functional.Diff

open System
open Functional.Core.Tensors

/// How many derivatives are being taken around the current code on this thread.
type private Nesting =
    [<ThreadStatic; DefaultValue>]
    static val mutable private depth: int

    static member Enter(f: bool -> 'T) : 'T =
        Nesting.depth <- Nesting.depth + 1
        // Record the reverse pass only when an enclosing derivative will differentiate the result again.
        try
            f (Nesting.depth > 1)
        finally
            Nesting.depth <- Nesting.depth - 1

/// A fresh input to differentiate with respect to: a new tape leaf, linked to x when x is itself traced by an
/// outer derivative (so inner and outer derivatives never confuse their inputs).
let private variable (x: Tensor) =
    if isNull (box x) then
        nullArg (nameof x)

    if x.IsTracked then
        Tensor.Record("input", x.Raw, [| x |], fun dy -> [| dy |])
    else
        Tensor.Leaf x

/// Checks f returned a single value, as grad needs.
let private expectScalar (op: string) (y: Tensor) =
    if y.NumElements <> 1 then
        ShapeRules.Fail(op, "a function returning one element (a scalar)", $"a result of shape {y.Shape}")

/// <summary>The value and gradient of a scalar-valued function: <c>(f x, ∇f(x))</c>.</summary>
/// <exception cref="ShapeMismatchException">f returns more than one element.</exception>
[<CompiledName("GradV")>]
let gradv (f: Tensor -> Tensor) (x: Tensor) : Tensor * Tensor =
    Nesting.Enter(fun nested ->
        GradMode.Run(
            true,
            fun () ->
                let xv = variable x
                let y = f xv
                expectScalar "grad" y
                let g = Backprop.run nested y (y.OnesLike()) [| xv |]
                (if nested then y else y.Detach()), g[0]
        ))

/// <summary>The gradient ∇f(x) of a scalar-valued function, shaped like x.</summary>
/// <example><c>Diff.grad (fun x -> (x * x).Sum()) x = 2x</c></example>
[<CompiledName("Grad")>]
let grad (f: Tensor -> Tensor) (x: Tensor) : Tensor = gradv f x |> snd

/// <summary>The values and gradients of a scalar function of several tensors: <c>(f xs, [∇₁f; ∇₂f; …])</c>.</summary>
[<CompiledName("GradsV")>]
let gradsv (f: Tensor[] -> Tensor) (xs: Tensor[]) : Tensor * Tensor[] =
    if isNull (box xs) then
        nullArg (nameof xs)

    Nesting.Enter(fun nested ->
        GradMode.Run(
            true,
            fun () ->
                let vs = xs |> Array.map variable
                let y = f vs
                expectScalar "grads" y
                let gs = Backprop.run nested y (y.OnesLike()) vs
                (if nested then y else y.Detach()), gs
        ))

/// <summary>The gradients of a scalar function of several tensors, one per input.</summary>
[<CompiledName("Grads")>]
let grads (f: Tensor[] -> Tensor) (xs: Tensor[]) : Tensor[] = gradsv f xs |> snd

/// <summary>Several scalar results of one forward pass, each differentiated with respect to its own inputs:
/// <c>f xs</c> returns <c>[y₀; y₁; …]</c> and <c>wrt[i]</c> lists the positions in xs that yᵢ is differentiated by.
/// Returns the values and, per result, its gradients in the order of <c>wrt[i]</c>. A GAN step needs it: one forward
/// pass gives the discriminator's and the generator's losses, each differentiated by its own network only.</summary>
/// <exception cref="ShapeMismatchException">A result is not a scalar.</exception>
/// <exception cref="T:System.ArgumentException">wrt has a different length from the results, or an index is out of
/// range.</exception>
[<CompiledName("GradsEachV")>]
let gradsEachv (f: Tensor[] -> Tensor[]) (xs: Tensor[]) (wrt: int[][]) : Tensor[] * Tensor[][] =
    if isNull (box xs) then
        nullArg (nameof xs)

    if isNull (box wrt) then
        nullArg (nameof wrt)

    for group in wrt do
        for i in group do
            if i < 0 || i >= xs.Length then
                invalidArg (nameof wrt) $"gradsEach: expected input positions in [0, {xs.Length}), received {i}"

    Nesting.Enter(fun nested ->
        GradMode.Run(
            true,
            fun () ->
                let vs = xs |> Array.map variable
                let ys = f vs

                if ys.Length <> wrt.Length then
                    invalidArg
                        (nameof wrt)
                        $"gradsEach: expected one input list per result ({ys.Length}), received {wrt.Length}"

                ys |> Array.iter (expectScalar "gradsEach")

                let gs =
                    Array.map2
                        (fun (y: Tensor) (group: int[]) ->
                            Backprop.run nested y (y.OnesLike()) (group |> Array.map (fun i -> vs[i])))
                        ys
                        wrt

                (if nested then ys else ys |> Array.map (fun y -> y.Detach())), gs
        ))

/// <summary>The gradients of a scalar function of a pair of tensors, as a pair.</summary>
[<CompiledName("Grad2")>]
let grad2 (f: Tensor -> Tensor -> Tensor) (x: Tensor, y: Tensor) : Tensor * Tensor =
    match grads (fun v -> f v[0] v[1]) [| x; y |] with
    | [| gx; gy |] -> gx, gy
    | _ -> invalidOp "grad2: expected two gradients"

/// <summary>The derivative f′(x) of a function of one scalar; x and f x must have one element.</summary>
[<CompiledName("Diff")>]
let diff (f: Tensor -> Tensor) (x: Tensor) : Tensor =
    if x.NumElements <> 1 then
        ShapeRules.Fail("diff", "a scalar input", $"shape {x.Shape}")

    grad f x

/// <summary>The Jacobian of f at x: shape f(x).Shape @ x.Shape, entry [i…, j…] = ∂f(x)ᵢ / ∂xⱼ. One reverse pass per
/// output element.</summary>
[<CompiledName("Jacobian")>]
let jacobian (f: Tensor -> Tensor) (x: Tensor) : Tensor =
    Nesting.Enter(fun nested ->
        GradMode.Run(
            true,
            fun () ->
                let xv = variable x
                let y = f xv
                let m = y.NumElements

                let rows = [|
                    for i in 0 .. m - 1 ->
                        let seed = Array.zeroCreate<float> m
                        seed[i] <- 1.0
                        let seedT = Tensor.FromArray(seed, y.Dims).Cast(y.DType)
                        (Backprop.run nested y seedT [| xv |])[0]
                |]

                if m = 0 then
                    Tensor.Zeros(Array.append y.Dims x.Dims, x.DType)
                else
                    Tensor.Stack(rows, 0).Reshape(Array.append y.Dims x.Dims)
        ))

/// <summary>The Hessian of a scalar function at a vector x: the Jacobian of its gradient, n × n.</summary>
[<CompiledName("Hessian")>]
let hessian (f: Tensor -> Tensor) (x: Tensor) : Tensor = jacobian (grad f) x

/// <summary>Runs <paramref name="f"/> without recording: results are constants. Cheaper for inference.</summary>
[<CompiledName("NoGrad")>]
let noGrad (f: unit -> 'T) : 'T = GradMode.Run(false, f)
