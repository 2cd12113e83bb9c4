namespace Functional.Nn

open System
open Functional
open Functional.Core.Tensors

/// <summary>Dropout: in training mode each value is zeroed with probability <paramref name="rate"/> and the rest are
/// scaled by 1/(1 − rate) (inverted dropout, as PyTorch and Keras); in evaluation mode it passes x through.</summary>
/// <param name="rate">The probability of dropping a value, in [0, 1).</param>
/// <param name="rng">Draws the masks: the same seed gives the same masks.</param>
[<Sealed>]
type Dropout(rate: float, rng: Random) =
    inherit Model()

    do
        if not (rate >= 0.0 && rate < 1.0) then
            invalidArg (nameof rate) $"dropout: expected a rate in [0, 1), received {rate}"

        if isNull (box rng) then
            nullArg (nameof rng)

    /// The probability of dropping a value.
    member _.Rate = rate

    override _.Describe() = $"rate {rate}"

    override m.Forward x =
        if not m.IsTraining || rate = 0.0 then
            x
        else
            let keep = 1.0 / (1.0 - rate)

            // Plain loops over typed arrays: a closure per element (Array.init) cost as much as the draws.
            let mask: Array =
                match x.DType with
                | DType.Float32 ->
                    let k = float32 keep
                    let values = Array.zeroCreate<float32> x.NumElements

                    for i in 0 .. values.Length - 1 do
                        values[i] <- if rng.NextDouble() < rate then 0.0f else k

                    values
                | DType.Float64 ->
                    let values = Array.zeroCreate<float> x.NumElements

                    for i in 0 .. values.Length - 1 do
                        values[i] <- if rng.NextDouble() < rate then 0.0 else keep

                    values
                | other -> raise (DTypeMismatchException("dropout", "float32 or float64 inputs", other.Name()))

            // The mask is drawn on the host (seeded, the same on every device) and moved to x's device.
            x * Tensor.FromArray(mask, x.Dims).ToDevice x.Device
