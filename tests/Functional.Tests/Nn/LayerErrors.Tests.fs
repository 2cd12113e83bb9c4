/// Layer errors (Nn/Layers.*.fs): shape and dtype mistakes name the layer, what it expected and what it received.
module Functional.Tests.Nn.LayerErrorsTests

open System
open Expecto
open Functional
open Functional.Core.Tensors
open Functional.Nn
open Functional.Tests
open Functional.Tests.Nn.LayersTests

let private throws (f: unit -> Tensor) (fragments: string list) (what: string) =
    Expect.throwsWith<ShapeMismatchException> (f >> ignore) fragments what

let private errorTests =
    testList "errors" [
        test "Linear(3, 2) on 4x5 inputs names linear, the expected features and the received shape" {
            throws
                (fun () -> (Linear(3, 2, Random 1)).Forward(Tensor.zeros [ 4; 5 ]))
                [ "linear"; "[..., 3]"; "4x5" ]
                "linear"
        }
        test "Conv2d(2, …) on 3 channels names conv2d and both shapes" {
            throws
                (fun () -> (Conv2d(2, 4, 3, Random 1)).Forward(Tensor.zeros [ 1; 3; 5; 5 ]))
                [ "conv2d"; "x 1x3x5x5"; "weight 4x2x3x3" ]
                "conv2d"
        }
        test "ConvTranspose2d(2, …) on 3 channels names convTranspose2d and both shapes" {
            throws
                (fun () -> (ConvTranspose2d(2, 4, 3, Random 1)).Forward(Tensor.zeros [ 1; 3; 5; 5 ]))
                [ "convTranspose2d"; "1x3x5x5"; "2x4x3x3" ]
                "convTranspose2d"
        }
        test "BatchNorm1d(3) on 4x5 and BatchNorm2d(3) on a matrix name the layer and the shapes" {
            throws (fun () -> (BatchNorm1d 3).Forward(Tensor.zeros [ 4; 5 ])) [ "batchNorm1d"; "[N, 3]"; "4x5" ] "1d"

            throws
                (fun () -> (BatchNorm2d 3).Forward(Tensor.zeros [ 4; 3 ]))
                [ "batchNorm2d"; "[N, 3, H, W]"; "4x3" ]
                "2d"
        }
        test "BatchNorm1d in training mode needs two values per feature" {
            throws
                (fun () -> (BatchNorm1d 3).Forward(Tensor.zeros [ 1; 3 ]))
                [ "batchNorm1d"; "two values"; "1x3" ]
                "1 row"
        }
        test "Reshape [2; 3] on 2x5 names reshape, the values per sample and the shape" {
            throws
                (fun () -> (Reshape [| 2; 3 |]).Forward(Tensor.zeros [ 2; 5 ]))
                [ "reshape"; "6 values"; "2x5" ]
                "reshape"
        }
        test "Flatten of a scalar names flatten" {
            throws (fun () -> (Flatten()).Forward(Tensor.scalar 1.0)) [ "flatten"; "scalar" ] "flatten"
        }
        test "a float32 layer given float64 inputs is a DTypeMismatchException naming the layer and both dtypes" {
            let cases: (string * Model * int list) list = [
                "linear", Linear(3, 2, Random 1), [ 2; 3 ]
                "conv2d", Conv2d(1, 1, 3, Random 1), [ 1; 1; 3; 3 ]
                "batchNorm1d", BatchNorm1d 3, [ 2; 3 ]
            ]

            for name, layer, dims in cases do
                Expect.throwsWith<DTypeMismatchException>
                    (fun () -> layer.Forward(input 1 dims) |> ignore)
                    [ $"{name}:"; "float32"; "float64" ]
                    name
        }
        test "bad settings are ArgumentExceptions naming the layer" {
            let argument (f: unit -> 'T) (fragment: string) =
                Expect.throwsWith<ArgumentException> (f >> ignore) [ fragment ] fragment

            argument (fun () -> Linear(0, 2, Random 1)) "linear"
            argument (fun () -> Conv2d(1, 1, 0, Random 1)) "conv2d"
            argument (fun () -> Conv2d.Same(1, 1, 4, Random 1)) "conv2d.same: expected an odd kernel size, received 4"

            argument
                (fun () -> ConvTranspose2d(1, 1, 3, Random 1, stride = 2, outputPadding = 2))
                "outputPadding < stride"

            argument (fun () -> BatchNorm1d(2, momentum = 1.5)) "batchNorm: expected 0 <= momentum <= 1"
            argument (fun () -> Dropout(1.0, Random 1)) "dropout: expected a rate in [0, 1), received 1"
            argument (fun () -> Reshape [| 2; 0 |]) "reshape"
            argument (fun () -> Init.Normal -1.0) "init.normal"
        }
        test "a parameter rejects a value of another shape or dtype, naming both" {
            let p = (Linear(3, 2, Random 1)).Weight

            Expect.throwsWith<ArgumentException>
                (fun () -> p.Value <- Tensor.zeros [ 2; 3 ])
                [ "weight"; "shape 3x2"; "2x3" ]
                "shape"

            Expect.throwsWith<ArgumentException>
                (fun () -> p.Value <- Tensor.zeros [ 3; 2 ] |> Tensor.toFloat64)
                [ "weight"; "float32"; "float64" ]
                "dtype"
        }
    ]

[<Tests>]
let tests = testList "Layers" [ errorTests ]
