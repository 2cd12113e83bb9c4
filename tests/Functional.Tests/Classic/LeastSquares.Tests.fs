/// Least squares by QR and SVD (Classic/LeastSquares.fs) and the shared LinearFit: exact fits, agreement with the
/// normal equations, minimum-norm solutions of rank-deficient designs, intercepts, predictions and bad input.
module Functional.Tests.LeastSquaresTests

open System
open Expecto
open Functional
open Functional.Core.Tensors
open MathNet.Numerics.LinearAlgebra

/// m rows: a column of ones, then n − 1 columns in [−1, 1], drawn from a seed.
let private design (seed: int) (m: int) (n: int) =
    let rng = Random seed
    Array2D.init m n (fun _ j -> if j = 0 then 1.0 else rng.NextDouble() * 2.0 - 1.0)

let private rowTimes (x: float[,]) (w: float[]) (i: int) =
    Seq.sum (seq { for j in 0 .. w.Length - 1 -> x[i, j] * w[j] })

let private fits =
    testList "fits" [
        test "noiseless data y = 1 + 2a − 3b is fitted exactly: coefficients [1, 2, −3], zero residual" {
            let x = design 1 12 3
            let truth = [| 1.0; 2.0; -3.0 |] // oracle: the generating coefficients
            let y = Array.init 12 (rowTimes x truth)
            let fit = LeastSquares.fit x y

            for j in 0..2 do
                Expect.floatClose Accuracy.veryHigh fit.Coefficients[j] truth[j] $"w{j}"

            Expect.isLessThan fit.ResidualSumOfSquares 1e-24 "residual sum of squares"
            Expect.equal (fit.Solver, fit.Observations) (LinearSolver.Qr, 12) "solver and observation count"
        }
        test "a line through (0, 1), (1, 3), (2, 5) has intercept 1 and slope 2" {
            let fit =
                LeastSquares.fit (array2D [ [ 1.0; 0.0 ]; [ 1.0; 1.0 ]; [ 1.0; 2.0 ] ]) [| 1.0; 3.0; 5.0 |]

            Expect.floatClose Accuracy.veryHigh fit.Coefficients[0] 1.0 "intercept" // oracle: by hand
            Expect.floatClose Accuracy.veryHigh fit.Coefficients[1] 2.0 "slope" // oracle: by hand
        }
        testPropertyWithConfig
            GradCheck.config
            "on noisy data the fit solves the normal equations XᵀX w = Xᵀy"
            (fun (seed: int) ->
                let x = design seed 15 4
                let rng = Random(seed + 1)
                let y = Array.init 15 (fun _ -> rng.NextDouble() * 10.0 - 5.0)
                let fit = LeastSquares.fit x y
                // oracle: Math.NET Cholesky solve of the normal equations, an independent route to the same minimiser.
                let xm = Matrix<float>.Build.DenseOfArray x

                let normal =
                    (xm.TransposeThisAndMultiply xm)
                        .Cholesky()
                        .Solve(xm.TransposeThisAndMultiply(Vector<float>.Build.DenseOfArray y))

                for j in 0..3 do
                    Expect.floatClose { absolute = 1e-9; relative = 1e-9 } fit.Coefficients[j] normal[j] $"w{j}")
        test "predict gives X w for new rows" {
            let fit =
                LeastSquares.fit (array2D [ [ 1.0; 0.0 ]; [ 1.0; 1.0 ]; [ 1.0; 2.0 ] ]) [| 1.0; 3.0; 5.0 |]

            let predicted = LinearFit.predict fit (array2D [ [ 1.0; 10.0 ]; [ 1.0; -1.0 ] ])
            Expect.floatClose Accuracy.veryHigh predicted[0] 21.0 "at t = 10" // oracle: 1 + 2·10
            Expect.floatClose Accuracy.veryHigh predicted[1] -1.0 "at t = −1" // oracle: 1 − 2
        }
        test "halfMeanSquaredError is the residual sum of squares over 2m" {
            // y = [0, 0, 3] on [1, t]: the fitted line leaves residuals whose squares sum to RSS; L = RSS / 6.
            let fit =
                LeastSquares.fit (array2D [ [ 1.0; 0.0 ]; [ 1.0; 1.0 ]; [ 1.0; 2.0 ] ]) [| 0.0; 0.0; 3.0 |]
            // oracle: by hand, slope 1.5, intercept −0.5, residuals [0.5, −1, 0.5], RSS 1.5.
            Expect.floatClose Accuracy.veryHigh fit.ResidualSumOfSquares 1.5 "RSS"
            Expect.floatClose Accuracy.veryHigh (LinearFit.halfMeanSquaredError fit) 0.25 "L"
        }
    ]

let private badInput =
    let ones = array2D [ [ 1.0; 0.0 ]; [ 1.0; 1.0 ]; [ 1.0; 2.0 ] ]

    testList "bad input" [
        test "y of the wrong length throws ShapeMismatchException naming leastSquares and both shapes" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () -> LeastSquares.fit ones [| 1.0 |] |> ignore)
                [ "leastSquares"; "x 3x2"; "y of length 1" ]
                "shapes"
        }
        test "empty data throws ArgumentException naming leastSquares" {
            Expect.throwsWith<ArgumentException>
                (fun () -> LeastSquares.fit (Array2D.zeroCreate 0 1) [||] |> ignore)
                [ "leastSquares"; "0x1" ]
                "empty"
        }
        test "NaN in y throws ArgumentException naming leastSquares and the index" {
            Expect.throwsWith<ArgumentException>
                (fun () -> LeastSquares.fit ones [| 1.0; nan; 3.0 |] |> ignore)
                [ "leastSquares"; "NaN"; "index 1" ]
                "NaN"
        }
        test "predict with the wrong number of columns throws ShapeMismatchException naming predict" {
            let fit = LeastSquares.fit ones [| 1.0; 3.0; 5.0 |]

            Expect.throwsWith<ShapeMismatchException>
                (fun () -> LinearFit.predict fit (array2D [ [ 1.0 ] ]) |> ignore)
                [ "predict"; "2 columns" ]
                "columns"
        }
    ]

/// Both decompositions, with and without an intercept.
let private solvers = [
    for d in [ Decomposition.Qr; Decomposition.Svd ] do
        for intercept in [ false; true ] ->
            {
                LeastSquares.defaults with
                    Decomposition = d
                    Intercept = intercept
            }
]

/// An m×n design of rank r (r ≤ min(m, n)): the product of random m×r and r×n factors, drawn from a seed.
let private lowRank (seed: int) (m: int) (n: int) (r: int) =
    let rng = Random seed
    let a = Matrix<float>.Build.Dense(m, r, fun _ _ -> rng.NextDouble() * 2.0 - 1.0)
    let b = Matrix<float>.Build.Dense(r, n, fun _ _ -> rng.NextDouble() * 2.0 - 1.0)
    (a * b).ToArray(), Array.init m (fun _ -> rng.NextDouble() * 4.0 - 2.0)

let private tensorFit settings (x: float[,]) (y: float[]) =
    LeastSquares.fitTensor settings (Tensor.ofArray2D x) (Tensor.ofArray y)

let private minimumNorm =
    testList "minimum norm" [
        test "a duplicated column splits its weight equally, as scikit-learn does, by QR and by SVD" {
            // x = [t, t, s]: only w0 + w1 is determined; the minimum-norm solution takes w0 = w1.
            let x =
                array2D [ [ 1.0; 1.0; 0.0 ]; [ 2.0; 2.0; 1.0 ]; [ 3.0; 3.0; 0.0 ]; [ 4.0; 4.0; 1.0 ] ]

            let y = [| 1.0; 3.0; 2.0; 5.0 |]

            for settings in solvers do
                let fit = tensorFit settings x y
                // oracle: scikit-learn 1.2.1 LinearRegression (fit_intercept True and False) → coef [0.375, 0.375, 1.75],
                // intercept −4.4e-16 (0).
                let expected = [| 0.375; 0.375; 1.75 |]

                for j in 0..2 do
                    Expect.floatClose Accuracy.high fit.Coefficients[j] expected[j] $"{settings}: w{j}"

                Expect.floatClose { absolute = 1e-12; relative = 0.0 } fit.Intercept 0.0 $"{settings}: intercept"
        }
        test "a wide system x = [1, 2, 3], y = 14 gets the minimum-norm solution [1, 2, 3]" {
            // oracle: by hand, w = xᵀ (x xᵀ)⁻¹ y = [1, 2, 3] · 14 / 14.
            for d in [ Decomposition.Qr; Decomposition.Svd ] do
                let fit =
                    tensorFit
                        {
                            LeastSquares.defaults with
                                Decomposition = d
                                Intercept = false
                        }
                        (array2D [ [ 1.0; 2.0; 3.0 ] ])
                        [| 14.0 |]

                Expect.sequenceEqual
                    (fit.Coefficients |> Array.map (fun v -> Math.Round(v, 12)))
                    [| 1.0; 2.0; 3.0 |]
                    $"{d}"
        }
        test "fit on arrays (QR) no longer refuses collinear columns: it returns the minimum-norm weights" {
            let fit =
                LeastSquares.fit (array2D [ [ 1.0; 2.0 ]; [ 1.0; 2.0 ]; [ 1.0; 2.0 ] ]) [| 1.0; 2.0; 3.0 |]
            // oracle: by hand, w ∝ [1, 2] with w · [1, 2] = 2 (the mean of y): w = [0.4, 0.8].
            Expect.floatClose Accuracy.high fit.Coefficients[0] 0.4 "w0"
            Expect.floatClose Accuracy.high fit.Coefficients[1] 0.8 "w1"
            Expect.equal fit.Solver LinearSolver.Qr "solver"
        }
        test "an all-zero design gives zero weights and, with an intercept, the mean of y" {
            let fit =
                tensorFit LeastSquares.defaults (Array2D.zeroCreate 3 2) [| 1.0; 2.0; 6.0 |]

            Expect.sequenceEqual fit.Coefficients [| 0.0; 0.0 |] "weights"
            Expect.floatClose Accuracy.veryHigh fit.Intercept 3.0 "intercept = mean y" // oracle: by hand
        }
        testPropertyWithConfig
            GradCheck.config
            "on a rank-deficient design QR and SVD agree and no other solution has a smaller norm"
            (fun (seed: int) ->
                let x, y = lowRank seed 9 6 3

                let qr =
                    tensorFit
                        {
                            LeastSquares.defaults with
                                Decomposition = Decomposition.Qr
                                Intercept = false
                        }
                        x
                        y

                let svd =
                    tensorFit
                        {
                            LeastSquares.defaults with
                                Decomposition = Decomposition.Svd
                                Intercept = false
                        }
                        x
                        y

                for j in 0..5 do
                    Expect.floatClose
                        { absolute = 1e-9; relative = 1e-9 }
                        qr.Coefficients[j]
                        svd.Coefficients[j]
                        $"w{j}"

                // Every solution is w + z with X z = 0; the minimum-norm w is orthogonal to all such z.
                let w = Vector<float>.Build.DenseOfArray svd.Coefficients
                let xm = Matrix<float>.Build.DenseOfArray x

                for z in xm.Kernel() do
                    Expect.isLessThan (abs (w.DotProduct z)) 1e-9 "w is orthogonal to the null space"
                    let other = w + 0.1 * z
                    Expect.isLessThan ((xm * other - xm * w).L2Norm()) 1e-9 "w + z fits equally well"
                    Expect.isGreaterThan (other.L2Norm()) (w.L2Norm()) "and has a larger norm")
    ]

let private properties =
    testList "properties" [
        testPropertyWithConfig
            GradCheck.config
            "the residual is orthogonal to every column of X (and sums to 0 with an intercept)"
            (fun (seed: int) ->
                let x, y = lowRank seed 12 5 (1 + abs seed % 5)

                for settings in solvers do
                    let fit = tensorFit settings x y
                    let residual = Array.map2 (-) y (LinearFit.predict fit x)

                    for j in 0..4 do
                        let dot = Seq.sum (seq { for i in 0..11 -> x[i, j] * residual[i] })
                        Expect.isLessThan (abs dot) 1e-9 $"{settings}: column {j} · residual"

                    if settings.Intercept then
                        Expect.isLessThan (abs (Array.sum residual)) 1e-9 $"{settings}: Σ residual")
        testPropertyWithConfig
            GradCheck.config
            "with an intercept the fit equals the no-intercept fit on [1, X] when X has full rank"
            (fun (seed: int) ->
                let x = design seed 10 4
                let rng = Random(seed + 7)
                let y = Array.init 10 (fun _ -> rng.NextDouble())

                let withOnes =
                    tensorFit
                        {
                            LeastSquares.defaults with
                                Intercept = false
                        }
                        x
                        y

                let noOnes = Array2D.init 10 3 (fun i j -> x[i, j + 1])
                let centred = tensorFit LeastSquares.defaults noOnes y
                let tol = { absolute = 1e-9; relative = 1e-9 }
                Expect.floatClose tol centred.Intercept withOnes.Coefficients[0] "intercept"

                for j in 0..2 do
                    Expect.floatClose tol centred.Coefficients[j] withOnes.Coefficients[j + 1] $"w{j}")
        test "float32 inputs are converted: the fit matches float64 to float32 precision" {
            let x = design 3 8 3
            let y = Array.init 8 float
            let f64 = tensorFit LeastSquares.defaults x y

            let f32 =
                LeastSquares.fitTensor
                    LeastSquares.defaults
                    (Tensor.ofArray2D x |> Tensor.toFloat32)
                    (Tensor.ofArray y |> Tensor.toFloat32)

            for j in 0..2 do
                Expect.floatClose { absolute = 1e-5; relative = 1e-5 } f32.Coefficients[j] f64.Coefficients[j] $"w{j}"
        }
        test "predictTensor gives b + X w as a float64 vector, and rSquared is 1 on exact data" {
            let x = Tensor.ofList2D [ [ 0.0 ]; [ 1.0 ]; [ 2.0 ] ]
            let y = Tensor.ofList [ 1.0; 3.0; 5.0 ]
            let fit = LeastSquares.fitTensor LeastSquares.defaults x y
            // oracle: by hand, y = 1 + 2t.
            Expect.tensorValuesWithin
                Tolerance.tight
                (LinearFit.predictTensor fit (Tensor.ofList2D [ [ 10.0 ]; [ -1.0 ] ]))
                [ 2 ]
                [ 21.0; -1.0 ]
                "predictions"

            Expect.floatClose Accuracy.veryHigh (LinearFit.rSquared fit x y) 1.0 "R²"
        }
    ]

let private tensorBadInput =
    testList "bad tensor input" [
        test "x of rank 1 throws ShapeMismatchException naming leastSquares and the shape" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () ->
                    LeastSquares.fitTensor
                        LeastSquares.defaults
                        (Tensor.ofList [ 1.0; 2.0 ])
                        (Tensor.ofList [ 1.0; 2.0 ])
                    |> ignore)
                [ "leastSquares"; "x of shape [m, n]"; "received x 2" ]
                "rank"
        }
        test "int64 x throws DTypeMismatchException naming leastSquares" {
            Expect.throwsWith<DTypeMismatchException>
                (fun () ->
                    LeastSquares.fitTensor
                        LeastSquares.defaults
                        (Tensor.ofArray2D (array2D [ [ 1L ]; [ 2L ] ]))
                        (Tensor.ofList [ 1.0; 2.0 ])
                    |> ignore)
                [ "leastSquares"; "float64 or float32"; "Int64" ]
                "dtype"
        }
        test "NaN in a tensor x throws ArgumentException naming leastSquares, the row and the column" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    LeastSquares.fitTensor
                        LeastSquares.defaults
                        (Tensor.ofList2D [ [ 1.0 ]; [ nan ] ])
                        (Tensor.ofList [ 1.0; 2.0 ])
                    |> ignore)
                [ "leastSquares"; "finite values in x"; "NaN at row 1, column 0" ]
                "NaN"
        }
        test "y with the wrong length throws ShapeMismatchException naming leastSquares and y's shape" {
            Expect.throwsWith<ShapeMismatchException>
                (fun () ->
                    LeastSquares.fitTensor
                        LeastSquares.defaults
                        (Tensor.ofList2D [ [ 1.0 ]; [ 2.0 ] ])
                        (Tensor.ofList [ 1.0 ])
                    |> ignore)
                [ "leastSquares"; "y of shape [2] or [2, 1]"; "received y 1" ]
                "length"
        }
        test "an empty tensor x throws ArgumentException naming leastSquares" {
            Expect.throwsWith<ArgumentException>
                (fun () ->
                    LeastSquares.fitTensor
                        LeastSquares.defaults
                        (Tensor.Zeros([ 0; 2 ], DType.Float64))
                        (Tensor.Zeros([ 0 ], DType.Float64))
                    |> ignore)
                [ "leastSquares"; "at least one row"; "0x2" ]
                "empty"
        }
        test "predictTensor with the wrong number of columns throws ShapeMismatchException naming predict" {
            let fit =
                LeastSquares.fitTensor
                    LeastSquares.defaults
                    (Tensor.ofList2D [ [ 1.0 ]; [ 2.0 ] ])
                    (Tensor.ofList [ 1.0; 2.0 ])

            Expect.throwsWith<ShapeMismatchException>
                (fun () -> LinearFit.predictTensor fit (Tensor.ofList2D [ [ 1.0; 2.0 ] ]) |> ignore)
                [ "predict"; "1 columns" ]
                "columns"
        }
    ]

[<Tests>]
let tests =
    testList "LeastSquares" [ fits; badInput; minimumNorm; properties; tensorBadInput ]
