"""Seeded randomness, bit for bit the playground's (src/core/random/rng.ts).

The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator) on 32-bit integers, seeded
through splitmix32. Using it here, rather than torch's generator, lets the same seed give the same initial
weights, the same batch order and the same caption choices as the TensorFlow.js run in the browser.
"""

import numpy as np

MASK = 0xFFFFFFFF


def _imul(a, b):
    return (a * b) & MASK


def _mix(seed):
    """Mixes a seed into 32 bits (splitmix32), so nearby seeds give unrelated streams."""
    z = (seed + 0x9E3779B9) & MASK
    z = _imul(z ^ (z >> 16), 0x85EBCA6B)
    z = _imul(z ^ (z >> 13), 0xC2B2AE35)
    return (z ^ (z >> 16)) & MASK


class Rng:
    """sfc32 with the playground's helpers: next, int, uniform, shuffle, fork."""

    def __init__(self, seed):
        s = int(seed)
        self.a = _mix(s)
        self.b = _mix(s ^ 0x5BD1E995)
        self.c = _mix(s + 0x27D4EB2D)
        self.d = 1
        # sfc32 needs a few rounds to decorrelate from its seed.
        for _ in range(12):
            self.uint32()

    def uint32(self):
        a, b, c, d = self.a, self.b, self.c, self.d
        t = (a + b + d) & MASK
        self.d = (d + 1) & MASK
        self.a = b ^ (b >> 9)
        self.b = (c + (c << 3)) & MASK
        c = ((c << 21) | (c >> 11)) & MASK
        self.c = (c + t) & MASK
        return t

    def next(self):
        """Uniform float in [0, 1)."""
        return self.uint32() / 4294967296.0

    def int(self, n):
        """Uniform integer in [0, n)."""
        return int(self.next() * n)

    def uniform_array(self, lo, hi, count):
        """`count` draws of uniform(lo, hi), in order, as a float64 numpy array (lo + (hi - lo) * next())."""
        draws = np.fromiter((self.uint32() for _ in range(count)), dtype=np.float64, count=count)
        return lo + (hi - lo) * (draws / 4294967296.0)

    def shuffle(self, items):
        """Fisher-Yates shuffle in place; returns the same list."""
        for i in range(len(items) - 1, 0, -1):
            j = int(self.next() * (i + 1))
            items[i], items[j] = items[j], items[i]
        return items

    def fork(self):
        """An independent generator derived from this one's stream."""
        return Rng(self.uint32())
