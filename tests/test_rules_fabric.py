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


# ---- XLA (TPU): fork, but through torch_xla's ProcessPoolExecutor (issue 13, session 7) -------------------
# Read from the sources (boundaries.json "xla_note"): no TPU and no torch_xla here to run them.

@pytest.mark.parametrize("options", ['accelerator="tpu", devices=8', 'strategy="xla"', 'accelerator="tpu", strategy="xla"',
                                     'strategy="xla_fsdp", devices=4'])
def test_launch_on_xla_pickles_under_fork(options):
    src = PROGRAM.replace('accelerator="cpu", devices=2, strategy={strategy}', options)
    got = sorted((f.start.row, f.code) for f in check(src))
    assert got == [(17, "MP201"), (18, "MP201"), (19, "MP203")]
    for finding in check(src):  # fork: every default, never Windows (no fork there, and no TPU host)
        assert set(finding.start_methods) == {"fork", "spawn", "forkserver"} and "windows" in finding.unreachable_on


@pytest.mark.parametrize("options", ['accelerator="tpu"', 'accelerator="tpu", devices=1', 'strategy="xla", devices=1',
                                     'strategy="single_xla"', 'accelerator="tpu", devices=n'])
def test_one_tpu_device_or_an_unknown_count_runs_in_the_parent(options):
    src = PROGRAM.replace('accelerator="cpu", devices=2, strategy={strategy}', options)
    assert not codes(src)


def test_xla_needs_no_guard_a_forked_child_does_not_reimport():
    src = """
        from lightning.fabric import Fabric


        def train(fabric):
            return 1


        fabric = Fabric(accelerator="tpu", devices=8)
        fabric.launch(train)
    """
    assert rows(src, "MP101") == []
    assert rows(src.replace('accelerator="tpu", devices=8', 'strategy="ddp_spawn", devices=2'), "MP101") == [9]


def test_trainer_fit_on_xla_pickles_the_module():
    src = """
        import lightning.pytorch as pl


        class LitModel(pl.LightningModule):
            def __init__(self):
                super().__init__()
                self.score = lambda y: y


        def main():
            trainer = pl.Trainer(accelerator="tpu", devices=8)
            trainer.fit(LitModel())


        if __name__ == "__main__":
            main()
    """
    assert rows(src, "MP203") == [13]
    assert rows(src.replace("devices=8", "devices=1"), "MP203") == []
