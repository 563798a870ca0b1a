"""The correlation framework of the playground (src/core/frameworks/correlation.ts) in PyTorch.

Two towers, each an encoder and a linear projection to `dim`, trained so that their outputs on matching
pairs are maximally correlated: Deep CCA (Andrew et al. 2013) with the playground's Newton-Schulz
whitening and closed-form gradient, or soft CCA (Chang et al. 2018) with running correlation matrices.
A correlation objective leaves each view free up to an invertible linear map, so the shared space is a
linear CCA readout fitted on the last ~1,024 training pairs with the current weights (as the playground's
correlationState.ts does); before the first step the raw outputs are used.
"""


import numpy as np
import torch
from torch import nn

from linalg import (
    centre,
    cross_covariance,
    inverse_sqrt,
    newton_schulz_roots,
    newton_schulz_steps,
    ridge,
    ridge_floor,
    sqrt_psd,
)
from model import ImageCnn, ImageMlp, TextBow, l2_normalize

# Weight of the old estimate in soft CCA's running correlation matrices.
SOFTCCA_MOMENTUM = 0.95
# Keeps soft CCA's standardisation finite for a feature that does not vary within the batch.
VARIANCE_EPS = 1e-5
# Added to T^T T before its inverse root is taken for the polar factor.
POLAR_EPS = 1e-8
POLAR_STEPS = newton_schulz_steps(1e-7)
SUBSPACE_ITERATIONS = 6
# About how many recent training pairs the readout is fitted on.
READOUT_PAIRS = 1024


class Towers(nn.Module):
    """Both towers. forward(images [b, 3072], bow [b, V]) returns the raw outputs, [b, dim] each."""

    def __init__(self, config, vocab_size):
        super().__init__()
        cnn = config["imageEncoder"] in ("cnn", "cnn-portable")
        self.image = (ImageCnn if cnn else ImageMlp)(config["imageHidden"])
        self.text = TextBow(vocab_size, config["textHidden"])
        self.image_proj = nn.Linear(config["imageHidden"], config["dim"])
        self.text_proj = nn.Linear(config["textHidden"], config["dim"])

    def forward(self, images, bow):
        return self.image_proj(self.image(images)), self.text_proj(self.text(bow))

    def layers(self):
        """The layers with weights, in the order the playground creates (and so initialises) them."""
        convs = [self.image.conv1, self.image.conv2] if isinstance(self.image, ImageCnn) else []
        return convs + [self.image.fc, self.text.fc, self.image_proj, self.text_proj]


def dcca_batch_problem(batch, dim):
    """Why a batch of `batch` pairs cannot train Deep CCA with `dim` outputs, or None."""
    if batch > dim:
        return None
    return (
        f"Deep CCA needs more pairs per batch than output dimensions, but the batch has {batch} pairs "
        f"for {dim} dimensions: use a batch larger than the embedding size"
    )


def _ridge_adjusted(g, reg):
    """The gradient with respect to sigma of one taken with respect to ridge(sigma, reg). g: [d, d]."""
    d = g.shape[0]
    return g + torch.eye(d, device=g.device) * (torch.diagonal(g).sum() * reg / d)


def _top_eigenvectors(m, k):
    """Orthonormal basis [d, k] of the top-k eigenspace of a symmetric PSD m, by orthogonal iteration
    from the playground's fixed DCT-IV start."""
    d = m.shape[0]
    i = np.arange(d)[:, None] + 0.5
    j = np.arange(k)[None, :] + 0.5
    q = torch.from_numpy(np.cos(np.pi * i * j / d).astype(np.float32)).to(m.device)
    m2 = m @ m
    m4 = m2 @ m2
    for _ in range(SUBSPACE_ITERATIONS):
        q = torch.linalg.qr(m4 @ q)[0]
    return q


def _polar_factor(t, k):
    """U V^T for T = U D V^T (the top-k pairs when k > 0), as T (T^T T + eps)^-1/2. t: [d1, d2]."""
    m = t.t() @ t

    def regularised(x):
        return x + torch.eye(x.shape[0], device=x.device) * POLAR_EPS

    if k == 0:
        return t @ newton_schulz_roots(regularised(m), POLAR_STEPS)[1]
    v = _top_eigenvectors(m, k)
    root = newton_schulz_roots(regularised(v.t() @ m @ v), POLAR_STEPS)[1]
    return t @ v @ root @ v.t()


def correlation_and_gradient(h1, h2, reg, top_k):
    """Total canonical correlation of h1: [b, d1], h2: [b, d2] and its gradient with respect to each
    (Andrew et al.'s closed form, every factor a Newton-Schulz root; see src/core/losses/dcca.ts)."""
    b, d1 = h1.shape
    d2 = h2.shape[1]
    a1, a2 = centre(h1), centre(h2)
    w1 = newton_schulz_roots(ridge(cross_covariance(a1, a1), reg), newton_schulz_steps(ridge_floor(reg, d1)))[1]
    w2 = newton_schulz_roots(ridge(cross_covariance(a2, a2), reg), newton_schulz_steps(ridge_floor(reg, d2)))[1]
    t = w1 @ cross_covariance(a1, a2) @ w2
    p = _polar_factor(t, top_k if 0 < top_k < min(d1, d2) else 0)
    value = (p * t).sum()
    g12 = w1 @ p @ w2
    g11 = _ridge_adjusted(w1 @ (p @ t.t()) @ w1 * -0.5, reg)
    g22 = _ridge_adjusted(w2 @ (p.t() @ t) @ w2 * -0.5, reg)
    scale = 1 / max(b - 1, 1)
    grad1 = (a1 @ g11 * 2 + a2 @ g12.t()) * scale
    grad2 = (a2 @ g22 * 2 + a1 @ g12) * scale
    # The centring of H is part of the objective: the gradients have zero column mean.
    return value, centre(grad1), centre(grad2)


class TotalCorrelation(torch.autograd.Function):
    """Deep CCA's objective with its closed-form gradient: the iterations are not recorded for autograd."""

    @staticmethod
    def forward(ctx, h1, h2, reg, top_k):
        with torch.no_grad():
            value, g1, g2 = correlation_and_gradient(h1, h2, reg, top_k)
        ctx.save_for_backward(g1, g2)
        return value

    @staticmethod
    def backward(ctx, dy):
        g1, g2 = ctx.saved_tensors
        return g1 * dy, g2 * dy, None, None


def dcca_loss(h1, h2, reg, top_k):
    """Minus the total canonical correlation of the batch. h1, h2: [b, dim]. Returns a scalar."""
    problem = dcca_batch_problem(h1.shape[0], max(h1.shape[1], h2.shape[1]))
    if problem:
        raise SystemExit(problem)
    return -TotalCorrelation.apply(h1, h2, reg, top_k)


def standardise(h):
    """Per-feature standardisation over the batch. h: [b, d]."""
    a = centre(h)
    return a / torch.sqrt((a * a).mean(dim=0, keepdim=True) + VARIANCE_EPS)


def soft_decorrelation(phi):
    """SDL(phi) = (1/d) sum_{i != j} |phi_ij|. phi: [d, d]."""
    d = phi.shape[0]
    return (phi.abs() * (1 - torch.eye(d, device=phi.device))).sum() / d


def soft_cca(h1, h2, lam, previous):
    """Soft CCA's loss on h1, h2: [b, d] and the new running correlation matrices (detached).

    previous: (phi1, phi2) before this step, or None at the start (the batch's own matrices, held
    constant, stand in for them).
    """
    z1, z2 = standardise(h1), standardise(h2)
    d = h1.shape[1]
    distance = ((z1 - z2) ** 2).sum(dim=1).mean() / d
    running = []
    for z, prev in zip((z1, z2), previous or (None, None)):
        batch = cross_covariance(z, z)
        base = (batch if prev is None else prev).detach()
        running.append(base * SOFTCCA_MOMENTUM + batch * (1 - SOFTCCA_MOMENTUM))
    loss = distance + (soft_decorrelation(running[0]) + soft_decorrelation(running[1])) * lam
    return loss, [r.detach() for r in running]


class Readout:
    """Linear CCA of the towers' outputs (src/core/linalg/ccaReadout.ts), fitted in float32 as there.

    image: (h1 - mean1) W1 T; text: (h2 - mean2) W2 (T^T T)^1/2, with W = (sigma + ridge)^-1/2 and
    T = W1 sigma12 W2: each view's canonical variates weighted by their correlations, in one basis.
    """

    def __init__(self, h1, h2, reg):
        d1, d2 = h1.shape[1], h2.shape[1]
        a1, a2 = centre(h1), centre(h2)
        w1 = inverse_sqrt(ridge(cross_covariance(a1, a1), reg), ridge_floor(reg, d1))
        w2 = inverse_sqrt(ridge(cross_covariance(a2, a2), reg), ridge_floor(reg, d2))
        t = w1 @ cross_covariance(a1, a2) @ w2
        self.mean1, self.mean2 = h1.mean(dim=0, keepdim=True), h2.mean(dim=0, keepdim=True)
        self.project1, self.project2 = w1 @ t, w2 @ sqrt_psd(t.t() @ t)

    def apply(self, h1, h2):
        return (h1 - self.mean1) @ self.project1, (h2 - self.mean2) @ self.project2


class Correlation:
    """The framework as train.py drives it: the towers, the loss of a whole batch, the state a step
    changes besides the weights (soft CCA's running matrices, the recent pairs) and the shared codes."""

    def __init__(self, config, vocab_size, features):
        """features(rows, texts) -> (images, bow) tensors of training pairs, for refitting the readout."""
        self.config = config
        self.module = Towers(config, vocab_size)
        self.features = features
        self.phi = None
        self.proposal = None
        self.recent = []
        self.readout = None
        self.current = True
        self.learn_temperature = False

    def parameters_in_order(self):
        return self.module.layers()

    def loss(self, outputs, propose=True):
        """The objective of the whole batch. outputs: the towers' (h1, h2), [b, dim] each."""
        h1, h2 = outputs
        if self.config["loss"] == "dcca":
            return dcca_loss(h1, h2, self.config["ccaReg"], self.config["ccaTopK"])
        if self.config["loss"] == "softcca":
            loss, running = soft_cca(h1, h2, self.config["softccaLambda"], self.phi)
            if propose:
                # Statistics that are not finite keep the old ones, so one bad step cannot poison the next.
                finite = all(bool(torch.isfinite(r).all()) for r in running)
                self.proposal = running if finite else (self.phi or [torch.zeros_like(r) for r in running])
            return loss
        raise SystemExit(f"The correlation framework has no loss '{self.config['loss']}' (choose dcca or softcca).")

    def after_step(self, rows, texts):
        """The optimizer stepped on the batch (rows, texts): adopt its running matrices, remember its pairs."""
        if self.proposal is not None:
            self.phi, self.proposal = self.proposal, None
        self.recent.append((rows, texts))
        pairs = sum(len(r) for r, _ in self.recent)
        while len(self.recent) > 1 and pairs - len(self.recent[0][0]) >= READOUT_PAIRS:
            pairs -= len(self.recent.pop(0)[0])
        self.current = False

    def fitted_readout(self):
        """The readout for the current weights (refitted if they changed), or None before any."""
        if self.current:
            return self.readout
        self.current = True
        pairs = sum(len(r) for r, _ in self.recent)
        if pairs <= self.config["dim"]:
            return self.readout
        with torch.no_grad():
            outs = [self.module(*self.features(rows, texts)) for rows, texts in self.recent]
            h1 = torch.cat([o[0] for o in outs])
            h2 = torch.cat([o[1] for o in outs])
            self.readout = Readout(h1, h2, self.config["ccaReg"])
        return self.readout

    def embed(self, images, bow):
        """Shared codes of images and captions, each alone, L2-normalised. [b, dim] each."""
        readout = self.fitted_readout()
        h1, h2 = self.module(images, bow)
        x, y = readout.apply(h1, h2) if readout else (h1, h2)
        return l2_normalize(x), l2_normalize(y)

    def scalars(self):
        return {}


def unit_rows(rows):
    """Every row scaled to unit length; a zero row stays zero. rows: [n, d]."""
    norms = np.sqrt((rows.astype(np.float64) ** 2).sum(axis=1, keepdims=True))
    return np.where(norms > 0, rows / np.where(norms > 0, norms, 1), 0)


def tower_gap(h1, h2):
    """Modality gap of the towers' own outputs, each row L2-normalised."""
    return float(np.linalg.norm(unit_rows(h1).mean(axis=0) - unit_rows(h2).mean(axis=0)))
