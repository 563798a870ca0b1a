"""
The measuring stick: the playground's default contrastive model, written plainly in PyTorch on the CPU.

Same model as `--framework coordinated` with its defaults: an image tower 3072 -> 256 (ReLU) -> 32 and
a text tower bag-of-words V -> 128 (ReLU) -> 32, both L2-normalised, the symmetric InfoNCE (CLIP) loss at
temperature 0.1, Adam at learning rate 0.002, batch 64. Inputs are random numbers of the same shapes
(pixels in [0, 1] minus 0.5, bag-of-words rows summing to 1): the cost of a step does not depend on
their values. Prints one JSON line with the pairs per second of each run and the BLAS / thread settings.

  OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/reference/contrastive_torch.py \
      --vocab 78 --steps 200 --runs 3
"""
import argparse
import json
import os
import time

import torch
import torch.nn.functional as F

parser = argparse.ArgumentParser()
parser.add_argument("--vocab", type=int, default=78, help="bag-of-words width V")
parser.add_argument("--steps", type=int, default=200, help="timed steps per run")
parser.add_argument("--warmup", type=int, default=20, help="untimed steps before each run")
parser.add_argument("--runs", type=int, default=3)
parser.add_argument("--batch", type=int, default=64)
args = parser.parse_args()

torch.manual_seed(1)
# Importing this torch build sets one thread; the bench asks for OMP_NUM_THREADS (2 cores here).
torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))


class Tower(torch.nn.Module):
    def __init__(self, inputs: int, hidden: int, dim: int = 32):
        super().__init__()
        self.fc = torch.nn.Linear(inputs, hidden)
        self.proj = torch.nn.Linear(hidden, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.normalize(self.proj(F.relu(self.fc(x))), dim=1)


image_tower = Tower(3072, 256)
text_tower = Tower(args.vocab, 128)
params = list(image_tower.parameters()) + list(text_tower.parameters())
optimizer = torch.optim.Adam(params, lr=0.002)
scale = 1 / 0.1  # inverse temperature

# A pool of batches drawn in turn, so each step reads fresh rows as the playground's trainer does.
pool = 2048
images = torch.rand(pool, 3072) - 0.5
bow = torch.rand(pool, args.vocab)
bow = bow / bow.sum(dim=1, keepdim=True)
labels = torch.arange(args.batch)


def step(i: int) -> None:
    rows = torch.randint(0, pool, (args.batch,))
    x, y = image_tower(images[rows]), text_tower(bow[rows])
    logits = scale * x @ y.T
    loss = (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()


def loaded_blas() -> str:
    """The BLAS library the process actually mapped (Debian switches it with alternatives)."""
    try:
        with open("/proc/self/maps") as maps:
            libs = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
        return ", ".join(sorted(libs)) or "none mapped"
    except OSError:
        return "unknown"


runs = []
for r in range(args.runs):
    for i in range(args.warmup):
        step(i)
    t0, c0 = time.perf_counter(), time.process_time()
    for i in range(args.steps):
        step(i)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    runs.append({"pairsPerSecond": args.batch * args.steps / wall, "cpuSeconds": cpu, "wallSeconds": wall})

print(
    json.dumps(
        {
            "torch": torch.__version__,
            "blasLoaded": loaded_blas(),
            "threads": torch.get_num_threads(),
            "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS"),
            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS"),
            "parameters": sum(p.numel() for p in params),
            "runs": runs,
        }
    )
)
