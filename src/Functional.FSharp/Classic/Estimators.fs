// Layer two of Classic/: the regression and classification fits as Core estimators and predictors, so evaluation tools
// treat them like neural models. Thin wrappers: every algorithm lives in its own module.
namespace Functional

open System
open Functional.Core.Metrics
open Functional.Core.Models

/// Conversions between the array and tensor surfaces of the estimators.
module internal EstimatorData =
    let tensorOf2D (op: string) (x: float[,]) =
        if isNull (box x) then
            nullArg (nameof x)

        if Array2D.length2 x = 0 then
            raise (
                ArgumentException(
                    $"{op}: expected x with at least one column, received x {Array2D.length1 x}x0",
                    nameof x
                )
            )

        Tensor.ofArray2D x

    let tensorOf (name: string) (values: 'T[]) =
        if isNull (box values) then
            nullArg name

        Tensor.ofArray values

    let labelsOf (t: Tensor) = t.ToFloatArray() |> Array.map int

/// <summary>A fitted linear model (least squares, ridge or gradient descent) as a Core predictor: predicts b + X w.
/// Works on tensors [m, n] → [m] and on arrays m×n → m values.</summary>
type LinearPredictor(fit: LinearFit) =
    /// The fitted model.
    member _.Fitted = fit

    /// <summary>b + X w for x [m, n] (float64 or float32): float64 [m].</summary>
    /// <exception cref="T:System.ArgumentException">x does not have one column per coefficient, or holds NaN.</exception>
    member _.Predict(x: Tensor) = LinearFit.predictTensor fit x

    /// <summary>R² of the predictions on x and y (1 is perfect; scikit-learn's score).</summary>
    /// <exception cref="T:System.ArgumentException">The shapes disagree, or a value is NaN or infinite.</exception>
    member _.Score(x: Tensor, y: Tensor) = LinearFit.rSquared fit x y

    interface IPredictor<Tensor, Tensor> with
        member p.Predict x = p.Predict x

    interface IPredictor<float[,], float[]> with
        member p.Predict x =
            p.Predict(EstimatorData.tensorOf2D "predict" x).ToFloatArray()

/// <summary>Least squares (QR or SVD, minimum-norm) as a Core estimator; see <c>LeastSquares.fitTensor</c>.</summary>
type LeastSquaresEstimator(settings: LeastSquares.Settings) =
    /// An estimator with <c>LeastSquares.defaults</c> (SVD, with an intercept).
    new() = LeastSquaresEstimator LeastSquares.defaults

    /// The settings every fit uses.
    member _.Settings = settings

    /// <summary>Fits x [m, n] and y [m]; see <c>LeastSquares.fitTensor</c> for the exceptions.</summary>
    member _.Fit(x: Tensor, y: Tensor) =
        LinearPredictor(LeastSquares.fitTensor settings x y)

    interface IEstimator<Tensor, Tensor, Tensor> with
        member e.Fit(x, y) = e.Fit(x, y)

    interface IEstimator<float[,], float[], float[]> with
        member e.Fit(x, y) =
            e.Fit(EstimatorData.tensorOf2D "leastSquares" x, EstimatorData.tensorOf "y" y)

/// <summary>Ridge regression as a Core estimator; see <c>Ridge.fit</c>.</summary>
type RidgeEstimator(settings: Ridge.Settings) =
    /// An estimator with <c>Ridge.defaults</c> (λ = 1, unpenalised intercept).
    new() = RidgeEstimator Ridge.defaults

    /// The settings every fit uses.
    member _.Settings = settings

    /// <summary>Fits x [m, n] and y [m]; see <c>Ridge.fit</c> for the exceptions.</summary>
    member _.Fit(x: Tensor, y: Tensor) = LinearPredictor(Ridge.fit settings x y)

    interface IEstimator<Tensor, Tensor, Tensor> with
        member e.Fit(x, y) = e.Fit(x, y)

    interface IEstimator<float[,], float[], float[]> with
        member e.Fit(x, y) =
            e.Fit(EstimatorData.tensorOf2D "ridge" x, EstimatorData.tensorOf "y" y)

/// <summary>A fitted binary logistic model as a Core predictor: predicts labels 0 or 1 (int64 tensors, or int arrays).</summary>
type LogisticPredictor(fit: LogisticFit) =
    /// The fitted model.
    member _.Fitted = fit

    /// <summary>The predicted labels of x [m, n]: int64 [m].</summary>
    /// <exception cref="T:System.ArgumentException">x does not have one column per coefficient, or holds NaN.</exception>
    member _.Predict(x: Tensor) = LogisticRegression.predict fit x

    /// <summary>P(y = 1 | x) for x [m, n]: float64 [m].</summary>
    /// <exception cref="T:System.ArgumentException">x does not have one column per coefficient, or holds NaN.</exception>
    member _.PredictProba(x: Tensor) = LogisticRegression.predictProba fit x

    /// <summary>The accuracy of the predictions on x and labels y (scikit-learn's score).</summary>
    /// <exception cref="T:System.ArgumentException">The shapes disagree, or a value is NaN.</exception>
    member p.Score(x: Tensor, y: Tensor) =
        let predicted = EstimatorData.labelsOf (p.Predict x)
        let truth = LabelInput.read "score" predicted.Length (Some 2) y
        Accuracy.Of(ReadOnlySpan truth, ReadOnlySpan predicted)

    interface IPredictor<Tensor, Tensor> with
        member p.Predict x = p.Predict x

    interface IPredictor<float[,], int[]> with
        member p.Predict x =
            EstimatorData.labelsOf (p.Predict(EstimatorData.tensorOf2D "predict" x))

/// <summary>Binary logistic regression as a Core estimator; see <c>LogisticRegression.fit</c>.</summary>
type LogisticEstimator(settings: LogisticRegression.Settings) =
    /// An estimator with <c>LogisticRegression.defaults</c> (Newton, no penalty, with an intercept).
    new() = LogisticEstimator LogisticRegression.defaults

    /// The settings every fit uses.
    member _.Settings = settings

    /// <summary>Fits x [m, n] and labels y [m] (0 or 1); see <c>LogisticRegression.fit</c> for the exceptions.</summary>
    member _.Fit(x: Tensor, y: Tensor) =
        LogisticPredictor(LogisticRegression.fit settings x y)

    interface IEstimator<Tensor, Tensor, Tensor> with
        member e.Fit(x, y) = e.Fit(x, y)

    interface IEstimator<float[,], int[], int[]> with
        member e.Fit(x, y) =
            e.Fit(EstimatorData.tensorOf2D "logisticRegression" x, EstimatorData.tensorOf "y" y)

/// <summary>A fitted softmax model as a Core predictor: predicts class labels (int64 tensors, or int arrays).</summary>
type SoftmaxPredictor(fit: SoftmaxFit) =
    /// The fitted model.
    member _.Fitted = fit

    /// <summary>The most probable class of each row of x [m, n]: int64 [m].</summary>
    /// <exception cref="T:System.ArgumentException">x does not have the fitted column count, or holds NaN.</exception>
    member _.Predict(x: Tensor) = SoftmaxRegression.predict fit x

    /// <summary>The class probabilities of each row of x [m, n]: float64 [m, K].</summary>
    /// <exception cref="T:System.ArgumentException">x does not have the fitted column count, or holds NaN.</exception>
    member _.PredictProba(x: Tensor) = SoftmaxRegression.predictProba fit x

    /// <summary>The accuracy of the predictions on x and labels y.</summary>
    /// <exception cref="T:System.ArgumentException">The shapes disagree, or a value is NaN.</exception>
    member p.Score(x: Tensor, y: Tensor) =
        let predicted = EstimatorData.labelsOf (p.Predict x)
        let truth = LabelInput.read "score" predicted.Length (Some fit.Classes) y
        Accuracy.Of(ReadOnlySpan truth, ReadOnlySpan predicted)

    interface IPredictor<Tensor, Tensor> with
        member p.Predict x = p.Predict x

    interface IPredictor<float[,], int[]> with
        member p.Predict x =
            EstimatorData.labelsOf (p.Predict(EstimatorData.tensorOf2D "predict" x))

/// <summary>Softmax regression as a Core estimator; see <c>SoftmaxRegression.fit</c>.</summary>
type SoftmaxEstimator(settings: SoftmaxRegression.Settings) =
    /// An estimator with <c>SoftmaxRegression.defaults</c>.
    new() = SoftmaxEstimator SoftmaxRegression.defaults

    /// The settings every fit uses.
    member _.Settings = settings

    /// <summary>Fits x [m, n] and labels y [m]; see <c>SoftmaxRegression.fit</c> for the exceptions.</summary>
    member _.Fit(x: Tensor, y: Tensor) =
        SoftmaxPredictor(SoftmaxRegression.fit settings x y)

    interface IEstimator<Tensor, Tensor, Tensor> with
        member e.Fit(x, y) = e.Fit(x, y)

    interface IEstimator<float[,], int[], int[]> with
        member e.Fit(x, y) =
            e.Fit(EstimatorData.tensorOf2D "softmaxRegression" x, EstimatorData.tensorOf "y" y)
