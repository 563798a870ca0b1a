"""Trains the exported experiment and writes the playground runner's JSON and Projector files.

    python3 train.py [--steps N] [--seed S] [--out FILE] [--embeddings-out DIR] [--data PATH]
    torchrun --nproc_per_node=N train.py [same flags]

See README.md. Progress goes to stderr; the result is one JSON object on stdout (and in --out FILE).
"""

import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
from torch.nn.parallel import DistributedDataParallel

from data import load_dataset, load_schema
from distributed import GatherRows, Setup
from frameworks import build_framework
from inputs import Inputs, chunks
from metrics import gap_metrics
from model import init_like_playground
from projector import write_projector
from rng import Rng
from text import build_vocabulary

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--config", default=os.path.join(HERE, "config.json"), help="the experiment's settings")
    p.add_argument("--data", default=os.path.join(HERE, "data"), help="folder or .zip of image-caption pairs")
    p.add_argument("--steps", type=int, help="training steps (default: the config's)")
    p.add_argument("--seed", type=int, help="seeds weights, batches and the split of unsplit data")
    p.add_argument("--eval-every", type=int, help="steps between evaluations (default: the config's)")
    p.add_argument("--out", help="also write the JSON result to this file")
    p.add_argument("--embeddings-out", help="write the final codes here as Embedding Projector files")
    p.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    return p.parse_args()


class Batches:
    """Seeded shuffles of the training set, epoch by epoch, and one caption per row drawn at random:
    the order the playground's trainer draws them in (src/training/trainer.ts)."""

    def __init__(self, pairs, batch_size, rng):
        self.pairs, self.rng = pairs, rng
        self.size = min(batch_size, len(pairs))
        self.order, self.cursor = [], 0

    def next(self):
        """Indices [size] of the next global batch and the caption chosen for each row."""
        indices = []
        for _ in range(self.size):
            if self.cursor >= len(self.order):
                self.order, self.cursor = self.rng.shuffle(list(range(len(self.pairs)))), 0
            indices.append(self.order[self.cursor])
            self.cursor += 1
        texts = [self.pairs.captions[i][self.rng.int(len(self.pairs.captions[i]))] for i in indices]
        return np.array(indices), texts


def embed(framework, pairs):
    """Shared-space codes of every pair (caption 0 each): two [n, dim] float32 arrays."""
    images, texts = [], []
    for rows in chunks(len(pairs)):
        x, y = framework.embed(pairs, rows)
        images.append(x.cpu().numpy())
        texts.append(y.cpu().numpy())
    return np.concatenate(images), np.concatenate(texts)


def gather(outputs):
    """Every process's per-row outputs joined into the whole batch's, in rank order."""
    return tuple(GatherRows.apply(o) for o in outputs)


def finite_or_none(value):
    """NaN and infinities become null, as JSON.stringify writes them."""
    if isinstance(value, dict):
        return {k: finite_or_none(v) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def main():
    args = parse_args()
    with open(args.config, encoding="utf-8") as f:
        config = json.load(f)
    for key, value in (("steps", args.steps), ("seed", args.seed), ("evalEvery", args.eval_every)):
        if value is not None:
            config[key] = value
    setup = Setup()
    lead = setup.rank == 0
    log = (lambda line: None) if args.quiet or not lead else (lambda line: print(line, file=sys.stderr))
    t0 = time.perf_counter()

    train, evaluation = load_dataset(args.data, config["seed"], config["evalShare"])
    words = build_vocabulary(t for caps in train.captions for t in caps)
    index = {w: i for i, w in enumerate(words)}
    root = Rng(config["seed"])
    # Forked in the playground's order (src/training/trainer.ts): weights, batches, the loss's randomness.
    model_rng, batch_rng, loss_rng = root.fork(), root.fork(), root.fork()
    schema = load_schema(args.data)
    framework = build_framework(config, len(words), Inputs(index, setup.device), train, schema)
    core = framework.module
    init_like_playground(core, model_rng)
    core.to(setup.device)
    model = DistributedDataParallel(core) if setup.distributed else core
    # TF.js's Adam: beta1 0.9, beta2 0.999, epsilon 1e-7 (PyTorch's default is 1e-8).
    optimizer = torch.optim.Adam(core.parameters(), lr=config["lr"], betas=(0.9, 0.999), eps=1e-7)
    batches = Batches(train, config["batchSize"], batch_rng)
    start, end = setup.slice(batches.size)
    parameters = sum(p.numel() for p in core.parameters())
    backend = f"pytorch {torch.__version__} {setup.device.type}" + (
        f" {setup.backend} x{setup.world}" if setup.distributed else ""
    )
    log(
        f"{config['framework']}/{config['loss']}: {len(train)} training pairs, {len(evaluation)} evaluation "
        f"pairs, {len(words)} words, {parameters} weights, {backend}"
    )

    def evaluate():
        x, y = embed(framework, evaluation)
        return x, y, {**gap_metrics(x, y, evaluation.keys, evaluation.held_out), **framework.measure(evaluation, x, y)}

    def probe_loss():
        """The loss on the first batch of evaluation pairs (caption 0 each), changing nothing."""
        rows = np.arange(min(batches.size, len(evaluation)))
        with torch.no_grad():
            texts = [evaluation.captions[i][0] for i in rows]
            outputs = core(*framework.inputs(evaluation, rows, texts))
            # A fixed generator, as the playground's probe uses, so dropout-like choices are the same.
            return float(framework.loss(outputs, evaluation, rows, texts, Rng(0), propose=False))

    history, stopped, train_seconds = [], None, 0.0
    x, y, metrics = evaluate() if lead else (None, None, None)
    initial = metrics
    if lead:
        history.append({"step": 0, "loss": probe_loss(), **metrics})
        log(progress(history[-1]))
    step = 0
    while step < config["steps"] and stopped is None:
        chunk = min(config["evalEvery"], config["steps"] - step)
        t = time.perf_counter()
        loss_sum = torch.zeros((), device=setup.device)
        for _ in range(chunk):
            indices, texts = batches.next()
            outputs = model(*framework.inputs(train, indices[start:end], texts[start:end]))
            whole = gather(outputs) if setup.distributed else outputs
            loss = framework.loss(whole, train, indices, texts, loss_rng)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            framework.after_step(indices, texts)
            loss_sum += loss.detach()
            step += 1
        mean_loss = float(loss_sum) / chunk
        train_seconds += time.perf_counter() - t
        if not math.isfinite(mean_loss):
            stopped = (
                f"Training diverged: the loss became {mean_loss} by step {step}. Try a lower learning rate."
            )
        if lead:
            x, y, metrics = evaluate()
            history.append({"step": step, "loss": mean_loss, **framework.scalars(), **metrics})
            log(progress(history[-1]))

    if lead:
        result = {
            "config": config,
            "backend": backend,
            "parameters": parameters,
            "pairsPerSecond": round(step * batches.size / train_seconds, 1) if train_seconds > 0 else 0,
            "seconds": round(time.perf_counter() - t0, 2),
            "initial": initial,
            "final": metrics,
            "history": history,
            **({"stopped": stopped} if stopped else {}),
            "data": {
                "source": os.path.abspath(args.data),
                "trainImages": len(train),
                "evalImages": len(evaluation),
            },
        }
        text = json.dumps(finite_or_none(result), indent=2)
        print(text)
        if args.out:
            with open(args.out, "w", encoding="utf-8") as f:
                f.write(text + "\n")
        if args.embeddings_out:
            captions = [c[0] for c in evaluation.captions]
            write_projector(args.embeddings_out, x, y, captions, evaluation.keys, evaluation.held_out)
        log(f"done in {result['seconds']} s, {result['pairsPerSecond']} pairs/s")
    setup.close()
    return 1 if stopped else 0


def progress(e):
    f = lambda v: "nan" if v is None else f"{v:.3f}"  # noqa: E731
    return (
        f"step {e['step']:>6}  loss {f(e['loss'])}  gap {f(e['gap'])}  align {f(e['alignment'])}  "
        f"R@1 i2t {f(e['seen']['i2t']['r1'])} t2i {f(e['seen']['t2i']['r1'])}  "
        f"held-out i2t {f(e['heldOut']['i2t']['r1'])}"
    )


if __name__ == "__main__":
    sys.exit(main())
