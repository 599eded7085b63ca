"""A name a test of the function's parameters binds to different imports (semantic/branch_choices): the callers'
arguments choose the branch (fresh_libs10 bert4keras50: `if dummy: from multiprocessing.dummy import Pool else:
from multiprocessing import Pool`, called with `dummy=True`). An object made only on a branch no path takes is not
judged; an argument not known may take either, so the process pool's finding stays. Also: dask's `scheduler=`
named by what the callers pass (a parameter, an item of a module's settings dict: climate1022 in one module).
Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import found, run_program, skip_without

from test_semantic_crossmodule import findings, project

EXECUTORS = """
    import sys


    def index_all(docs, threads):
        return {"weights": collect(docs, use_threads=threads)}


    def collect(docs, use_threads=False):
        if use_threads:
            from concurrent.futures import ThreadPoolExecutor as Executor
        else:
            from concurrent.futures import ProcessPoolExecutor as Executor

        def weigh(doc):
            return len(doc.split())

        with Executor(2) as ex:
            return sorted(ex.map(weigh, docs))


    def main():
        print("RESULT=%s" % index_all(["a b", "c d e"], THREADS)["weights"])


    if __name__ == "__main__":
        main()
"""


def executors(threads: str) -> str:
    return EXECUTORS.replace("THREADS", threads)


# the choice as an expression, reversed branches, a flag handed through a second function
EXPRESSION = """
    import multiprocessing
    from multiprocessing.pool import ThreadPool


    def run(items, serial):
        Pool = ThreadPool if serial else multiprocessing.Pool
        with Pool(2) as pool:
            return pool.map(lambda x: x + 1, items)


    def outer(items, serial):
        return run(items, serial)


    if __name__ == "__main__":
        print("RESULT=%s" % outer([1, 2], SERIAL))
"""


def test_callers_choose_the_thread_branch():
    assert not found(executors("True"), "MP201")


def test_callers_choose_the_process_branch():
    assert [f.start.row for f in found(executors("False"), "MP201")] == [19]


def test_unknown_argument_keeps_the_process_branch():
    assert found(executors("len(sys.argv) > 1"), "MP201")


def test_no_caller_keeps_the_process_branch():
    src = textwrap.dedent(EXECUTORS).split("def main")[0]
    assert found(src, "MP201")


def test_process_branch_first():
    src = executors("True").replace("if use_threads:", "if not use_threads:") \
        .replace("import ThreadPoolExecutor as Executor", "import X") \
        .replace("import ProcessPoolExecutor as Executor", "import ThreadPoolExecutor as Executor") \
        .replace("import X", "import ProcessPoolExecutor as Executor")
    assert "if not use_threads:" in src and not found(src, "MP201")
    assert found(src.replace('"c d e"], True)', '"c d e"], False)'), "MP201")


def test_callable_handed_on_keeps_the_finding():
    # `collect` is also handed to another caller whose arguments are not known: any branch may run
    src = executors("True").replace("    def main():", "    JOBS = [collect]\n\n\n    def main():")
    assert "JOBS" in src and found(src, "MP201")


def test_expression_choice_through_two_calls():
    assert not found(EXPRESSION.replace("SERIAL", "True"), "MP201")
    assert found(EXPRESSION.replace("SERIAL", "False"), "MP201")


def test_same_import_in_both_branches_is_not_a_choice():
    src = """
        def run(items, fast):
            if fast:
                from multiprocessing import Pool
            else:
                from multiprocessing import Pool
            with Pool(2) as pool:
                return pool.map(lambda x: x, items)


        if __name__ == "__main__":
            run([1], True)
    """
    assert found(src, "MP201")


DASK = """
    import dask

    SETTINGS = {"scheduler": "SCHEDULER", "num_workers": 2}


    def square(x):
        return x * x


    def compute_all(xs, settings):
        return dask.compute(*xs, scheduler=settings["scheduler"], num_workers=settings["num_workers"])


    lazy = [dask.delayed(square)(i) for i in range(4)]
    print(compute_all(lazy, SETTINGS))
"""


def test_dask_scheduler_from_a_settings_parameter():
    assert [f.start.row for f in found(DASK.replace("SCHEDULER", "processes"), "MP101")] == [16]
    assert not found(DASK.replace("SCHEDULER", "threads"), "MP101")


def test_dask_scheduler_parameter():
    src = """
        import dask


        def compute_all(xs, scheduler):
            return dask.compute(*xs, scheduler=scheduler)


        print(compute_all([dask.delayed(abs)(-1)], "SCHEDULER"))
    """
    assert [f.start.row for f in found(src.replace("SCHEDULER", "processes"), "MP101")] == [9]
    assert not found(src.replace("SCHEDULER", "threads"), "MP101")
    # callers that disagree: the scheduler is not known (precision first, as for a joblib backend)
    assert not found(src + "        print(compute_all([], 'threads'))\n", "MP101")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    for threads, fails in (("True", False), ("False", True), ("len(sys.argv) > 1", True)):
        path = tmp_path / "indexer.py"
        path.write_text(textwrap.dedent(executors(threads)))
        out = run_program(path, method)
        if fails:  # (3.10 reports the worker's failure as a broken pool)
            assert out.returncode != 0 and ("Can't pickle local object" in out.stderr
                                            or "Can't get local object" in out.stderr
                                            or "BrokenProcessPool" in out.stderr), out.stderr
        else:
            assert "RESULT=[2, 3]" in out.stdout, out.stderr
    for serial, fails in (("True", False), ("False", True)):
        path = tmp_path / "expression.py"
        path.write_text(textwrap.dedent(EXPRESSION.replace("SERIAL", serial)))
        out = run_program(path, method)
        if fails:
            assert out.returncode != 0 and "lambda" in out.stderr, out.stderr
        else:
            assert "RESULT=[2, 3]" in out.stdout, out.stderr


RENDER = """
    import dask


    def shade(frame):
        return frame * 2


    def render(frames, opts):
        lazy = [dask.delayed(shade)(f) for f in frames]
        return dask.compute(*lazy, scheduler=opts["scheduler"])
"""

SCRIPT = """
    from render_kit import render
    OPTIONS
    print("RESULT=%s" % (render([1, 2], ARGUMENT),))
"""


def _script(tmp_path, argument: str, options: str = "", guarded: bool = False):
    script = SCRIPT.replace("OPTIONS", options).replace("ARGUMENT", argument)
    if guarded:
        script = script.replace('    print("RESULT', '    if __name__ == "__main__":\n        print("RESULT')
    project(tmp_path, {"render_kit.py": RENDER, "main.py": script})
    return tmp_path / "main.py"


def test_scheduler_of_another_modules_function(tmp_path):
    assert findings(_script(tmp_path / "a", '{"scheduler": "processes"}'), "MP101")
    assert not findings(_script(tmp_path / "b", '{"scheduler": "threads"}'), "MP101")
    # a name the caller reads: it may name processes (param_guards' stance for an argument not known)
    assert findings(_script(tmp_path / "c", "opts", 'opts = dict(scheduler="processes")'), "MP101")
    assert not findings(_script(tmp_path / "d", '{"scheduler": "processes"}', guarded=True), "MP101")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_scheduler_of_another_modules_function_runtime(tmp_path, method):
    skip_without("dask")
    for name, argument, guarded, fails in (("a", '{"scheduler": "processes"}', False, True),
                                           ("b", '{"scheduler": "threads"}', False, False),
                                           ("d", '{"scheduler": "processes"}', True, False)):
        path = _script(tmp_path / name, argument, guarded=guarded)
        out = run_program(path, method, cwd=path.parent)
        if fails:  # (dask's processes scheduler spawns whatever the default)
            assert out.returncode != 0 and "bootstrapping phase" in out.stderr, out.stderr
        else:
            assert "RESULT=(2, 4)" in out.stdout, out.stderr
