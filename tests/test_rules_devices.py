"""MP422 (CUDA initialised in the parent before a fork whose child uses CUDA), torch.multiprocessing's
spawn/start_processes and Lightning's ddp_spawn, on source strings: torch and Lightning are not installed
here (their semantics are cited in semantic/data/boundaries.json). tests/fixtures/torch holds programs
in the shape of public reports, each naming its source and the findings it must give."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import check, found, methods, rows
from mpguard.linter.analyze import analyze
from mpguard.rules.docs import libraries_of
from mpguard.semantic.boundaries import section

ERROR = "Cannot re-initialize CUDA in forked subprocess"
FIXTURES = Path(__file__).parent / "fixtures" / "torch"
ALL = {"fork", "spawn", "forkserver"}
SPAWNISH = {"spawn", "forkserver"}


# ---- MP422: which calls initialise CUDA (catalog data) -------------------------------------------------

PARENT_INITS = [
    "torch.zeros(1).cuda()",
    "model.cuda()",
    "x = torch.randn(3).to('cuda')",
    "x = torch.randn(3).to('cuda:1')",
    "x = torch.randn(3).to(device='cuda')",
    "x = torch.randn(3).to(torch.device('cuda', 0))",
    "x = torch.zeros(3, device='cuda')",
    "x = torch.ones(2, device=torch.device('cuda:0'))",
    "torch.cuda.set_device(0)",
    "torch.cuda.current_device()",
    "torch.cuda.synchronize()",
    "torch.cuda.init()",
    "torch.cuda.get_device_name(0)",
    "state = torch.load('model.pt', map_location='cuda')",
    "x = torch.randn(3).to(DEVICE)",
    "x = torch.randn(3).to(AUTO)",
]
NOT_INITS = [
    "torch.cuda.is_available()",
    "torch.cuda.device_count()",
    "torch.cuda.manual_seed(0)",
    "torch.cuda.manual_seed_all(0)",
    "torch.cuda.empty_cache()",
    "torch.cuda.memory_allocated()",
    "d = torch.device('cuda')",
    "x = torch.randn(3).to('cpu')",
    "x = torch.randn(3).to(torch.float16)",
    "x = torch.randn(3).to(args.device)",
    "x = torch.randn(3).to(PICKED)",
    "x = torch.zeros(3, device='cpu')",
    "x = torch.zeros(3, device='cudagraph')",
]


def _program(parent_line: str) -> str:
    return f"""
        import multiprocessing as mp
        import torch

        DEVICE = torch.device("cuda")
        AUTO = "cuda" if torch.cuda.is_available() else "cpu"
        PICKED = "cuda" if len(__file__) > 3 else "cpu"
        model = torch.nn.Linear(2, 2)


        def worker(rank):
            torch.cuda.set_device(rank)


        if __name__ == "__main__":
            {parent_line}
            p = mp.Process(target=worker, args=(0,))
            p.start()
            p.join()
    """


@pytest.mark.parametrize("line", PARENT_INITS)
def test_parent_calls_that_initialise_cuda(line):
    src = _program(line)
    assert rows(src, "MP422") == [18], line
    finding = found(src, "MP422")[0]
    assert ERROR in finding.message and finding.error.startswith("RuntimeError: " + ERROR)
    assert methods(src, "MP422") == {"fork"}


@pytest.mark.parametrize("line", NOT_INITS)
def test_calls_that_do_not_initialise_cuda(line):
    assert rows(_program(line), "MP422") == [], line


def test_the_child_must_use_cuda_too():
    src = """
        import multiprocessing as mp
        import torch


        def worker(rank):
            print(rank)


        if __name__ == "__main__":
            torch.zeros(1).cuda()
            p = mp.Process(target=worker, args=(0,))
            p.start()
            p.join()
    """
    assert rows(src, "MP422") == []


def test_cuda_in_a_helper_the_child_calls_and_the_parent_calls_first():
    src = """
        import multiprocessing as mp
        import torch


        def load():
            return torch.nn.Linear(2, 2).cuda()


        def worker(rank):
            model = load()
            print(model)


        def main():
            model = load()
            procs = [mp.Process(target=worker, args=(r,)) for r in range(2)]
            for p in procs:
                p.start()


        if __name__ == "__main__":
            main()
    """
    assert rows(src, "MP422") == [19]
    assert "run by `load()` on line 16" in found(src, "MP422")[0].message


def test_module_level_init_before_the_forking_function_is_called():
    src = """
        import multiprocessing as mp
        import torch

        weights = torch.randn(10, 10).cuda()


        def worker(rank):
            torch.cuda.set_device(rank)


        def launch():
            p = mp.Process(target=worker, args=(0,))
            p.start()
            p.join()


        if __name__ == "__main__":
            launch()
    """
    assert rows(src, "MP422") == [14]


def test_init_after_the_fork_or_in_another_branch_is_not_before_it():
    src = """
        import multiprocessing as mp
        import sys
        import torch


        def worker(rank):
            torch.cuda.set_device(rank)


        if __name__ == "__main__":
            if sys.argv[1:] == ["gpu"]:
                torch.zeros(1).cuda()
            else:
                p = mp.Process(target=worker, args=(0,))
                p.start()
                p.join()
            q = mp.Process(target=worker, args=(1,))
            q.start()
            torch.zeros(1).cuda()
    """
    # the first start is in the other branch; the second follows the branch that may have initialised
    assert rows(src, "MP422") == [19]


@pytest.mark.parametrize("choice, expected", [
    ('mp.set_start_method("spawn")', set()),
    ('mp.set_start_method("forkserver")', set()),
    ('mp.set_start_method("fork")', ALL),
    ("pass", {"fork"}),
])
def test_start_method(choice, expected):
    src = f"""
        import multiprocessing as mp
        import torch


        def worker(rank):
            torch.cuda.set_device(rank)


        if __name__ == "__main__":
            {choice}
            torch.zeros(1).cuda()
            p = mp.Process(target=worker, args=(0,))
            p.start()
    """
    assert methods(src, "MP422") == expected


def test_contexts_and_executor():
    src = """
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor
        import torch


        def infer(x):
            return torch.tensor([x]).cuda().item()


        if __name__ == "__main__":
            model = torch.nn.Linear(1, 1).cuda()
            with mp.get_context("fork").Pool(2) as pool:
                pool.map(infer, range(4))
            with mp.get_context("spawn").Pool(2) as pool:
                pool.map(infer, range(4))
            with ProcessPoolExecutor(2) as executor:
                executor.submit(infer, 1)
            with ProcessPoolExecutor(2, mp_context=mp.get_context("forkserver")) as executor:
                executor.submit(infer, 1)
    """
    assert rows(src, "MP422") == [13, 18]
    by_row = {f.start.row: set(f.start_methods) for f in found(src, "MP422")}
    assert by_row == {13: ALL, 18: {"fork"}}


def test_dataloader_workers():
    src = """
        import torch
        from torch.utils.data import DataLoader, Dataset


        class OnGPU(Dataset):
            def __len__(self):
                return 8

            def __getitem__(self, i):
                return self.load(i)

            def load(self, i):
                return torch.full((2,), float(i), device="cuda")


        def to_gpu(batch):
            return [b.cuda() for b in batch]


        def main():
            model = torch.nn.Linear(2, 1).cuda()
            a = DataLoader(OnGPU(), batch_size=2, num_workers=2)
            b = DataLoader(list(range(8)), num_workers=2, collate_fn=to_gpu)
            c = DataLoader(list(range(8)), num_workers=2, worker_init_fn=lambda i: torch.cuda.set_device(0))
            d = DataLoader(OnGPU(), num_workers=0)
            e = DataLoader(OnGPU(), num_workers=2, multiprocessing_context="spawn")
            f = DataLoader(OnGPU(), num_workers=2, multiprocessing_context="fork")
            g = DataLoader(list(range(8)), num_workers=2)
            return a, b, c, d, e, f, g


        if __name__ == "__main__":
            main()
    """
    assert rows(src, "MP422") == [23, 24, 25, 28]
    assert methods(src, "MP422") == ALL  # f's explicit fork; the others under the default
    assert "DataLoader()" in found(src, "MP422")[0].message


def test_dataloader_made_before_the_parent_touches_cuda_forks_when_iterated():
    src = """
        import torch
        from torch.utils.data import DataLoader


        def to_gpu(batch):
            return [b.cuda() for b in batch]


        if __name__ == "__main__":
            loader = DataLoader(list(range(8)), num_workers=2, collate_fn=to_gpu)
            model = torch.nn.Linear(2, 1).cuda()
            for batch in loader:
                print(batch)
    """
    # the workers fork at the loop (iter(loader)), after model.cuda(): reported at the loader, which the
    # fix changes (multiprocessing_context="spawn"); pytorch/pytorch#77159's order of things
    [finding] = found(src, "MP422")
    assert finding.start.row == 11 and "iterated, line 13" in finding.message
    assert set(finding.start_methods) == {"fork"}  # the default on Linux up to 3.13


LOADER_THEN_CUDA = """
    import torch
    from torch.utils.data import DataLoader, Dataset
    from tqdm import tqdm


    class OnGPU(Dataset):
        def __len__(self):
            return 8

        def __getitem__(self, i):
            return torch.full((2,), float(i)).cuda()


    def train(model, loader):
        for batch in loader:
            model(batch)


    def main():
        loader = DataLoader(OnGPU(), batch_size=2, num_workers=2)
        {between}
        {use}


    if __name__ == "__main__":
        main()
"""


@pytest.mark.parametrize("use", [
    "train(model, loader)",  # handed to a function: iterated there
    "for batch in tqdm(loader): model(batch)",
    "for i, batch in enumerate(loader): model(batch)",
    "batches = [b for b in loader]",
    "first = next(iter(loader))",
])
def test_cuda_initialised_between_a_loader_and_its_iteration(use):
    src = LOADER_THEN_CUDA.format(between="model = torch.nn.Linear(2, 1).cuda()", use=use)
    [finding] = found(src, "MP422")
    assert finding.start.row == 21 and "iterated, line 23" in finding.message


@pytest.mark.parametrize("between, use", [
    ("model = torch.nn.Linear(2, 1).cuda()", "print(len(loader), loader)"),  # never iterated after the init
    ("model = torch.nn.Linear(2, 1)", "train(model, loader)"),  # no CUDA in the parent
    ("model = torch.nn.Linear(2, 1).cuda()", "return loader"),  # iterated by the caller: not followed
    ("if torch.cuda.is_available(): model = torch.nn.Linear(2, 1)\n        else: model = None",
     "train(model, loader)"),  # is_available() is not initialisation
])
def test_loader_iterated_without_cuda_initialised_before(between, use):
    assert rows(LOADER_THEN_CUDA.format(between=between, use=use), "MP422") == []


def test_cuda_initialised_after_the_last_iteration_is_not_before_the_fork():
    src = LOADER_THEN_CUDA.format(between="train(None, loader)", use="model = torch.nn.Linear(2, 1).cuda()")
    assert rows(src, "MP422") == []


def test_persistent_workers_fork_once_at_the_first_iteration():
    src = LOADER_THEN_CUDA.replace("num_workers=2)", "num_workers=2, persistent_workers=True)")
    first_then_cuda = src.format(between="train(None, loader)",
                                 use="model = torch.nn.Linear(2, 1).cuda()\n        train(model, loader)")
    assert rows(first_then_cuda, "MP422") == []  # the workers were forked before CUDA, and are reused
    not_persistent = LOADER_THEN_CUDA.format(between="train(None, loader)",
                                             use="model = torch.nn.Linear(2, 1).cuda()\n        train(model, loader)")
    assert rows(not_persistent, "MP422") == [21]  # epoch 2 forks new workers after model.cuda()


def test_loader_iterated_under_spawn_is_not_judged():
    src = LOADER_THEN_CUDA.replace("num_workers=2)", "num_workers=2, multiprocessing_context='spawn')").format(
        between="model = torch.nn.Linear(2, 1).cuda()", use="train(model, loader)")
    assert rows(src, "MP422") == []


def test_no_torch_import_no_finding():
    src = """
        import multiprocessing as mp


        def worker(thing):
            thing.cuda()


        if __name__ == "__main__":
            thing = make()
            thing.cuda()
            mp.Process(target=worker, args=(thing,)).start()
    """
    assert rows(src, "MP422") == []


def test_devices_named_inside_lambdas_and_comprehensions():
    """A device keyword inside a lambda (its body is one expression, not a list of statements) once
    crashed the analysis (accelerate's tests)."""
    src = """
        import multiprocessing as mp
        import torch

        DEVICE = "cuda"
        make = lambda n: torch.zeros(n, device=DEVICE)
        other = lambda device: torch.zeros(2, device=device)
        rows = [torch.ones(1, device=d) for d in ("cuda", "cpu")]


        def worker(rank):
            worker_make = lambda: torch.ones(1, device=DEVICE)
            return worker_make()


        if __name__ == "__main__":
            make(3)
            p = mp.Process(target=worker, args=(0,))
            p.start()
    """
    assert not found(src, "MP002")
    assert rows(src, "MP422") == []  # a device used in a lambda the child calls is not followed


def test_catalog_documents_the_near_misses():
    torch_cuda = section("device_init")["torch.cuda"]
    assert "torch.cuda.is_available" in torch_cuda["not_initialising"]
    assert "torch.cuda.device_count" in torch_cuda["not_initialising"]
    assert not set(torch_cuda["not_initialising"]) & set(torch_cuda["calls"])
    assert "poison" in torch_cuda["not_initialising"]["torch.cuda.is_available"]
    assert ("torch", ) == tuple(name for name, _ in libraries_of("MP422") if name == "torch")


# ---- torch.multiprocessing.spawn / start_processes -------------------------------------------------------

def test_spawn_at_import_names_torch_and_needs_a_guard():
    src = """
        import torch.multiprocessing as mp


        def train(rank, world_size):
            print(rank, world_size)


        mp.spawn(train, args=(2,), nprocs=2)
    """
    assert rows(src, "MP101") == [9]
    assert methods(src, "MP101") == ALL  # always spawn, whatever the platform's default
    assert "(torch)" in found(src, "MP101")[0].message


def test_start_processes_takes_its_start_method():
    src = """
        import torch.multiprocessing as mp


        def train(rank):
            print(rank)


        mp.start_processes(train, nprocs=2, start_method="fork")
        mp.start_processes(train, nprocs=2)
        mp.start_processes(train, nprocs=2, start_method="forkserver")
    """
    assert rows(src, "MP101") == [10, 11]
    assert {f.start.row: set(f.start_methods) for f in found(src, "MP101")} == {10: ALL, 11: ALL}


def test_spawn_pickles_fn_and_args_with_the_library_named():
    src = """
        import threading
        import torch.multiprocessing as mp


        def train(rank, lock):
            print(rank)


        if __name__ == "__main__":
            mp.spawn(lambda rank: print(rank), nprocs=2)
            mp.spawn(train, args=(threading.Lock(),), nprocs=2)
            mp.start_processes(train, args=(threading.Lock(),), nprocs=2, start_method="fork")
    """
    assert rows(src, "MP201") == [11]
    assert "(torch, sent with pickle)" in found(src, "MP201")[0].message
    assert rows(src, "MP203") == [12]
    assert "(torch, sent with pickle)" in found(src, "MP203")[0].message
    assert methods(src, "MP203") == ALL


def test_spawn_passes_the_process_index_first():
    """fn(i, *args): the flow must see args from the target's second parameter on (a lock given as the
    only arg is `lock`, not `rank`)."""
    src = """
        import torch.multiprocessing as mp


        def train(rank, lock):
            with lock:
                print(rank)


        if __name__ == "__main__":
            lock = mp.Lock()
            mp.spawn(train, args=(lock,), nprocs=2)
    """
    assert rows(src, "MP203") == []
    assert rows(src, "MP101") == []


# ---- Lightning's ddp_spawn ------------------------------------------------------------------------------

LIGHTNING_GUARD = "Launching multiple processes with the 'spawn' start method requires that your script guards"


@pytest.mark.parametrize("trainer", [
    'pl.Trainer(accelerator="gpu", devices=2, strategy="ddp_spawn")',
    'pl.Trainer(devices=2, strategy="ddp_spawn_find_unused_parameters_false")',
    'pl.Trainer(gpus=2, accelerator="ddp_spawn")',
    'pl.Trainer(gpus=2, distributed_backend="ddp_spawn")',
    "pl.Trainer(devices=2, strategy=DDPSpawnStrategy())",
    'pl.Trainer(devices=2, strategy=DDPStrategy(start_method="spawn"))',
])
def test_ddp_spawn_fit_at_import(trainer):
    src = f"""
        import pytorch_lightning as pl
        from pytorch_lightning.strategies import DDPSpawnStrategy, DDPStrategy


        class Model(pl.LightningModule):
            pass


        model = Model()
        trainer = {trainer}
        trainer.fit(model)
    """
    assert rows(src, "MP101") == [11], trainer
    finding = found(src, "MP101")[0]
    assert "(lightning)" in finding.message and LIGHTNING_GUARD in finding.message
    assert methods(src, "MP101") == ALL


@pytest.mark.parametrize("trainer", [
    'L.Trainer(devices=2, strategy="ddp")',
    'L.Trainer(devices=2, strategy="ddp_fork")',
    'L.Trainer(devices=2, strategy="ddp_notebook")',
    "L.Trainer(devices=2)",
    'L.Trainer(devices=2, strategy=DDPStrategy())',
    'L.Trainer(devices=2, strategy=DDPStrategy(start_method="fork"))',
    "L.Trainer(devices=2, strategy=STRATEGY)",
])
def test_other_strategies_do_not_reimport_the_script(trainer):
    src = f"""
        import lightning as L
        from lightning.pytorch.strategies import DDPStrategy

        STRATEGY = "ddp_spawn" if __name__ == "x" else "ddp"
        model = L.LightningModule()
        trainer = {trainer}
        trainer.fit(model)
    """
    assert rows(src, "MP101") == [], trainer


def test_ddp_spawn_under_the_guard_and_a_trainer_never_fitted():
    src = """
        import lightning.pytorch as pl


        def main():
            trainer = pl.Trainer(devices=2, strategy="ddp_spawn")
            trainer.fit(pl.LightningModule())


        unused = pl.Trainer(devices=2, strategy="ddp_spawn")

        if __name__ == "__main__":
            main()
    """
    assert rows(src, "MP101") == []


def test_ddp_spawn_pickles_what_fit_is_given():
    src = """
        import threading
        import lightning.pytorch as pl


        class Data:
            def __init__(self):
                self.lock = threading.Lock()


        if __name__ == "__main__":
            trainer = pl.Trainer(devices=2, strategy="ddp_spawn")
            trainer.fit(pl.LightningModule(), datamodule=Data())
            forked = pl.Trainer(devices=2, strategy="ddp_fork")
            forked.fit(pl.LightningModule(), datamodule=Data())
    """
    assert rows(src, "MP203") == [13]
    finding = found(src, "MP203")[0]
    assert "(lightning, sent with pickle)" in finding.message and "lock" in finding.message
    assert methods(src, "MP203") == ALL


def test_lightning_fork_strategy_on_gpus_after_cuda_in_the_parent():
    src = """
        import torch
        import lightning.pytorch as pl


        def main():
            model = pl.LightningModule()
            print(torch.cuda.get_device_name(0))
            trainer = pl.Trainer(accelerator="gpu", devices=2, strategy="ddp_notebook")
            trainer.fit(model)
            cpu = pl.Trainer(accelerator="cpu", devices=2, strategy="ddp_fork")
            cpu.fit(model)
            spawned = pl.Trainer(accelerator="gpu", devices=2, strategy="ddp_spawn")
            spawned.fit(model)
            old = pl.Trainer(gpus=2, strategy="ddp_fork")
            old.validate(model)


        if __name__ == "__main__":
            main()
    """
    assert rows(src, "MP422") == [10, 16]
    finding = found(src, "MP422")[0]
    assert "avoid CUDA initialization in the main process" in finding.error
    assert "`accelerator='gpu'` given to `pl.Trainer()`" in finding.message
    assert rows(src, "MP203") == [] and rows(src, "MP101") == []


def test_lightning_fork_strategy_without_cuda_in_the_parent():
    src = """
        import lightning.pytorch as pl

        if __name__ == "__main__":
            torch_free = pl.Trainer(accelerator="gpu", devices=2, strategy="ddp_fork")
            torch_free.fit(pl.LightningModule())
    """
    assert rows(src, "MP422") == []


# ---- golden fixtures: programs in the shape of public reports ------------------------------------------

def _expected(path: Path) -> set:
    text = path.read_text(encoding="utf-8")
    markers = {m.group(1): i + 1 for i, line in enumerate(text.splitlines())
               for m in [re.search(r"# @(\w+)\s*$", line)] if m}
    out = set()
    for spec in re.findall(r"^# expect: (.+)$", text, re.M):
        if spec.strip() == "none":
            continue
        code, where = spec.split()
        out.add((code, markers[where[1:]] if where.startswith("@") else int(where)))
    return out


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.py")))
def test_golden_fixture(name):
    path = FIXTURES / name
    text = path.read_text(encoding="utf-8")
    assert re.search(r"https://\S+", text.split("\n\n", 1)[0]), f"{name}: name the report it is shaped on"
    assert "# expect:" in text
    got = {(f.code, f.start.row) for f in analyze(text, str(path)).findings}
    assert got == _expected(path)
    if name.endswith(("_ok.py", "_quiet.py")):
        assert got == set()


# ---- MP422 through loops and helpers (issue 13, session 7) ---------------------------------------------

_GPU_DATASET = """
    import torch
    from torch.utils.data import DataLoader, Dataset


    class Feats(Dataset):
        def __init__(self):
            self.x = torch.randn(16, 4)

        def __len__(self):
            return 16

        def __getitem__(self, i):
            return self.x[i].to("cuda")
"""


def _epochs(loop_body: str, loader_kwargs: str = "", header: str = "for epoch in range(3):") -> str:
    return _GPU_DATASET + f"""

    def main():
        loader = DataLoader(Feats(), batch_size=4, num_workers=2{loader_kwargs})
        {header}
{loop_body}


    if __name__ == "__main__":
        main()
"""


EPOCH_INIT = """\
            for batch in loader:
                print(batch.shape)
            model = torch.nn.Linear(4, 2).to("cuda")"""


def test_cuda_initialised_after_the_first_epoch_reaches_the_next_epochs_workers():
    # pytorch#40403's order through a loop: the workers of epoch 2 are forked after epoch 1 ran `.to("cuda")`
    # (test_torch_loader_runtime: a worker sees what the parent did between epochs)
    src = _epochs(EPOCH_INIT)
    [finding] = found(src, "MP422")
    assert finding.start.row == 18 and "in a pass of the loop on line 19" in finding.message
    assert set(finding.start_methods) == {"fork"}


def test_cuda_in_a_function_called_after_the_iteration_in_the_epoch_loop():
    src = _epochs("""\
            for batch in loader:
                print(batch.shape)
            evaluate()""").replace("def main():", "def evaluate():\n        torch.cuda.synchronize()\n\n\n    def main():")
    [finding] = found(src, "MP422")
    assert "run by `evaluate()`" in finding.message


@pytest.mark.parametrize("loader_kwargs, header, body", [
    (", persistent_workers=True", "for epoch in range(3):", EPOCH_INIT),  # forked once, before the init
    (", multiprocessing_context='spawn'", "for epoch in range(3):", EPOCH_INIT),
    ("", "for epoch in range(1):", EPOCH_INIT),  # one pass
    ("", "for epoch in range(3):", EPOCH_INIT + "\n            break"),  # every pass ends the loop
    ("", "if True:", EPOCH_INIT),  # no loop: the init comes after the only fork
])
def test_epoch_loop_near_misses(loader_kwargs, header, body):
    assert found(_epochs(body, loader_kwargs, header), "MP422") == []


def test_cuda_after_the_epoch_loop_is_fine():
    src = _epochs("""\
            for batch in loader:
                print(batch.shape)
        model = torch.nn.Linear(4, 2).to("cuda")""")
    assert found(src, "MP422") == []


def test_executor_tasks_in_a_loop_are_not_judged_by_the_loop():
    # a ProcessPoolExecutor forks its workers at its first task, later tasks may fork none: silent
    src = """
        import torch
        from concurrent.futures import ProcessPoolExecutor


        def work(i):
            return torch.zeros(1).cuda().item()


        def main():
            with ProcessPoolExecutor(2) as ex:
                for i in range(3):
                    ex.submit(work, i).result()
                    torch.cuda.synchronize()


        if __name__ == "__main__":
            main()
    """
    assert found(src, "MP422") == []


def test_processes_started_in_a_loop_after_cuda_of_the_previous_pass():
    src = """
        import multiprocessing as mp
        import torch


        def worker(rank):
            torch.cuda.set_device(rank)


        if __name__ == "__main__":
            for rank in range(2):
                p = mp.Process(target=worker, args=(rank,))
                p.start()
                p.join()
                torch.cuda.synchronize()
    """
    assert rows(src, "MP422") == [13]


HELPER = _GPU_DATASET + """

    def make_loader(ds):
        return DataLoader(ds, batch_size=4, num_workers=2)


    def train(model, loader):
        for batch in loader:
            model(batch)


    def main():
        train_loader = make_loader(Feats())
        model = torch.nn.Linear(4, 2).to("cuda")
        for epoch in range(3):
            train(model, train_loader)


    if __name__ == "__main__":
        main()
"""


def test_loader_returned_by_a_helper_and_iterated_by_the_caller():
    # GeoMol#8's shape: the loader comes from a helper, the model goes to the GPU, then train() iterates it
    [finding] = found(HELPER, "MP422")
    assert finding.start.row == 18 and "returned by `make_loader()`, line 27" in finding.message
    assert "`self.x[i].to('cuda')`, line 14" in finding.message


def test_loader_returned_through_a_name_and_iterated_directly():
    src = HELPER.replace("return DataLoader(ds, batch_size=4, num_workers=2)",
                         "loader = DataLoader(ds, batch_size=4, num_workers=2)\n        return loader")
    src = src.replace("train(model, train_loader)", "for batch in train_loader:\n                model(batch)")
    assert rows(src, "MP422") == [18]


@pytest.mark.parametrize("old, new", [
    ("num_workers=2)", "num_workers=2, multiprocessing_context='spawn')"),
    ("return DataLoader(ds, batch_size=4, num_workers=2)",  # may return something else: not followed
     "if ds is None:\n            return []\n        return DataLoader(ds, batch_size=4, num_workers=2)"),
    ("train_loader = make_loader(Feats())\n        model = torch.nn.Linear(4, 2).to(\"cuda\")\n"
     "        for epoch in range(3):\n            train(model, train_loader)",
     "train_loader = make_loader(Feats())\n        for epoch in range(3):\n            train(None, train_loader)\n"
     "        model = torch.nn.Linear(4, 2).to(\"cuda\")"),  # CUDA only after the last epoch
    ("make_loader(Feats())", "make_loader(list(range(16)))"),  # this caller's dataset never uses CUDA
])
def test_loader_returned_by_a_helper_near_misses(old, new):
    assert old in HELPER
    assert found(HELPER.replace(old, new), "MP422") == []


# ---- a dataset class of another project module (semantic/device_classes.py) ------------------------------

DATA_MODULE = """
import torch
from torch.utils.data import Dataset

DEVICE = torch.device("cuda")


class Base(Dataset):
    def _load(self, i):
        return self.x[i].to(DEVICE)


class GPUFeatures(Base):
    def __init__(self, n, device="cpu"):
        self.x = torch.randn(n, 4)
        self.device = device

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return self._load(i)


class CPUFeatures(Dataset):
    def __init__(self, n):
        self.x = torch.randn(n, 4)

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return self.x[i]


class ParamDevice(CPUFeatures):
    def __getitem__(self, i):
        return self.x[i].to(self.device)  # a device read from an attribute: not followed


def build(n):
    return GPUFeatures(n)
"""

TRAIN_MODULE = """
import torch
from torch.utils.data import DataLoader

from proj.data import {cls}


def main():
    loader = DataLoader({cls}(16), batch_size=4, num_workers=2)
    model = torch.nn.Linear(4, 2).cuda()
    for batch in loader:
        model(batch)


if __name__ == "__main__":
    main()
"""


def _project(tmp_path, cls):
    from mpguard.linter.files import analyze_path
    from mpguard.linter.settings import Settings

    (tmp_path / "proj").mkdir()
    (tmp_path / "proj" / "__init__.py").write_text("")
    (tmp_path / "proj" / "data.py").write_text(DATA_MODULE)
    (tmp_path / "proj" / "train.py").write_text(TRAIN_MODULE.format(cls=cls))
    return [f for f in analyze_path(tmp_path / "proj" / "train.py", Settings(), project_root=tmp_path).findings
            if f.code == "MP422"]


def test_a_dataset_class_of_another_module_that_moves_samples_to_the_gpu(tmp_path):
    # pytorch#77159's dataset (`.to(device)` in __getitem__), imported from the project's data module
    [finding] = _project(tmp_path, "GPUFeatures")
    assert finding.start.row == 9
    assert "`self.x[i].to(DEVICE)`, line 10 of proj.data, run by `GPUFeatures.__getitem__`" in finding.message


@pytest.mark.parametrize("cls", ["CPUFeatures", "ParamDevice", "build"])
def test_imported_dataset_near_misses(tmp_path, cls):
    # a CPU dataset; a device read from an attribute; a function (not a class) of the module
    assert _project(tmp_path, cls) == []


def test_the_fact_of_a_module(tmp_path):
    from mpguard.semantic.device_classes import dataset_classes

    assert dataset_classes(DATA_MODULE.encode(), "data.py", "proj.data") == {
        "GPUFeatures": ["__getitem__", 10, "self.x[i].to(DEVICE)"]}
    assert dataset_classes(b"class A:\n    def __getitem__(self, i):\n        return i.cuda()\n", "a.py", "a") == {}
    assert dataset_classes(b"def broken(:\n", "b.py", "b") == {}
