namespace Functional.Nn

open Functional

/// <summary>Where an optimizer went: the point before each step and after the last, and the loss at each point.
/// Points[0] is the start; Losses[i] = f(Points[i]).</summary>
type OptimizationPath = {
    /// The optimizer's name, for legends.
    Name: string
    /// Each visited point, flattened: steps + 1 of them.
    Points: float[][]
    /// f at each point.
    Losses: float[]
}

/// Minimising a function of one tensor directly with an optimizer, recording the path (lecture 000's comparison).
[<RequireQualifiedAccess>]
module Optimize =
    /// <summary>Takes <paramref name="steps"/> steps of <paramref name="optimizer"/> on f from
    /// <paramref name="start"/> and returns every point visited with its loss.</summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">steps is negative.</exception>
    [<CompiledName("Path")>]
    let path
        (name: string)
        (optimizer: Optimizer)
        (steps: int)
        (f: Tensor -> Tensor)
        (start: Tensor)
        : OptimizationPath =
        if steps < 0 then
            raise (System.ArgumentOutOfRangeException(nameof steps, steps, "optimize.path: expected steps >= 0"))

        // The optimizer updates in place: work on a copy, so the caller's start stays as it was.
        let x = Parameter("x", Tensor.OfRaw(Optimizer.Copy start.Raw), true)
        let points = ResizeArray()
        let losses = ResizeArray()

        for _ in 1..steps do
            let loss, g = Diff.gradv f x.Value
            points.Add(x.Value.ToFloatArray())
            losses.Add(loss.ToScalar())
            optimizer.Step([| x |], [| g |])

        points.Add(x.Value.ToFloatArray())
        losses.Add((Diff.noGrad (fun () -> f x.Value)).ToScalar())

        {
            Name = name
            Points = points.ToArray()
            Losses = losses.ToArray()
        }
