"""MP301 through cloudpickle pools (joblib's loky): what a worker changes in a module global stays in its copy, as with
multiprocessing (stackoverflow 11055303 with joblib; fresh_libs2 joblib_loky_worker_fills_cache). Near misses: joblib
running threads (`prefer="threads"`, also from an enclosing `with parallel_config(...)`, `backend="threading"`), where
the global is shared. The runtime test runs each program with the installed joblib."""
import importlib.util
import sys
import textwrap

import pytest

from helpers import run_in_session

from mpguard.linter.analyze import analyze

PROGRAM = """
from joblib import Parallel, delayed{imports}

SEEN = []


def work(x):
    SEEN.append(x)
    return x * 2


def main():
{call}
    print(len(SEEN))


if __name__ == "__main__":
    main()
"""
LOKY = "    out = Parallel(n_jobs=2)(delayed(work)(i) for i in range(4))"
THREADS = {
    "prefer": ("", "    out = Parallel(n_jobs=2, prefer=\"threads\")(delayed(work)(i) for i in range(4))"),
    "config": (", parallel_config", "    with parallel_config(prefer=\"threads\"):\n"
                                    "        out = Parallel(n_jobs=2)(delayed(work)(i) for i in range(4))"),
    "threading": ("", "    out = Parallel(n_jobs=2, backend=\"threading\")(delayed(work)(i) for i in range(4))"),
}


def program(imports: str, call: str) -> str:
    return PROGRAM.replace("{imports}", imports).replace("{call}", call)


def mp301(source: str) -> list:
    return [f.start.row for f in analyze(textwrap.dedent(source), "case.py").findings if f.code == "MP301"]


def test_a_loky_worker_changing_a_global():
    assert mp301(program("", LOKY)) == [8]


@pytest.mark.parametrize("form", sorted(THREADS))
def test_joblib_threads_share_the_global(form):
    assert mp301(program(*THREADS[form])) == []


@pytest.mark.skipif(importlib.util.find_spec("joblib") is None, reason="joblib is not installed (pip install joblib)")
@pytest.mark.parametrize("form", ["loky", *sorted(THREADS)])
def test_runtime(tmp_path, form):
    source = program("", LOKY) if form == "loky" else program(*THREADS[form])
    path = tmp_path / "prog.py"
    path.write_text(source)
    out = run_in_session([sys.executable, str(path)], text=True, timeout=120)
    assert out.stdout.split() == (["0"] if form == "loky" else ["4"]), out.stderr[-2000:]
