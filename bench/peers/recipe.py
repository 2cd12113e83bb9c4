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
