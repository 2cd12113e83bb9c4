// The data every case uses, generated bit for bit the same here and in bench/peers/recipe.py, so both sides
// train on the same numbers and their final losses can be compared.
module Functional.Bench.Recipe

/// <summary>SplitMix64's output function (Steele, Lea &amp; Flood 2014, as in Vigna's splitmix64.c) applied to a
/// counter: element i of stream <c>seed</c> is <c>mix(seed · 2³² + i)</c>. Counter-based, so NumPy computes the
/// same values vectorised.</summary>
let private mix (counter: uint64) =
    let mutable z = counter + 0x9E3779B97F4A7C15UL
    z <- (z ^^^ (z >>> 30)) * 0xBF58476D1CE4E5B9UL
    z <- (z ^^^ (z >>> 27)) * 0x94D049BB133111EBUL
    z ^^^ (z >>> 31)

/// <summary><paramref name="count"/> uniform samples in [0, 1): the top 53 bits of each mixed counter · 2⁻⁵³.</summary>
let uniforms (seed: int) (count: int) : float[] =
    let start = uint64 seed <<< 32
    Array.init count (fun i -> float (mix (start + uint64 i) >>> 11) * (1.0 / 9007199254740992.0))

/// <summary>Uniform samples in [−1, 1): 2u − 1.</summary>
let symmetric (seed: int) (count: int) : float[] =
    uniforms seed count |> Array.map (fun u -> 2.0 * u - 1.0)

/// <summary>Standard normal samples by Box–Muller from pairs (u₁, u₂) of <c>uniforms seed (2 · count)</c>:
/// √(−2 ln(1 − u₁)) · cos(2π u₂).</summary>
let normals (seed: int) (count: int) : float[] =
    let u = uniforms seed (2 * count)
    Array.init count (fun i -> sqrt (-2.0 * log (1.0 - u[2 * i])) * cos (2.0 * System.Math.PI * u[2 * i + 1]))

/// <summary>Lecture 002's five (height cm, weight kg) facts, centred (means 171 and 65.4), as the design
/// matrix [1, height − 171] (5×2) and targets weight − 65.4 (5).</summary>
let lecture002 () : float[] * float[] =
    let heights = [| 166.0; 176.0; 171.0; 173.0; 169.0 |]
    let weights = [| 58.7; 75.7; 62.1; 70.4; 60.1 |]
    let x = heights |> Array.collect (fun h -> [| 1.0; h - 171.0 |])
    x, weights |> Array.map (fun w -> w - 65.4)

/// <summary>Lecture 001's two classes in the plane, row-major 35×2, with labels 0/1: 20 points from
/// N([10, 11], 20 I) (seed 10), then 15 from N([18, 20], 22 I) (seed 11).</summary>
let logisticPoints () : float[] * float[] =
    let cloud seed count (mx: float) (my: float) variance =
        let z = normals seed (2 * count)
        Array.init (2 * count) (fun k -> (if k % 2 = 0 then mx else my) + sqrt variance * z[k])

    let x = Array.append (cloud 10 20 10.0 11.0 20.0) (cloud 11 15 18.0 20.0 22.0)
    x, Array.init 35 (fun i -> if i < 20 then 0.0 else 1.0)

// The scikit-learn comparison cases (Cases/Classic.fs and bench/peers/sklearn_cases.py).

/// <summary>100,000 × 16 uniform in [0, 1) (seed 50), row-major; the k-means cases start from its first 8 rows.</summary>
let kmeansPoints () : float[] = uniforms 50 (100_000 * 16)

/// <summary>10,000 × 784 uniform in [0, 1) (seed 60), row-major: an MNIST-sized matrix.</summary>
let pcaPoints () : float[] = uniforms 60 (10_000 * 784)

/// <summary>Ten prototypes p_c uniform in [0, 1)^784 (seed 70); a row of class c is 0.2 p_c + 0.8 u, u uniform.
/// Training: 8,000 rows, labels ⌊10u⌋ (seed 71), noise seed 72; queries: 2,000 rows, labels seed 73, noise seed 74.
/// Returns (x_train, y_train, x_query, y_query), row-major, labels 0..9 as floats.</summary>
let knnPoints () : float[] * float[] * float[] * float[] =
    let d = 784
    let prototypes = uniforms 70 (10 * d)

    let rows labelSeed noiseSeed count =
        let labels = uniforms labelSeed count |> Array.map (fun u -> floor (10.0 * u))
        let noise = uniforms noiseSeed (count * d)

        Array.init (count * d) (fun at -> 0.2 * prototypes[int labels[at / d] * d + at % d] + 0.8 * noise[at]), labels

    let x, y = rows 71 72 8_000
    let q, t = rows 73 74 2_000
    x, y, q, t

/// <summary>Spam-sized binary data, 4,000 × 1,899 (ex6's spamTrain), row-major: a row is spam (y = 1) where
/// u_i &lt; 0.4 (seed 82); 90 of the words are spam words (u_j &lt; 0.05, seed 81); x_ij = 1 where u_ij &lt; p_ij
/// (seed 80), with p_ij = 0.08 for a spam word in a spam row and 0.02 otherwise (about 40 words a row).
/// Naive-Bayes-style word counts, so the best rule is linear in x, and the classes overlap a little.</summary>
let spamPoints () : float[] * float[] =
    let rows, words = 4_000, 1_899
    let y = uniforms 82 rows |> Array.map (fun u -> if u < 0.4 then 1.0 else 0.0)
    let spamWord = uniforms 81 words |> Array.map (fun u -> u < 0.05)
    let u = uniforms 80 (rows * words)

    let x =
        Array.init (rows * words) (fun at ->
            let p =
                if spamWord[at % words] && y[at / words] > 0.0 then
                    0.08
                else
                    0.02

            if u[at] < p then 1.0 else 0.0)

    x, y

/// <summary>logistic-fit's data: 20,000 × 50 standard normal features (seed 90), row-major; a true model with weights
/// 0.5 v, v uniform in [−1, 1)^50 (seed 91), and intercept 0.5; label y_i = 1 where u_i &lt; σ(0.5 + x_i · w)
/// (u seed 92), σ(z) = 1 / (1 + e^−z), the dot product summed left to right. Returns (x, y), y as 0.0 / 1.0.</summary>
let logisticFitPoints () : float[] * float[] =
    let rows, features = 20_000, 50
    let x = normals 90 (rows * features)
    let w = symmetric 91 features |> Array.map (fun v -> 0.5 * v)
    let u = uniforms 92 rows

    let y =
        Array.init rows (fun i ->
            let mutable z = 0.5

            for j in 0 .. features - 1 do
                z <- z + x[i * features + j] * w[j]

            if u[i] < 1.0 / (1.0 + exp -z) then 1.0 else 0.0)

    x, y
