# family: torch
# hazard: process-started-at-import
# line: 32
# expect: fork=bootstrap_error spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 90
# note: A data-parallel training launcher calls `torch.multiprocessing.spawn(worker, nprocs=2)` at module level. torch.multiprocessing.spawn always uses the spawn start method, so the children re-import the script and call spawn again: "An attempt has been made to start a new process before the current process has finished its bootstrapping phase", even on Linux with fork as the default. PyTorch docs (https://pytorch.org/docs/stable/multiprocessing.html#spawning-subprocesses) and https://github.com/pytorch/pytorch/issues/5858.
"""Two-process toy "distributed" training with torch.multiprocessing.spawn."""
import os
import tempfile

import torch
import torch.multiprocessing as mp

OUT = os.path.join(tempfile.gettempdir(), f"toy-ddp-{os.getpid()}")


def worker(rank, world_size, out_dir):
    torch.manual_seed(rank)
    w = torch.zeros(2, requires_grad=True)
    x = torch.randn(16, 2)
    y = x @ torch.tensor([1.0, -1.0])
    for _ in range(20):
        loss = ((x @ w - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= 0.1 * w.grad
            w.grad.zero_()
    torch.save(w.detach(), os.path.join(out_dir, f"rank{rank}.pt"))


os.makedirs(OUT, exist_ok=True)
mp.spawn(worker, args=(2, OUT), nprocs=2, join=True)

weights = [torch.load(os.path.join(OUT, f"rank{r}.pt")) for r in range(2)]
average = torch.stack(weights).mean(0)
print("averaged weights:", [round(v, 2) for v in average.tolist()])


def close_to(value, target, tol=0.3):
    return abs(value - target) < tol


print("RESULT=" + str(close_to(average[0].item(), 1.0)))
