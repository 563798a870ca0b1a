"""The correlation framework's own measurements (src/core/metrics/cca.ts, cka.ts, rawFeatureCca.ts), in
float64 numpy: linear CCA of the towers' outputs, linear CKA of the shared codes, and linear CCA of the
raw features (4x4-pooled pixels against word counts), the baseline Deep CCA has to beat."""

import numpy as np

# Ridge of the reported CCA, relative to each view's mean variance, whatever ccaReg is (so runs compare).
DEFAULT_CCA_REG = 1e-3
POOL = 4
MAX_WORDS = 192
# An eigenvalue below this share of the largest is a direction the view does not vary in.
FLAT = 1e-10


def js_round3(v):
    """Math.round(v * 1e3) / 1e3, as JavaScript rounds (halves up)."""
    return np.floor(np.asarray(v) * 1e3 + 0.5) / 1e3


def _inverse_sqrt(s, view):
    values, vectors = np.linalg.eigh(s)
    if values.min() <= values.max() * 1e-12:
        raise ValueError(
            f"The {view} embeddings vary in fewer directions than they have dimensions (constant or "
            "repeated features), so their covariance cannot be inverted: use a regularisation above 0."
        )
    return (vectors / np.sqrt(values)) @ vectors.T


def _regularised(sigma, reg, view):
    trace = np.trace(sigma)
    if not trace > 0:
        raise ValueError(f"The {view} embeddings do not vary at all (every row is the same): CCA has nothing to correlate.")
    return sigma + np.eye(len(sigma)) * (reg * trace / len(sigma))


def linear_cca(x, y, reg=DEFAULT_CCA_REG, k=None):
    """Correlations (descending), directions A [d1, k], B [d2, k] and means of the CCA of x: [n, d1],
    y: [n, d2]. Raises ValueError (with the playground's words) when it cannot be computed."""
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    n, d1 = x.shape
    d2 = y.shape[1]
    if n <= max(d1, d2):
        raise ValueError(
            f"CCA needs more pairs than dimensions, but there are {n} pairs for {max(d1, d2)} dimensions: "
            "with so few pairs every canonical correlation reads 1. Evaluate on more pairs or use a smaller "
            "embedding."
        )
    m = min(d1, d2)
    k = max(1, min(m if k is None else k, m))
    mx, my = x.mean(axis=0), y.mean(axis=0)
    cx, cy = x - mx, y - my
    w1 = _inverse_sqrt(_regularised(cx.T @ cx / (n - 1), reg, "image"), "image")
    w2 = _inverse_sqrt(_regularised(cy.T @ cy / (n - 1), reg, "text"), "text")
    u, s, vt = np.linalg.svd(w1 @ (cx.T @ cy / (n - 1)) @ w2, full_matrices=False)
    a, b = w1 @ u[:, :k], w2 @ vt.T[:, :k]
    # Fix each pair's arbitrary sign so that the largest x weight is positive, as the playground does.
    signs = np.where(a[np.abs(a).argmax(axis=0), np.arange(k)] < 0, -1.0, 1.0)
    return np.clip(s[:k], 0, 1), a * signs, b * signs, mx, my


def summarise_cca(x, y, reg=DEFAULT_CCA_REG, k=None, points=0):
    """{correlations, total[, variates]} as the runner's JSON has them, or {problem}."""
    try:
        correlations, a, b, mx, my = linear_cca(x, y, reg, k)
    except ValueError as e:
        return {"problem": str(e)}
    summary = {"correlations": [float(c) for c in correlations], "total": float(correlations.sum())}
    rows = min(points, len(x))
    if rows > 0:
        c = min(2, a.shape[1])

        def first(data, mean, directions):
            v = js_round3((np.asarray(data[:rows], np.float64) - mean) @ directions[:, :c])
            return [[float(t) for t in v[:, j]] if j < c else [] for j in range(2)]

        summary["variates"] = {"x": first(x, mx, a), "y": first(y, my, b)}
    return summary


def linear_cka(x, y):
    """Linear CKA (Kornblith et al. 2019) of x: [n, d1] and y: [n, d2] in [0, 1], or None when a set
    does not vary."""
    cx = np.asarray(x, np.float64) - np.asarray(x, np.float64).mean(axis=0)
    cy = np.asarray(y, np.float64) - np.asarray(y, np.float64).mean(axis=0)
    cross = np.linalg.norm(cy.T @ cx)
    denominator = np.linalg.norm(cx.T @ cx) * np.linalg.norm(cy.T @ cy)
    return float(min(cross * cross / denominator, 1)) if denominator > 0 else None


def pool_images(images):
    """[n, 3072] (32x32 RGB, channels last) -> [n, 192]: each channel averaged over 4x4 blocks."""
    n = len(images)
    side = 32 // POOL
    return images.astype(np.float64).reshape(n, side, POOL, side, POOL, 3).mean(axis=(2, 4)).reshape(n, -1)


def word_counts(captions, vocab_size):
    """Word counts [n, w] over the MAX_WORDS most frequent word ids of `captions` (lists of ids)."""
    frequency = np.zeros(vocab_size)
    for ids in captions:
        for i in ids:
            frequency[i] += 1
    used = [i for i in range(vocab_size) if frequency[i] > 0]
    words = sorted(sorted(used, key=lambda i: (-frequency[i], i))[:MAX_WORDS])
    column = {w: j for j, w in enumerate(words)}
    counts = np.zeros((len(captions), len(words)))
    for r, ids in enumerate(captions):
        for i in ids:
            if i in column:
                counts[r, column[i]] += 1
    return counts


def principal_components(data, k):
    """The centred data on its k leading principal components (those it varies in), or None."""
    if (data == data[0]).all():
        return None
    centred = data - data.mean(axis=0)
    values, vectors = np.linalg.eigh(centred.T @ centred / max(len(data) - 1, 1))
    order = np.argsort(values)[::-1][:k]
    if not values[order[0]] > 0:
        return None
    kept = [j for j in order if values[j] > values[order[0]] * FLAT]
    return centred @ vectors[:, kept]


def raw_feature_cca(images, captions, vocab_size, k):
    """Linear CCA of pooled pixels against word counts, each cut to k principal components."""
    n = len(captions)
    if n < 2:
        return {"problem": f"Linear CCA on raw features needs at least 2 pairs; the evaluation set has {n}."}
    keep = min(k, n - 1)
    pixels = principal_components(pool_images(images), keep)
    if pixels is None:
        return {"problem": "The evaluation images are all the same: linear CCA has nothing to correlate."}
    words = principal_components(word_counts(captions, vocab_size), keep)
    if words is None:
        return {"problem": "The evaluation captions are all the same: linear CCA has nothing to correlate."}
    return summarise_cca(pixels, words)
