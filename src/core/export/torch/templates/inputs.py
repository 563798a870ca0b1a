"""Pairs to tensors, and the rows of a set in evaluation chunks."""

import numpy as np
import torch

from text import bag_of_words

# Pairs embedded per forward pass when evaluating: bounds the memory a large evaluation set needs.
EVAL_CHUNK = 256


class Inputs:
    """Turns pairs into the tensors the models read, on one device."""

    def __init__(self, index, device):
        self.index, self.device = index, device

    def images_bow(self, pairs, rows, texts):
        images = torch.from_numpy(pairs.images[rows]).to(self.device)
        return images, torch.from_numpy(bag_of_words(self.index, texts)).to(self.device)


def chunks(n):
    for start in range(0, n, EVAL_CHUNK):
        yield np.arange(start, min(n, start + EVAL_CHUNK))


def first_captions(pairs, rows):
    return [pairs.captions[i][0] for i in rows]
