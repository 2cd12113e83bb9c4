// Labelled examples (one input and one target each): the unit that splits cut and that every evaluation tool scores.
namespace Functional

open System

/// <summary>m labelled examples: <c>Inputs[i]</c> goes with <c>Targets[i]</c>. An input is whatever a model reads (a
/// feature row <c>float[]</c>, an image tensor, a raw e-mail); a target is a value or a label.</summary>
/// <remarks>Evaluation tools take examples rather than one matrix so that the same split, learning curve or error
/// analysis serves a least-squares fit, an SVM and a neural network alike. Build with <c>Examples.create</c>, which
/// checks the lengths.</remarks>
type Examples<'Input, 'Target> = {
    /// One input per example.
    Inputs: 'Input[]
    /// One target per example, in the order of the inputs.
    Targets: 'Target[]
}

/// Functions on labelled examples.
[<RequireQualifiedAccess>]
module Examples =
    /// <summary>Pairs inputs with targets.</summary>
    /// <exception cref="T:System.ArgumentException">The two arrays differ in length.</exception>
    [<CompiledName("Create")>]
    let create (inputs: 'Input[]) (targets: 'Target[]) : Examples<'Input, 'Target> =
        if isNull (box inputs) then
            nullArg (nameof inputs)

        if isNull (box targets) then
            nullArg (nameof targets)

        if inputs.Length <> targets.Length then
            raise (
                ArgumentException(
                    $"examples: expected one target per input, received {inputs.Length} inputs and {targets.Length} targets",
                    nameof targets
                )
            )

        { Inputs = inputs; Targets = targets }

    /// <summary>Examples from a feature matrix (one row per example) and one target per row.</summary>
    /// <example><c>Examples.ofMatrix (array2D [ [ 1.0; 2.0 ]; [ 3.0; 4.0 ] ]) [| 0; 1 |]</c> holds two examples.</example>
    /// <exception cref="T:System.ArgumentException">y does not have one value per row of x.</exception>
    [<CompiledName("OfMatrix")>]
    let ofMatrix (x: float[,]) (y: 'Target[]) : Examples<float[], 'Target> =
        if isNull (box x) then
            nullArg (nameof x)

        create (Array.init (Array2D.length1 x) (fun i -> x[i, *])) y

    /// The number of examples, m.
    [<CompiledName("Count")>]
    let count (examples: Examples<'Input, 'Target>) : int = examples.Inputs.Length

    /// <summary>The examples at the given positions, in that order (a position may repeat).</summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">A position is outside 0 … m − 1.</exception>
    [<CompiledName("Select")>]
    let select (positions: int[]) (examples: Examples<'Input, 'Target>) : Examples<'Input, 'Target> =
        if isNull (box positions) then
            nullArg (nameof positions)

        let m = examples.Inputs.Length

        match Array.tryFind (fun p -> p < 0 || p >= m) positions with
        | Some p ->
            raise (
                ArgumentOutOfRangeException(
                    nameof positions,
                    $"select: expected positions in 0 … {m - 1}, received {p}"
                )
            )
        | None -> ()

        {
            Inputs = positions |> Array.map (fun p -> examples.Inputs[p])
            Targets = positions |> Array.map (fun p -> examples.Targets[p])
        }

    /// <summary>The first n examples: what a learning curve trains on at size n.</summary>
    /// <exception cref="T:System.ArgumentOutOfRangeException">n is negative or more than m.</exception>
    [<CompiledName("Take")>]
    let take (n: int) (examples: Examples<'Input, 'Target>) : Examples<'Input, 'Target> =
        let m = examples.Inputs.Length

        if n < 0 || n > m then
            raise (ArgumentOutOfRangeException(nameof n, $"take: expected 0 ≤ n ≤ {m}, received {n}"))

        {
            Inputs = Array.sub examples.Inputs 0 n
            Targets = Array.sub examples.Targets 0 n
        }

    /// Applies f to every input, keeping the targets: a feature transform.
    [<CompiledName("MapInputs")>]
    let mapInputs (f: 'Input -> 'Mapped) (examples: Examples<'Input, 'Target>) : Examples<'Mapped, 'Target> = {
        Inputs = Array.map f examples.Inputs
        Targets = examples.Targets
    }

    /// Rows of one length as an m×n matrix; ArgumentException (named after op) otherwise.
    let internal matrixOfRows (op: string) (rows: float[][]) : float[,] =
        match rows |> Array.map Array.length |> Array.distinct with
        | [||]
        | [| _ |] -> Array2D.init rows.Length (if rows.Length = 0 then 0 else rows[0].Length) (fun i j -> rows[i][j])
        | lengths ->
            raise (
                ArgumentException($"{op}: expected feature rows of one length, received lengths {lengths}", "inputs")
            )

    /// <summary>The inputs as an m×n matrix, one row per example, as classic estimators take them.</summary>
    /// <exception cref="T:System.ArgumentException">The rows differ in length.</exception>
    [<CompiledName("InputMatrix")>]
    let inputMatrix (examples: Examples<float[], 'Target>) : float[,] =
        matrixOfRows "inputMatrix" examples.Inputs
