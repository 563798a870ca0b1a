"""The encoder-decoder framework of the playground (src/core/frameworks/encdec/) in PyTorch.

Each modality is encoded to a unit latent (the shared codes the gap is measured on); the decoders read
it scaled by sqrt(dim). i2t: a GRU caption decoder, teacher forced, started from the image latent
(Show and Tell, with the latent fed beside every word and a deep output); t2i: an image decoder from
the caption latent (dense, or up-convolutions with FiLM); both: the two. A consistency term pulls a
pair's two latents together (InfoNCE at temperature 0.1, or squared distance).
"""

import math

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

from inputs import chunks, first_captions
from model import ImageCnn, ImageMlp, TextBow, info_nce, l2_normalize
from text import BOS, EOS, PAD, encode

WORD_DIM = 32
IMAGE_DECODER_HIDDEN = 256
CONSISTENCY_TEMPERATURE = 0.1
# The longest token sequence (BOS + words + EOS) the playground reads; longer captions are cut.
MAX_SEQ_LENGTH = 24


def glorot(shape, fan_in=None, fan_out=None):
    """A weight in the playground's layout, and its Glorot fans (see model.init_like_playground)."""
    weight = nn.Parameter(torch.zeros(shape))
    return weight, (weight, fan_in or shape[0], fan_out or shape[-1])


class CaptionDecoder(nn.Module):
    """h0 = tanh(v W0 + b0); h_{t+1} = GRU([E w_t; v], h_t); logits = h W_out + b_out + v W_v."""

    def __init__(self, vocab_size, latent, hidden):
        super().__init__()
        self.hidden = hidden
        self.embed, embed_spec = glorot((vocab_size, WORD_DIM))
        self.init = nn.Linear(latent, hidden)
        self.w, w_spec = glorot((WORD_DIM + latent, 3 * hidden), WORD_DIM + latent, hidden)
        self.u, u_spec = glorot((hidden, 3 * hidden), hidden, hidden)
        self.b = nn.Parameter(torch.zeros(3 * hidden))
        self.out = nn.Linear(hidden, vocab_size)
        self.from_latent, latent_spec = glorot((latent, vocab_size))
        self.specs = [embed_spec, self.init, w_spec, u_spec, self.out, latent_spec]

    def gru(self, x, h):
        """z, r gates and candidate n share one [in, 3H] and one [H, 3H] product (playground's order)."""
        xz, xr, xn = (x @ self.w + self.b).chunk(3, dim=1)
        hz, hr, hn = (h @ self.u).chunk(3, dim=1)
        z, r = torch.sigmoid(xz + hz), torch.sigmoid(xr + hr)
        n = torch.tanh(xn + r * hn)
        return (1 - z) * n + z * h

    def teacher_force(self, v, tokens):
        """v: [b, dim] decoder input; tokens: [b, T + 1]. Returns logits [T*b, V] and targets [T*b],
        position-major (row t*b + i is position t of caption i)."""
        b, length = tokens.shape
        h = torch.tanh(self.init(v))
        states = []
        for t in range(length - 1):
            h = self.gru(torch.cat([self.embed[tokens[:, t]], v], dim=1), h)
            states.append(h)
        logits = self.out(torch.cat(states)) + (v @ self.from_latent).repeat(length - 1, 1)
        return logits, tokens[:, 1:].t().reshape(-1)


def masked_nll(logits, targets):
    """Summed negative log-likelihood of the non-PAD targets, and their count."""
    picked = F.log_softmax(logits, dim=1).gather(1, targets.unsqueeze(1)).squeeze(1)
    mask = (targets != PAD).float()
    return -(picked * mask).sum(), mask.sum()


def depth_to_space2(x):
    """[b, h, w, 4c] -> [b, 2h, 2w, c]: channel (2 dy + dx) c + ch goes to sub-pixel (dy, dx)."""
    b, h, w, c4 = x.shape
    c = c4 // 4
    return x.view(b, h, w, 2, 2, c).permute(0, 1, 3, 2, 4, 5).reshape(b, 2 * h, 2 * w, c)


class ImageDecoder(nn.Module):
    """'dense': relu(v W1 + b1) W2 + b2; 'upconv': a dense seed at 8x8x16, 3x3 conv (32) with FiLM,
    relu, depth to space, 3x3 conv (12) with FiLM, depth to space. Returns pixel logits [b, 3072]."""

    def __init__(self, kind, latent):
        super().__init__()
        self.kind = kind
        self.fc = nn.Linear(latent, IMAGE_DECODER_HIDDEN)
        if kind == "dense":
            self.pixels = nn.Linear(IMAGE_DECODER_HIDDEN, 32 * 32 * 3)
            self.specs = [self.fc, self.pixels]
            return
        self.seed = nn.Linear(IMAGE_DECODER_HIDDEN, 8 * 8 * 16)
        self.conv1 = nn.Conv2d(16, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 12, 3, padding=1)
        self.film1 = nn.Linear(IMAGE_DECODER_HIDDEN, 2 * 32)
        self.film2 = nn.Linear(IMAGE_DECODER_HIDDEN, 2 * 12)
        self.specs = [self.fc, self.seed, self.conv1, self.conv2, self.film1, self.film2]

    @staticmethod
    def conv(layer, x):
        """A 'same' 3x3 convolution of channels-last x."""
        return layer(x.permute(0, 3, 1, 2)).permute(0, 2, 3, 1)

    @staticmethod
    def modulate(y, film):
        gamma, beta = film.view(y.shape[0], 1, 1, -1).chunk(2, dim=3)
        return y * (gamma + 1) + beta

    def forward(self, v):
        u = F.relu(self.fc(v))
        if self.kind == "dense":
            return self.pixels(u)
        grid = F.relu(self.seed(u)).view(-1, 8, 8, 16)
        h = depth_to_space2(F.relu(self.modulate(self.conv(self.conv1, grid), self.film1(u))))
        out = self.modulate(self.conv(self.conv2, h), self.film2(u))
        return depth_to_space2(out).reshape(v.shape[0], -1)


class EncDecNet(nn.Module):
    """The encoders; forward gives the unit image and caption latents, [b, dim] each. The decoders read
    the whole batch's latents (see EncDecFramework.loss)."""

    def __init__(self, config, vocab_size):
        super().__init__()
        dim = config["dim"]
        cnn = config["imageEncoder"] in ("cnn", "cnn-portable")
        self.image = (ImageCnn if cnn else ImageMlp)(config["imageHidden"])
        self.image_proj = nn.Linear(config["imageHidden"], dim)
        self.text = TextBow(vocab_size, config["textHidden"])
        self.text_proj = nn.Linear(config["textHidden"], dim)
        i2t, t2i = config["direction"] != "t2i", config["direction"] != "i2t"
        self.captioner = CaptionDecoder(vocab_size, dim, config["decoderHidden"]) if i2t else None
        self.painter = ImageDecoder(config["imageDecoder"], dim) if t2i else None
        self.scale = math.sqrt(dim)

    def layers(self):
        """The weights in the order the playground creates (and so initialises) them."""
        convs = [self.image.conv1, self.image.conv2] if isinstance(self.image, ImageCnn) else []
        out = convs + [self.image.fc, self.image_proj, self.text.fc, self.text_proj]
        out += self.captioner.specs if self.captioner else []
        return out + (self.painter.specs if self.painter else [])

    def forward(self, images, bow):
        return (
            l2_normalize(self.image_proj(self.image(images))),
            l2_normalize(self.text_proj(self.text(bow))),
        )


class EncDecFramework:
    """The encoder-decoder as train.py drives it; see frameworks.py."""

    def __init__(self, config, vocab_size, inputs, train):
        self.config = config
        self.tensors = inputs
        self.module = EncDecNet(config, vocab_size)
        longest = max(len(encode(inputs.index, c)) for caps in train.captions for c in caps)
        self.seq_length = min(longest + 2, MAX_SEQ_LENGTH)

    def inputs(self, pairs, rows, texts):
        return self.tensors.images_bow(pairs, rows, texts)

    def tokens(self, texts):
        """[b, T + 1] int64: BOS, word ids, EOS, PAD, cut to the sequence length and to the longest row."""
        seqs = [([BOS] + encode(self.tensors.index, t) + [EOS])[: self.seq_length] for t in texts]
        length = max(len(s) for s in seqs)
        out = np.full((len(seqs), length), PAD, dtype=np.int64)
        for r, s in enumerate(seqs):
            out[r, : len(s)] = s
        return torch.from_numpy(out).to(self.tensors.device)

    def loss(self, outputs, pairs, rows, texts, rng, propose=True):
        """Mean NLL per caption token + mean pixel cross-entropy + weight x consistency, whole batch."""
        net, config = self.module, self.config
        v_image, v_text = outputs
        terms = []
        if net.captioner:
            nll, count = masked_nll(*net.captioner.teacher_force(v_image * net.scale, self.tokens(texts)))
            terms.append(nll / torch.clamp(count, min=1))
        if net.painter:
            images = torch.from_numpy(pairs.images[rows]).to(v_text.device)
            terms.append(F.binary_cross_entropy_with_logits(net.painter(v_text * net.scale), images))
        weight = config["consistencyWeight"]
        if weight > 0:
            if config["consistency"] == "infonce":
                terms.append(info_nce(v_image, v_text, 1 / CONSISTENCY_TEMPERATURE) * weight)
            else:
                terms.append(((v_image - v_text) ** 2).sum(dim=1).mean() * weight)
        return sum(terms)

    def after_step(self, rows, texts):
        pass

    def embed(self, pairs, rows):
        with torch.no_grad():
            return self.module(*self.inputs(pairs, rows, first_captions(pairs, rows)))

    def perplexity(self, pairs):
        """exp(mean NLL per caption token) over the set, teacher forced from the image (caption 0 each)."""
        nll, count = 0.0, 0.0
        with torch.no_grad():
            for rows in chunks(len(pairs)):
                texts = first_captions(pairs, rows)
                v_image, _ = self.module(*self.inputs(pairs, rows, texts))
                s, c = masked_nll(*self.module.captioner.teacher_force(v_image * self.module.scale, self.tokens(texts)))
                nll, count = nll + float(s), count + float(c)
        return math.exp(nll / max(1.0, count))

    def measure(self, evaluation, x, y):
        """The runner's `encdec` entry, as far as the export measures it: direction, perplexity."""
        return {
            "encdec": {
                "direction": self.config["direction"],
                "perplexity": self.perplexity(evaluation) if self.module.captioner else None,
                "note": "Not computed by the PyTorch export: bleu, captionAccuracy, imageAccuracy, judgeAccuracy, samples.",
            }
        }

    def scalars(self):
        return {}
