"""MP413 through a decorator (viztracer PR #563): a Pool worker is daemonic, and it runs the decorated task's
wrapper; a wrapper that starts a Process (to save a trace) raises "daemonic processes are not allowed to have
children" in the worker. The wrapper is the one the decorator hands out for the way it is applied (bare or
called: semantic/decorator_wrappers)."""
from __future__ import annotations

import textwrap

import pytest
from helpers import found, run_program

TRACED = """
    import functools
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor


    def _save(n):
        print("saved", n)


    def traced(method=None, inline=False):
        def inner(func):
            @functools.wraps(func)
            def wrapper(*args, **kwargs):
                result = func(*args, **kwargs)
                SAVE
                return result
            return wrapper

        if method is not None:
            return inner(method)
        return inner


    @DECORATOR
    def crunch(n):
        return n * n


    if __name__ == "__main__":
        RUN
"""

START = """saver = multiprocessing.Process(target=_save, args=(result,))
                saver.start()
                saver.join()"""
ASKS = """if multiprocessing.current_process().daemon:
                    _save(result)
                else:
                    saver = multiprocessing.Process(target=_save, args=(result,))
                    saver.start()
                    saver.join()"""
POOL = """with multiprocessing.Pool(2) as pool:
            print(pool.map(crunch, [1, 2, 3]))"""
EXECUTOR = """with ProcessPoolExecutor(2) as pool:
            print(list(pool.map(crunch, [1, 2, 3])))"""
PLAIN = """
    import functools
    import multiprocessing


    def _save(n):
        print("saved", n)


    def traced(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            result = func(*args, **kwargs)
            saver = multiprocessing.Process(target=_save, args=(result,))
            saver.start()
            saver.join()
            return result
        return wrapper


    @traced
    def crunch(n):
        return n * n


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(crunch, [1, 2, 3]))
"""


def program(decorator="traced", save=START, run=POOL) -> str:
    return textwrap.dedent(TRACED.replace("DECORATOR", decorator).replace("SAVE", save).replace("RUN", run))


@pytest.mark.parametrize("decorator", ["traced", "traced(inline=True)"])
def test_the_wrappers_process_start_is_found(decorator):
    [finding] = found(program(decorator), "MP413")
    assert "the decorator of crunch()" in finding.message
    # (from the Process(...) made right before it to start(), where it fails: RuleContext.made_before)
    assert finding.end.row == program(decorator).splitlines().index("            saver.start()") + 1


def test_a_plain_decorator():
    assert len(found(PLAIN, "MP413")) == 1


@pytest.mark.parametrize("variant", [
    {"save": ASKS},                                      # the wrapper asks whether it runs in a daemon
    {"run": EXECUTOR},                                   # ProcessPoolExecutor's workers are not daemonic
    {"save": "print('saved', result)"},                  # the wrapper starts nothing
])
def test_near_misses_stay_silent(variant):
    assert found(program(**variant), "MP413") == []


def test_an_undecorated_pool_task_stays_silent():
    src = PLAIN.replace("@traced\n", "")
    assert found(src, "MP413") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("variant", ["pool", "asks", "executor"])
def test_runtime(tmp_path, method, variant):
    src = {"pool": program(), "asks": program(save=ASKS), "executor": program(run=EXECUTOR)}[variant]
    path = tmp_path / "prog.py"
    path.write_text(src)
    out = run_program(path, method, timeout=120)
    if variant == "pool":
        assert out.returncode != 0 and "daemonic processes are not allowed to have children" in out.stderr, out.stderr
    else:
        assert out.returncode == 0 and "[1, 4, 9]" in out.stdout, out.stderr
