"""cloudpickle (joblib's loky) copies a script's function by value with the module-level objects it reads; an open
file among them fails only when it was not opened for reading (cloudpickle's _file_reduce; a file opened for reading
is copied with its contents). fresh_libs2 joblib_loky_module_log_handle: an audit log opened with "a"."""
import importlib.util
import sys

import pytest

from helpers import run_in_session

from mpguard.linter.analyze import analyze

PROGRAM = """
import os
import sys
import tempfile

from joblib import Parallel, delayed

PATH = os.path.join(tempfile.mkdtemp(), "audit.log")
with open(PATH, "w") as seed:
    seed.write("seed\\n")
AUDIT = open(PATH, {mode})


def score(text):
    AUDIT.tell()
    return len(text.split())


def main():
    print(Parallel(n_jobs=2)(delayed(score)(t) for t in ["a b", "c"]))


if __name__ == "__main__":
    main()
"""
REFUSED = {'"a"': True, '"w"': True, 'mode="ab"': True, '"r"': False, '"r+"': False, '"a+"': False}


def mp421(mode: str) -> list:
    return [f for f in analyze(PROGRAM.replace("{mode}", mode), "case.py").findings if f.code == "MP421"]


@pytest.mark.parametrize("mode", sorted(REFUSED))
def test_a_file_is_refused_only_when_not_opened_for_reading(mode):
    found = mp421(mode)
    assert bool(found) is REFUSED[mode]
    if found:
        shown = mode.split("=")[-1].strip('"')
        assert found[0].message.endswith(f"Cannot pickle files that are not opened for reading: {shown})")
        assert "an open file" in found[0].message


@pytest.mark.skipif(importlib.util.find_spec("joblib") is None, reason="joblib is not installed (pip install joblib)")
@pytest.mark.parametrize("mode", ['"a"', '"r"', '"a+"'])
def test_runtime(tmp_path, mode):
    path = tmp_path / "prog.py"
    path.write_text(PROGRAM.replace("{mode}", mode))
    out = run_in_session([sys.executable, str(path)], text=True, timeout=120)
    if REFUSED[mode]:
        assert out.returncode != 0 and "Cannot pickle files that are not opened for reading" in out.stderr
    else:
        assert out.returncode == 0 and out.stdout.strip() == "[2, 1]", out.stderr[-2000:]


RETURNED = """
import dask
from dask import delayed


def load(i):
    return open("/tmp/mpguard-returned-%d.txt" % i, {mode})


if __name__ == "__main__":
    print(dask.compute(*[delayed(load)(i) for i in range(2)], scheduler="processes"))
"""


@pytest.mark.parametrize("mode", ['"w"', '"r+"'])
def test_a_file_returned_by_a_cloudpickle_task_follows_the_same_modes(mode):
    """A task of dask's processes scheduler returns its result through cloudpickle: a file opened to write is
    refused (observed: PicklingError: Cannot pickle files that are not opened for reading: w), one opened for
    reading is copied."""
    found = [f for f in analyze(RETURNED.replace("{mode}", mode), "case.py").findings if f.code == "MP207"]
    assert bool(found) is REFUSED[mode]
    if found:
        assert found[0].message.endswith("Cannot pickle files that are not opened for reading: w")
