"""Lightning Fabric's launch() (boundaries.json "lightning.fabric.Fabric"): under a spawn strategy the function
and its arguments are pickled to every child (MP201, MP203), an unguarded script fails in each child
(MP101), and under a fork strategy on GPUs CUDA must not be initialised before (MP422). On source strings;
what each case asserts was observed with lightning 2.6.6 on the CPU (tests/test_fabric_runtime.py)."""
from __future__ import annotations

import pytest

from helpers import check, codes, found, rows

PROGRAM = """
    import threading

    from lightning.fabric import Fabric


    def train(fabric, x):
        return x * 2


    def main():
        def local(fabric, x):
            return x

        fabric = Fabric(accelerator="cpu", devices=2, strategy={strategy})
        fabric.launch(train, 3)
        fabric.launch(lambda fabric, x: x, 3)
        fabric.launch(local, 3)
        fabric.launch(train, threading.Lock())


    if __name__ == "__main__":
        main()
"""


@pytest.mark.parametrize("strategy", ['"ddp_spawn"', 'DDPStrategy(start_method="spawn")',
                                      'DDPStrategy(start_method="forkserver")'])
def test_launch_under_spawn_pickles_the_function_and_its_arguments(strategy):
    src = PROGRAM.replace("from lightning.fabric import Fabric",
                          "from lightning.fabric import Fabric\n    from lightning.fabric.strategies import DDPStrategy")
    got = sorted((f.start.row - 1, f.code) for f in check(src.format(strategy=strategy)))  # one import more
    assert got == [(17, "MP201"), (18, "MP201"), (19, "MP203")]
    [lock] = found(src.format(strategy=strategy), "MP203")
    assert "lightning" in lock.message and "cannot pickle '_thread.lock' object" in lock.message


@pytest.mark.parametrize("strategy", ['"ddp_fork"', '"ddp_notebook"', '"ddp"', '"auto"', "None", "pick()"])
def test_launch_under_fork_or_popen_pickles_nothing(strategy):
    assert not codes(PROGRAM.format(strategy=strategy))


def test_a_trainer_method_name_on_a_fabric_is_not_a_task():
    src = PROGRAM.format(strategy='"ddp_spawn"').replace("fabric.launch(", "fabric.fit(")
    assert not codes(src)


def test_unguarded_launch_fails_in_each_child():
    src = """
        from lightning.fabric import Fabric


        def train(fabric, x):
            return x * 2


        fabric = Fabric(accelerator="cpu", devices=2, strategy="ddp_spawn")
        print(fabric.launch(train, 3))
    """
    [finding] = found(src, "MP101")
    assert finding.start.row == 9
    assert "`launch` called at import time" in finding.message
    assert "guards the main function" in finding.message
    assert rows(src.replace("ddp_spawn", "ddp_fork"), "MP101") == []


def test_cuda_initialised_before_a_fork_launch_on_gpus():
    src = """
        import torch
        from lightning.fabric import Fabric


        def train(fabric):
            return fabric.device


        if __name__ == "__main__":
            warm = torch.zeros(1).cuda()
            fabric = Fabric(accelerator="cuda", devices=2, strategy="ddp_fork")
            fabric.launch(train)
    """
    [finding] = found(src, "MP422")
    assert finding.start.row == 13 and "avoid CUDA initialization in the main process" in finding.message
    assert rows(src.replace('"cuda", devices', '"cpu", devices'), "MP422") == []
    assert rows(src.replace("ddp_fork", "ddp_spawn"), "MP422") == []
