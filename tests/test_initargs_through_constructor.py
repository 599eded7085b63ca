"""A value handed to another module's class, kept on `self` by its `__init__`, and given by a method of that
class to `Pool(initializer=..., initargs=(self.dataset,))` (lyhue1991/eat_pytorch_in_20_days #15: a dataset whose
transform is a module-level lambda, iterated through a DataLoader-like class of another module). The pool starts
its workers when it is made, each with the initializer and its initargs as Process args: pickled under spawn and
forkserver. The loader module's summary names the constructor's parameter as a sink of role "initargs"."""
from __future__ import annotations

import textwrap

import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

LOADER = """
    import multiprocessing

    _DATASET = None


    def _init_worker(dataset):
        global _DATASET
        _DATASET = dataset


    def _fetch(indices):
        return [_DATASET[i] for i in indices]


    class MiniLoader:
        def __init__(self, dataset, batch_size=2, num_workers=2):
            self.dataset = dataset
            self.batch_size = batch_size
            self.num_workers = num_workers

        def __iter__(self):
            idx = list(range(len(self.dataset)))
            batches = [idx[i:i + self.batch_size] for i in range(0, len(idx), self.batch_size)]
            with multiprocessing.Pool(self.num_workers, initializer=_init_worker, initargs=(INITARGS,)) as pool:
                return iter(pool.map(_fetch, batches))
"""

MAIN = """
    from kit.loader import MiniLoader


    class Dataset:
        def __init__(self, items, transform=None):
            self.items = items
            self.transform = transform

        def __len__(self):
            return len(self.items)

        def __getitem__(self, i):
            return self.transform(self.items[i]) if self.transform else self.items[i]


    def double(x):
        return x * 2


    data = Dataset([1, 2, 3, 4], transform=TRANSFORM)


    def main():
        for batch in MiniLoader(data):
            print(batch)


    if __name__ == "__main__":
        main()
"""


def make(tmp_path, transform="lambda x: x * 2", initargs="self.dataset"):
    return project(tmp_path, {"kit/__init__.py": "", "kit/loader.py": LOADER.replace("INITARGS", initargs),
                              "main.py": MAIN.replace("TRANSFORM", transform)})


def test_the_lambda_in_the_dataset_is_found_at_the_constructor_call(tmp_path):
    root = make(tmp_path)
    [finding] = findings(root / "main.py", "MP203")
    assert "makes an argument of the pool initializer" in finding.message
    assert "whose .transform is a lambda" in finding.message
    assert set(finding.start_methods) == {"spawn", "forkserver"}
    assert finding.related_file is not None and finding.related_file.site


@pytest.mark.parametrize("transform,initargs", [
    ("double", "self.dataset"),          # a module-level function pickles by name
    ("None", "self.dataset"),
    ("lambda x: x * 2", "self.batch_size"),  # the pool gets the batch size, not the dataset
])
def test_near_misses_stay_silent(tmp_path, transform, initargs):
    root = make(tmp_path, transform, initargs)
    assert findings(root / "main.py", "MP203") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("transform", ["lambda x: x * 2", "double"])
def test_runtime(tmp_path, method, transform):
    root = make(tmp_path, transform)
    (root / "main.py").write_text(textwrap.dedent(MAIN.replace("TRANSFORM", transform)))
    out = run_program(root / "main.py", method, timeout=120, cwd=root)
    if transform.startswith("lambda") and method != "fork":
        assert out.returncode != 0 and "PicklingError" in out.stderr and "lambda" in out.stderr, out.stderr
    else:
        assert out.returncode == 0 and "[2, 4]" in out.stdout, out.stderr
