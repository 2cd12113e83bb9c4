#!/usr/bin/python3
"""The bench cases for PyTorch (Debian python3-torch, CPU), with the command line of
bench/Functional.Bench: `torch_cases.py case NAME[-tN] [--threads N] [--repeats R] [--warmup W] [--budget S]`.
Run it as bench/compare does, with OpenBLAS's overrides removed:
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peers/torch_cases.py case gemm-f32-1024-t1"""
import ctypes
import math
import os
import subprocess
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import recipe  # noqa: E402


def set_threads(n):
    """Intra-op threads as asked (OpenBLAS-openmp follows OpenMP's count, which this sets); no inter-op pool."""
    torch.set_num_interop_threads(1)
    torch.set_num_threads(n)


def gemm(dtype, n):
    """C = A @ B, A = recipe stream 1, B = stream 2 (uniform in [-1, 1)); check mean |C|."""
    a = torch.from_numpy(recipe.symmetric(1, n * n).reshape(n, n)).to(dtype)
    b = torch.from_numpy(recipe.symmetric(2, n * n).reshape(n, n)).to(dtype)
    count = 20 if n <= 256 else 4 if n <= 512 else 1  # as Gemm.productsPerRun
    state = {"c": a @ b}

    def run():
        for _ in range(count):
            state["c"] = a @ b

    return harness.Prepared(run, count, 2.0 * n ** 3, lambda: state["c"].abs().double().mean().item())


def gd_step():
    """Lecture 002: from w = [2, -1], yp = X w, L = mean((yp - y)^2)/2, L.backward(), w -= 0.01 grad; per step."""
    xs, ys = recipe.lecture002()
    x = torch.from_numpy(xs)
    y = torch.from_numpy(ys).reshape(5, 1)
    steps, state = 10_000, {}

    def run():
        w = torch.tensor([[2.0], [-1.0]], dtype=torch.float64, requires_grad=True)
        for _ in range(steps):
            d = x @ w - y
            loss = (d * d).mean() / 2
            loss.backward()
            with torch.no_grad():
                w -= 0.01 * w.grad
            w.grad = None
        state["loss"] = loss.item()

    return harness.Prepared(run, steps, None, lambda: state["loss"])


def logreg():
    """Lecture 001: p = sigmoid(X w + b) from zeros, BCE, 5000 full-batch GD epochs with lr 0.01, float32."""
    xs, ys = recipe.logistic_points()
    x = torch.from_numpy(xs).float()
    y = torch.from_numpy(ys).float().reshape(35, 1)
    state = {}

    def run():
        w = torch.zeros(2, 1, requires_grad=True)
        b = torch.zeros(1, requires_grad=True)
        for _ in range(5000):
            loss = F.binary_cross_entropy(torch.sigmoid(x @ w + b), y)
            loss.backward()
            with torch.no_grad():
                w -= 0.01 * w.grad
                b -= 0.01 * b.grad
            w.grad = None
            b.grad = None
        state["loss"] = loss.item()

    return harness.Prepared(run, 1, None, lambda: state["loss"])


def softmax_epoch():
    """One epoch of logits = X_b W + b, cross-entropy, torch.optim.Adam(lr=1e-3), batches of 128 in order."""
    rows, features, classes, batch = 60_000, 784, 10, 128
    x = torch.from_numpy(recipe.uniforms(20, rows * features).astype(np.float32).reshape(rows, features))
    labels = torch.from_numpy(np.floor(10.0 * recipe.uniforms(21, rows)).astype(np.int64))
    w0 = torch.from_numpy((recipe.symmetric(22, features * classes) / 28.0).astype(np.float32).reshape(features, classes))
    state = {}

    def run():
        w = w0.clone().requires_grad_()
        b = torch.zeros(classes, requires_grad=True)
        optimizer = torch.optim.Adam([w, b], lr=1e-3)
        for start in range(0, rows, batch):
            loss = F.cross_entropy(x[start:start + batch] @ w + b, labels[start:start + batch])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
        state["loss"] = loss.item()

    return harness.Prepared(run, 1, None, lambda: state["loss"])


def conv_dcgan():
    """DCGAN discriminator's convolutions: Conv2d(1->64, 5, s2, p2) -> LeakyReLU(0.3) -> Conv2d(64->128, 5, s2, p2)
    on x 32x1x28x28 (recipe stream 30, [-1, 1)), sum, backward to the weights and biases. Weights and biases come
    from recipe streams 31-34 scaled by 1/sqrt(fan_in), so both sides compute the same numbers."""
    conv1 = torch.nn.Conv2d(1, 64, 5, stride=2, padding=2)
    conv2 = torch.nn.Conv2d(64, 128, 5, stride=2, padding=2)
    with torch.no_grad():
        for layer, (ws, bs), fan_in in ((conv1, (31, 32), 25), (conv2, (33, 34), 1600)):
            scale = 1.0 / np.sqrt(fan_in)
            w = recipe.symmetric(ws, layer.weight.numel()) * scale
            b = recipe.symmetric(bs, layer.bias.numel()) * scale
            layer.weight.copy_(torch.from_numpy(w.astype(np.float32).reshape(layer.weight.shape)))
            layer.bias.copy_(torch.from_numpy(b.astype(np.float32)))
    x = torch.from_numpy(recipe.symmetric(30, 32 * 28 * 28).astype(np.float32).reshape(32, 1, 28, 28))
    state = {}

    def run():
        for p in (*conv1.parameters(), *conv2.parameters()):
            p.grad = None
        out = conv2(F.leaky_relu(conv1(x), 0.3)).sum()
        out.backward()
        state["out"] = out.item()

    return harness.Prepared(run, 1, None, lambda: state["out"])


CASES = {
    "gemm-f32-256": lambda: gemm(torch.float32, 256),
    "gemm-f32-1024": lambda: gemm(torch.float32, 1024),
    "gemm-f32-2048": lambda: gemm(torch.float32, 2048),
    "gemm-f64-1024": lambda: gemm(torch.float64, 1024),
    "gd-step": gd_step,
    "logreg-5000": logreg,
    "softmax-epoch": softmax_epoch,
    "conv-dcgan": conv_dcgan,
}


def info():
    """Header lines: versions, the BLAS library torch loaded, and the kernel OpenBLAS picked."""
    a = torch.ones(64, 64)
    _ = a @ a  # loads the BLAS
    config = torch.__config__.show().strip().splitlines()
    debian = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Version}, ", "python3-torch", "python3-numpy",
                             "libopenblas0-openmp"], capture_output=True, text=True).stdout.rstrip(", ") or "?"
    print(f"# peer: torch {torch.__version__}, numpy {np.__version__}, python {sys.version.split()[0]} (Debian: {debian})")
    build = next((line for line in config if "BLAS_INFO" in line), "")
    blas_info = build.split("BLAS_INFO=")[1].split(",")[0] if "BLAS_INFO=" in build else "?"
    cpu = next((line.split(":", 1)[1].strip() for line in config if "CPU capability" in line), "?")
    libs = sorted({line.split()[-1] for line in open("/proc/self/maps") if "blas" in line.split()[-1]})
    openblas = next((p for p in libs if "libopenblas" in p), None)
    detail = ""
    if openblas:
        lib = ctypes.CDLL(openblas)
        lib.openblas_get_config.restype = ctypes.c_char_p
        lib.openblas_get_corename.restype = ctypes.c_char_p
        detail = f"; {lib.openblas_get_config().decode()}, kernel {lib.openblas_get_corename().decode()}"
    print(f"# peer BLAS: torch BLAS_INFO={blas_info}, CPU capability {cpu}; loaded {', '.join(libs) or 'no BLAS'}{detail}")
    overrides = {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if k in os.environ}
    print(f"# peer env: OpenBLAS overrides {overrides or 'none'}; threads set per case "
          f"(torch's default here: {torch.get_num_threads()}), inter-op threads 1")


if __name__ == "__main__":
    sys.exit(harness.main("torch", CASES, set_threads, info))
