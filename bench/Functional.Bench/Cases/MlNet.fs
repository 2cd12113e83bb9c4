// ML.NET (Microsoft.ML), the second peer of the classic cases: what a .NET user would otherwise pick for k-means,
// PCA and logistic regression. It runs in this harness (`Functional.Bench mlnet NAME`), in its own process like
// the other peers, on the data of Recipe.fs, timed by the same loop (Measure.fs).
//
// What differs from ours and scikit-learn, because the API offers nothing closer:
// - Every ML.NET trainer takes float32 features (ours and scikit-learn compute in float64 here).
// - The data is an IDataView over in-memory rows, cached (Data.Cache, as ML.NET recommends for trainers that pass
//   over the data many times) and filled before timing; a timed run is one Fit on that cached view.
// - kmeans: no way to pass the initial centres. InitializationAlgorithm.Random (k rows drawn at random, the nearest
//   to ours and scikit-learn's "the first 8 rows" of i.i.d. data) and then ML.NET's Lloyd iterations with Yinyang
//   bounds; at most 100 iterations, tolerance 1e-30 (it must be positive: so it stops early only when the mean
//   score stops changing, as ours with tolerance 0). It starts elsewhere, so it may end in another local minimum:
//   compare's CHECKS gives its inertia a wider tolerance. It does not report its iteration count.
// - pca: ProjectToPrincipalComponents is randomised (rank 50 + oversampling 20 Gaussian directions, one pass of
//   XᵀX over them, Gram–Schmidt, a second pass, a 70 × 70 eigenproblem) where ours and scikit-learn are exact. Its
//   check, the variance its 50 components capture, is therefore lower on this flat spectrum; compare reports it
//   beside the exact value and does not call it a mismatch.
// - logistic-fit: LbfgsLogisticRegression with L2 = 1, L1 = 0 (its default L1 is 1), the intercept unpenalised,
//   minimising the same J as ours (Newton) and scikit-learn (L-BFGS) up to ML.NET's division by the row count;
//   it stops when the mean relative improvement of the last 5 iterations falls below 1e-7 (its default; history
//   20), scikit-learn on a projected gradient of 1e-4, ours on a mean gradient of 5e-9 (the same rule
//   as scikit-learn's over 20,000 rows).
module Functional.Bench.Cases.MlNet

open System
open Microsoft.ML
open Microsoft.ML.Data
open Microsoft.ML.Trainers
open Microsoft.ML.Transforms
open Microsoft.ML.Calibrators
open Functional.Bench
open Functional.Bench.Measure

/// <summary>One row of features for ML.NET.</summary>
[<AllowNullLiteral>]
type FeatureRow() =
    /// The features, float32.
    member val Features: float32[] = [||] with get, set

/// <summary>One row of features and a binary label for ML.NET.</summary>
[<AllowNullLiteral>]
type LabeledRow() =
    /// The features, float32.
    member val Features: float32[] = [||] with get, set
    /// The label.
    member val Label: bool = false with get, set

/// <summary>A cached IDataView of <paramref name="rows"/> whose Features column is a float32 vector of
/// <paramref name="width"/>, filled by one pass before it is returned.</summary>
let private cachedView<'Row when 'Row: not struct> (ml: MLContext) (width: int) (columns: string[]) (rows: 'Row[]) =
    let schema = SchemaDefinition.Create(typeof<'Row>)
    schema["Features"].ColumnType <- VectorDataViewType(NumberDataViewType.Single, width)
    let view = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows, schema), columns)

    do
        use cursor = view.GetRowCursor(view.Schema)

        while cursor.MoveNext() do
            ()

    view

/// <summary>Row-major float64 values as float32 feature rows of <paramref name="width"/>.</summary>
let private featureRows (width: int) (values: float[]) : FeatureRow[] =
    Array.init (values.Length / width) (fun i ->
        FeatureRow(Features = Array.init width (fun j -> float32 values[i * width + j])))

/// <summary>kmeans: KMeansTrainer, k = 8, random initial rows, at most 100 iterations, on the 100,000 × 16 points of
/// the kmeans case. Check: the inertia of its centres on the float64 data (Σ of squared distances to the nearest
/// centre).</summary>
let kmeans (threads: int) : Outcome =
    let ml = MLContext(seed = 0)
    let data = Recipe.kmeansPoints ()
    let view = cachedView ml 16 [| "Features" |] (featureRows 16 data)

    let options =
        KMeansTrainer.Options(
            NumberOfClusters = 8,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.Random,
            MaximumNumberOfIterations = 100,
            OptimizationTolerance = 1e-30f,
            NumberOfThreads = Nullable threads
        )

    let trainer = ml.Clustering.Trainers.KMeans options

    let mutable model =
        Unchecked.defaultof<ClusteringPredictionTransformer<KMeansModelParameters>>

    let inertia () =
        let mutable centroids = Unchecked.defaultof<VBuffer<float32>[]>
        let mutable k = 0
        model.Model.GetClusterCentroids(&centroids, &k)

        let centres =
            centroids
            |> Array.map (fun c -> c.DenseValues() |> Seq.map float |> Array.ofSeq)

        let mutable total = 0.0

        for i in 0 .. data.Length / 16 - 1 do
            let mutable best = infinity

            for c in centres do
                let mutable d = 0.0

                for j in 0..15 do
                    let e = data[i * 16 + j] - c[j]
                    d <- d + e * e

                best <- min best d

            total <- total + best

        total

    Ready {
        Run = fun () -> model <- trainer.Fit view
        Units = 1
        Flops = None
        Check = inertia
    }

/// <summary>pca: ProjectToPrincipalComponents, rank 50, oversampling 20 (its default), zero mean, seed 0, on the
/// 10,000 × 784 points of the pca case. Check: the variance its 50 output columns capture (Σ of their sample
/// variances, n − 1, as scikit-learn's explained_variance_).</summary>
let pca (_threads: int) : Outcome =
    let ml = MLContext(seed = 0)

    let view =
        cachedView ml 784 [| "Features" |] (featureRows 784 (Recipe.pcaPoints ()))

    let estimator =
        ml.Transforms.ProjectToPrincipalComponents(
            "Pca",
            "Features",
            rank = 50,
            overSampling = 20,
            ensureZeroMean = true,
            seed = Nullable 0
        )

    let mutable model = Unchecked.defaultof<PrincipalComponentAnalysisTransformer>

    let captured () =
        let rows =
            model.Transform(view).GetColumn<float32[]>("Pca")
            |> Seq.map (Array.map float)
            |> Array.ofSeq

        let n = float rows.Length

        Array.init 50 (fun j ->
            let mean = rows |> Array.averageBy (fun r -> r[j])
            (rows |> Array.sumBy (fun r -> (r[j] - mean) ** 2.0)) / (n - 1.0))
        |> Array.sum

    Ready {
        Run = fun () -> model <- estimator.Fit view
        Units = 1
        Flops = None
        Check = captured
    }

/// <summary>logistic-fit: LbfgsLogisticRegression with L2 = 1, L1 = 0, on the 20,000 × 50 data of the case. Check:
/// the objective J of its weights and bias on the float64 data (Classic.logisticObjective).</summary>
let logisticFit (threads: int) : Outcome =
    let ml = MLContext(seed = 0)
    let xs, ys = Recipe.logisticFitPoints ()

    let rows =
        Array.init ys.Length (fun i ->
            LabeledRow(Features = Array.init 50 (fun j -> float32 xs[i * 50 + j]), Label = (ys[i] > 0.5)))

    let view = cachedView ml 50 [| "Features"; "Label" |] rows

    let options =
        LbfgsLogisticRegressionBinaryTrainer.Options(
            L1Regularization = 0.0f,
            L2Regularization = 1.0f,
            NumberOfThreads = Nullable threads
        )

    let trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression options

    let mutable model =
        Unchecked.defaultof<
            BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>
         >

    Ready {
        Run = fun () -> model <- trainer.Fit view
        Units = 1
        Flops = None
        Check =
            fun () ->
                let linear = model.Model.SubModel
                Classic.logisticObjective xs ys 1.0 (linear.Weights |> Seq.map float |> Array.ofSeq) (float linear.Bias)
    }

/// <summary>The cases ML.NET runs, by base name; each takes the thread count (ML.NET's NumberOfThreads).</summary>
let cases: (string * (int -> Outcome)) list = [ "kmeans", kmeans; "pca", pca; "logistic-fit", logisticFit ]
