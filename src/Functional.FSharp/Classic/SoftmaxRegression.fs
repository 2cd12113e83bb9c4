// Multinomial (softmax) logistic regression with an optional L2 penalty, fitted by full-batch gradient descent.
namespace Functional

open System
open Functional.Core.Tensors

/// <summary>A fitted softmax model P(y = k | x) = softmax(x W + b)ₖ over K classes.</summary>
type SoftmaxFit = {
    /// W, n×K: column k holds the weights of class k.
    Weights: float[,]
    /// b, one intercept per class; zeros when none was fitted.
    Intercepts: float[]
    /// K, the number of classes; labels run 0 … K − 1.
    Classes: int
    /// λ, the L2 penalty it was fitted with (intercepts are never penalised).
    Penalty: float
    /// Iterations made.
    Iterations: int
    /// Whether the largest gradient component fell to the tolerance within the iteration limit.
    Converged: bool
    /// The mean cross-entropy −(1/m) Σᵢ log P(yᵢ | xᵢ) on the fitted data (without the penalty).
    CrossEntropy: float
    /// m, the number of observations fitted.
    Observations: int
}

/// <summary>Softmax regression: minimises J(W, b) = −Σᵢ log softmax(xᵢ W + b)_yᵢ + (λ/2) ‖W‖²_F by gradient
/// descent on J / m with the closed-form gradient ∇_W = Xᵀ (P − Y) + λ W, ∇_b = Σᵢ (Pᵢ − Yᵢ) (P the predicted
/// probabilities, Y the one-hot labels), computed with tensor ops (GEMM). Starting from zeros keeps Σₖ Wⱼₖ = 0 and
/// Σₖ bₖ = 0, so without a penalty the fit is the minimiser of that normalisation, as scikit-learn's multinomial
/// LogisticRegression (C = 1/λ).</summary>
[<RequireQualifiedAccess>]
module SoftmaxRegression =

    /// <summary>Settings; start from <c>SoftmaxRegression.defaults</c>.</summary>
    type Settings = {
        /// λ ≥ 0, the weight of ‖W‖² / 2.
        Penalty: float
        /// Fit (unpenalised) intercepts b.
        Intercept: bool
        /// α, the step on the mean objective J / m.
        LearningRate: float
        /// The most iterations to make.
        MaxIterations: int
        /// Stop when the largest component of the mean gradient ∇J / m is at most this.
        Tolerance: float
        /// K; None takes 1 + the largest label.
        Classes: int option
    }

    /// No penalty, intercepts, α = 0.5, at most 1000 iterations, tolerance 1e-6, K from the labels.
    [<CompiledName("Defaults")>]
    let defaults = {
        Penalty = 0.0
        Intercept = true
        LearningRate = 0.5
        MaxIterations = 1000
        Tolerance = 1e-6
        Classes = None
    }

    let private op = "softmaxRegression"

    let private checkSettings (settings: Settings) =
        let fail (expected: string) (received: obj) =
            raise (ArgumentException($"{op}: expected {expected}, received {received}", nameof settings))

        if not (Double.IsFinite settings.Penalty) || settings.Penalty < 0.0 then
            fail "a finite penalty >= 0" settings.Penalty

        if not (Double.IsFinite settings.LearningRate) || settings.LearningRate <= 0.0 then
            fail "a finite learning rate > 0" settings.LearningRate

        if settings.MaxIterations < 0 then
            fail "MaxIterations >= 0" settings.MaxIterations

        if not (settings.Tolerance >= 0.0) then
            fail "a tolerance >= 0" settings.Tolerance

        match settings.Classes with
        | Some k when k < 2 -> fail "at least 2 classes" k
        | _ -> ()

    /// Z = X W + b on validated float64 x.
    let private scores (x: Tensor) (w: Tensor) (b: Tensor) = Tensor.matmul x w + b

    /// Mean −log P(yᵢ | xᵢ) from the scores.
    let private meanCrossEntropy (z: Tensor) (labels: int[]) =
        let k = z.Shape[1]
        let logP = (Tensor.logSoftmax 1 z).ToFloatArray()
        -(labels |> Array.mapi (fun i y -> logP[i * k + y]) |> Array.average)

    /// <summary>Fits the model to <paramref name="x"/> [m, n] (float64 or float32) and integer class labels
    /// <paramref name="y"/> of shape [m] or [m, 1] (any numeric dtype), starting from zeros.</summary>
    /// <example><c>SoftmaxRegression.fit { SoftmaxRegression.defaults with Penalty = 1.0 } x y</c></example>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix, or y does not have one
    /// label per row.</exception>
    /// <exception cref="T:Functional.Core.Tensors.DTypeMismatchException">x is not float64 or float32.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or holds NaN or infinity; a label is not an integer in
    /// 0 … K − 1; a setting is out of range.</exception>
    /// <exception cref="T:System.NotFiniteNumberException">The descent diverged (the message names the iteration).</exception>
    [<CompiledName("Fit")>]
    let fit (settings: Settings) (x: Tensor) (y: Tensor) : SoftmaxFit =
        checkSettings settings
        let xs = FitInput.matrix op (nameof x) false x
        let m, n = Array2D.length1 xs, Array2D.length2 xs
        let labels = LabelInput.read op m settings.Classes y

        let k =
            settings.Classes |> Option.defaultWith (fun () -> max 2 (Array.max labels + 1))

        let features = Tensor.toFloat64 (x.Detach())

        let oneHot =
            Tensor.ofArrayShaped [ m; k ] (Array.init (m * k) (fun c -> if labels[c / k] = c % k then 1.0 else 0.0))

        let xt = Tensor.transpose features
        let rate = settings.LearningRate
        let mutable w = Tensor.Zeros([ n; k ], DType.Float64)
        let mutable b = Tensor.Zeros([ 1; k ], DType.Float64)
        let mutable iterations = 0
        let mutable largest = Double.PositiveInfinity

        let gradients (w: Tensor) (b: Tensor) =
            let residual = Tensor.softmax 1 (scores features w b) - oneHot
            let gw = (Tensor.matmul xt residual + settings.Penalty * w) / float m

            let gb =
                if settings.Intercept then
                    Tensor.sumDim 0 true residual / float m
                else
                    b.ZerosLike()

            gw,
            gb,
            max (Tensor.abs gw |> Tensor.max |> Tensor.toScalar) (Tensor.abs gb |> Tensor.max |> Tensor.toScalar)

        let mutable gw, gb, g = gradients w b
        largest <- g

        while not (largest <= settings.Tolerance) && iterations < settings.MaxIterations do
            w <- w - rate * gw
            b <- b - rate * gb
            let nextW, nextB, nextLargest = gradients w b
            gw <- nextW
            gb <- nextB
            largest <- nextLargest

            if not (Double.IsFinite largest) then
                raise (
                    NotFiniteNumberException(
                        $"{op}: the gradient stopped being finite at iteration {iterations}; lower the learning rate {rate}",
                        largest
                    )
                )

            iterations <- iterations + 1

        let weights = w.ToFloatArray()

        {
            Weights = Array2D.init n k (fun j c -> weights[j * k + c])
            Intercepts = b.ToFloatArray()
            Classes = k
            Penalty = settings.Penalty
            Iterations = iterations
            Converged = largest <= settings.Tolerance
            CrossEntropy = meanCrossEntropy (scores features w b) labels
            Observations = m
        }

    /// The scores Z = X W + b [rows, K] for validated x.
    let private decision (name: string) (fit: SoftmaxFit) (x: Tensor) : Tensor =
        let values = FitInput.matrix name (nameof x) true x
        let n = Array2D.length1 fit.Weights

        if Array2D.length2 values <> n then
            ShapeRules.Fail(name, $"x with {n} columns, as the fitted data", $"x {x.Shape}")

        scores
            (Tensor.toFloat64 (x.Detach()))
            (Tensor.ofArray2D fit.Weights)
            (Tensor.ofArrayShaped [ 1; fit.Classes ] fit.Intercepts)

    /// <summary>P(y = k | x) for each row of <paramref name="x"/> [r, n]: float64 [r, K], rows summing to 1.</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix with the fitted data's
    /// column count.</exception>
    /// <exception cref="T:System.ArgumentException">x is not float or holds NaN or infinity.</exception>
    [<CompiledName("PredictProba")>]
    let predictProba (fit: SoftmaxFit) (x: Tensor) : Tensor =
        decision "predictProba" fit x |> Tensor.softmax 1

    /// <summary>The most probable class of each row of <paramref name="x"/> [r, n]: int64 [r].</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix with the fitted data's
    /// column count.</exception>
    /// <exception cref="T:System.ArgumentException">x is not float or holds NaN or infinity.</exception>
    [<CompiledName("Predict")>]
    let predict (fit: SoftmaxFit) (x: Tensor) : Tensor =
        decision "predict" fit x |> Tensor.argmax 1

    /// <summary>The mean cross-entropy −(1/r) Σᵢ log P(yᵢ | xᵢ) of the fit on <paramref name="x"/> [r, n] and labels
    /// <paramref name="y"/> (integers 0 … K − 1).</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix with the fitted data's
    /// column count, or y does not have one label per row.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty, not float, or holds NaN or infinity; a label is out of
    /// range.</exception>
    [<CompiledName("CrossEntropy")>]
    let crossEntropy (fit: SoftmaxFit) (x: Tensor) (y: Tensor) : float =
        let z = decision "crossEntropy" fit x

        if z.Shape[0] = 0 then
            raise (ArgumentException("crossEntropy: expected at least one row in x, received x with 0 rows", nameof x))

        meanCrossEntropy z (LabelInput.read "crossEntropy" z.Shape[0] (Some fit.Classes) y)
