namespace Functional.CSharp

open Functional

open System

/// <summary>Derivatives for C# callers: the <c>Diff</c> module with <see cref="T:System.Func`2"/> in place of F#
/// functions. It forwards only; the F# module holds the logic.</summary>
[<AbstractClass; Sealed>]
type Differentiation =
    static member private Check(f: obj) =
        if isNull (box f) then
            nullArg "f"

    /// <summary>The gradient ∇f(x) of a scalar-valued function, shaped like x.</summary>
    static member Grad(f: Func<Tensor, Tensor>, x: Tensor) : Tensor =
        Differentiation.Check f
        Diff.grad f.Invoke x

    /// <summary>The value and gradient of a scalar-valued function.</summary>
    static member GradV(f: Func<Tensor, Tensor>, x: Tensor) : struct (Tensor * Tensor) =
        Differentiation.Check f
        let v, g = Diff.gradv f.Invoke x
        struct (v, g)

    /// <summary>The gradients of a scalar function of several tensors, one per input.</summary>
    static member Grads(f: Func<Tensor[], Tensor>, xs: Tensor[]) : Tensor[] =
        Differentiation.Check f
        Diff.grads f.Invoke xs

    /// <summary>The derivative of a function of one scalar.</summary>
    static member Derivative(f: Func<Tensor, Tensor>, x: Tensor) : Tensor =
        Differentiation.Check f
        Diff.diff f.Invoke x

    /// <summary>The Jacobian of f at x, shape f(x).Shape @ x.Shape.</summary>
    static member Jacobian(f: Func<Tensor, Tensor>, x: Tensor) : Tensor =
        Differentiation.Check f
        Diff.jacobian f.Invoke x

    /// <summary>The Hessian of a scalar function at a vector x.</summary>
    static member Hessian(f: Func<Tensor, Tensor>, x: Tensor) : Tensor =
        Differentiation.Check f
        Diff.hessian f.Invoke x

    /// <summary>Runs <paramref name="f"/> without recording operations for differentiation.</summary>
    static member NoGrad(f: Func<'T>) : 'T =
        Differentiation.Check f
        Diff.noGrad f.Invoke

    /// <summary>∇f(x) by central differences (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, in float64: Numerical.grad, the
    /// oracle to check a gradient against.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">f returns more than one element.</exception>
    static member NumericalGrad(h: float, f: Func<Tensor, Tensor>, x: Tensor) : Tensor =
        Differentiation.Check f
        Numerical.grad h f.Invoke x

    /// <summary>The Jacobian of f at x by central differences, shape f(x).Shape @ x.Shape, in float64:
    /// Numerical.jacobian.</summary>
    static member NumericalJacobian(h: float, f: Func<Tensor, Tensor>, x: Tensor) : Tensor =
        Differentiation.Check f
        Numerical.jacobian h f.Invoke x
