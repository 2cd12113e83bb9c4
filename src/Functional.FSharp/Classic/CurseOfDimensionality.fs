// The curse of dimensionality in numbers (Deep Learning §5.11.1): how little of the unit cube lies near its centre, and
// how the nearest and farthest of random points become equally far as the dimension d grows.
namespace Functional

open System
open MathNet.Numerics

/// <summary>Volumes and distance statistics of the unit cube [0, 1]^d.</summary>
[<RequireQualifiedAccess>]
module CurseOfDimensionality =

    let private checkDimension (op: string) (d: int) =
        if d < 1 then
            raise (ArgumentException($"{op}: expected a dimension d >= 1, received {d}", nameof d))

    /// <summary>The volume π^(d/2) rᵈ / Γ(d/2 + 1) of a d-dimensional ball of radius r, via log-gamma.</summary>
    /// <example><c>CurseOfDimensionality.ballVolume 2 1.0</c> = π.</example>
    /// <exception cref="T:System.ArgumentException">d &lt; 1, or r is negative or not finite.</exception>
    [<CompiledName("BallVolume")>]
    let ballVolume (d: int) (r: float) : float =
        checkDimension "ballVolume" d

        if not (r >= 0.0 && Double.IsFinite r) then
            raise (ArgumentException($"ballVolume: expected a finite radius >= 0, received {r}", nameof r))

        if r = 0.0 then
            0.0
        else
            exp (
                float d / 2.0 * log Math.PI + float d * log r
                - SpecialFunctions.GammaLn(float d / 2.0 + 1.0)
            )

    /// <summary>The share of the unit cube [0, 1]^d within distance r ≤ ½ of its centre: the ball lies inside the
    /// cube, so the share is its volume. At r = ½ it is 0.785 for d = 2 and below 0.0025 for d = 10.</summary>
    /// <exception cref="T:System.ArgumentException">d &lt; 1, or r is not in [0, ½] (the ball would leave the cube; use
    /// <c>shareWithinMonteCarlo</c>).</exception>
    [<CompiledName("ShareWithin")>]
    let shareWithin (d: int) (r: float) : float =
        checkDimension "shareWithin" d

        if not (r >= 0.0 && r <= 0.5) then
            raise (
                ArgumentException(
                    $"shareWithin: expected a radius in [0, 0.5] (the ball inside the cube), received {r}",
                    nameof r
                )
            )

        ballVolume d r

    /// <summary>A Monte Carlo estimate of the share of [0, 1]^d within distance r of its centre, for any r ≥ 0:
    /// the fraction of <paramref name="samples"/> uniform points from <paramref name="rng"/> that land that close.</summary>
    /// <exception cref="T:System.ArgumentException">d &lt; 1, samples &lt; 1, or r is negative or not finite.</exception>
    [<CompiledName("ShareWithinMonteCarlo")>]
    let shareWithinMonteCarlo (rng: Random) (samples: int) (d: int) (r: float) : float =
        ClassicInput.notNull (nameof rng) rng
        checkDimension "shareWithinMonteCarlo" d

        if samples < 1 then
            raise (
                ArgumentException($"shareWithinMonteCarlo: expected samples >= 1, received {samples}", nameof samples)
            )

        if not (r >= 0.0 && Double.IsFinite r) then
            raise (ArgumentException($"shareWithinMonteCarlo: expected a finite radius >= 0, received {r}", nameof r))

        let inside =
            Seq.init samples (fun _ ->
                let mutable s = 0.0

                for _ in 1..d do
                    let t = rng.NextDouble() - 0.5
                    s <- s + t * t

                s <= r * r)
            |> Seq.filter id
            |> Seq.length

        float inside / float samples

    /// <summary>For <paramref name="points"/> uniform points in [0, 1]^d and as many uniform queries (all from
    /// <paramref name="rng"/>): the mean over queries of (distance to the nearest point) / (distance to the farthest).
    /// It approaches 1 as d grows: every point becomes about equally far (Beyer et al. 1999).</summary>
    /// <exception cref="T:System.ArgumentException">d &lt; 1 or points &lt; 2.</exception>
    [<CompiledName("NearestFarthestRatio")>]
    let nearestFarthestRatio (rng: Random) (points: int) (d: int) : float =
        ClassicInput.notNull (nameof rng) rng
        checkDimension "nearestFarthestRatio" d

        if points < 2 then
            raise (ArgumentException($"nearestFarthestRatio: expected points >= 2, received {points}", nameof points))

        let cloud = {
            Data = Array.init (points * d) (fun _ -> rng.NextDouble())
            Count = points
            Width = d
        }

        let queries = {
            Data = Array.init (points * d) (fun _ -> rng.NextDouble())
            Count = points
            Width = d
        }

        let d2 =
            ClassicInput.squaredDistances queries (ClassicInput.rowNorms queries) cloud (ClassicInput.rowNorms cloud)

        Seq.averageBy
            (fun q ->
                let row = Array.sub d2 (q * points) points
                sqrt (Array.min row) / sqrt (Array.max row))
            (seq { 0 .. points - 1 })
