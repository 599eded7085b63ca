"""A DataLoader's worker count known only from its callers, and OpenCV's objects in the pickle catalog (fresh_libs14:
RITnet #12).

- `DataLoader(ds, num_workers=config.workers)` in a function whose callers pass a config object: the count is the
  field the call sites set (a dataclass built from an option's default, a literal); the loader starts workers when
  that resolves to a constant above 0 (one worker is already a child process), and is forgotten when it is 0 or not
  known (semantic/library_calls.settle_counts, as for `Dataset.map(num_proc=...)`).
- cv2's algorithm objects (`cv2.createCLAHE`, `cv2.ORB_create`, matchers, background subtractors) and its
  `KeyPoint` records refuse pickling (data/pickle_catalog.json, measured by scripts/probe_pickle.py with opencv
  5.1; tests/test_pickle_catalog.py checks them where cv2 is installed). What such an operator computes (a numpy
  array) pickles.
Near misses stay silent; the cv2 refusal is proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import assert_outcome, found, run_program, skip_without

METHODS = ["fork", "spawn", "forkserver"]

LOADER = '''
    import argparse
    import threading
    from dataclasses import dataclass

    from torch.utils.data import DataLoader, Dataset


    class Frames(Dataset):
        def __init__(self):
            self.guard = threading.Lock()

        def __len__(self):
            return 4

        def __getitem__(self, i):
            return i


    @dataclass
    class Settings:
        batch: int = 2
        jobs: int = {default}


    def make_loader(settings):
        return DataLoader(Frames(), batch_size=settings.batch, num_workers=settings.jobs)


    def main():
        ap = argparse.ArgumentParser()
        ap.add_argument("--jobs", type=int, default={option})
        args = ap.parse_args()
        for batch in make_loader(Settings(jobs=args.jobs)):
            print(batch)


    if __name__ == "__main__":
        main()
'''


def test_loader_workers_from_a_config_field_the_caller_fills():
    (finding,) = found(textwrap.dedent(LOADER.format(default=0, option=3)), "MP203")
    assert "_thread.lock" in finding.message
    assert set(finding.start_methods) == {"spawn", "forkserver"}


def test_loader_workers_from_the_field_default():
    src = textwrap.dedent(LOADER.format(default=2, option=0)).replace("Settings(jobs=args.jobs)", "Settings()")
    assert len(found(src, "MP203")) == 1


@pytest.mark.parametrize("default, option", [(0, 0), (4, 0)])
def test_near_miss_no_worker_process(default, option):
    """num_workers=0 loads in the parent (the option's 0 wins over the field's default)."""
    assert found(textwrap.dedent(LOADER.format(default=default, option=option)), "MP203") == []


def test_near_miss_count_not_known():
    src = textwrap.dedent(LOADER.format(default=2, option=1)).replace(
        "Settings(jobs=args.jobs)", "Settings(jobs=int(os.environ['JOBS']))").replace("import argparse", "import argparse, os")
    assert found(src, "MP203") == []


POOL = '''
    import multiprocessing

    import cv2
    import numpy as np


    def describe(item):
        return int(item.sum()) if hasattr(item, "sum") else 0


    def main():
        image = (np.arange(64 * 64) % 251).astype(np.uint8).reshape(64, 64)
        {made}
        with multiprocessing.Pool(2) as pool:
            print("RESULT=%d" % sum(pool.map(describe, items)))


    if __name__ == "__main__":
        main()
'''

REFUSED = "items = [cv2.ORB_create(), cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))]"
COMPUTED = "items = [cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(image)]"


@pytest.mark.parametrize("made", [REFUSED, "items = [cv2.KeyPoint(1.0, 2.0, 3.0)]",
                                  "matcher = cv2.BFMatcher()\n        items = [matcher]"])
def test_cv2_objects_as_pool_arguments(made):
    (finding,) = found(textwrap.dedent(POOL.format(made=made)), "MP203")
    assert "cannot pickle 'cv2." in finding.message


def test_near_miss_what_the_operator_computes():
    assert found(textwrap.dedent(POOL.format(made=COMPUTED)), "MP203") == []


@pytest.mark.parametrize("method", METHODS)
def test_runtime_cv2_operator_in_pool_arguments(tmp_path, method):
    skip_without("cv2")
    path = tmp_path / "features.py"
    path.write_text(textwrap.dedent(POOL.format(made=REFUSED)))
    assert_outcome(run_program(path, method), True, "cannot pickle 'cv2.", "")
    path.write_text(textwrap.dedent(POOL.format(made=COMPUTED)))
    assert_outcome(run_program(path, method), False, "", "RESULT=")
