"""The data every case uses, bit for bit as bench/Functional.Bench/Recipe.fs generates it (see that file)."""
import math

import numpy as np

_CHUNK = 1 << 22  # bounds the uint64 temporaries to a few tens of MB for the 47M-element softmax inputs


def _mix(counter):
    """SplitMix64's output function on a uint64 array (wraps modulo 2^64 like the F# code)."""
    z = counter + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def uniforms(seed, count):
    """count uniform float64 samples in [0, 1): element i is top53(mix(seed * 2^32 + i)) * 2^-53."""
    out = np.empty(count, dtype=np.float64)
    start = np.uint64(seed << 32)
    for lo in range(0, count, _CHUNK):
        hi = min(count, lo + _CHUNK)
        z = _mix(np.arange(lo, hi, dtype=np.uint64) + start)
        out[lo:hi] = (z >> np.uint64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)
    return out


def symmetric(seed, count):
    """Uniform samples in [-1, 1): 2u - 1."""
    return 2.0 * uniforms(seed, count) - 1.0


def normals(seed, count):
    """Box-Muller from pairs (u1, u2) of uniforms(seed, 2 * count): sqrt(-2 ln(1 - u1)) * cos(2 pi u2)."""
    u = uniforms(seed, 2 * count)
    return np.sqrt(-2.0 * np.log(1.0 - u[0::2])) * np.cos(2.0 * math.pi * u[1::2])


def lecture002():
    """Lecture 002's five facts, centred: X = [1, height - 171] (5x2), y = weight - 65.4 (5)."""
    heights = np.array([166.0, 176.0, 171.0, 173.0, 169.0])
    weights = np.array([58.7, 75.7, 62.1, 70.4, 60.1])
    return np.stack([np.ones(5), heights - 171.0], axis=1), weights - 65.4


def logistic_points():
    """Lecture 001's classes: 20 points from N([10, 11], 20 I) (seed 10), 15 from N([18, 20], 22 I) (seed 11)."""
    def cloud(seed, count, mean, variance):
        return np.array(mean) + math.sqrt(variance) * normals(seed, 2 * count).reshape(count, 2)
    x = np.concatenate([cloud(10, 20, [10.0, 11.0], 20.0), cloud(11, 15, [18.0, 20.0], 22.0)])
    return x, np.array([0.0] * 20 + [1.0] * 15)


# The scikit-learn comparison cases (bench/peers/sklearn_cases.py, Functional.Bench/Cases/Classic.fs).

def kmeans_points():
    """100,000 x 16 uniform in [0, 1) (seed 50); the initial centres are its first 8 rows."""
    return uniforms(50, 100_000 * 16).reshape(100_000, 16)


def pca_points():
    """10,000 x 784 uniform in [0, 1) (seed 60), an MNIST-sized matrix."""
    return uniforms(60, 10_000 * 784).reshape(10_000, 784)


def knn_points():
    """Ten prototypes p_c uniform in [0, 1)^784 (seed 70); a row of class c is 0.2 p_c + 0.8 u, u uniform. Training:
    8,000 rows, labels floor(10 u) (seed 71), noise seed 72; queries: 2,000 rows, labels seed 73, noise seed 74.
    Returns (x_train, y_train, x_query, y_query), labels as float64 0..9."""
    prototypes = uniforms(70, 10 * 784).reshape(10, 784)

    def rows(label_seed, noise_seed, count):
        labels = np.floor(10.0 * uniforms(label_seed, count))
        noise = uniforms(noise_seed, count * 784).reshape(count, 784)
        return 0.2 * prototypes[labels.astype(np.int64)] + 0.8 * noise, labels

    x, y = rows(71, 72, 8_000)
    q, t = rows(73, 74, 2_000)
    return x, y, q, t


def spam_points():
    """Spam-sized binary data, 4,000 x 1,899 (ex6's spamTrain): a row is spam (y = 1) where u_i < 0.4 (seed 82);
    90 of the words are spam words (u_j < 0.05, seed 81); x_ij = 1 where u_ij < p_ij (seed 80), with p_ij = 0.08 for a
    spam word in a spam row and 0.02 otherwise (about 40 words a row). Naive-Bayes-style word counts, so the best
    rule is linear in x, and the classes overlap a little (no rule is exact)."""
    y = (uniforms(82, 4_000) < 0.4).astype(np.float64)
    spam_word = uniforms(81, 1_899) < 0.05
    p = np.where(spam_word[None, :] & (y[:, None] > 0.0), 0.08, 0.02)
    x = (uniforms(80, 4_000 * 1_899).reshape(4_000, 1_899) < p).astype(np.float64)
    return x, y


def logistic_fit_points():
    """logistic-fit's data: 20,000 x 50 standard normal features (seed 90); true weights 0.5 v, v uniform in
    [-1, 1)^50 (seed 91), intercept 0.5; y_i = 1 where u_i < sigmoid(0.5 + x_i . w) (u seed 92), the dot product
    summed left to right as Recipe.fs does. Returns (x, y), y as 0.0 / 1.0."""
    rows, features = 20_000, 50
    x = normals(90, rows * features).reshape(rows, features)
    w = 0.5 * symmetric(91, features)
    z = np.full(rows, 0.5)
    for j in range(features):  # left to right, as the F# loop: the same roundings, so the same labels
        z = z + x[:, j] * w[j]
    y = (uniforms(92, rows) < 1.0 / (1.0 + np.exp(-z))).astype(np.float64)
    return x, y
