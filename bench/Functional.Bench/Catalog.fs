// The case names bench/compare and the peer scripts (bench/peers/torch_cases.py, sklearn_cases.py) share. Any
// name takes a -tN suffix for N threads.
module Functional.Bench.Catalog

open System
open Functional
open Functional.Core.Tensors
open Functional.Bench.Cases

/// <summary>Every case, by base name (no thread suffix), with what prepares it.</summary>
let cases: (string * (unit -> Measure.Outcome)) list =
    let gemm = [
        for dtype, tag, sizes in [ DType.Float32, "f32", [ 256; 1024; 2048 ]; DType.Float64, "f64", [ 1024 ] ] do
            for n in sizes -> $"gemm-{tag}-{n}", (fun () -> Gemm.prepare dtype n)
    ]

    gemm
    @ [
        "gd-step", GdStep.prepare
        "logreg-5000", LogReg.prepare
        "softmax-epoch", SoftmaxEpoch.prepare
        "conv-dcgan", ConvDcgan.prepare
        "mlp-epoch", MlpEpoch.prepare
        "dcgan-step", DcganStep.prepare
        // On an NVIDIA GPU (Functional.Gpu); without one they report why.
        "gemm-f32-4096-gpu", Gpu.gemm
        "dcgan-step-gpu", Gpu.dcganStep
        // The scikit-learn comparison (bench/peers/sklearn_cases.py).
        "kmeans", Classic.kmeans
        "pca", Classic.pca
        "knn", Classic.knn
        "svm-linear", (fun () -> Classic.svm Kernel.linear 0.1)
        "svm-rbf", (fun () -> Classic.svm (Kernel.rbfOfSigma 6.0) 1.0)
        // Against scikit-learn and ML.NET (Cases/MlNet.fs).
        "logistic-fit", Classic.logisticFit
    ]

/// <summary>Splits <c>NAME-tN</c> into the base name and N; no suffix gives None.</summary>
let splitThreads (name: string) : string * int option =
    let dash = name.LastIndexOf "-t"

    match dash with
    | -1 -> name, None
    | _ ->
        match Int32.TryParse(name.AsSpan(dash + 2)) with
        | true, n when n >= 1 -> name.Substring(0, dash), Some n
        | _ -> name, None

/// <summary>The preparation for a base name, or None for an unknown case.</summary>
let tryFind (baseName: string) : (unit -> Measure.Outcome) option =
    cases |> List.tryFind (fun (n, _) -> n = baseName) |> Option.map snd
