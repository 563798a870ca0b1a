"""Matrix roots and covariances as the playground computes them (src/core/linalg/), in float32 torch.

The playground has no eigendecomposition on every TensorFlow.js backend, so its CCA losses and readout
take matrix roots by Newton-Schulz iterations (matmuls only). The same iterations, with the same step
counts, are used here so the exported run computes the same numbers, not merely the same maths.
"""

import math

import torch

# Added to every ridge so that a view that does not vary still has an invertible covariance.
RIDGE_FLOOR = 1e-8


def centre(h):
    """Column means removed. h: [b, d]. Returns [b, d]."""
    return h - h.mean(dim=0, keepdim=True)


def cross_covariance(a1, a2):
    """a1^T a2 / (b - 1) of centred views a1: [b, d1], a2: [b, d2]. Returns [d1, d2]."""
    return a1.t() @ a2 / max(a1.shape[0] - 1, 1)


def ridge(sigma, r):
    """sigma + (r * tr(sigma) / d + RIDGE_FLOOR) I: a ridge of r times the view's mean variance."""
    d = sigma.shape[0]
    shift = torch.diagonal(sigma).sum() / d * r + RIDGE_FLOOR
    return sigma + torch.eye(d, device=sigma.device) * shift


def ridge_floor(r, d):
    """A lower bound on lambda_min / ||sigma + ridge||_F after ridge(sigma, r) (for newton_schulz_steps)."""
    return r / (d * (1 + r))


def newton_schulz_steps(floor):
    """Steps that reach float32 accuracy when the smallest eigenvalue of A / ||A||_F is at least floor."""
    growth = math.log(1 / max(floor, 1e-12)) / math.log(9 / 4)
    return min(math.ceil(max(growth, 0)) + 6, 40)


def newton_schulz_roots(a, steps):
    """(A^1/2, A^-1/2) of a symmetric PSD a: [d, d] by the coupled Newton-Schulz iteration (Higham 6.35).

    The scale c = ||A||_F is a constant to the gradient, as in the playground.
    """
    eye = torch.eye(a.shape[0], device=a.device)
    c = torch.clamp(torch.linalg.norm(a), min=1e-30).detach()
    y, z = a / c, eye
    for _ in range(steps):
        t = (eye * 3 - z @ y) * 0.5
        y, z = y @ t, t @ z
    root = torch.sqrt(c)
    return y * root, z / root


def inverse_sqrt(a, floor):
    """A^-1/2 of a symmetric positive definite a whose smallest eigenvalue is >= floor * ||A||_F."""
    return newton_schulz_roots(a, newton_schulz_steps(floor))[1]


def sqrt_psd(a):
    """A^1/2 of a symmetric positive semidefinite a."""
    return newton_schulz_roots(a, newton_schulz_steps(1e-6))[0]
