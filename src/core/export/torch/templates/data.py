"""Image-caption pairs from files, in the conventions the playground's import reads.

A folder or .zip of images with their captions in, by precedence: a `metadata.jsonl` or `metadata.csv`
(Hugging Face imagefolder: a `file_name` column relative to the metadata file's folder and a `text` or
`caption` column; several rows, or a JSON array, give an image several captions), a sidecar `.txt` with
the image's name (one caption per line), or the file name itself ('red_circle-2.png' -> 'red circle').
Pictures are centre-cropped to a square, area-averaged to 32x32 and laid over white.

A folder holding `train/` and `eval/` (what the playground exports) is taken as already split; metadata
rows may then carry `key` (pairs with equal keys mean the same thing: retrieving any is a hit),
`held_out` (1 for combinations never trained on) and `attributes` (value indices, named by the folder's
`schema.json`). Otherwise the pairs are split by image with the
playground's seeded shuffle, and each image is its own meaning (key = its path).
"""

import csv
import io
import json
import math
import os
import re
import zipfile
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from rng import Rng

IMAGE_SIZE = 32
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp"}
METADATA_NAMES = ("metadata.jsonl", "metadata.csv")
MAX_CAPTION_CHARS = 500
MAX_CAPTIONS_PER_IMAGE = 32


@dataclass
class PairSet:
    """images: [n, 3072] float32 in [0, 1] (32x32 RGB, row-major); captions[i][0] scores pair i."""

    images: np.ndarray
    captions: list
    keys: list
    held_out: np.ndarray = field(default=None)
    # [n, A] int64 attribute value indices, or None when the data has no schema.
    attributes: np.ndarray = field(default=None)

    def __len__(self):
        return len(self.captions)


class Files:
    """Every file of a folder or zip, by '/'-separated path relative to its root, sorted by path."""

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path) if zipfile.is_zipfile(path) else None
        if self.zip:
            names = [i.filename for i in self.zip.infolist() if not i.is_dir()]
        elif os.path.isdir(path):
            names = [
                os.path.relpath(os.path.join(d, f), path).replace(os.sep, "/")
                for d, _, files in os.walk(path)
                for f in files
            ]
        else:
            raise SystemExit(f"{path} is neither a folder nor a .zip of image-caption pairs")
        self.root = path
        self.paths = sorted(p for p in names if not p.startswith("__MACOSX/") and "/." not in "/" + p)

    def read(self, name):
        if self.zip:
            return self.zip.read(name)
        with open(os.path.join(self.root, name), "rb") as f:
            return f.read()


def clean_caption(raw):
    """Plain text: markup removed, whitespace collapsed, cut to MAX_CAPTION_CHARS at a word boundary."""
    if not isinstance(raw, str):
        return ""
    text = re.sub(r"<[^<>]*>", " ", raw)
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > MAX_CAPTION_CHARS:
        cut = text[:MAX_CAPTION_CHARS]
        space = cut.rfind(" ")
        text = (cut[:space] if space > MAX_CAPTION_CHARS * 0.8 else cut).strip()
    return text


def caption_from_file_name(name):
    """'red_circle-2.png' -> 'red circle', 'BigDog (1).jpg' -> 'big dog'; '' for '0001.png'."""
    stem = os.path.splitext(name)[0]
    stem = re.sub(r"\s*\(\d+\)$", "", stem)
    stem = re.sub(r"[\s_-]*copy$", "", stem, flags=re.I)
    stem = re.sub(r"[\s_.-]+\d+$", "", stem)
    stem = re.sub(r"([a-z])([A-Z])", r"\1 \2", stem)
    words = [w for w in re.sub(r"[_.+-]+", " ", stem).lower().split() if any(c.isalnum() for c in w)]
    return "" if all(w.isdigit() for w in words) else " ".join(words)


def read_metadata(files):
    """Image path -> metadata rows (dicts with 'text' as a list), from every metadata file."""
    rows = {}
    for path in files.paths:
        base = path.rsplit("/", 1)[-1].lower()
        if base not in METADATA_NAMES:
            continue
        folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
        text = files.read(path).decode("utf-8-sig", errors="replace")
        if base.endswith(".jsonl"):
            records = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            reader = csv.DictReader(io.StringIO(text))
            records = [{k.strip().lower(): v for k, v in r.items() if k} for r in reader]
        for r in records:
            if not isinstance(r, dict) or not isinstance(r.get("file_name"), str):
                continue
            value = r.get("text", r.get("caption"))
            texts = value if isinstance(value, list) else [value]
            entry = rows.setdefault(folder + r["file_name"].strip(), {"text": []})
            entry["text"].extend(texts)
            for extra in ("key", "held_out", "attributes"):
                if extra in r:
                    entry[extra] = r[extra]
    return rows


def to_input(data):
    """Image bytes -> [3072] float32: centre square, area-averaged to 32x32, composited over white."""
    image = Image.open(io.BytesIO(data))
    image = image.convert("RGBA")
    white = Image.new("RGBA", image.size, (255, 255, 255, 255))
    image = Image.alpha_composite(white, image).convert("RGB")
    w, h = image.size
    side = min(w, h)
    box = ((w - side) / 2, (h - side) / 2, (w + side) / 2, (h + side) / 2)
    if image.size != (IMAGE_SIZE, IMAGE_SIZE):
        image = image.resize((IMAGE_SIZE, IMAGE_SIZE), Image.BOX, box=box)
    return (np.asarray(image, dtype=np.float32) / 255).reshape(-1)


def read_pairs(files, prefix="", exported=False):
    """Every image under `prefix` with its captions, in path order. Keys and held-out flags come from the
    metadata only in the playground's own `exported` layout; otherwise each image is its own meaning, as
    in the app's import."""
    metadata = read_metadata(files)
    covered = {
        p.rsplit("/", 1)[0] + "/" if "/" in p else ""
        for p in files.paths
        if p.rsplit("/", 1)[-1].lower() in METADATA_NAMES
    }
    sidecars = {os.path.splitext(p)[0]: p for p in files.paths if p.lower().endswith(".txt")}
    images, captions, keys, held_out, attributes = [], [], [], [], []
    for path in files.paths:
        if not path.startswith(prefix) or os.path.splitext(path)[1].lower() not in IMAGE_EXTENSIONS:
            continue
        row = metadata.get(path)
        if row is not None:
            raw = row["text"]
        elif os.path.splitext(path)[0] in sidecars:
            raw = files.read(sidecars[os.path.splitext(path)[0]]).decode("utf-8-sig", "replace").splitlines()
        elif any(path.startswith(f) for f in covered):
            continue  # under a metadata file, an unlisted image is an omission, not a caption to guess
        else:
            raw = [caption_from_file_name(path.rsplit("/", 1)[-1])]
        texts = []
        for t in map(clean_caption, raw):
            if t and t not in texts:
                texts.append(t)
        if not texts:
            continue
        images.append(to_input(files.read(path)))
        captions.append(texts[:MAX_CAPTIONS_PER_IMAGE])
        known = exported and row is not None
        keys.append(str(row["key"]) if known and "key" in row else path)
        held_out.append(int(row.get("held_out", 0)) if known else 0)
        attributes.append(row.get("attributes") if known else None)
    if not images:
        raise SystemExit(f"no image with a caption under {files.root}/{prefix}")
    labelled = all(a is not None for a in attributes)
    return PairSet(
        np.stack(images),
        captions,
        keys,
        np.array(held_out, dtype=np.uint8),
        np.array(attributes, dtype=np.int64) if labelled else None,
    )


def subset(pairs, rows):
    return PairSet(
        pairs.images[rows],
        [pairs.captions[r] for r in rows],
        [pairs.keys[r] for r in rows],
        pairs.held_out[rows],
        None if pairs.attributes is None else pairs.attributes[rows],
    )


def load_schema(path):
    """The attribute schema ({names, values}) of the playground's exported layout, or None."""
    files = Files(path)
    return json.loads(files.read("schema.json")) if "schema.json" in files.paths else None


def load_dataset(path, seed, eval_share):
    """(train, eval) PairSets from a folder or zip; see the module's doc for the two layouts."""
    files = Files(path)
    if any(p.startswith("train/") for p in files.paths) and any(p.startswith("eval/") for p in files.paths):
        return read_pairs(files, "train/", exported=True), read_pairs(files, "eval/", exported=True)
    pairs = read_pairs(files)
    n = len(pairs)
    if n < 4:
        raise SystemExit(
            f"only {n} usable images in {path}: at least 4 are needed (2 to train on, 2 to evaluate)"
        )
    order = Rng(seed).shuffle(list(range(n)))
    n_eval = min(n - 2, max(2, math.floor(n * eval_share + 0.5)))
    return subset(pairs, sorted(order[n_eval:])), subset(pairs, sorted(order[:n_eval]))
