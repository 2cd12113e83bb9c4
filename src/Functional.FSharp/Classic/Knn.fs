// k-nearest neighbours: classification by majority vote (ties to the nearest) and regression by the mean; the exact
// search (a GEMM per batch of queries) is KnnSearch's.
namespace Functional

open System
open Functional.Core.Models
open Functional.Core.Tensors

/// <summary>A kNN model: the training rows and targets it looks up (kNN learns nothing else).</summary>
type KnnFit = {
    /// k, the number of neighbours consulted.
    K: int
    /// How many queries share one GEMM.
    BatchSize: int
    /// The training rows, [n, d].
    Data: Tensor
    /// The training targets (labels or values), float64 [n].
    Targets: float[]
    /// The dtype of the training targets; class predictions come back in it.
    TargetType: DType
}

/// <summary>k-nearest neighbours: <c>Knn.fit</c>, <c>Knn.classify</c>, <c>Knn.regress</c>, <c>Knn.neighbours</c>.</summary>
[<RequireQualifiedAccess>]
module Knn =

    /// <summary>Settings; start from <c>Knn.defaults</c>.</summary>
    type Settings = {
        /// k ≥ 1 neighbours.
        K: int
        /// Queries per GEMM: bounds the block of screening products at BatchSize · n values.
        BatchSize: int
    }

    /// k = 5 (scikit-learn's default), 1024 queries per batch.
    [<CompiledName("Defaults")>]
    let defaults = { K = 5; BatchSize = 1024 }

    let private op = "knn"

    /// The training rows of each fit in the forms the search reads, computed once per fit (tensors do not change).
    let private preparedFits =
        System.Runtime.CompilerServices.ConditionalWeakTable<KnnFit, KnnPrepared>()

    let private prepared (fit: KnnFit) : KnnPrepared =
        preparedFits.GetValue(fit, fun f -> KnnSearch.prepare (ClassicInput.matrix op "training data" f.Data))

    /// <summary>Stores the training rows x [n, d] and targets y [n] (labels for <c>classify</c>, values for
    /// <c>regress</c>).</summary>
    /// <remarks>The fit keeps the rows in float64 and, for the distance screen, a float32 copy (half as large again);
    /// every answer is computed exactly in float64 (see Classic/KnnSearch.fs).</remarks>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix, or y has not one value per row.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or not finite; k is not in [1, n]; the batch size &lt; 1.</exception>
    [<CompiledName("Fit")>]
    let fit (settings: Settings) (x: Tensor) (y: Tensor) : KnnFit =
        ClassicInput.notNull (nameof settings) settings
        let rows = ClassicInput.matrix op (nameof x) x
        let targets = ClassicInput.vector op (nameof y) rows.Count y
        ClassicInput.atLeast op "k" 1 settings.K
        ClassicInput.atLeast op "batch size" 1 settings.BatchSize

        if settings.K > rows.Count then
            raise (
                ArgumentException(
                    $"{op}: expected k <= the number of training rows {rows.Count}, received k = {settings.K}",
                    nameof settings
                )
            )

        let fitted = {
            K = settings.K
            BatchSize = settings.BatchSize
            // rows.Data is this fit's own copy, never written: the tensor wraps it instead of copying it again.
            Data = ClassicInput.wrap rows.Count rows.Width rows.Data
            Targets = targets
            TargetType = y.DType
        }

        // The rows were just checked: predictions start from them instead of copying the data again.
        preparedFits.AddOrUpdate(fitted, KnnSearch.prepare rows)
        fitted

    /// The k nearest training rows of each query, nearest first (ties by training order), with squared distances.
    let private nearest (fit: KnnFit) (x: Tensor) : int[][] * float[][] =
        ClassicInput.notNull (nameof fit) fit
        let training = prepared fit
        let queries = ClassicInput.matrixOfWidth op (nameof x) training.Rows.Width x
        KnnSearch.nearest training fit.K fit.BatchSize queries

    /// <summary>The k nearest training rows of each query row of x [m, d]: their indices (int64 [m, k], nearest first,
    /// ties by training order) and Euclidean distances (float64 [m, k]).</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix of the training width.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or holds NaN or infinity.</exception>
    [<CompiledName("Neighbours")>]
    let neighbours (fit: KnnFit) (x: Tensor) : Tensor * Tensor =
        let indices, distances = nearest fit x
        let m = indices.Length

        Tensor.FromArray(indices |> Array.concat |> Array.map int64, [ m; fit.K ]),
        ClassicInput.tensor m fit.K (distances |> Array.concat |> Array.map sqrt)

    /// <summary>The majority label among the k nearest training rows of each query, in the training labels' dtype; a
    /// tie between labels goes to the one whose member is nearest.</summary>
    /// <example><c>Knn.classify (Knn.fit { Knn.defaults with K = 3 } x y) queries</c></example>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix of the training width.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or holds NaN or infinity.</exception>
    [<CompiledName("Classify")>]
    let classify (fit: KnnFit) (x: Tensor) : Tensor =
        let indices, _ = nearest fit x

        indices
        |> Array.map (fun near ->
            let labels = near |> Array.map (fun i -> fit.Targets[i])
            let votes = labels |> Array.countBy id
            let most = votes |> Array.maxBy snd |> snd
            // Neighbours come nearest first: the first label with the most votes wins.
            labels
            |> Array.find (fun l -> votes |> Array.exists (fun (v, c) -> v = l && c = most)))
        |> ClassicInput.labelTensor fit.TargetType

    /// <summary>The mean target of the k nearest training rows of each query, float64 [m].</summary>
    /// <exception cref="T:Functional.Core.Tensors.ShapeMismatchException">x is not a matrix of the training width.</exception>
    /// <exception cref="T:System.ArgumentException">x is empty or holds NaN or infinity.</exception>
    [<CompiledName("Regress")>]
    let regress (fit: KnnFit) (x: Tensor) : Tensor =
        let indices, _ = nearest fit x

        indices
        |> Array.map (Array.averageBy (fun i -> fit.Targets[i]))
        |> ClassicInput.tensorVector

/// <summary>A kNN classifier as a Core predictor (majority vote).</summary>
[<Sealed>]
type KnnClassifierModel(fit: KnnFit) =
    /// The stored training data.
    member _.Result = fit

    /// <summary>The majority label of each row's neighbours; see <c>Knn.classify</c>.</summary>
    member _.Predict(x: Tensor) = Knn.classify fit x

    interface IPredictor<Tensor, Tensor> with
        member _.Predict x = Knn.classify fit x

/// <summary>A kNN regressor as a Core predictor (neighbour mean).</summary>
[<Sealed>]
type KnnRegressorModel(fit: KnnFit) =
    /// The stored training data.
    member _.Result = fit

    /// <summary>The mean target of each row's neighbours; see <c>Knn.regress</c>.</summary>
    member _.Predict(x: Tensor) = Knn.regress fit x

    interface IPredictor<Tensor, Tensor> with
        member _.Predict x = Knn.regress fit x

/// <summary>kNN classification as a Core estimator.</summary>
[<Sealed>]
type KnnClassifier(settings: Knn.Settings) =
    /// With <c>Knn.defaults</c> (k = 5).
    new() = KnnClassifier(Knn.defaults)

    /// The settings every fit uses.
    member _.Settings = settings

    /// <summary>Stores the training data; see <c>Knn.fit</c>.</summary>
    member _.Fit(x: Tensor, y: Tensor) =
        KnnClassifierModel(Knn.fit settings x y)

    interface IEstimator<Tensor, Tensor, Tensor> with
        member this.Fit(x, y) =
            this.Fit(x, y) :> IPredictor<Tensor, Tensor>

/// <summary>kNN regression as a Core estimator.</summary>
[<Sealed>]
type KnnRegressor(settings: Knn.Settings) =
    /// With <c>Knn.defaults</c> (k = 5).
    new() = KnnRegressor(Knn.defaults)

    /// The settings every fit uses.
    member _.Settings = settings

    /// <summary>Stores the training data; see <c>Knn.fit</c>.</summary>
    member _.Fit(x: Tensor, y: Tensor) = KnnRegressorModel(Knn.fit settings x y)

    interface IEstimator<Tensor, Tensor, Tensor> with
        member this.Fit(x, y) =
            this.Fit(x, y) :> IPredictor<Tensor, Tensor>
