// Standardisation of features with the training data's mean and sample standard deviation, and its inverse.
namespace Functional

open System
open Functional.Core.Tensors

/// <summary>The column means and sample standard deviations of training data, to standardise other data with.</summary>
type Standardizer = {
    /// μⱼ, the mean of column j of the training data.
    Mean: float[]
    /// σⱼ = √(Σᵢ (xᵢⱼ − μⱼ)² / (m − 1)), the sample standard deviation (ddof = 1, as Octave's std and the
    /// Coursera exercises; scikit-learn's StandardScaler uses ddof = 0).
    StandardDeviation: float[]
    /// m, the number of training rows.
    Observations: int
}

/// Standardises features: z = (x − μ) / σ with μ and σ from the training data only.
[<RequireQualifiedAccess>]
module Standardize =

    let private columns (op: string) (s: Standardizer) (x: Tensor) =
        if isNull (box s) then
            nullArg (nameof s)

        let values = FitInput.matrix op (nameof x) true x
        let n = s.Mean.Length

        if Array2D.length2 values <> n then
            ShapeRules.Fail(op, $"x with {n} columns, as the fitted data", $"x {x.Shape}")

        let row (v: float[]) = Tensor.ofArrayShaped [ 1; n ] v
        Tensor.toFloat64 (x.Detach()), row s.Mean, row s.StandardDeviation

    /// <summary>Fits the standardiser to training data <paramref name="x"/> [m, n], float64 or float32, m ≥ 2.</summary>
    /// <remarks>A constant column is an error, not silently kept: dividing by σ = 0 is undefined, and keeping σ = 1
    /// (scikit-learn's choice) would quietly turn a bias column of ones into zeros. Standardise before adding the
    /// bias column.</remarks>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix.</exception>
    /// <exception cref="T:Functional.Core.Tensors.DTypeMismatchException">x is not float64 or float32.</exception>
    /// <exception cref="T:System.ArgumentException">x has fewer than 2 rows or no column, holds NaN or infinity, or has
    /// a constant column.</exception>
    [<CompiledName("Fit")>]
    let fit (x: Tensor) : Standardizer =
        let op = "standardize"
        let values = FitInput.matrix op (nameof x) false x
        let m, n = Array2D.length1 values, Array2D.length2 values

        if m < 2 then
            raise (
                ArgumentException(
                    $"{op}: expected at least 2 rows for a sample standard deviation, received x {x.Shape}",
                    nameof x
                )
            )

        let mean = FitInput.columnMeans values

        let std =
            Array.init n (fun j ->
                sqrt (
                    Seq.sum (seq { for i in 0 .. m - 1 -> (values[i, j] - mean[j]) ** 2.0 })
                    / float (m - 1)
                ))

        match Array.tryFindIndex (fun s -> s = 0.0) std with
        | Some j ->
            raise (
                ArgumentException(
                    $"{op}: expected every column of x to vary (sample standard deviation > 0), received the constant column {j} (value {values[0, j]})",
                    nameof x
                )
            )
        | None -> {
            Mean = mean
            StandardDeviation = std
            Observations = m
          }

    /// <summary>z = (x − μ) / σ, column by column, for <paramref name="x"/> [k, n] (k ≥ 0): a float64 tensor [k, n].</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix with the fitted data's
    /// column count.</exception>
    /// <exception cref="T:System.ArgumentException">x is not float or holds NaN or infinity.</exception>
    [<CompiledName("Transform")>]
    let transform (standardizer: Standardizer) (x: Tensor) : Tensor =
        let values, mean, std = columns "standardize.transform" standardizer x
        (values - mean) / std

    /// <summary>x = μ + σ z, the inverse of <c>transform</c>, for <paramref name="z"/> [k, n]: a float64 tensor [k, n].</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">z is not a matrix with the fitted data's
    /// column count.</exception>
    /// <exception cref="T:System.ArgumentException">z is not float or holds NaN or infinity.</exception>
    [<CompiledName("Inverse")>]
    let inverse (standardizer: Standardizer) (z: Tensor) : Tensor =
        let values, mean, std = columns "standardize.inverse" standardizer z
        mean + values * std

    /// <summary>Fits to <paramref name="x"/> and standardises it: the standardiser and z = (x − μ) / σ.</summary>
    /// <exception cref="T:System.ArgumentException">As <c>fit</c>.</exception>
    [<CompiledName("FitTransform")>]
    let fitTransform (x: Tensor) : Standardizer * Tensor =
        let s = fit x
        s, transform s x
