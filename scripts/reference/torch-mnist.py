#!/usr/bin/python3
"""PyTorch reference accuracies for lecture 001's two MNIST models, trained on our own split.

First export the split (Mnist.subset data/mnist, seed 1) with export-mnist-split.fsx, then:
    /usr/bin/python3 scripts/reference/torch-mnist.py [--data /tmp/mnist-split] [--epochs 10] [--seeds 0,1,2,3,4]
        [--init torch|glorot]

Models (--init torch: PyTorch's default initialisation; --init glorot: Keras's Dense default, Glorot-uniform weights
and zero biases), each trained with CrossEntropyLoss and Adam(lr=1e-3, Keras's default),
batch 128, reshuffled every epoch:
    softmax: Linear(784, 10)
    mlp:     Linear(784, 256) -> ReLU -> Linear(256, 10)
Prints the test accuracy of every seed, then mean and sample std (n - 1) per model.
"""
import argparse
import statistics
import time

import numpy as np
import torch
from torch import nn


def load(folder, name):
    images = np.fromfile(f"{folder}/{name}-images.f32", dtype="<f4").reshape(-1, 784)
    labels = np.loadtxt(f"{folder}/{name}-labels.txt", dtype=np.int64)
    assert images.shape[0] == labels.shape[0], (images.shape, labels.shape)
    return torch.from_numpy(images.copy()), torch.from_numpy(labels)


def model(kind, init="torch"):
    if kind == "softmax":
        net = nn.Sequential(nn.Linear(784, 10))
    elif kind == "mlp":
        net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    else:
        raise ValueError(kind)
    if init == "glorot":
        for layer in net:
            if isinstance(layer, nn.Linear):
                nn.init.xavier_uniform_(layer.weight)
                nn.init.zeros_(layer.bias)
    elif init != "torch":
        raise ValueError(init)
    return net


def train_and_test(kind, seed, epochs, train, test, init="torch", batch=128):
    torch.manual_seed(seed)
    net = model(kind, init)
    shuffle = torch.Generator().manual_seed(seed)
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    x, y = train
    for _ in range(epochs):
        net.train()
        order = torch.randperm(x.shape[0], generator=shuffle)
        for start in range(0, x.shape[0], batch):
            idx = order[start:start + batch]
            optimizer.zero_grad()
            loss = loss_fn(net(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
    net.eval()
    with torch.no_grad():
        tx, ty = test
        return (net(tx).argmax(dim=1) == ty).float().mean().item()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="/tmp/mnist-split")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--seeds", default="0,1,2,3,4")
    parser.add_argument("--init", choices=("torch", "glorot"), default="torch")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]

    torch.set_num_threads(2)
    started = time.time()
    train, test = load(args.data, "train"), load(args.data, "test")
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; "
          f"train {train[0].shape[0]}, test {test[0].shape[0]}; epochs {args.epochs}; init {args.init}; seeds {seeds}")
    for kind in ("softmax", "mlp"):
        accuracies = []
        for seed in seeds:
            accuracy = train_and_test(kind, seed, args.epochs, train, test, args.init)
            accuracies.append(accuracy)
            print(f"{kind} seed {seed}: test accuracy {accuracy:.4f}")
        std = statistics.stdev(accuracies) if len(accuracies) > 1 else 0.0
        print(f"{kind} epochs {args.epochs} init {args.init}: mean {statistics.mean(accuracies):.4f} std {std:.4f}")
    print(f"wall time {time.time() - started:.1f} s")


if __name__ == "__main__":
    main()
