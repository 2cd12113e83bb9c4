/// MATLAB MAT-files (level 5, as the Coursera exercises ship them) as tensors: Functional.Core's MatFile reader with
/// each numeric variable turned into a float64 tensor of MATLAB's dimensions, elements row-major.
[<RequireQualifiedAccess>]
module Functional.Mat

open Functional.Core.Data

/// <summary>A numeric, logical or sparse variable as a float64 tensor of its dimensions (sparse densified).</summary>
/// <exception cref="T:System.InvalidOperationException">The variable is a char array.</exception>
[<CompiledName("ToTensor")>]
let toTensor (variable: MatArray) : Tensor =
    Tensor.FromArray(variable.ToDoubles(), List.ofSeq variable.Dims)

/// <summary>Every numeric, logical and sparse variable of the MAT-file at <paramref name="path"/> as a float64 tensor,
/// by name; char arrays are left out (<c>MatFile.Read</c> has them).</summary>
/// <exception cref="T:System.IO.InvalidDataException">The file is malformed or truncated.</exception>
/// <exception cref="T:System.NotSupportedException">It holds cells, structs, objects or complex numbers, or is v7.3.</exception>
[<CompiledName("Load")>]
let load (path: string) : Map<string, Tensor> =
    (MatFile.Read path).Values
    |> Seq.filter (fun v -> v.Class <> MatClass.Char)
    |> Seq.map (fun v -> v.Name, toTensor v)
    |> Map.ofSeq

/// <summary>The variable <paramref name="name"/> of the MAT-file at <paramref name="path"/> as a float64 tensor.</summary>
/// <exception cref="T:System.Collections.Generic.KeyNotFoundException">No such variable; the message lists them.</exception>
/// <exception cref="T:System.InvalidOperationException">The variable is a char array.</exception>
[<CompiledName("Variable")>]
let variable (path: string) (name: string) : Tensor =
    toTensor (MatFile.ReadVariable(path, name))
