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


def cuda_unavailable():
    """None when torch can run on a CUDA GPU, else why not. When it can, float32 stays float32 on the GPU: TF32 off
    for matmul and cuDNN (cuDNN's convolutions default to TF32 on Ampere and later), as our kernels are plain fp32."""
    if not torch.cuda.is_available():
        build = f"a CUDA {torch.version.cuda} build" if torch.version.cuda else "a CPU-only build"
        return f"needs an NVIDIA GPU; torch.cuda.is_available() is false (torch {torch.__version__}, {build})"
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    return None


def gemm(dtype, n, device="cpu"):
    """C = A @ B, A = recipe stream 1, B = stream 2 (uniform in [-1, 1)); check mean |C|. On cuda a run is one
    product and torch.cuda.synchronize(), and mean |C| is computed on the host after timing."""
    if device == "cuda" and (reason := cuda_unavailable()):
        return harness.NotImplementedCase(reason)
    a = torch.from_numpy(recipe.symmetric(1, n * n).reshape(n, n)).to(dtype).to(device)
    b = torch.from_numpy(recipe.symmetric(2, n * n).reshape(n, n)).to(dtype).to(device)
    count = 20 if n <= 256 else 4 if n <= 512 else 1  # as Gemm.productsPerRun
    sync = torch.cuda.synchronize if device == "cuda" else (lambda: None)
    state = {"c": a @ b}
    sync()

    def run():
        for _ in range(count):
            state["c"] = a @ b
        sync()

    return harness.Prepared(run, count, 2.0 * n ** 3, lambda: state["c"].cpu().abs().double().mean().item())


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



def _recipe_f32(seed, shape, scale=1.0):
    """Recipe stream `seed`, uniform in [-1, 1), times `scale`, as float32 in row-major `shape`."""
    count = int(np.prod(shape))
    return torch.from_numpy((recipe.symmetric(seed, count) * scale).astype(np.float32).reshape(shape))


def mlp_epoch():
    """One epoch of an MLP 784 -> 256 (ReLU) -> 10: h = relu(X_b W1 + b1), logits = h W2 + b2, cross-entropy,
    torch.optim.Adam(lr=1e-3), batches of 128 in order (469 steps, the last of 96 rows), float32. X and the labels
    are softmax-epoch's (streams 20 and 21); W1 [784, 256] = (2u - 1)/sqrt(784) (stream 23), W2 [256, 10] =
    (2u - 1)/sqrt(256) (stream 24), both row-major [in, out]; b1, b2 zero. Every run starts from those weights.
    The check is the mean of the 469 batch losses."""
    rows, features, hidden, classes, batch = 60_000, 784, 256, 10, 128
    x = torch.from_numpy(recipe.uniforms(20, rows * features).astype(np.float32).reshape(rows, features))
    labels = torch.from_numpy(np.floor(10.0 * recipe.uniforms(21, rows)).astype(np.int64))
    w1_0 = _recipe_f32(23, (features, hidden), 1.0 / math.sqrt(features))
    w2_0 = _recipe_f32(24, (hidden, classes), 1.0 / math.sqrt(hidden))
    state = {}

    def run():
        w1, w2 = w1_0.clone().requires_grad_(), w2_0.clone().requires_grad_()
        b1, b2 = torch.zeros(hidden, requires_grad=True), torch.zeros(classes, requires_grad=True)
        optimizer = torch.optim.Adam([w1, b1, w2, b2], lr=1e-3)
        losses = []
        for start in range(0, rows, batch):
            h = torch.relu(x[start:start + batch] @ w1 + b1)
            loss = F.cross_entropy(h @ w2 + b2, labels[start:start + batch])
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            losses.append(loss.detach())
        state["loss"] = torch.stack(losses).double().mean().item()

    return harness.Prepared(run, 1, None, lambda: state["loss"])


def dcgan_step(device="cpu"):
    """One DCGAN training step as the TensorFlow DCGAN tutorial takes it (batch 32, noise 100), in PyTorch layers.
    G: Linear(100, 12544, no bias) -> BatchNorm1d -> LeakyReLU(0.3) -> view [32, 256, 7, 7] -> ConvT(256->128, 5, s1,
    p2, no bias) -> BatchNorm2d -> LeakyReLU(0.3) -> ConvT(128->64, 5, s2, p2, op1, no bias) -> BatchNorm2d ->
    LeakyReLU(0.3) -> ConvT(64->1, 5, s2, p2, op1, no bias) -> tanh. BatchNorm as Keras's: eps 1e-3, running
    statistics updated with weight 0.01, batch statistics in the step. D: Conv2d(1->64, 5, s2, p2) -> LeakyReLU(0.3)
    -> Dropout(0.3) -> Conv2d(64->128, 5, s2, p2) -> LeakyReLU(0.3) -> Dropout(0.3) -> flatten (NCHW order) ->
    Linear(6272, 1).
    A step: fake = G(z); r = D(real), f = D(fake); L_D = BCE(r, 1) + BCE(f, 0), L_G = BCE(f, 1) (BCE with logits,
    batch means); the gradients of L_G for G's parameters and of L_D for D's, both from that one forward pass; then
    one Adam(lr=1e-4) step for each. The models and optimizers persist across runs (a run is a steady-state step).
    Data and weights from the recipe: real = stream 30 ([-1, 1), [32, 1, 28, 28], conv-dcgan's x), z = normals
    of stream 40 ([32, 100]); weights (2u - 1)/sqrt(fan_in) in the layouts below, biases zero, BN gamma 1 and beta 0.
    The check is both models' size (2,543,809 numbers); the first step's losses print beside it.
    device="cuda" (dcgan-step-gpu): the same models, data and labels moved there before the optimizers are made; a
    run is one step and torch.cuda.synchronize()."""
    if device == "cuda" and (reason := cuda_unavailable()):
        return harness.NotImplementedCase(reason)
    torch.manual_seed(0)  # the dropout masks; ours draws its own
    slope = 0.3
    generator = torch.nn.Sequential(
        torch.nn.Linear(100, 7 * 7 * 256, bias=False),
        torch.nn.BatchNorm1d(7 * 7 * 256, eps=1e-3, momentum=0.01),
        torch.nn.LeakyReLU(slope),
        torch.nn.Unflatten(1, (256, 7, 7)),
        torch.nn.ConvTranspose2d(256, 128, 5, stride=1, padding=2, bias=False),
        torch.nn.BatchNorm2d(128, eps=1e-3, momentum=0.01),
        torch.nn.LeakyReLU(slope),
        torch.nn.ConvTranspose2d(128, 64, 5, stride=2, padding=2, output_padding=1, bias=False),
        torch.nn.BatchNorm2d(64, eps=1e-3, momentum=0.01),
        torch.nn.LeakyReLU(slope),
        torch.nn.ConvTranspose2d(64, 1, 5, stride=2, padding=2, output_padding=1, bias=False),
        torch.nn.Tanh(),
    )
    discriminator = torch.nn.Sequential(
        torch.nn.Conv2d(1, 64, 5, stride=2, padding=2),
        torch.nn.LeakyReLU(slope),
        torch.nn.Dropout(0.3),
        torch.nn.Conv2d(64, 128, 5, stride=2, padding=2),
        torch.nn.LeakyReLU(slope),
        torch.nn.Dropout(0.3),
        torch.nn.Flatten(),
        torch.nn.Linear(128 * 7 * 7, 1),
    )
    # (layer, stream, fan_in): dense weights are drawn row-major [in, out] (as x W) and stored transposed in
    # torch's [out, in]; convolution weights row-major in torch's layout, Conv2d [out, in, 5, 5] with fan_in
    # in * 25, ConvTranspose2d [in, out, 5, 5] with torch's fan_in out * 25.
    g, d = generator, discriminator
    with torch.no_grad():
        for layer, stream, fan_in in ((g[0], 41, 100), (g[4], 42, 128 * 25), (g[7], 43, 64 * 25), (g[10], 44, 25),
                                      (d[0], 45, 25), (d[3], 46, 64 * 25), (d[7], 47, 6272)):
            scale = 1.0 / math.sqrt(fan_in)
            if isinstance(layer, torch.nn.Linear):
                out_features, in_features = layer.weight.shape
                layer.weight.copy_(_recipe_f32(stream, (in_features, out_features), scale).t())
            else:
                layer.weight.copy_(_recipe_f32(stream, tuple(layer.weight.shape), scale))
            if layer.bias is not None:
                layer.bias.zero_()
    # BatchNorm: gamma 1, beta 0, running mean 0, running variance 1 (torch's defaults).

    def numel(module, buffers):
        own = sum(p.numel() for p in module.parameters())
        return own + (sum(b.numel() for n, b in module.named_buffers() if not n.endswith("num_batches_tracked"))
                      if buffers else 0)

    sizes = (numel(generator, True), numel(generator, False), numel(discriminator, True))
    assert sizes == (2_330_944, 2_305_472, 212_865), sizes

    generator.to(device)
    discriminator.to(device)
    real = _recipe_f32(30, (32, 1, 28, 28)).to(device)
    noise = torch.from_numpy(recipe.normals(40, 32 * 100).astype(np.float32).reshape(32, 100)).to(device)
    ones, zeros = torch.ones(32, 1, device=device), torch.zeros(32, 1, device=device)
    sync = torch.cuda.synchronize if device == "cuda" else (lambda: None)
    g_params, d_params = list(generator.parameters()), list(discriminator.parameters())
    g_optimizer = torch.optim.Adam(g_params, lr=1e-4)
    d_optimizer = torch.optim.Adam(d_params, lr=1e-4)
    generator.train()
    discriminator.train()
    state = {}

    def run():
        fake = generator(noise)
        real_out, fake_out = discriminator(real), discriminator(fake)
        d_loss = (F.binary_cross_entropy_with_logits(real_out, ones)
                  + F.binary_cross_entropy_with_logits(fake_out, zeros))
        g_loss = F.binary_cross_entropy_with_logits(fake_out, ones)
        g_grads = torch.autograd.grad(g_loss, g_params, retain_graph=True)
        d_grads = torch.autograd.grad(d_loss, d_params)
        for p, grad in zip(g_params, g_grads):
            p.grad = grad
        for p, grad in zip(d_params, d_grads):
            p.grad = grad
        g_optimizer.step()
        d_optimizer.step()
        sync()
        if "d_loss" not in state:
            state["d_loss"], state["g_loss"] = d_loss.item(), g_loss.item()

    return harness.Prepared(run, 1, None, lambda: float(sum(sizes[0::2])),
                            lambda: {"d_loss1": state["d_loss"], "g_loss1": state["g_loss"]})

CASES = {
    "gemm-f32-256": lambda: gemm(torch.float32, 256),
    "gemm-f32-1024": lambda: gemm(torch.float32, 1024),
    "gemm-f32-2048": lambda: gemm(torch.float32, 2048),
    "gemm-f64-1024": lambda: gemm(torch.float64, 1024),
    "gd-step": gd_step,
    "logreg-5000": logreg,
    "softmax-epoch": softmax_epoch,
    "conv-dcgan": conv_dcgan,
    "mlp-epoch": mlp_epoch,
    "dcgan-step": dcgan_step,
    # On an NVIDIA GPU with a CUDA build of torch; otherwise they report why.
    "gemm-f32-4096-gpu": lambda: gemm(torch.float32, 4096, "cuda"),
    "dcgan-step-gpu": lambda: dcgan_step("cuda"),
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
