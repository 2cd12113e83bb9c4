// The first program of a C# developer who read the README: load a CSV, fit a linear regression, train a small
// network with progress, evaluate it, save it and load it back. Run from the repository root:
//   dotnet run --project samples/CSharpQuickstart -c Release [path/to/heights-weights.csv]
using System;
using System.IO;
using System.Linq;
using Deedle;
using Functional;
using Functional.Core.Models;
using Functional.Core.Tensors;
using Functional.CSharp;
using Functional.Nn;

string csvPath = args.Length > 0 ? args[0] : Path.Combine("data", "heights-weights.csv");
if (!File.Exists(csvPath))
{
    Console.Error.WriteLine($"quickstart: expected the CSV at {Path.GetFullPath(csvPath)}; run from the repository "
        + "root or pass its path");
    return 2;
}

// 1. Load the CSV into a data frame and take its two numeric columns as float64 tensors.
Frame<int, string> frame = Csv.Read(csvPath);
// (The F# module DesignMatrix shares its name with the record type, so C# sees it as DesignMatrixModule.)
Tensor heights = DesignMatrixModule.Column("height_cm", frame).Reshape(-1, 1);   // [m, 1]: one feature per row
Tensor weights = DesignMatrixModule.Column("weight_kg", frame);                   // [m]
Console.WriteLine($"1. loaded {frame.RowCount} rows of {string.Join(", ", frame.ColumnKeys)} from {csvPath}");

// 2. Ordinary least squares with an intercept (SVD, as scikit-learn's LinearRegression).
LinearPredictor line = new LeastSquaresEstimator().Fit(heights, weights);
double slope = line.Fitted.Coefficients[0], intercept = line.Fitted.Intercept;
double rSquared = line.Score(heights, weights);
Console.WriteLine($"2. least squares: weight = {intercept:0.000} + {slope:0.0000} · height   (R² {rSquared:0.0000})");

// 3. A small network on standardised data (mean 0, standard deviation 1), with a progress line every 50 epochs.
Standardizer heightScale = Standardize.Fit(heights);
Standardizer weightScale = Standardize.Fit(weights.Reshape(-1, 1));
Tensor x = Standardize.Transform(heightScale, heights);
Tensor y = Standardize.Transform(weightScale, weights.Reshape(-1, 1));

// The data is float64 (CSV values), so the layers are too; networks default to float32.
Model Network(int seed) =>
    new Linear(1, 8, new Random(seed), dtype: DType.Float64)
        .Then(new Tanh())
        .Then(new Linear(8, 1, new Random(seed + 1), dtype: DType.Float64));

Model model = Network(seed: 1);
Console.WriteLine("3. training");
Console.WriteLine(model.Summary(new[] { 1 }));
var settings = new FitSettings
{
    Epochs = 200,
    BatchSize = 0,           // full batch: the whole data set every step
    Progress = ProgressMode.Silent,
    Callbacks = new Func<EpochRecord, bool>[]
    {
        epoch =>
        {
            if (epoch.Epoch % 50 == 0)
                Console.WriteLine($"   epoch {epoch.Epoch,3}/200  loss {epoch.Loss:0.000000}");
            return false;    // true would stop training here
        },
    },
};
TrainingHistory history = model.Fit(x, y, Losses.Mse, new Adam(0.01), settings);

// 4. Evaluate: the network's mean squared error beside the straight line's (both on the standardised scale).
Evaluation evaluation = model.Evaluate(x, y, Losses.Mse);
Tensor linePredictions = Standardize.Transform(weightScale, line.Predict(heights).Reshape(-1, 1));
double lineLoss = Losses.Mse(linePredictions, y).ToScalar();
Console.WriteLine($"4. network {evaluation}; straight line: loss {lineLoss:0.0000}");

// 5. Save the weights (safetensors), load them into a fresh network of the same shape, and predict with both.
string checkpoint = Path.Combine(Path.GetTempPath(), $"quickstart-{Guid.NewGuid():N}.safetensors");
try
{
    model.Save(checkpoint, epoch: history.Epochs.Count);
    Model reloaded = Network(seed: 42);
    CheckpointInfo info = reloaded.Load(checkpoint);

    Tensor query = Tensor.FromArray(new double[] { 160, 170, 180 }, new[] { 3, 1 });
    double[] Kilograms(Model m) =>
        Standardize.Inverse(weightScale, m.Predict(Standardize.Transform(heightScale, query))).ToFloatArray();
    double[] before = Kilograms(model), after = Kilograms(reloaded);
    double[] straight = line.Predict(query).ToFloatArray();
    Console.WriteLine($"5. saved after epoch {info.Epoch} and reloaded; predicted weight for 160, 170, 180 cm:");
    Console.WriteLine($"   network  {Show(before)}\n   reloaded {Show(after)}\n   line     {Show(straight)}");

    // The checks that make this sample a test: each step did what it printed.
    // oracle: by hand, slope = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)² = 105.6 / 58 on the five rows (x̄ = 171, ȳ = 65.4).
    bool ok = frame.RowCount == 5
        && Math.Abs(slope - 105.6 / 58) < 1e-9 && Math.Abs(intercept - (65.4 - 171 * 105.6 / 58)) < 1e-9
        && rSquared > 0.8
        && history.Losses[^1] < 0.5 * history.Losses[0]
        && evaluation.Loss < 2 * lineLoss
        && before.SequenceEqual(after);
    Console.WriteLine(ok ? "OK" : "FAILED: a step above did not do what it printed");
    return ok ? 0 : 1;
}
finally
{
    File.Delete(checkpoint);
}

static string Show(double[] kilograms) => string.Join("  ", kilograms.Select(k => $"{k,6:0.0} kg"));
