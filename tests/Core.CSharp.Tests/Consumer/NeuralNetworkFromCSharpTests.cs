using System;
using System.Linq;
using Functional;
using Functional.Core.Models;
using Functional.Core.Tensors;
using Functional.CSharp;
using Functional.Nn;
using static Functional.Core.Tests.Consumer.NetworkExamples;

namespace Functional.Core.Tests.Consumer;

/// Neural networks as a C# program builds and trains them: no FSharpFunc, FSharpList or FSharpOption in sight
/// (saving and resuming: CheckpointsFromCSharpTests).
public sealed class NeuralNetworkFromCSharpTests
{
    [Fact]
    public void A_two_layer_network_learns_xor_with_adam()
    {
        var model = XorNetwork();
        var settings = new FitSettings
        {
            Epochs = 200,
            BatchSize = 0,
            Progress = ProgressMode.Silent,
            Metrics = new[] { Metric.BinaryAccuracy(0.0) },
        };

        TrainingHistory history = model.Fit(XorInputs, XorTargets, Losses.BceWithLogits, new Adam(0.05), settings);

        Assert.Equal(200, history.Epochs.Count);
        Assert.True(history.Losses[^1] < 0.1 * history.Losses[0],
            $"loss {history.Losses[0]} -> {history.Losses[^1]}");
        var evaluation = model.Evaluate(XorInputs, XorTargets, Losses.BceWithLogits, Metric.BinaryAccuracy(0.0));
        Assert.Equal(1.0, evaluation.Metrics["accuracy"]);
        Assert.Equal(history.Losses[^1], evaluation.Loss, 0.05);
        Assert.Contains("Metrics = { accuracy = ", history.Epochs[0].ToString());
    }

    [Fact]
    public void Fitting_a_TensorDataset_trains_like_fitting_its_tensors()
    {
        var settings = new FitSettings { Epochs = 50, BatchSize = 2, Seed = 3, Progress = ProgressMode.Silent };
        var fromTensors = XorNetwork();
        var fromDataset = XorNetwork();

        fromTensors.Fit(XorInputs, XorTargets, Losses.BceWithLogits, new Adam(0.05), settings);
        var data = new Functional.Core.Data.TensorDataset(XorInputs.Raw, XorTargets.Raw);
        fromDataset.Fit(data, Losses.BceWithLogits, new Adam(0.05), settings);

        Assert.Equal(Weights(fromTensors), Weights(fromDataset));
    }

    [Fact]
    public void Predict_gives_the_logits_whose_signs_are_the_classes()
    {
        var model = XorNetwork();
        model.Fit(XorInputs, XorTargets, Losses.BceWithLogits, new Adam(0.05),
            new FitSettings { Epochs = 200, BatchSize = 0, Progress = ProgressMode.Silent });

        var logits = model.Predict(XorInputs).ToFloatArray();

        Assert.Equal(new[] { false, true, true, false }, logits.Select(z => z > 0).ToArray());
        // Predict evaluates in evaluation mode and then puts the model back in the mode it was in.
        Assert.True(model.IsTraining);
    }

    [Fact]
    public void Named_optional_arguments_choose_bias_init_and_dtype()
    {
        var layer = new Linear(2, 3, new Random(0), bias: false, init: Init.Zeros, dtype: DType.Float64);

        Assert.Null(layer.Bias);
        Assert.Equal(6, layer.ParameterCount);
        Assert.Equal(DType.Float64, layer.Weight!.Value.DType);
        Assert.Equal(new double[6], layer.Weight.Value.ToFloatArray());
    }

    [Fact]
    public void The_summary_lists_each_layer_and_the_parameter_count()
    {
        var model = XorNetwork();

        var summary = model.Summary(new[] { 2 });

        // 2·8 + 8 + 8·1 + 1 = 33
        Assert.Equal(33, model.ParameterCount);
        Assert.Contains("Total params: 33", summary);
        Assert.Contains("Linear (2 -> 8)", summary);
        Assert.Contains("(None, 8)", summary);
        Assert.Contains("Tanh", summary);
    }

    [Fact]
    public void Named_parameters_deconstruct_into_path_and_parameter()
    {
        var model = XorNetwork();

        var paths = model.NamedParameters.Select(pair =>
        {
            var (path, parameter) = pair;
            return $"{path} {parameter!.Count}";
        });

        Assert.Equal(new[] { "0.weight 16", "0.bias 8", "2.weight 8", "2.bias 1" }, paths);
    }

    [Fact]
    public void A_hand_written_loop_steps_with_a_lambda_loss()
    {
        var model = new Linear(2, 1, new Random(4));
        var optimizer = new Sgd(0.1, momentum: 0.9);
        var losses = new double[30];

        for (int i = 0; i < losses.Length; i++)
            losses[i] = model.Step(optimizer, () => Losses.BceWithLogits(model.Forward(LineInputs), LineTargets));

        Assert.Equal(30, optimizer.Steps);
        Assert.True(losses[^1] < losses[0], $"loss {losses[0]} -> {losses[^1]}");
    }

    [Fact]
    public void Value_and_gradients_of_a_layer_match_the_formula()
    {
        var layer = new Linear(1, 1, new Random(0), bias: false, init: Init.Zeros, dtype: DType.Float64);
        var x = Tensor.FromArray(new double[] { 1, 2, 3 }, new[] { 3, 1 });
        var y = Tensor.FromArray(new double[] { 2, 4, 6 }, new[] { 3, 1 });

        var (value, gradients) = Training.ValueAndGradients(layer.TrainableParameters,
            () => Losses.Mse(layer.Forward(x), y));

        // oracle: w = 0, so L = mean(y²) = 56/3 and dL/dw = −2·mean(x·y) = −2·28/3
        Assert.Equal(56.0 / 3.0, value.ToScalar(), 12);
        Assert.Equal(-56.0 / 3.0, Assert.Single(gradients).ToScalar(), 12);
    }

    [Fact]
    public void Each_loss_of_one_pass_is_differentiated_by_its_own_group_of_parameters()
    {
        var a = new Parameter("a", Tensor.Scalar(2.0, DType.Float64), true);
        var b = new Parameter("b", Tensor.Scalar(3.0, DType.Float64), true);

        var (values, gradients) = Training.ValuesAndGradients(new[] { new[] { a }, new[] { b } },
            () => new[] { a.Value * b.Value, a.Value + b.Value * b.Value });

        // oracle: d(ab)/da = b = 3 and d(a + b²)/db = 2b = 6
        Assert.Equal(new[] { 6.0, 11.0 }, values.Select(v => v.ToScalar()));
        Assert.Equal(3.0, Assert.Single(gradients[0]).ToScalar());
        Assert.Equal(6.0, Assert.Single(gradients[1]).ToScalar());
    }

    [Fact]
    public void The_Losses_delegates_are_the_Loss_functions()
    {
        var logits = Tensor.FromArray(new double[] { 2, -1, 0.5, 0.1, 0.2, 3 }, new[] { 2, 3 });
        var labels = Tensor.FromArray(new long[] { 0, 2 });
        var probabilities = Tensor.FromArray(new double[] { 0.9, 0.2 });
        var targets = Tensor.FromArray(new double[] { 1, 0 });

        Assert.Equal(Loss.CrossEntropy(logits, labels).ToScalar(), Losses.CrossEntropy(logits, labels).ToScalar());
        Assert.Equal(Loss.Mse(probabilities, targets).ToScalar(), Losses.Mse(probabilities, targets).ToScalar());
        Assert.Equal(Loss.Bce(probabilities, targets).ToScalar(), Losses.Bce(probabilities, targets).ToScalar());
        Assert.Equal(Loss.BceWithLogits(probabilities, targets).ToScalar(),
            Losses.BceWithLogits(probabilities, targets).ToScalar());
    }

    [Fact]
    public void Cross_entropy_with_integer_labels_trains_a_softmax_classifier()
    {
        var labels = Tensor.FromArray(new long[] { 1, 1, 1, 1, 0, 0, 0, 0 });
        var model = new Linear(2, 2, new Random(7));

        var history = model.Fit(LineInputs, labels, Losses.CrossEntropy, new Adam(0.1),
            new FitSettings { Epochs = 50, BatchSize = 0, Progress = ProgressMode.Silent });

        Assert.True(history.Losses[^1] < history.Losses[0]);
        Assert.Equal(1.0, model.Evaluate(LineInputs, labels, Losses.CrossEntropy, Metric.Accuracy).Metrics["accuracy"]);
    }

    [Fact]
    public void Sgd_in_the_PyTorch_and_Keras_conventions_agree_while_the_rate_is_constant()
    {
        var start = Tensor.FromArray(new double[] { 1, -2 });
        Tensor F(Tensor x) => (x * x).Sum();

        var torch = Optimizers.Path("torch", new Sgd(0.1, momentum: 0.9), 10, F, start);
        var keras = Optimizers.Path("keras", new Sgd(0.1, momentum: 0.9, convention: Convention.Keras), 10, F, start);

        Assert.Equal(11, torch.Points.Length);
        Assert.Equal(new double[] { 1, -2 }, start.ToFloatArray());
        // oracle: the first step is x − 0.1·2x = 0.8x
        Assert.Equal(0.8, torch.Points[1][0], 15);
        Assert.Equal(-1.6, torch.Points[1][1], 15);
        for (int i = 0; i < torch.Points.Length; i++)
        {
            Assert.Equal(torch.Points[i][0], keras.Points[i][0], 12);
            Assert.Equal(torch.Points[i][1], keras.Points[i][1], 12);
        }
    }

    [Fact]
    public void Adam_in_the_Keras_convention_steps_differently_from_PyTorch()
    {
        var start = Tensor.FromArray(new double[] { 1, -2 });
        Tensor F(Tensor x) => (x * x).Sum();

        var torch = Optimizers.Path("torch", new Adam(0.1, epsilon: 1e-3), 3, F, start);
        var keras = Optimizers.Path("keras", new Adam(0.1, epsilon: 1e-3, convention: Convention.Keras), 3, F, start);
        var kerasDefaults = Optimizers.Path("keras", Adam.Keras(0.1), 3, F, start);

        Assert.NotEqual(torch.Points[2][0], keras.Points[2][0]);
        Assert.All(new[] { torch, keras, kerasDefaults }, p => Assert.True(p.Losses[^1] < p.Losses[0]));
    }

    [Fact]
    public void A_step_schedule_halves_the_rate_every_two_epochs()
    {
        var settings = new FitSettings
        {
            Epochs = 5,
            BatchSize = 0,
            Schedule = Schedule.Step(2, 0.5),
            Progress = ProgressMode.Silent,
        };

        var history = SmallNetwork(seed: 1).Fit(LineInputs, LineTargets, Losses.BceWithLogits, new Sgd(0.1), settings);

        Assert.Equal(new[] { 0.1, 0.1, 0.05, 0.05, 0.025 }, history.Epochs.Select(e => e.LearningRate));
    }

    [Fact]
    public void Early_stopping_stops_after_patience_epochs_and_restores_the_best_weights()
    {
        // A MinDelta no decrease can reach: epoch 1 is the best, epochs 2 and 3 do not improve on it.
        FitSettings Settings(int epochs, EarlyStopping? stopping) => new()
        {
            Epochs = epochs,
            BatchSize = 0,
            Shuffle = false,
            EarlyStopping = stopping!,
            Progress = ProgressMode.Silent,
        };
        var afterOne = SmallNetwork(seed: 2);
        afterOne.Fit(LineInputs, LineTargets, Losses.BceWithLogits, new Sgd(0.5), Settings(1, null));
        var model = SmallNetwork(seed: 2);

        var history = model.Fit(LineInputs, LineTargets, Losses.BceWithLogits, new Sgd(0.5),
            Settings(10, new EarlyStopping(patience: 2, minDelta: 1e9)));

        Assert.Equal(3, history.Epochs.Count);
        Assert.Contains("early stopping after epoch 3", history.StoppedEarly);
        Assert.Equal(Weights(afterOne), Weights(model));
    }

    [Fact]
    public void A_callback_can_stop_training()
    {
        var settings = new FitSettings
        {
            Epochs = 10,
            BatchSize = 0,
            Progress = ProgressMode.Silent,
            Callbacks = new Func<EpochRecord, bool>[] { e => e.Epoch == 4 },
        };

        var history = SmallNetwork(seed: 1).Fit(LineInputs, LineTargets, Losses.BceWithLogits, new Adam(0.01), settings);

        Assert.Equal(4, history.Epochs.Count);
        Assert.NotNull(history.StoppedEarly);
    }

    [Fact]
    public void A_NaN_input_makes_fit_throw_TrainingDivergedException_naming_epoch_and_step()
    {
        var inputs = Tensor.FromArray(new float[] { 1, 2, float.NaN, 1 }, new[] { 2, 2 });
        var targets = Tensor.FromArray(new float[] { 1, 0 }, new[] { 2, 1 });

        var e = Assert.Throws<TrainingDivergedException>(() => SmallNetwork(seed: 1).Fit(inputs, targets,
            Losses.BceWithLogits, new Adam(0.01),
            new FitSettings { Epochs = 3, BatchSize = 0, Progress = ProgressMode.Silent }));

        Assert.IsAssignableFrom<ArithmeticException>(e);
        Assert.Equal(1, e.Epoch);
        Assert.Equal(1, e.Step);
        Assert.True(double.IsNaN(e.Loss));
        Assert.Contains("epoch 1, step 1", e.Message);
    }

    [Fact]
    public void The_DCGAN_of_lecture_000_has_the_parameter_counts_of_the_TensorFlow_tutorial()
    {
        var generator = Dcgan.Generator(new Random(0));
        var discriminator = Dcgan.Discriminator(new Random(0));

        Assert.Equal(2_330_944, generator.ParameterCount);
        Assert.Equal(2_305_472, generator.TrainableCount);
        Assert.Equal(212_865, discriminator.ParameterCount);
        Assert.Equal(100, Dcgan.NoiseSize);
    }

    [Fact]
    public void A_shape_mismatch_in_Linear_is_an_ArgumentException_naming_the_op_and_the_shape()
    {
        var layer = new Linear(3, 2, new Random(0));

        var e = Assert.Throws<ShapeMismatchException>(() => layer.Forward(Tensor.Zeros(new[] { 4, 5 })));

        Assert.IsAssignableFrom<ArgumentException>(e);
        Assert.Equal("linear", e.Op);
        Assert.StartsWith("linear: expected inputs [..., 3], received ", e.Message);
        Assert.Contains("5", e.Message);
        Assert.Throws<ShapeMismatchException>(() => layer.Predict(Tensor.Zeros(new[] { 4, 5 })));
    }

    [Fact]
    public void Fit_refuses_inputs_and_targets_of_different_sample_counts()
    {
        var e = Assert.Throws<ShapeMismatchException>(() => SmallNetwork(seed: 1).Fit(LineInputs,
            Tensor.Zeros(new[] { 7, 1 }), Losses.BceWithLogits, new Adam(0.01)));

        Assert.Equal("fit", e.Op);
    }

    [Fact]
    public void Null_arguments_throw_ArgumentNullException()
    {
        var model = SmallNetwork(seed: 1);

        Assert.Throws<ArgumentNullException>(() => model.Fit(LineInputs, LineTargets, null!, new Adam(0.01)));
        Assert.Throws<ArgumentNullException>(() => model.Fit(LineInputs, LineTargets, Losses.Mse, null!));
        Assert.Throws<ArgumentNullException>(() => model.Step(new Adam(0.01), null!));
    }

    /// A layer written in C#: y = x·scale, with one trainable parameter.
    private sealed class Scale : Model
    {
        private readonly Parameter _scale = new("scale", Tensor.Ones(new[] { 1 }, DType.Float64), true);

        public override Tensor Forward(Tensor x) => x * _scale.Value;

        public override Parameter[] OwnParameters => new[] { _scale };

        public override string Describe() => "x·scale";
    }

    [Fact]
    public void A_layer_written_in_CSharp_trains_inside_a_Sequential()
    {
        var model = new Lambda("double", x => 2.0 * x).Then(new Scale());
        var x = Tensor.FromArray(new double[] { 1, 2, 3 }, new[] { 3, 1 });
        var y = 6.0 * x;

        model.Fit(x, y, Losses.Mse, new Sgd(0.02),
            new FitSettings { Epochs = 100, BatchSize = 0, Progress = ProgressMode.Silent });

        // y = 2·x·scale, so scale → 3
        Assert.Equal(3.0, model.Parameters.Single()!.Value.ToScalar(), 6);
        Assert.Contains("double", model.Summary(new[] { 1 }));
        Assert.Contains("Scale (x·scale)", model.Summary(new[] { 1 }));
    }

    [Fact]
    public void An_initialiser_draws_weights_of_array_dims()
    {
        var zeros = Init.Zeros.Weight(new Random(0), 2, 3, new[] { 2, 3 }, DType.Float64);
        var glorot = Init.GlorotUniform.Weight(new Random(0), 2, 3, new[] { 2, 3 }, DType.Float32);

        Assert.Equal(new[] { 2, 3 }, zeros.Dims);
        Assert.Equal(new double[6], zeros.ToFloatArray());
        // oracle: Glorot's bound √(6 / (2 + 3))
        Assert.All(glorot.ToFloatArray(), w => Assert.InRange(Math.Abs(w), 0.0, Math.Sqrt(6.0 / 5.0)));
    }
}
