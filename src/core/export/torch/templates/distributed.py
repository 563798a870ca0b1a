"""One process or many: torchrun sets WORLD_SIZE, RANK and LOCAL_RANK; plain `python3 train.py` does not.

Every process draws the same global batch from the same seeded generator and embeds its own slice of
it; the codes of all slices are gathered so the loss sees the whole batch (a contrastive loss's negatives
are the other pairs of the batch). DistributedDataParallel then averages the gradients, so N processes
take the same steps as one, up to the order of floating-point sums.
"""

import os

import torch
import torch.distributed as dist


class Setup:
    """rank, world size, device and the collective backend ('gloo' on CPUs, 'nccl' on GPUs, None alone)."""

    def __init__(self):
        cuda = torch.cuda.is_available()
        self.backend = None
        self.rank, self.world = 0, 1
        self.device = torch.device("cuda" if cuda else "cpu")
        if "WORLD_SIZE" in os.environ:
            self.backend = "nccl" if cuda else "gloo"
            dist.init_process_group(self.backend)
            self.rank, self.world = dist.get_rank(), dist.get_world_size()
            if cuda:
                local = int(os.environ.get("LOCAL_RANK", 0))
                torch.cuda.set_device(local)
                self.device = torch.device("cuda", local)

    @property
    def distributed(self):
        return self.backend is not None

    def slice(self, batch_size):
        """This process's rows [start, end) of a global batch of `batch_size`."""
        if batch_size % self.world:
            raise SystemExit(
                f"the batch of {batch_size} pairs does not split evenly over {self.world} processes: "
                f"choose a batch size that is a multiple of {self.world}"
            )
        per = batch_size // self.world
        return self.rank * per, (self.rank + 1) * per

    def close(self):
        if self.distributed:
            dist.destroy_process_group()


class GatherRows(torch.autograd.Function):
    """All processes' [b/N, d] slices -> the whole [b, d] batch, in rank order.

    Backward: every process computes the same loss of the whole batch, so the gradient of its own slice
    is the sum, over processes, of what each loss sends back to that slice; DistributedDataParallel's
    average of the weight gradients then equals one process's gradient of the whole batch.
    """

    @staticmethod
    def forward(ctx, local):
        world = dist.get_world_size()
        parts = [torch.empty_like(local) for _ in range(world)]
        dist.all_gather(parts, local.contiguous())
        ctx.rows = local.shape[0]
        return torch.cat(parts)

    @staticmethod
    def backward(ctx, grad):
        grad = grad.contiguous()
        dist.all_reduce(grad)
        start = dist.get_rank() * ctx.rows
        return grad[start : start + ctx.rows]
