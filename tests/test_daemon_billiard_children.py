"""MP413 and billiard: a daemonic process (a Pool worker, billiard's or multiprocessing's, or a Celery prefork
worker) may start billiard's Pool and Process, whose start has no daemon assertion (billiard PR #187, the catalog's
"daemon_children"), but not multiprocessing's. OasisLMF PR #90 (fresh_libs12 oasislmf90): a Celery task reaching a
helper that makes a `multiprocessing.Pool` fails; the helper on `billiard.Pool` runs. Here also a different shape: a
multiprocessing.Pool task starting a billiard Process and a billiard spawn-context Pool in the module itself.
Proven under fork, spawn and forkserver."""
import pytest
from helpers import found, run_program, skip_without

from test_semantic_crossmodule import findings, project

skip_without("billiard")

IN_MODULE = """
    import multiprocessing
    import sys

    import billiard


    def square(x):
        return x * x


    def fan_out(n):
        helper = billiard.Process(target=square, args=(n,))
        helper.start()
        helper.join()
        ctx = billiard.get_context("spawn")
        with ctx.Pool(2) as inner:
            return sum(inner.map(square, range(n))) + helper.exitcode


    def main():
        with multiprocessing.Pool(2) as outer:
            print("RESULT=%s" % outer.map(fan_out, [3, 4]))


    if __name__ == "__main__":
        sys.exit(main())
"""

IN_MODULE_STDLIB = IN_MODULE.replace("helper = billiard.Process", "helper = multiprocessing.Process").replace(
    '''        ctx = billiard.get_context("spawn")
        with ctx.Pool(2) as inner:
            return sum(inner.map(square, range(n))) + helper.exitcode''', '''        return helper.exitcode''')

HELPER_BILLIARD = """
    import billiard


    def fan(func, items):
        pool = billiard.Pool(2)
        try:
            return pool.map(func, list(items))
        finally:
            pool.close()
            pool.join()
"""

HELPER_STDLIB = """
    import multiprocessing


    def fan(func, items):
        with multiprocessing.Pool(2) as pool:
            return pool.map(func, list(items))
"""

WORKER = """
    import sys

    import billiard

    from tools.fanning import fan


    def cube(x):
        return x ** 3


    def job(n):
        return sum(fan(cube, range(n)))


    def main():
        workers = billiard.Pool(2)
        try:
            print("RESULT=%s" % workers.apply(job, (4,)))
        finally:
            workers.close()
            workers.join()


    if __name__ == "__main__":
        sys.exit(main())
"""


def _project(tmp_path, helper):
    return project(tmp_path, {"tools/__init__.py": "", "tools/fanning.py": helper, "worker.py": WORKER})


def test_billiard_process_and_pool_in_a_pool_task_are_allowed():
    assert not found(IN_MODULE, "MP413")


def test_a_multiprocessing_process_in_a_pool_task_is_still_refused():
    assert found(IN_MODULE_STDLIB, "MP413")


def test_a_helper_of_another_module_on_billiard_pool_in_a_billiard_worker_is_allowed(tmp_path):
    assert not findings(_project(tmp_path, HELPER_BILLIARD) / "worker.py", "MP413")


def test_a_helper_of_another_module_on_multiprocessing_pool_in_a_billiard_worker_is_refused(tmp_path):
    assert findings(_project(tmp_path, HELPER_STDLIB) / "worker.py", "MP413")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_billiard_children_of_daemonic_workers(tmp_path, method):
    ok = tmp_path / "ok.py"
    ok.write_text(IN_MODULE.replace("\n    ", "\n").lstrip())
    out = run_program(ok, method)
    assert out.returncode == 0 and "RESULT=[" in out.stdout, out.stderr
    bad = tmp_path / "bad.py"
    bad.write_text(IN_MODULE_STDLIB.replace("\n    ", "\n").lstrip())
    out = run_program(bad, method)
    assert out.returncode != 0 and "daemonic processes are not allowed to have children" in out.stderr, out.stderr


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_helpers_in_a_billiard_worker(tmp_path, method):
    root = _project(tmp_path / "ok", HELPER_BILLIARD)
    out = run_program(root / "worker.py", method, cwd=root)
    assert out.returncode == 0 and "RESULT=36" in out.stdout, out.stderr
    root = _project(tmp_path / "bad", HELPER_STDLIB)
    out = run_program(root / "worker.py", method, cwd=root)
    assert out.returncode != 0 and "daemonic processes are not allowed to have children" in out.stderr, out.stderr
