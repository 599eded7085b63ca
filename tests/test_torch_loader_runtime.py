"""When a torch DataLoader forks its workers, proven on the CPU (MP422's loader-then-CUDA order).

MP422 says CUDA initialised between `DataLoader(...)` and its iteration reaches the workers. That rests on
two facts of torch/utils/data/dataloader.py: `DataLoader.__iter__` builds a `_MultiProcessingDataLoaderIter`
(whose `__init__` starts the workers: `multiprocessing_context.Process(...)`, `w.start()`) at every
`iter(loader)` unless `persistent_workers=True`; and a forked worker is a copy of the parent at that moment.
torch.cuda._lazy_init then raises "Cannot re-initialize CUDA in forked subprocess" in a worker forked after
the parent initialised CUDA (`_is_in_bad_fork()`), which needs a GPU build and a GPU: this machine has
neither, so the test stands the parent's CUDA state in with a module global changed at the same place
(where `model.cuda()` would be) and reads it back from the worker. Under fork the worker sees the change
made after the loader was made (and the change made after epoch 1: it was forked again); under spawn and
forkserver it sees the module as imported, a fresh process where CUDA may be initialised. With
`persistent_workers=True` the workers are forked once, at the first iteration.

Skips when torch is not installed (`pip install torch==2.13.0`: a CPU build)."""
from __future__ import annotations

import importlib.util
import sys
import textwrap

import pytest

from helpers import found, run_in_session

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch is not installed (pip install torch)"),
    pytest.mark.skipif(sys.platform == "win32", reason="fork and forkserver are POSIX-only"),
]

PROBE = '''
import sys

from torch.utils.data import DataLoader, Dataset

STATE = {"parent": "as imported"}


class Probe(Dataset):
    def __len__(self):
        return 1

    def __getitem__(self, i):
        return STATE["parent"]


def as_list(batch):
    return batch


if __name__ == "__main__":
    loader = DataLoader(Probe(), num_workers=1, collate_fn=as_list, multiprocessing_context=sys.argv[1])
    STATE["parent"] = "changed after the loader was made"  # where model.cuda() would be
    print("epoch 1:", next(iter(loader))[0])
    STATE["parent"] = "changed after epoch 1"
    print("epoch 2:", next(iter(loader))[0])
    STATE["parent"] = "before the first epoch"
    persistent = DataLoader(Probe(), num_workers=1, collate_fn=as_list, multiprocessing_context=sys.argv[1],
                            persistent_workers=True)
    print("persistent 1:", next(iter(persistent))[0])
    STATE["parent"] = "changed after its epoch 1"
    print("persistent 2:", next(iter(persistent))[0])
'''

# The same program with CUDA where the probe has its global: what MP422 judges.
ON_GPU = '''
import torch
from torch.utils.data import DataLoader, Dataset


class OnGPU(Dataset):
    def __len__(self):
        return 1

    def __getitem__(self, i):
        return torch.zeros(2).cuda()


if __name__ == "__main__":
    loader = DataLoader(OnGPU(), num_workers=1, multiprocessing_context="{method}")
    model = torch.nn.Linear(2, 1).cuda()
    print(next(iter(loader)))
'''


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_loader_workers_are_forked_at_each_iteration(tmp_path, method):
    script = tmp_path / "probe.py"
    script.write_text(PROBE)
    run = run_in_session([sys.executable, str(script), method], text=True, timeout=300,
                         cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    seen = [line.split(": ", 1)[1] for line in run.stdout.splitlines()]
    if method == "fork":  # persistent_workers=True: forked once, at the first epoch
        assert seen == ["changed after the loader was made", "changed after epoch 1", "before the first epoch",
                        "before the first epoch"]
    else:
        assert seen == ["as imported"] * 4
    findings = found(ON_GPU.format(method=method), "MP422")
    if method == "fork":
        [finding] = findings
        assert finding.start.row == 15 and "iterated, line 17" in finding.message
    else:
        assert findings == []


# Issue 13, session 7: the two shapes MP422 now follows, run on the CPU with the same stand-in. A loader
# returned by a helper and iterated by the caller (GeoMol#8's construct_loader/train), and a change made
# after the iteration inside the epoch loop: the next epoch's workers are forked after it.
LOOP_PROBE = '''
import sys

from torch.utils.data import DataLoader, Dataset

STATE = {"parent": "as imported"}


class Probe(Dataset):
    def __len__(self):
        return 1

    def __getitem__(self, i):
        return STATE["parent"]


def as_list(batch):
    return batch


def make_loader(ds, method):
    return DataLoader(ds, num_workers=1, collate_fn=as_list, multiprocessing_context=method)


def main(method):
    loader = make_loader(Probe(), method)
    for epoch in range(2):
        for batch in loader:
            print(f"epoch {epoch}:", batch[0])
        STATE["parent"] = f"changed in the pass of epoch {epoch}"  # where model.cuda() would be


if __name__ == "__main__":
    main(sys.argv[1])
'''

LOOP_ON_GPU = '''
import torch
from torch.utils.data import DataLoader, Dataset


class OnGPU(Dataset):
    def __len__(self):
        return 1

    def __getitem__(self, i):
        return torch.zeros(2).cuda()


def make_loader(ds):
    return DataLoader(ds, num_workers=1, multiprocessing_context="{method}")


def main():
    loader = make_loader(OnGPU())
    for epoch in range(2):
        for batch in loader:
            print(batch)
        model = torch.nn.Linear(2, 1).cuda()


if __name__ == "__main__":
    main()
'''


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_helper_loader_forks_again_after_the_epoch_loop_pass(tmp_path, method):
    script = tmp_path / "loop_probe.py"
    script.write_text(LOOP_PROBE)
    run = run_in_session([sys.executable, str(script), method], text=True, timeout=300,
                         cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    seen = [line.split(": ", 1)[1] for line in run.stdout.splitlines()]
    if method == "fork":  # epoch 1's worker was forked after the change made in epoch 0's pass
        assert seen == ["as imported", "changed in the pass of epoch 0"]
    else:
        assert seen == ["as imported", "as imported"]
    findings = found(LOOP_ON_GPU.format(method=method), "MP422")
    if method == "fork":
        [finding] = findings
        assert finding.start.row == 15 and "returned by `make_loader()`" in finding.message \
            and "in a pass of the loop on line 20" in finding.message
    else:
        assert findings == []
