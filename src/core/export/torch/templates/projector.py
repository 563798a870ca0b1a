"""Embedding Projector files (projector.tensorflow.org), written as the playground writes them
(src/core/export/projector.ts): the evaluation set twice, images first then captions."""

import json
import os
import re

import numpy as np

COLUMNS = ["modality", "caption", "key", "split", "pair"]


def format_value(v):
    """Six significant digits, spelled as JavaScript's String(Number) spells them."""
    v = float(f"{float(v):.6g}")
    if v == 0 or not np.isfinite(v):
        return "0"
    if abs(v) >= 1e-6:
        return np.format_float_positional(v, trim="-")
    mantissa, exponent = repr(v).split("e")
    return f"{mantissa}e{int(exponent)}"


def tsv_cell(value):
    """Tabs, line breaks and other control characters become spaces (TSV has no quoting)."""
    return re.sub(r"[\u0000-\u001f\u007f-\u009f\u2028\u2029]+", " ", value).strip()


def write_projector(folder, image, text, captions, keys, held_out):
    """vectors.tsv, metadata.tsv and projector_config.json in `folder`. image, text: [n, d]."""
    os.makedirs(folder, exist_ok=True)
    n, d = image.shape
    with open(os.path.join(folder, "vectors.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for codes in (image, text):
            for row in codes:
                f.write("\t".join(format_value(v) for v in row) + "\n")
    with open(os.path.join(folder, "metadata.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for modality in ("image", "caption"):
            for i in range(n):
                split = "evaluation (held out)" if held_out[i] else "evaluation"
                cells = [modality, tsv_cell(captions[i]) or "(empty)", tsv_cell(keys[i]), split, str(i)]
                f.write("\t".join(cells) + "\n")
    config = {
        "embeddings": [
            {
                "tensorName": "Shared space (images, then captions)",
                "tensorShape": [2 * n, d],
                "tensorPath": "vectors.tsv",
                "metadataPath": "metadata.tsv",
            }
        ]
    }
    with open(os.path.join(folder, "projector_config.json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(config, indent=2) + "\n")
