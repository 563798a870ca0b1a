"""The framework of the experiment, as train.py drives it (src/core/frameworks/registry.ts).

Each framework object has:
- module: the nn.Module that DistributedDataParallel wraps; module(*inputs) gives per-row outputs,
  which every process gathers into the whole batch's before the loss;
- inputs(pairs, rows, texts): the module's input tensors for rows `rows` with captions `texts`;
- loss(outputs, pairs, rows, texts, rng, propose): the objective of the whole batch, pairs `rows` with
  captions `texts`; rng drives dropout-like choices (propose=False: report it, change nothing);
- after_step(rows, texts): what a training step changes besides the weights;
- embed(pairs, rows): the image-only and text-only codes in the shared space, L2-normalised;
- measure(evaluation, x, y): the framework's own measurements beside the gap metrics;
- scalars(): learnt scalars to chart beside the loss.
"""

import numpy as np
import torch

from cca_metrics import DEFAULT_CCA_REG, linear_cka, raw_feature_cca, summarise_cca
from correlation import Correlation, tower_gap
from encdec import EncDecFramework
from inputs import chunks, first_captions
from joint import JointFramework
from model import Coordinated, loss_of
from text import encode

class CoordinatedFramework:
    """Coordinated representation by similarity (model.py)."""

    def __init__(self, config, vocab_size, inputs):
        self.config = config
        self.module = Coordinated(config, vocab_size)
        self.tensors = inputs

    def inputs(self, pairs, rows, texts):
        return self.tensors.images_bow(pairs, rows, texts)

    def loss(self, outputs, pairs, rows, texts, rng, propose=True):
        return loss_of(self.config, self.module, *outputs)

    def after_step(self, rows, texts):
        pass

    def embed(self, pairs, rows):
        with torch.no_grad():
            return self.module(*self.inputs(pairs, rows, first_captions(pairs, rows)))

    def measure(self, evaluation, x, y):
        return {}

    def scalars(self):
        return {"temperature": float(1 / self.module.scale())} if self.module.learn_temperature else {}


class CorrelationFramework:
    """Coordinated representation by correlation (correlation.py)."""

    def __init__(self, config, vocab_size, inputs, train):
        self.config = config
        self.tensors = inputs
        self.model = Correlation(config, vocab_size, lambda rows, texts: inputs.images_bow(train, rows, texts))
        self.module = self.model.module
        self.raw_cca = None

    def inputs(self, pairs, rows, texts):
        return self.tensors.images_bow(pairs, rows, texts)

    def loss(self, outputs, pairs, rows, texts, rng, propose=True):
        return self.model.loss(outputs, propose)

    def after_step(self, rows, texts):
        self.model.after_step(rows, texts)

    def embed(self, pairs, rows):
        with torch.no_grad():
            return self.model.embed(*self.inputs(pairs, rows, first_captions(pairs, rows)))

    def towers(self, pairs):
        """Both towers' raw outputs on every pair (caption 0), [n, dim] float32 arrays each."""
        parts = []
        with torch.no_grad():
            for rows in chunks(len(pairs)):
                h1, h2 = self.module(*self.inputs(pairs, rows, first_captions(pairs, rows)))
                parts.append((h1.cpu().numpy(), h2.cpu().numpy()))
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])

    def measure(self, evaluation, x, y):
        dim, top_k = self.config["dim"], self.config["ccaTopK"]
        k = min(top_k, dim) if top_k > 0 else dim
        h1, h2 = self.towers(evaluation)
        if self.raw_cca is None:
            captions = [encode(self.tensors.index, c) for c in first_captions(evaluation, range(len(evaluation)))]
            self.raw_cca = raw_feature_cca(evaluation.images, captions, len(self.tensors.index), k)
        return {
            "cca": summarise_cca(h1, h2, DEFAULT_CCA_REG, k, self.config["ccaScatterPoints"]),
            "cka": linear_cka(x, y),
            "rawCca": self.raw_cca,
            "towerGap": tower_gap(h1, h2),
        }

    def scalars(self):
        return {}


MIRRORED = ("coordinated", "correlation", "joint", "encdec")


def build_framework(config, vocab_size, inputs, train, schema):
    """The configured framework's object (see the module's doc). schema: the attributes' names and
    values ({names, values}), or None."""
    name = config["framework"]
    if name == "coordinated":
        return CoordinatedFramework(config, vocab_size, inputs)
    if name == "correlation":
        return CorrelationFramework(config, vocab_size, inputs, train)
    if name == "joint":
        return JointFramework(config, vocab_size, inputs, schema)
    if name == "encdec":
        return EncDecFramework(config, vocab_size, inputs, train)
    raise SystemExit(f"This export mirrors the {', '.join(MIRRORED)} frameworks, not '{name}'.")
