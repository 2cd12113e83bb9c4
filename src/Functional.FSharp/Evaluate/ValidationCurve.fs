// Validation curves: training and validation error against a hyper-parameter such as λ (Ng, ML week 6).
namespace Functional

open System

/// <summary>One point of a validation curve: the model fitted to the whole training set at one value.</summary>
type ValidationCurvePoint<'Value> = {
    /// The hyper-parameter's value (λ, C, σ, a degree, a whole settings record …).
    Value: 'Value
    /// J_train at this value.
    TrainingError: float
    /// J_cv at this value.
    ValidationError: float
}

/// <summary>Training and validation error across values of a hyper-parameter, and the value to choose.</summary>
type ValidationCurve<'Value> = {
    /// One point per value, in the order given.
    Points: ValidationCurvePoint<'Value>[]
    /// The point of lowest validation error (the first of equals): the value the deck selects.
    Best: ValidationCurvePoint<'Value>
}

/// Computing validation curves, and reporting the chosen model on the test set.
[<RequireQualifiedAccess>]
module ValidationCurve =
    /// <summary>For each value, fits <c>learnerFor value</c> to the whole training set and records its error on the
    /// training and on the validation set; the best value is the one of lowest validation error.</summary>
    /// <example><c>ValidationCurve.compute [ 0.0; 0.01; 0.1; 1.0 ] RegularizedLinearRegression.learner (Train train) (Validation validation)</c></example>
    /// <remarks>It takes <c>Validation</c>, not <c>Test</c>: choosing on the test set would not compile.</remarks>
    /// <exception cref="T:System.ArgumentException">No value is given.</exception>
    /// <exception cref="T:System.InvalidOperationException">An error came out NaN or infinite (named by its value).</exception>
    [<CompiledName("Compute")>]
    let compute
        (values: 'Value seq)
        (learnerFor: 'Value -> Learner<'Input, 'Target, 'Model>)
        (train: Train<Examples<'Input, 'Target>>)
        (validation: Validation<Examples<'Input, 'Target>>)
        : ValidationCurve<'Value> =
        if isNull (box values) then
            nullArg (nameof values)

        let values = Seq.toArray values

        if values.Length = 0 then
            raise (ArgumentException("validationCurve: expected at least one value, received none", nameof values))

        let points =
            values
            |> Array.map (fun value ->
                let learner = learnerFor value
                let model = learner.Fit train.Value
                let point = $"value {value}"

                {
                    Value = value
                    TrainingError = Learner.checkedError "validationCurve" point learner model train.Value
                    ValidationError = Learner.checkedError "validationCurve" point learner model validation.Value
                })

        {
            Points = points
            Best = points |> Array.minBy (fun p -> p.ValidationError)
        }

    /// <summary>The error on the test set of the model at the curve's best value, fitted to the training set: the
    /// number to report, computed once the choice is made.</summary>
    [<CompiledName("TestError")>]
    let testError
        (learnerFor: 'Value -> Learner<'Input, 'Target, 'Model>)
        (curve: ValidationCurve<'Value>)
        (train: Train<Examples<'Input, 'Target>>)
        (test: Test<Examples<'Input, 'Target>>)
        : float =
        let learner = learnerFor curve.Best.Value
        Learner.checkedError "testError" $"value {curve.Best.Value}" learner (learner.Fit train.Value) test.Value

    /// J_train at each value, in order.
    [<CompiledName("TrainingErrors")>]
    let trainingErrors (curve: ValidationCurve<'Value>) : float[] =
        curve.Points |> Array.map (fun p -> p.TrainingError)

    /// J_cv at each value, in order.
    [<CompiledName("ValidationErrors")>]
    let validationErrors (curve: ValidationCurve<'Value>) : float[] =
        curve.Points |> Array.map (fun p -> p.ValidationError)
