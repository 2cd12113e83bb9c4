// Polynomial features of one column: [1, x, x², …, x^p], the design matrix of polynomial regression.
namespace Functional

open System
open Functional.Core.Tensors

/// Expands one column into its powers, as scikit-learn's PolynomialFeatures does for a single feature.
[<RequireQualifiedAccess>]
module PolynomialFeatures =

    /// <summary>Settings; start from <c>PolynomialFeatures.defaults</c>.</summary>
    type Settings = {
        /// p ≥ 0, the highest power.
        Degree: int
        /// Include the column x⁰ = 1 first (scikit-learn's include_bias).
        IncludeBias: bool
    }

    /// Degree 2 with the bias column, as scikit-learn's defaults.
    [<CompiledName("Defaults")>]
    let defaults = { Degree = 2; IncludeBias = true }

    let private op = "polynomialFeatures"

    /// <summary>The matrix [x⁰?, x¹, …, xᵖ] (x⁰ = 1 only with IncludeBias) for <paramref name="x"/> of shape [m] or
    /// [m, 1], float64 or float32: a float64 tensor [m, p + 1] with the bias, [m, p] without.</summary>
    /// <example><c>PolynomialFeatures.transform { PolynomialFeatures.defaults with Degree = 3 } (Tensor.ofList [ 2.0 ])</c>
    /// is [[1, 2, 4, 8]].</example>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not of shape [m] or [m, 1].</exception>
    /// <exception cref="T:Functional.Core.Tensors.DTypeMismatchException">x is not float64 or float32.</exception>
    /// <exception cref="T:System.ArgumentException">The degree is negative, or 0 without the bias (no columns); x holds
    /// NaN or infinity.</exception>
    [<CompiledName("Transform")>]
    let transform (settings: Settings) (x: Tensor) : Tensor =
        if settings.Degree < 0 || settings.Degree = 0 && not settings.IncludeBias then
            raise (
                ArgumentException(
                    $"{op}: expected a degree >= 0, and >= 1 without the bias column, received degree {settings.Degree}, IncludeBias = {settings.IncludeBias}",
                    nameof settings
                )
            )

        if isNull (box x) then
            nullArg (nameof x)

        if not (x.Rank = 1 || x.Rank = 2 && x.Shape[1] = 1) then
            ShapeRules.Fail(op, "x of shape [m] or [m, 1], one column", $"x {x.Shape}")

        let m = x.Shape[0]
        let values = FitInput.vector op (nameof x) m x
        let first = if settings.IncludeBias then 0 else 1
        let width = settings.Degree - first + 1
        // Powers by repeated multiplication, exact for small integers (Math.Pow need not be).
        let data = Array.zeroCreate (m * width)

        for i in 0 .. m - 1 do
            let mutable power = 1.0

            for p in 0 .. settings.Degree do
                if p >= first then
                    data[i * width + p - first] <- power

                power <- power * values[i]

        Tensor.ofArrayShaped [ m; width ] data
