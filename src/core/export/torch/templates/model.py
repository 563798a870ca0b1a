"""The coordinated model of the playground (src/core/frameworks/coordinated.ts) in PyTorch.

Two towers, one per modality, each ending in a linear projection to the shared space and L2
normalisation; a similarity loss on matching pairs (InfoNCE as in CLIP, or the hinge ranking losses of
DeViSE / VSE and VSE++). Image encoder 'mlp': per-image centring, then dense(hidden, relu); 'cnn' (and
'cnn-portable', the same function): per-image centring, two 3x3 convolution + relu + 2x2 average-pool
stages (16, 32 channels), then dense(hidden, relu). Text encoder 'bow': a bag of words (each row sums
to 1), then dense(hidden, relu).
"""

import math

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

IMAGE_LENGTH = 32 * 32 * 3
# CLIP caps the learnt inverse temperature at 100 (tau >= 0.01) so logits cannot blow up.
MAX_LOG_SCALE = math.log(100)


def l2_normalize(x):
    """Row-wise L2 normalisation; eps keeps zero rows finite. x: [n, d]. Returns [n, d]."""
    return x / torch.sqrt((x * x).sum(dim=1, keepdim=True) + 1e-12)


class ImageMlp(nn.Module):
    """'mlp': images [b, 3072] in [0, 1] -> [b, hidden]."""

    def __init__(self, hidden):
        super().__init__()
        self.fc = nn.Linear(IMAGE_LENGTH, hidden)

    def forward(self, images):
        # Each image's own mean brightness is subtracted: pictures are mostly background, and a fixed
        # offset pushes every hidden unit the same way.
        centred = images - images.mean(dim=1, keepdim=True)
        return F.relu(self.fc(centred))


class ImageCnn(nn.Module):
    """'cnn': images [b, 3072] (32x32 RGB, channels last) in [0, 1] -> [b, hidden]."""

    def __init__(self, hidden):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.fc = nn.Linear(8 * 8 * 32, hidden)

    def forward(self, images):
        centred = images - images.mean(dim=1, keepdim=True)
        x = centred.view(-1, 32, 32, 3).permute(0, 3, 1, 2)
        x = F.avg_pool2d(F.relu(self.conv1(x)), 2)
        x = F.avg_pool2d(F.relu(self.conv2(x)), 2)
        # Flattened channels-last, [b, 8, 8, 32], as the playground does, so its dense weights fit.
        return F.relu(self.fc(x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)))


class TextBow(nn.Module):
    """'bow': bag-of-words rows [b, V] -> [b, hidden]."""

    def __init__(self, vocab_size, hidden):
        super().__init__()
        self.fc = nn.Linear(vocab_size, hidden)

    def forward(self, bow):
        return F.relu(self.fc(bow))


class Coordinated(nn.Module):
    """Both towers and their projections. forward returns the L2-normalised codes, [b, dim] each."""

    def __init__(self, config, vocab_size):
        super().__init__()
        cnn = config["imageEncoder"] in ("cnn", "cnn-portable")
        self.image = (ImageCnn if cnn else ImageMlp)(config["imageHidden"])
        self.text = TextBow(vocab_size, config["textHidden"])
        self.image_proj = nn.Linear(config["imageHidden"], config["dim"])
        self.text_proj = nn.Linear(config["textHidden"], config["dim"])
        self.learn_temperature = config["loss"] == "infonce" and config["learnTemperature"]
        self.temperature = config["temperature"]
        if self.learn_temperature:
            # log(1/tau) as the parameter keeps tau positive and makes its steps multiplicative.
            self.logit_scale = nn.Parameter(torch.tensor(math.log(1 / config["temperature"])))

    def forward(self, images, bow):
        x = l2_normalize(self.image_proj(self.image(images)))
        y = l2_normalize(self.text_proj(self.text(bow)))
        return x, y

    def scale(self):
        """The inverse temperature 1/tau, a tensor when learnt."""
        if self.learn_temperature:
            return torch.exp(torch.clamp(self.logit_scale, 0, MAX_LOG_SCALE))
        return 1 / self.temperature

    def layers(self):
        """The layers with weights, in the order the playground creates (and so initialises) them."""
        convs = [self.image.conv1, self.image.conv2] if isinstance(self.image, ImageCnn) else []
        return convs + [self.image.fc, self.text.fc, self.image_proj, self.text_proj]


def init_like_playground(model, rng):
    """Glorot-uniform weights drawn from the playground's seeded generator, in its order; zero biases.

    Weights are drawn in the playground's layouts (row-major [in, out] for dense layers, [3, 3, in, out]
    for convolutions, whose fans count the 3x3 window) and stored in PyTorch's ([out, in] and
    [out, in, 3, 3]). With the same seed the model starts exactly where the browser's does. A layer may
    also be a Glorot tuple (parameter, fan_in, fan_out): a weight kept in the playground's own layout.
    """
    with torch.no_grad():
        for layer in model.layers():
            if isinstance(layer, tuple):
                weight, fan_in, fan_out = layer
                a = math.sqrt(6 / (fan_in + fan_out))
                w = rng.uniform_array(-a, a, weight.numel()).astype(np.float32).reshape(tuple(weight.shape))
                weight.copy_(torch.from_numpy(w))
                continue
            if isinstance(layer, nn.Conv2d):
                shape = (3, 3, layer.in_channels, layer.out_channels)
                fan_in, fan_out = 9 * layer.in_channels, 9 * layer.out_channels
                order = (3, 2, 0, 1)
            else:
                shape = (layer.in_features, layer.out_features)
                fan_in, fan_out = shape
                order = (1, 0)
            a = math.sqrt(6 / (fan_in + fan_out))
            w = rng.uniform_array(-a, a, int(np.prod(shape))).astype(np.float32).reshape(shape)
            layer.weight.copy_(torch.from_numpy(np.ascontiguousarray(w.transpose(order))))
            layer.bias.zero_()


def info_nce(x, y, scale):
    """Symmetric InfoNCE (CLIP). x, y: [b, d] L2-normalised, row i paired with row i. Returns a scalar."""
    logits = scale * (x @ y.t())
    target = torch.arange(x.shape[0], device=x.device)
    return (F.cross_entropy(logits, target) + F.cross_entropy(logits.t(), target)) / 2


def hinge_ranking(x, y, margin, negatives):
    """Bidirectional hinge ranking: 'sum' over negatives (DeViSE, VSE) or the 'hardest' (VSE++).

    x, y: [b, d] L2-normalised, rows paired. Returns a scalar.
    """
    s = x @ y.t()
    positive = s.diagonal().unsqueeze(1)  # [b, 1]: S_ii
    off_diagonal = 1 - torch.eye(s.shape[0], device=s.device)
    cost_i2t = F.relu(margin - positive + s) * off_diagonal  # caption j ranked against image i
    cost_t2i = F.relu(margin - positive.t() + s) * off_diagonal  # image i ranked against caption j
    if negatives == "sum":
        return (cost_i2t.sum(dim=1) + cost_t2i.sum(dim=0)).mean()
    return (cost_i2t.max(dim=1).values + cost_t2i.max(dim=0).values).mean()


def loss_of(config, model, x, y):
    """The configured objective on codes x, y: [b, dim]."""
    if config["loss"] == "infonce":
        return info_nce(x, y, model.scale())
    if config["loss"] == "hinge":
        return hinge_ranking(x, y, config["margin"], "sum")
    if config["loss"] == "vsepp":
        return hinge_ranking(x, y, config["margin"], "hardest")
    raise ValueError(f"'{config['loss']}' is not a loss of coordinated representation by similarity")
