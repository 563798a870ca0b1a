"""The joint framework of the playground (src/core/frameworks/joint/, src/core/fusion/) in PyTorch.

Each modality is encoded, projected to its modality vector v_m = LayerNorm(P_m h_m + c_m) and a fusion
operator (concatenation, additive, tensor or low-rank, ending in tanh) maps the vectors to one joint
code, trained under modality dropout to predict the pair's attributes and/or to reconstruct both
modalities. An image alone and a caption alone are fused with the other modality absent: those codes
are where the gap is measured.
"""

import math

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

from inputs import chunks, first_captions
from model import ImageCnn, ImageMlp, TextBow, l2_normalize

IMAGE, TEXT = 0, 1
# Images are reconstructed at half resolution: 16 x 16 x 3 values.
RECON_FACTOR = 2
RECON_LENGTH = (32 // RECON_FACTOR) ** 2 * 3
DECODER_HIDDEN = 128
CONDITIONS = {"both": (IMAGE, TEXT), "imageOnly": (IMAGE,), "textOnly": (TEXT,)}


def glorot(shape, fan_in=None, fan_out=None):
    """A weight in the playground's layout, and its Glorot fans (see model.init_like_playground)."""
    weight = nn.Parameter(torch.zeros(shape))
    return weight, (weight, fan_in or shape[0], fan_out or shape[-1])


def with_one(v):
    """[v; 1]: a constant 1 appended to every row. v: [b, d]. Returns [b, d + 1]."""
    return torch.cat([v, torch.ones(v.shape[0], 1, device=v.device)], dim=1)


def drop_absent(vectors, present):
    """Rows of a modality that `present` [b, M] marks absent become zeros."""
    return [v * present[:, m : m + 1] for m, v in enumerate(vectors)]


class Fusion(nn.Module):
    """The fusion operators of src/core/fusion/, for two modalities of width d; tanh on the code."""

    def __init__(self, name, d, dim, rank):
        super().__init__()
        self.name, self.rank, self.dim = name, rank, dim
        self.b = nn.Parameter(torch.zeros(dim))
        if name == "concat":
            self.w, spec = glorot((2 * d, dim))
            self.specs = [spec]
            self.count = 2 * d * dim + dim
        elif name == "additive":
            # Glorot over the summed fan-in: together the W_m initialise like one layer over both.
            pairs = [glorot((d, dim), 2 * d, dim) for _ in range(2)]
            self.ws = nn.ParameterList([w for w, _ in pairs])
            self.specs = [s for _, s in pairs]
            self.count = 2 * d * dim + dim
        elif name == "tensor":
            self.w, spec = glorot(((d + 1) ** 2, dim))
            self.specs = [spec]
            self.count = (d + 1) ** 2 * dim + dim
        elif name == "lowrank":
            pairs = [glorot((d + 1, rank * dim), d + 1, dim) for _ in range(2)]
            self.factors = nn.ParameterList([w for w, _ in pairs])
            self.specs = [s for _, s in pairs]
            # 1/sqrt(r): the r terms are about independent at the start, so their sum keeps unit scale.
            self.lam = nn.Parameter(torch.full((rank,), 1 / math.sqrt(rank)))
            self.count = rank * dim * 2 * (d + 1) + rank + dim
        else:
            raise SystemExit(f"unknown fusion '{name}'")

    def forward(self, vectors, present):
        """vectors: [b, d] per modality; present: [b, 2] of 0/1. Returns the joint code [b, dim]."""
        if self.name == "concat":
            return torch.tanh(torch.cat(drop_absent(vectors, present), dim=1) @ self.w + self.b)
        if self.name == "additive":
            total = sum((v @ w) * present[:, m : m + 1] for m, (v, w) in enumerate(zip(vectors, self.ws)))
            # Rescaled by M / (number present), as inverted dropout does, so the scale does not depend on it.
            total = total * (len(vectors) / torch.clamp(present.sum(dim=1, keepdim=True), min=1))
            return torch.tanh(total + self.b)
        if self.name == "tensor":
            a, c = [with_one(v) for v in drop_absent(vectors, present)]
            outer = (a.unsqueeze(2) * c.unsqueeze(1)).reshape(a.shape[0], -1)  # text index fastest
            return torch.tanh(outer @ self.w + self.b)
        parts = [with_one(v) @ f for v, f in zip(drop_absent(vectors, present), self.factors)]
        product = (parts[0] * parts[1]).view(-1, self.rank, self.dim)
        return torch.tanh((product * self.lam.view(1, -1, 1)).sum(dim=1) + self.b)

    def penalty(self):
        """The trace-norm surrogate of each operator (see src/core/fusion/)."""
        if self.name in ("concat", "tensor"):
            return (self.w**2).sum()
        if self.name == "additive":
            return sum((w**2).sum() for w in self.ws)
        per_rank = sum((f.view(f.shape[0], self.rank, self.dim) ** 2).sum(dim=(0, 2)) for f in self.factors)
        return (self.lam.abs() * per_rank).sum() / 2


class Decoders(nn.Module):
    """Image (code -> dense 128 relu -> 768 linear pixels) and caption (code -> [V] word logits)."""

    def __init__(self, in_dim, vocab_size):
        super().__init__()
        self.fc = nn.Linear(in_dim, DECODER_HIDDEN)
        self.pixels = nn.Linear(DECODER_HIDDEN, RECON_LENGTH)
        self.words = nn.Linear(in_dim, vocab_size)

    def layers(self):
        return [self.fc, self.pixels, self.words]

    def reconstruction(self, image_code, text_code, target, bow):
        """Image MSE over the batch's pixel variance (1 - R^2) plus the caption's bag-of-words
        cross-entropy. target: [b, 768] downsampled images; bow: [b, V]. Returns a scalar."""
        variance = ((target - target.mean(dim=0, keepdim=True)) ** 2).mean() + 1e-6
        image = ((self.pixels(F.relu(self.fc(image_code))) - target) ** 2).mean() / variance
        return image + bow_cross_entropy(self.words(text_code), bow)


def bow_cross_entropy(logits, bow):
    return -(bow * F.log_softmax(logits, dim=1)).sum(dim=1).mean()


def downsample(images):
    """[b, 3072] (32x32 RGB, channels last) -> [b, 768]: means over 2x2 blocks, flattened."""
    side = 32 // RECON_FACTOR
    return images.view(-1, side, RECON_FACTOR, side, RECON_FACTOR, 3).mean(dim=(2, 4)).reshape(images.shape[0], -1)


class JointNet(nn.Module):
    """Encoders, projections and layer norms; forward gives the modality vectors, [b, modalityDim] each.
    The fusion operator, heads and decoders read the whole batch's vectors (see JointFramework.loss)."""

    def __init__(self, config, vocab_size, sizes, decoders):
        super().__init__()
        d = config["modalityDim"]
        cnn = config["imageEncoder"] in ("cnn", "cnn-portable")
        self.image = (ImageCnn if cnn else ImageMlp)(config["imageHidden"])
        self.text = TextBow(vocab_size, config["textHidden"])
        self.image_proj = nn.Linear(config["imageHidden"], d)
        self.text_proj = nn.Linear(config["textHidden"], d)
        # Tensor and low-rank fusion start their vectors at sqrt(2/d) so products do not drown the rest.
        gain = min(1, math.sqrt(2 / d)) if config["fusion"] in ("tensor", "lowrank") else 1
        self.gains = nn.ParameterList([nn.Parameter(torch.full((d,), float(gain))) for _ in range(2)])
        self.shifts = nn.ParameterList([nn.Parameter(torch.zeros(d)) for _ in range(2)])
        self.fusion = Fusion(config["fusion"], d, config["dim"], config["fusionRank"])
        self.sizes = sizes
        if sizes:
            self.heads_w, self.heads_spec = glorot((config["dim"], sum(sizes)))
            self.heads_b = nn.Parameter(torch.zeros(sum(sizes)))
        self.decoders = Decoders(config["dim"], vocab_size) if decoders else None
        unimodal = config["unimodalReconWeight"] > 0
        self.unimodal = Decoders(d, vocab_size) if unimodal else None

    def layers(self):
        """The weights in the order the playground creates (and so initialises) them."""
        convs = [self.image.conv1, self.image.conv2] if isinstance(self.image, ImageCnn) else []
        out = convs + [self.image.fc, self.text.fc, self.image_proj, self.text_proj] + self.fusion.specs
        out += [self.heads_spec] if self.sizes else []
        out += self.decoders.layers() if self.decoders else []
        return out + (self.unimodal.layers() if self.unimodal else [])

    def norm(self, m, x):
        """Layer normalisation of each row, then modality m's gain and shift."""
        mean = x.mean(dim=1, keepdim=True)
        variance = ((x - mean) ** 2).mean(dim=1, keepdim=True)
        return (x - mean) / torch.sqrt(variance + 1e-5) * self.gains[m] + self.shifts[m]

    def forward(self, images, bow):
        return (
            self.norm(IMAGE, self.image_proj(self.image(images))),
            self.norm(TEXT, self.text_proj(self.text(bow))),
        )

    def code(self, vectors, kept):
        """The joint code of rows that have only the modalities in `kept`."""
        b = vectors[0].shape[0]
        present = torch.zeros(b, 2, device=vectors[0].device)
        present[:, list(kept)] = 1
        return self.fusion([v if m in kept else torch.zeros_like(v) for m, v in enumerate(vectors)], present)

    def logits(self, code):
        return code @ self.heads_w + self.heads_b


def dropout_mask(rows, rate, rng):
    """Modality dropout (src/core/fusion/modalityDropout.ts): each row, with probability `rate`, loses one
    of its two modalities; two draws per row whatever the outcome. Returns [rows, 2] of 0/1."""
    mask = np.ones((rows, 2), dtype=np.float32)
    for r in range(rows):
        drops = rng.next() < rate
        which = rng.int(2)
        if drops:
            mask[r, which] = 0
    return mask


def attribute_cross_entropy(logits, labels, sizes):
    """Mean over attributes of each one's softmax cross-entropy. logits: [b, sum K]; labels: [b, A]."""
    offset, terms = 0, []
    for a, k in enumerate(sizes):
        terms.append(F.cross_entropy(logits[:, offset : offset + k], labels[:, a]))
        offset += k
    return sum(terms) / len(sizes)


def accuracy(logits, labels, sizes, rows):
    """Mean over attributes of the share of `rows` whose argmax within the attribute's block is right,
    and each attribute's own (None where there are no rows)."""
    offset, per = 0, []
    for a, k in enumerate(sizes):
        hits = logits[rows, offset : offset + k].argmax(axis=1) == labels[rows, a]
        per.append(float(hits.mean()) if len(rows) else None)
        offset += k
    mean = None if None in per else sum(per) / len(per)
    return mean, per


class JointFramework:
    """Joint representation (fusion) as train.py drives it; see frameworks.py."""

    def __init__(self, config, vocab_size, inputs, schema):
        self.config = config
        self.tensors = inputs
        self.schema = schema
        objective = config["jointObjective"]
        if objective == "supervised" and schema is None:
            raise SystemExit(
                "The supervised objective predicts a pair's attributes, and this data has none: choose the "
                "autoencoder objective (or both, which then trains the autoencoder alone)."
            )
        sizes = [len(v) for v in schema["values"]] if schema and objective != "autoencoder" else None
        self.module = JointNet(config, vocab_size, sizes, objective != "supervised")

    def inputs(self, pairs, rows, texts):
        return self.tensors.images_bow(pairs, rows, texts)

    def loss(self, outputs, pairs, rows, texts, rng, propose=True):
        """The weighted objective of the whole batch, its joint code fused under modality dropout."""
        net, config = self.module, self.config
        images, bow = self.inputs(pairs, rows, texts)
        mask = torch.from_numpy(dropout_mask(len(rows), config["modalityDropout"], rng)).to(images.device)
        code = net.fusion(list(outputs), mask)
        terms = []
        if net.sizes:
            labels = torch.from_numpy(pairs.attributes[rows]).to(images.device)
            terms.append(attribute_cross_entropy(net.logits(code), labels, net.sizes) * config["jointAttrWeight"])
        target = downsample(images)
        if net.decoders:
            terms.append(net.decoders.reconstruction(code, code, target, bow) * config["jointReconWeight"])
        if net.unimodal:
            recon = net.unimodal.reconstruction(outputs[IMAGE], outputs[TEXT], target, bow)
            terms.append(recon * config["unimodalReconWeight"])
        if config["traceNormWeight"] > 0:
            terms.append(net.fusion.penalty() * config["traceNormWeight"])
        return sum(terms) if terms else torch.zeros((), device=images.device)

    def after_step(self, rows, texts):
        pass

    def vectors(self, pairs, rows):
        with torch.no_grad():
            return self.module(*self.inputs(pairs, rows, first_captions(pairs, rows)))

    def embed(self, pairs, rows):
        vectors = self.vectors(pairs, rows)
        with torch.no_grad():
            return tuple(l2_normalize(self.module.code(vectors, (m,))) for m in (IMAGE, TEXT))

    def codes(self, pairs):
        """The joint codes of every pair under each condition (not normalised), [n, dim] arrays."""
        out = {c: [] for c in CONDITIONS}
        for rows in chunks(len(pairs)):
            vectors = self.vectors(pairs, rows)
            with torch.no_grad():
                for c, kept in CONDITIONS.items():
                    out[c].append(self.module.code(vectors, kept).cpu().numpy())
        return {c: np.concatenate(v).astype(np.float64) for c, v in out.items()}

    def measure(self, evaluation, x, y):
        """The runner's `joint` entry: fusion, objective, weights, the heads' attribute accuracy under each
        condition and the agreement of one-modality codes with the pair's."""
        net = self.module
        codes = self.codes(evaluation)
        labelled = net.sizes and evaluation.attributes is not None
        notes = []
        if evaluation.attributes is None:
            notes.append("The data has no attributes: no attribute accuracy.")
            if self.config["jointObjective"] == "both":
                notes.append("The objective is the autoencoder alone.")
        elif not net.sizes:
            notes.append("No attribute heads (the supervised objective is off): no attribute accuracy.")
        notes.append("Not computed by the PyTorch export: probe, robustness, captionRobustness, reconstruction.")
        return {
            "joint": {
                "fusion": self.config["fusion"],
                "objective": self.config["jointObjective"],
                "parameters": {"fusion": net.fusion.count, "total": sum(p.numel() for p in net.parameters())},
                "accuracy": self.accuracy_report(codes, evaluation) if labelled else None,
                "agreement": {
                    "imageOnly": mean_row_cosine(codes["both"], codes["imageOnly"]),
                    "textOnly": mean_row_cosine(codes["both"], codes["textOnly"]),
                },
                "note": " ".join(notes),
            }
        }

    def accuracy_report(self, codes, evaluation):
        """The heads' accuracy as the playground's accuracyReport gives it."""
        w = self.module.heads_w.detach().cpu().numpy().astype(np.float64)
        b = self.module.heads_b.detach().cpu().numpy().astype(np.float64)
        labels, sizes = evaluation.attributes, self.module.sizes
        everyone = np.arange(len(labels))
        held = np.asarray(evaluation.held_out, dtype=bool)
        logits = {c: codes[c] @ w + b for c in CONDITIONS}
        scored = {c: accuracy(logits[c], labels, sizes, everyone) for c in CONDITIONS}
        best = max(scored["imageOnly"][0], scored["textOnly"][0])
        return {
            **{c: scored[c][0] for c in CONDITIONS},
            "bestSingle": best,
            "fusionGain": scored["both"][0] - best,
            "perAttribute": {
                name: {c: scored[c][1][a] for c in CONDITIONS} for a, name in enumerate(self.schema["names"])
            },
            "seen": {c: accuracy(logits[c], labels, sizes, everyone[~held])[0] for c in CONDITIONS},
            "heldOut": {c: accuracy(logits[c], labels, sizes, everyone[held])[0] for c in CONDITIONS},
        }

    def scalars(self):
        return {}


def mean_row_cosine(a, b):
    """Mean over rows of the cosine between row i of a and row i of b ([n, d] each)."""
    return float(((a * b).sum(axis=1) / np.sqrt((a * a).sum(axis=1) * (b * b).sum(axis=1) + 1e-24)).mean())
