#!/usr/bin/python3
"""Record PyTorch optimizer trajectories as golden numbers for the optimizer tests.

Run once (Debian's python3-torch):

    /usr/bin/python3 tests/Functional.Tests/Golden/record-optimizer-trajectories.py \
        > tests/Functional.Tests/Golden/OptimizerTrajectories.fs

Every run is float64, 12 steps. For each step the loss is evaluated at the current
parameters (recorded), gradients are computed, and optimizer.step() is called; the
parameters after the step are recorded. Matrix parameters are flattened row-major.
"""
import math
import sys

import torch

STEPS = 12
torch.set_default_dtype(torch.float64)

# ---------------------------------------------------------------- problems

QUAD_START = [[-4.0, 2.0]]
ROSEN_START = [[-1.2, 1.0]]
MATRIX_START = [[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]]
MATRIX_A = [[1.0, 2.0, 0.0], [3.0, -1.0, 1.0], [0.5, 0.5, 0.5], [2.0, 1.0, -1.0]]
MATRIX_B = [[1.0, 0.0], [0.0, 1.0], [2.0, -1.0], [0.5, 0.5]]


def quadratic(p):
    return p[0] ** 2 / 20 + p[1] ** 2


def rosenbrock(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2


_A = torch.tensor(MATRIX_A, dtype=torch.float64)
_B = torch.tensor(MATRIX_B, dtype=torch.float64)


def matrix(p):
    return ((_A @ p.T - _B) ** 2).mean()


PROBLEMS = {
    "quadratic": (QUAD_START[0], quadratic),
    "rosenbrock": (ROSEN_START[0], rosenbrock),
    "matrix": (MATRIX_START, matrix),
}

# ---------------------------------------------------------------- configurations
# (name, optimizer class, kwargs). Keyword order is the order shown in the record.

CONFIGS = [
    ("sgd", torch.optim.SGD, dict(lr=0.1)),
    ("sgd-momentum", torch.optim.SGD, dict(lr=0.05, momentum=0.9)),
    ("sgd-nesterov", torch.optim.SGD, dict(lr=0.05, momentum=0.9, nesterov=True)),
    ("sgd-momentum-dampening", torch.optim.SGD, dict(lr=0.05, momentum=0.9, dampening=0.5)),
    ("sgd-weight-decay", torch.optim.SGD, dict(lr=0.05, momentum=0.9, weight_decay=0.01)),
    ("adagrad", torch.optim.Adagrad, dict(lr=0.5)),
    ("adagrad-decay", torch.optim.Adagrad,
     dict(lr=0.5, lr_decay=0.01, weight_decay=0.01, initial_accumulator_value=0.1, eps=1e-10)),
    ("rmsprop", torch.optim.RMSprop, dict(lr=0.01)),
    ("rmsprop-momentum", torch.optim.RMSprop, dict(lr=0.01, alpha=0.9, momentum=0.5)),
    ("rmsprop-centered", torch.optim.RMSprop, dict(lr=0.01, alpha=0.9, centered=True)),
    ("adam", torch.optim.Adam, dict(lr=0.1)),
    ("adam-betas", torch.optim.Adam, dict(lr=0.05, betas=(0.8, 0.9), eps=1e-6)),
    ("adam-weight-decay", torch.optim.Adam, dict(lr=0.05, weight_decay=0.1)),
    ("adam-amsgrad", torch.optim.Adam, dict(lr=0.1, amsgrad=True)),
    ("adamw", torch.optim.AdamW, dict(lr=0.05, weight_decay=0.1)),
]

# Configs that also run on the [2,3] matrix problem.
MATRIX_CONFIGS = {"adam", "sgd-momentum", "rmsprop"}

# SGD diverges on rosenbrock at these learning rates: lr / 100 there.
ROSENBROCK_SGD_LR_DIVISOR = 100


def problems_for(name):
    ps = ["quadratic", "rosenbrock"]
    if name in MATRIX_CONFIGS:
        ps.append("matrix")
    return ps


def kwargs_for(name, kwargs, problem):
    kw = dict(kwargs)
    if problem == "rosenbrock" and name.startswith("sgd"):
        kw["lr"] = kw["lr"] / ROSENBROCK_SGD_LR_DIVISOR
    return kw


def py_value(v):
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, tuple):
        return "(" + ", ".join(py_value(x) for x in v) + ")"
    return repr(v)


def torch_call(cls, kw):
    return cls.__name__ + "(" + ", ".join(f"{k}={py_value(v)}" for k, v in kw.items()) + ")"


# ---------------------------------------------------------------- recording


def fs_float(x):
    x = float(x)
    if not math.isfinite(x):
        raise SystemExit(f"non-finite value recorded: {x!r}")
    s = repr(x)
    if not any(c in s for c in ".eE"):
        s += ".0"
    assert float(s) == x
    return s


def fs_array(xs):
    return "[| " + "; ".join(fs_float(x) for x in xs) + " |]"


def flat(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def run(name, cls, kwargs, problem):
    start, loss_fn = PROBLEMS[problem]
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    kw = kwargs_for(name, kwargs, problem)
    opt = cls([p], **kw)
    losses, params = [], []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = loss_fn(p)
        losses.append(float(loss.item()))
        loss.backward()
        opt.step()
        params.append(flat(p))
    start_flat = flat(torch.tensor(start, dtype=torch.float64))
    return dict(Config=name, Torch=torch_call(cls, kw), Problem=problem, Start=start_flat,
                Losses=losses, Parameters=params)


def fs_matrix_comment(name, rows):
    return f"///   {name} = " + "; ".join("[" + ", ".join(repr(x) for x in r) + "]" for r in rows)


def main():
    runs = [run(name, cls, kw, problem)
            for name, cls, kw in CONFIGS for problem in problems_for(name)]

    out = []
    w = out.append
    w(f"/// Optimizer trajectories recorded once with PyTorch {torch.__version__} (Debian python3-torch), float64, by")
    w("/// record-optimizer-trajectories.py in this folder. Not run at test time.")
    w("///")
    w(f"/// Each run: {STEPS} steps. Per step: zero_grad, loss = f(p) (recorded in Losses, i.e. the loss BEFORE the step),")
    w("/// loss.backward(), optimizer.step(); the parameters AFTER the step are recorded in Parameters.")
    w("///")
    w("/// Problems (all float64, parameters requires_grad):")
    w("///   quadratic:  p = [-4.0, 2.0] (shape [2]);  loss = p[0]**2 / 20 + p[1]**2")
    w("///   rosenbrock: p = [-1.2, 1.0] (shape [2]);  loss = (1 - p[0])**2 + 100 * (p[1] - p[0]**2)**2")
    w("///   matrix:     p = [[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]] (shape [2;3]);  loss = ((A @ p.T - B)**2).mean()")
    w("///               (mean over all 8 elements of the [4;2] residual)")
    w(fs_matrix_comment("A [4;3]", MATRIX_A))
    w(fs_matrix_comment("B [4;2]", MATRIX_B))
    w("///   For the matrix problem, Start and each Parameters entry are p flattened row-major (6 values).")
    w("///   The matrix problem is recorded only for the configs: " + ", ".join(sorted(MATRIX_CONFIGS)) + ".")
    w("///")
    w(f"/// NOTE: on rosenbrock every sgd* config uses lr divided by {ROSENBROCK_SGD_LR_DIVISOR} (it diverges otherwise);")
    w("/// the Torch field of those records shows the lr actually used.")
    by_key = {(r["Config"], r["Problem"]): r for r in runs}
    same = [pr for pr in problems_for("adam-amsgrad")
            if by_key[("adam", pr)]["Parameters"] == by_key[("adam-amsgrad", pr)]["Parameters"]]
    if same:
        w("///")
        w("/// NOTE: adam-amsgrad is bit-identical to adam on: " + ", ".join(same) + " (the second-moment estimate")
        w("/// only grows during these 12 steps, so max(v) = v); such records cannot tell amsgrad from plain Adam.")
    w("module Functional.Tests.Golden.OptimizerTrajectories")
    w("")
    w("/// One recorded run: the PyTorch call, the problem, the loss before each step and the parameters after each step.")
    w("type Trajectory =")
    w("    { Config: string")
    w("      Torch: string")
    w("      Problem: string")
    w("      Start: float[]")
    w("      Losses: float[]")
    w("      Parameters: float[][] }")
    w("")
    w("let all: Trajectory list =")
    w("    [")
    for r in runs:
        w("      { Config = \"%s\"" % r["Config"])
        w("        Torch = \"%s\"" % r["Torch"])
        w("        Problem = \"%s\"" % r["Problem"])
        w("        Start = %s" % fs_array(r["Start"]))
        w("        Losses = %s" % fs_array(r["Losses"]))
        w("        Parameters =")
        w("          [|")
        for ps in r["Parameters"]:
            w("            %s" % fs_array(ps))
        w("          |] }")
    w("    ]")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
