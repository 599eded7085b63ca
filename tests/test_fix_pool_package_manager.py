"""MP203's Manager fix for a pool's task arguments takes the Manager of the pool's own package: a billiard (or
multiprocess) worker holds its package's authentication key, and a multiprocessing Manager's proxy fails to
connect there (AuthenticationError: the fix of fresh_libs5 billiard_pool_map_queue, billiard PR #131, hung
under every start method). Proven under fork, spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import run_program, skip_without
from mpguard.fixes.apply import fix_all, parses
from mpguard.linter.analyze import analyze

SOURCE = '''import queue

import PACKAGE


def double(results, item):
    return item * 2


def run(items):
    results = queue.Queue()
    pool = PACKAGE.Pool(2)
    try:
        return pool.starmap(double, [(results, item) for item in items])
    finally:
        pool.terminate()
        pool.join()


if __name__ == "__main__":
    print("RESULT=%d" % sum(run([1, 2, 3])))
'''


def fixed(text):
    return fix_all(text, lambda t: analyze(t, "case.py").findings, unsafe=True)[0]


@pytest.mark.parametrize("package", ["billiard", "multiprocessing"])  # (dill pickles a queue.Queue)
def test_the_manager_of_the_pools_package(package):
    text = SOURCE.replace("PACKAGE", package)
    [finding] = [f for f in analyze(text, "case.py").findings if f.code == "MP203"]
    assert f"{package}.Manager()" in finding.fix.message
    out = fixed(text)
    assert parses(out)
    assert f"    manager = {package}.Manager()\n    results = manager.Queue()\n" in out
    assert "import multiprocessing" not in out or package == "multiprocessing"
    assert [f.code for f in analyze(out, "case.py").findings] == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("package", ["billiard"])
def test_runtime(tmp_path, package, method):
    skip_without(package)
    path = tmp_path / "prog.py"
    # (the old fix, a multiprocessing proxy in a billiard worker, hangs after an AuthenticationError: not run)
    text = SOURCE.replace("PACKAGE", package)
    path.write_text(fixed(text))
    out = run_program(path, method, timeout=120)
    assert out.returncode == 0 and "RESULT=12" in out.stdout, out.stderr
