/// Lecture 004 (Coursera ML weeks 6 and 11): the ex5 numbers (regularised linear regression, learning and validation
/// curves) and the ex6 e-mail numbers, on the shared lecture data (../shared/data or $FUNCTIONAL_DATA).
module Functional.Tests.Lecture004Tests

open System
open System.Globalization
open System.IO
open Expecto
open Functional


/// Runs the test with the shared files' paths; skipped (or failed in strict mode) when one is absent.
let private withShared (files: string list) (body: string list -> unit) =
    body (files |> List.map Repository.requireShared)

let private readEx5 (path: string) =
    let rows =
        File.ReadAllLines path
        |> Array.skip 1
        |> Array.filter (String.IsNullOrWhiteSpace >> not)
        |> Array.map (fun line ->
            let c = line.Split ','
            Double.Parse(c[0], CultureInfo.InvariantCulture), Double.Parse(c[1], CultureInfo.InvariantCulture))

    Examples.create (rows |> Array.map (fun (x, _) -> [| x |])) (Array.map snd rows)

let private ex5Files = [
    "coursera-ml-ex5/ex5data1_train.csv"
    "coursera-ml-ex5/ex5data1_val.csv"
    "coursera-ml-ex5/ex5data1_test.csv"
]

/// Within the oracle's printed precision: 6 decimals.
let private close6 (actual: float) (expected: float) (message: string) =
    Expect.floatClose { absolute = 1e-6; relative = 0.0 } actual expected message

/// The deck's degree-p features: powers x … xᵖ standardised with the training set's mean and sample std, then ones.
let private polynomialLearner (train: Examples<float[], float>) (degree: int) (lambda: float) =
    let powers (inputs: float[][]) =
        PolynomialFeatures.transform
            {
                PolynomialFeatures.defaults with
                    Degree = degree
                    IncludeBias = false
            }
            (Tensor.ofArray (inputs |> Array.map (fun r -> r[0])))

    let standardizer = Standardize.fit (powers train.Inputs)

    let features (examples: Examples<float[], float>) =
        let z = powers examples.Inputs |> Standardize.transform standardizer
        let values, width = Tensor.toArray z, z.Dims[1]
        Examples.create (Array.init z.Dims[0] (fun i -> values[i * width .. i * width + width - 1])) examples.Targets

    let linear = RegularizedLinearRegression.learner lambda

    {
        Fit = fun examples -> linear.Fit(features examples)
        Error = fun fit examples -> linear.Error fit (features examples)
    }

[<Tests>]
let tests =
    testList "Lecture 004" [
        test "lecture 004 ex5 J([1; 1], λ = 1) = 303.993192 with gradient [−15.303016; 598.250744] (shared data)" {
            withShared ex5Files (fun files ->
                let train = readEx5 files[0]
                let x = Array2D.init 12 2 (fun i j -> if j = 0 then 1.0 else train.Inputs[i][0])
                // oracle: the exercise PDF (Octave's printed output).
                close6 (RegularizedLinearRegression.cost 1.0 x train.Targets [| 1.0; 1.0 |]) 303.993192 "J"
                let g = RegularizedLinearRegression.gradient 1.0 x train.Targets [| 1.0; 1.0 |]
                close6 g[0] -15.303016 "∂J/∂θ₀"
                close6 g[1] 598.250744 "∂J/∂θ₁")
        }
        test "lecture 004 ex5 linear learning curve: i = 1 0 / 205.121096, i = 12 22.373906 / 29.433818 (shared data)" {
            withShared ex5Files (fun files ->
                let curve =
                    LearningCurve.compute
                        (RegularizedLinearRegression.learner 0.0)
                        (Train(readEx5 files[0]))
                        (Validation(readEx5 files[1]))

                Expect.equal curve.Points.Length 12 "one point per training size"
                // oracle: the exercise PDF's learning-curve table (Octave); i = 1 is the minimum-norm fit.
                close6 curve.Points[0].TrainingError 0.0 "J_train, i = 1"
                close6 curve.Points[0].ValidationError 205.121096 "J_cv, i = 1"
                close6 curve.Points[11].TrainingError 22.373906 "J_train, i = 12"
                close6 curve.Points[11].ValidationError 29.433818 "J_cv, i = 12"

                Expect.equal
                    (Diagnosis.ofLearningCurve (Diagnosis.withTarget 5.0) curve).Verdict
                    Verdict.HighBias
                    "a straight line underfits")
        }
        test "lecture 004 ex5 validation curve picks λ = 3: validation 3.822907, test 3.859888 (shared data)" {
            withShared ex5Files (fun files ->
                let train, validation, test = readEx5 files[0], readEx5 files[1], readEx5 files[2]
                let lambdas = [ 0.0; 0.001; 0.003; 0.01; 0.03; 0.1; 0.3; 1.0; 3.0; 10.0 ]

                let curve =
                    ValidationCurve.compute lambdas (polynomialLearner train 8) (Train train) (Validation validation)
                // oracle: DESIGN.md §5 (computed with NumPy; the exercise PDF says the test error is "about 3.8599").
                Expect.equal curve.Best.Value 3.0 "best λ"
                close6 curve.Best.ValidationError 3.822907 "J_cv at λ = 3"

                close6
                    (ValidationCurve.testError (polynomialLearner train 8) curve (Train train) (Test test))
                    3.859888
                    "J_test at λ = 3")
        }
        test
            "lecture 004 ex5 degree-8 features normalised with the training mean and sample std: the deck's first row (shared data)" {
            withShared ex5Files (fun files ->
                let train = readEx5 files[0]

                let powers =
                    PolynomialFeatures.transform
                        {
                            PolynomialFeatures.defaults with
                                Degree = 8
                                IncludeBias = false
                        }
                        (Tensor.ofArray (train.Inputs |> Array.map (fun r -> r[0])))

                let z = Standardize.transform (Standardize.fit powers) powers |> Tensor.toArray
                // oracle: the exercise PDF, "Normalized Training Example 1" (the leading 1 is the ones column).
                let expected = [|
                    -0.362141
                    -0.755087
                    0.182226
                    -0.706190
                    0.306618
                    -0.590878
                    0.344516
                    -0.508481
                |]

                for j in 0..7 do
                    close6 z[j] expected[j] $"feature {j + 1}")
        }
        test "lecture 004 emailSample1 gives 53 word indices starting 86 916 794 1077 883 and 45 features (shared data)" {
            withShared [ "coursera-ml-ex6/vocab.txt"; "coursera-ml-ex6/emailSample1.txt" ] (fun files ->
                let vocabulary = Vocabulary.load files[0]

                let processed =
                    EmailPreprocessing.processEmail vocabulary (File.ReadAllText files[1])
                // oracle: the exercise PDF (ex6 §2.1–2.2).
                Expect.equal vocabulary.Count 1899 "vocabulary size"
                Expect.equal processed.WordIndices.Length 53 "word indices"
                Expect.equal processed.WordIndices[..4] [| 86; 916; 794; 1077; 883 |] "first five"
                let features = Vocabulary.features vocabulary processed.WordIndices
                Expect.equal (features.Length, Array.sum features) (1899, 45.0) "features: length and non-zeros")
        }
        test "lecture 004 the vocabulary holds the stems of anyone, remove, guarantee and basenumber (shared data)" {
            withShared [ "coursera-ml-ex6/vocab.txt" ] (fun files ->
                let vocabulary = Vocabulary.load files[0]

                for word in [ "anyone"; "remove"; "guarantee"; "basenumber" ] do
                    Expect.isSome (vocabulary.TryIndex(PorterStemmer.stem word)) $"stem of {word}")
        }
    ]
