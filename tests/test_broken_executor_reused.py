"""MP414 for an executor kept after it broke (rules/broken_pools.py): a loop hands work to a
ProcessPoolExecutor inside a `try` whose handler catches BrokenProcessPool and goes on with the same executor
(temporalio sdk-python #245, fresh_reports9 temporal245_*). Near misses: the handler replaces the executor,
leaves the loop, catches only Exception, or the executor is made in each turn."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, codes, rows, run_program

PROGRAM = """
    import concurrent.futures
    import os
    import sys
    from concurrent.futures.process import BrokenProcessPool


    def work(n):
        if n == 1:
            os._exit(1)  # the worker dies: the executor is broken from now on
        return n * 10


    class Runner:
        def __init__(self):
            self.executor = concurrent.futures.ProcessPoolExecutor(2)

        def execute(self, n):
            return self.executor.submit(work, n).result(timeout=20)

        def run_all(self, items):
            done = []
            for n in items:
                try:
                    done.append(self.execute(n))
                except BrokenProcessPool:
                    HANDLER
            return done


    if __name__ == "__main__":
        runner = Runner()
        try:
            done = runner.run_all([0, 1, 2, 3])
        finally:
            runner.executor.shutdown(wait=True)
        print(f"RESULT={done}")
        sys.exit(0 if done == [0, 20, 30] else 3)
"""

KEEPS = "print('failed', file=sys.stderr)"
REPLACES = "self.executor.shutdown(wait=False)\n                self.executor = concurrent.futures.ProcessPoolExecutor(2)"


def program(handler: str = KEEPS) -> str:
    return textwrap.dedent(PROGRAM).replace("HANDLER", handler)


def test_the_call_handing_work_to_the_kept_executor():
    assert rows(program(), "MP414") == [program().splitlines().index("                done.append(self.execute(n))") + 1]


def test_a_submit_in_the_try_body_itself():
    src = """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    def work(n):
        return n

    def main(items):
        out = []
        with ProcessPoolExecutor(2) as executor:
            for n in items:
                try:
                    out.append(executor.submit(work, n).result())
                except (BrokenProcessPool, TimeoutError) as exc:
                    print("lost", n, exc)
                    continue
        return out

    if __name__ == "__main__":
        main(range(4))
    """
    assert rows(src, "MP414") == [13]


@pytest.mark.parametrize("handler", [
    REPLACES,                                                # a new executor for the next turn
    "break",
    "return done",
    "raise",
    "sys.exit(2)",
    "self.reset()",                                          # a method of the class that makes a new one
])
def test_a_handler_that_replaces_or_leaves_is_silent(handler):
    src = program(handler).replace("    def run_all", "    def reset(self):\n"
                                   "        self.executor = concurrent.futures.ProcessPoolExecutor(2)\n\n"
                                   "    def run_all")
    compile(src, "runner.py", "exec")
    assert "MP414" not in codes(src)


def test_a_handler_of_exception_alone_is_silent():
    assert "MP414" not in codes(program().replace("except BrokenProcessPool:", "except Exception:"))


def test_no_loop_is_silent():
    src = """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    def work(n):
        return n

    def once(executor, n):
        try:
            return executor.submit(work, n).result()
        except BrokenProcessPool:
            return None

    if __name__ == "__main__":
        with ProcessPoolExecutor(2) as ex:
            print(once(ex, 1))
    """
    assert "MP414" not in codes(src)


def test_an_executor_made_in_each_turn_is_silent():
    src = """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    def work(n):
        return n

    def main(items):
        for n in items:
            with ProcessPoolExecutor(2) as executor:
                try:
                    print(executor.submit(work, n).result())
                except BrokenProcessPool:
                    print("lost", n)

    if __name__ == "__main__":
        main(range(4))
    """
    assert "MP414" not in codes(src)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("handler", ["keeps", "replaces"])
def test_runtime_broken_executor_reused(tmp_path, method, handler):
    """Kept: the turns after the dead worker all fail (exit 3, RESULT=[0]); replaced: they run again."""
    path = tmp_path / "runner.py"
    path.write_text(program(KEEPS if handler == "keeps" else REPLACES))
    out = run_program(path, method)
    if handler == "keeps":
        assert out.returncode == 3 and "RESULT=[0]" in out.stdout, out.stderr
    else:
        assert_outcome(out, False, "", "RESULT=[0, 20, 30]")


def test_a_helper_given_the_executor_is_not_judged_by_its_parameter_name():
    """The helper's `ex` is a parameter: the handler replacing `self.executor` is not seen through that name."""
    src = program(REPLACES).replace("    def execute(self, n):\n        return self.executor.submit(work, n).result(timeout=20)",
                                    "    def execute(self, n):\n        return _run(self.executor, n)")
    src = src.replace("class Runner:", "def _run(ex, n):\n    return ex.submit(work, n).result(timeout=20)\n\n\nclass Runner:")
    compile(src, "runner.py", "exec")
    assert "_run(self.executor, n)" in src and "MP414" not in codes(src)
    assert "MP414" not in codes(src.replace(REPLACES, KEEPS))  # (not known through the parameter: silent)
