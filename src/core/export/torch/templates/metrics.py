"""The playground's gap metrics (src/core/metrics/), on numpy arrays of L2-normalised codes.

image, text: [n, d], row i of each from evaluation pair i. Retrieval is semantic: for each query the
gallery (the whole evaluation set) is ranked by cosine, and the rank is the position of the first item
whose key equals the query's (ties count against the query).
"""

import math

import numpy as np

# Uniformity is O(n^2 d): above this many points it is estimated on the first ones, as in the app.
UNIFORMITY_MAX_POINTS = 2048
# Queries scored per block, bounding the [block, n] score matrix.
BLOCK = 1024


def modality_gap(x, y):
    """||mean(x) - mean(y)||: the distance between the two modalities' centroids (Liang et al. 2022)."""
    return float(np.linalg.norm(x.mean(axis=0) - y.mean(axis=0)))


def pair_cosine(x, y):
    return float((x * y).sum(axis=1).mean())


def alignment(x, y):
    """E ||x_i - y_i||^2 over true pairs (Wang & Isola 2020)."""
    return float(((x - y) ** 2).sum(axis=1).mean())


def uniformity(u, t=2):
    """log E_{i<j} exp(-t ||u_i - u_j||^2) over distinct pairs of one modality (Wang & Isola 2020)."""
    u = u[:UNIFORMITY_MAX_POINTS]
    n = len(u)
    sq = np.maximum(0, 2 - 2 * (u @ u.T))
    upper = np.triu_indices(n, k=1)
    return float(math.log(np.exp(-t * sq[upper]).sum() / (n * (n - 1) / 2)))


def cone(x):
    """Mean cosine between two different items of one modality: near 1 in a narrow cone."""
    n = len(x)
    total = np.linalg.norm(x.sum(axis=0)) ** 2
    return float((total - (x * x).sum()) / (n * (n - 1)))


def semantic_ranks(queries, gallery, key_ids, rows):
    """1-based rank of the first gallery item sharing each query's key, for query rows `rows`."""
    ranks = np.zeros(len(rows), dtype=np.int64)
    for start in range(0, len(rows), BLOCK):
        block = rows[start : start + BLOCK]
        scores = queries[block] @ gallery.T  # [block, n]
        same = key_ids[block][:, None] == key_ids[None, :]
        best = np.where(same, scores, -np.inf).max(axis=1, keepdims=True)
        ranks[start : start + BLOCK] = ((~same) & (scores >= best)).sum(axis=1) + 1
    return ranks


def recall(ranks):
    if len(ranks) == 0:
        return {"r1": None, "r5": None, "r10": None, "medianRank": None}
    return {
        "r1": float((ranks <= 1).mean()),
        "r5": float((ranks <= 5).mean()),
        "r10": float((ranks <= 10).mean()),
        "medianRank": float(np.median(ranks)),
    }


def split_metrics(x, y, key_ids, rows):
    if len(rows) == 0:
        none = recall(rows)
        return {"count": 0, "gap": None, "alignment": None, "pairCosine": None, "i2t": none, "t2i": none}
    return {
        "count": int(len(rows)),
        "gap": modality_gap(x[rows], y[rows]),
        "alignment": alignment(x[rows], y[rows]),
        "pairCosine": pair_cosine(x[rows], y[rows]),
        "i2t": recall(semantic_ranks(x, y, key_ids, rows)),
        "t2i": recall(semantic_ranks(y, x, key_ids, rows)),
    }


def gap_metrics(image, text, keys, held_out):
    """The runner's metrics object (M in its JSON): gap, alignment, cone, uniformity, recall per split."""
    x = image.astype(np.float64)
    y = text.astype(np.float64)
    _, key_ids = np.unique(np.array(keys, dtype=object).astype(str), return_inverse=True)
    held = np.asarray(held_out, dtype=bool)
    return {
        "gap": modality_gap(x, y),
        "alignment": alignment(x, y),
        "pairCosine": pair_cosine(x, y),
        "uniformityImage": uniformity(x),
        "uniformityText": uniformity(y),
        "coneImage": cone(x),
        "coneText": cone(y),
        "seen": split_metrics(x, y, key_ids, np.flatnonzero(~held)),
        "heldOut": split_metrics(x, y, key_ids, np.flatnonzero(held)),
    }
