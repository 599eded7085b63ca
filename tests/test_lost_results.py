"""MP416: a worker Process whose target can raise before it puts its result on the Queue it was given, while the
parent waits with `get()` and no timeout and never asks whether a worker is alive: the exception ends the worker
(its traceback is printed there), and the parent waits forever (daos-stack/daos PR #18414, fresh_reports18
daos18414_parallel_list_process_queue_counter; the raise there is in another project module's function). Near
misses: the worker catches, a Pool (its results re-raise or carry the error), the callee handles its own error; silent
too when the parent reads with a timeout or checks the workers. Proven under fork, spawn and forkserver (a hang: the run is killed after a minute,
the other runs end at once)."""
import os
import subprocess
import sys
import textwrap

import pytest
from helpers import RUNNER_SITE, found, runtime_proofs_or_skip, run_in_session

from test_semantic_crossmodule import findings, project

HAZARD = """
    import multiprocessing


    def measure(name):
        if name.startswith("-"):
            raise ValueError("negative: " + name)
        return len(name)


    def worker(tasks, results):
        while True:
            name = tasks.get()
            if name is None:
                break
            size = measure(name)
            results.put((name, size))


    def collect(names):
        tasks, results = multiprocessing.Queue(), multiprocessing.Queue()
        workers = [multiprocessing.Process(target=worker, args=(tasks, results)) for _ in range(2)]
        for proc in workers:
            proc.start()
        for name in names:
            tasks.put(name)
        for _ in workers:
            tasks.put(None)
        sizes = dict(results.get() for _ in names)
        for proc in workers:
            proc.join()
        return sizes


    if __name__ == "__main__":
        print("RESULT=%s" % sorted(collect(["ab", "-c", "def"]).items()))
"""

CAUGHT = HAZARD.replace("""            size = measure(name)
            results.put((name, size))""", """            try:
                size = measure(name)
            except ValueError as err:
                size = str(err)
            results.put((name, size))""")
POOLED = HAZARD.replace("""    def collect(names):
        tasks, results = multiprocessing.Queue(), multiprocessing.Queue()
        workers = [multiprocessing.Process(target=worker, args=(tasks, results)) for _ in range(2)]
        for proc in workers:
            proc.start()
        for name in names:
            tasks.put(name)
        for _ in workers:
            tasks.put(None)
        sizes = dict(results.get() for _ in names)
        for proc in workers:
            proc.join()
        return sizes""", """    def sized(name):
        try:
            return name, measure(name)
        except ValueError as err:
            return name, str(err)


    def collect(names):
        with multiprocessing.Pool(2) as pool:
            return dict(pool.imap_unordered(sized, names))""")
TIMEOUT = HAZARD.replace("sizes = dict(results.get() for _ in names)", "sizes = dict(results.get(timeout=30) for _ in names)")
CHECKED = HAZARD.replace("""        sizes = dict(results.get() for _ in names)""", """        sizes = {}
        while len(sizes) < len(names) and all(proc.is_alive() for proc in workers):
            sizes.update([results.get()])""")

HELPER = """
    def measure(name):
        if name.startswith("-"):
            raise ValueError("negative: " + name)
        return len(name)
"""

CALLER = HAZARD.replace("""    def measure(name):
        if name.startswith("-"):
            raise ValueError("negative: " + name)
        return len(name)


""", "").replace("import multiprocessing\n", "import multiprocessing\n\n    from kit import sizes\n").replace(
    "size = measure(name)", "size = sizes.measure(name)")


def test_raise_before_put():
    [finding] = found(HAZARD, "MP416")
    assert "`measure(...)` may raise ValueError" in finding.message
    assert "results.get()" in finding.message


@pytest.mark.parametrize("program", [CAUGHT, POOLED, TIMEOUT, CHECKED], ids=["caught", "pooled", "timeout", "checked"])
def test_near_misses(program):
    # (CAUGHT and POOLED are proven below; with a timeout or a liveness check the parent shows it handles a lost
    # worker, and mpguard stays silent)
    assert program != HAZARD
    assert found(program, "MP416") == []


def test_another_module(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/sizes.py": HELPER, "main.py": CALLER})
    [finding] = [f for f in findings(root / "main.py") if f.code == "MP416"]
    assert "`sizes.measure(...)` may raise ValueError" in finding.message


def test_another_module_handled_there(tmp_path):
    helper = HELPER.replace("""        if name.startswith("-"):
            raise ValueError("negative: " + name)
        return len(name)""", """        try:
            if name.startswith("-"):
                raise ValueError("negative: " + name)
        except ValueError:
            return -1
        return len(name)""")
    root = project(tmp_path, {"kit/__init__.py": "", "kit/sizes.py": helper, "main.py": CALLER})
    assert [f for f in findings(root / "main.py") if f.code == "MP416"] == []


def _run(path, method, timeout):
    """(hung, (exit status, stdout, stderr)) of a program run in its own session: a program that hangs is killed with
    every process it started."""
    runtime_proofs_or_skip()
    env = dict(os.environ, PYTHONPATH=str(RUNNER_SITE), MP_DEFAULT_METHOD=method)
    try:
        proc = run_in_session([sys.executable, str(path)], timeout=timeout, env=env, cwd=path.parent)
        out, err = proc.stdout, proc.stderr
        return False, (proc.returncode, out, err)
    except subprocess.TimeoutExpired:
        return True, (None, "", "")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    path = tmp_path / "hazard.py"
    path.write_text(textwrap.dedent(HAZARD))
    hung, _ = _run(path, method, timeout=8)  # (must hang: a slow run passes too, so the bound is short)
    assert hung
    for name, program, printed in (("caught", CAUGHT, "('-c', 'negative: -c')"), ("pooled", POOLED, "('-c', 'negative: -c')")):
        path = tmp_path / f"{name}.py"
        path.write_text(textwrap.dedent(program))
        hung, (status, out, err) = _run(path, method, timeout=120)
        assert not hung and status == 0 and printed in out, err
