"""Captions to numbers as the playground does (src/core/text/tokenize.ts, vocabulary.ts)."""

import unicodedata
from collections import Counter

import numpy as np

PAD, UNK, BOS, EOS = 0, 1, 2, 3
SPECIALS = ["<pad>", "<unk>", "<s>", "</s>"]
MAX_TEXT_CHARS = 2000
MAX_WORDS = 5000


def _is_word_char(ch):
    return unicodedata.category(ch)[0] in "LMN"


def _is_pictograph(ch):
    # An approximation of Unicode's Extended_Pictographic: emoji and pictographic symbols.
    code = ord(ch)
    return 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF


def tokenize(text):
    """Lower-cased words (runs of letters, marks and digits in any script); an emoji is a word of its own.

    'Top-left: a RED disc!' -> ['top', 'left', 'a', 'red', 'disc'].
    """
    if not isinstance(text, str) or not text:
        return []
    normal = unicodedata.normalize("NFKC", text[:MAX_TEXT_CHARS]).lower()
    words, current = [], []
    for ch in normal:
        if _is_word_char(ch):
            current.append(ch)
            continue
        if current:
            words.append("".join(current))
            current = []
        if _is_pictograph(ch):
            words.append(ch)
    if current:
        words.append("".join(current))
    return words


def build_vocabulary(texts):
    """Special tokens, then words by frequency (ties alphabetically), at most MAX_WORDS of them."""
    counts = Counter(w for text in texts for w in tokenize(text))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:MAX_WORDS]
    return SPECIALS + [w for w, _ in ranked]


def encode(index, text):
    """Word ids of a text; unknown words become UNK."""
    return [index.get(w, UNK) for w in tokenize(text)]


def bag_of_words(index, texts):
    """[len(texts), V] float32 rows summing to 1 (an empty caption counts as one <unk>)."""
    out = np.zeros((len(texts), len(index)), dtype=np.float32)
    for r, text in enumerate(texts):
        ids = encode(index, text) or [UNK]
        for i in ids:
            out[r, i] += 1 / len(ids)
    return out
