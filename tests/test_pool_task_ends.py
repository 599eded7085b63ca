"""MP416 for a multiprocessing.Pool task that can end its worker process (rules/worker_ends, rules/ending_tasks):
`sys.exit()`, `raise SystemExit`/`KeyboardInterrupt` (not Exceptions: a Pool worker catches only those) or `os._exit()`
reached through the task's calls, under the conditions the pool's calls of it meet (bonsai-team/matam #92,
fresh_reports25 matam92_*: `functools.partial(sga.assemble_component, ...)` of another module, `sys.exit(0)` under
`if exit_on_empty:`, True by default). The worker ends without answering, the pool starts another one and `map()`
waits forever. Near misses: a ProcessPoolExecutor (its worker sends SystemExit back), a task that catches SystemExit,
arguments that rule the end out, a local name `exit`. Proven under fork, spawn and forkserver (a hang is killed after
a few seconds; the other runs end at once)."""
import os
import signal
import subprocess
import sys
import textwrap

import pytest
from helpers import RUNNER_SITE, found, runtime_proofs_or_skip

from test_semantic_crossmodule import findings, project

SAME_MODULE = """
    import multiprocessing
    import sys


    def convert(path, strict=True):
        if not path.endswith(".txt"):
            print("not a text file:", path)
            if strict:
                sys.exit(2)
            return None
        return path.upper()


    def main(paths):
        with multiprocessing.Pool(2) as pool:
            return pool.map(convert, paths)


    if __name__ == "__main__":
        print(main(["a.txt", "b.png", "c.txt"]))
"""


def test_a_task_of_the_module_that_calls_sys_exit():
    [finding] = found(SAME_MODULE, "MP416")
    assert finding.start.row == 17 and "sys.exit()" in finding.message and "SystemExit" in finding.message
    assert finding.start_methods == {"fork", "spawn", "forkserver"}


def test_a_deeper_raise_of_keyboard_interrupt_and_a_hard_end():
    src = """
        import multiprocessing
        import os


        def _abort_run(reason):
            raise KeyboardInterrupt(reason)


        def _die():
            os._exit(3)


        def step(item):
            if item < 0:
                _abort_run("negative")
            if item > 100:
                _die()
            return item * 2


        if __name__ == "__main__":
            with multiprocessing.Pool() as pool:
                print(pool.starmap(step, [(1,), (-1,)]))
                print(pool.apply(step, (500,)))
    """
    rows = sorted(f.start.row for f in found(src, "MP416"))
    assert rows == [24, 25]
    assert "KeyboardInterrupt" in found(src, "MP416")[0].message


@pytest.mark.parametrize("change", [
    ("pool.map(convert, paths)", "pool.map(functools.partial(convert, strict=False), paths)"),  # ruled out
    ("                sys.exit(2)", "                raise ValueError(path)"),  # an Exception: sent back
    ("multiprocessing.Pool(2) as pool", "concurrent.futures.ProcessPoolExecutor(2) as pool"),  # sent back
    ("pool.map(convert, paths)", "[convert(p) for p in paths]"),  # no pool
])
def test_near_misses(change):
    src = "import functools\nimport concurrent.futures\n" + textwrap.dedent(SAME_MODULE.replace(*change))
    assert found(src, "MP416") == []


def test_a_handler_that_takes_system_exit_stops_it_and_exception_does_not():
    caught = SAME_MODULE.replace("                sys.exit(2)", "                try:\n                    sys.exit(2)\n"
                                 "                except SystemExit:\n                    return None")
    assert found(caught, "MP416") == []
    broad = SAME_MODULE.replace("                sys.exit(2)", "                try:\n                    sys.exit(2)\n"
                                "                except Exception:\n                    return None")
    assert len(found(broad, "MP416")) == 1


def test_a_local_exit_is_not_the_builtin():
    src = """
        import multiprocessing


        def work(item, exit=print):
            exit(item)
            return item


        if __name__ == "__main__":
            with multiprocessing.Pool() as pool:
                print(pool.map(work, [1, 2]))
    """
    assert found(src, "MP416") == []


HELPER = """
    import sys


    class Failed(Exception):
        pass


    def run_step(item, fail_hard=True):
        if item % 2:
            if fail_hard:
                raise SystemExit(1)
            raise Failed(item)
        return item
"""


def test_another_modules_function_as_the_task_and_through_a_task_of_the_script(tmp_path):
    caller = """
        import functools
        import multiprocessing

        from kit import steps


        def guarded(item):
            return steps.run_step(item)


        def main(items):
            with multiprocessing.Pool(2) as pool:
                first = pool.map(functools.partial(steps.run_step, fail_hard=True), items)
                second = pool.map(guarded, items)
                return first, second


        if __name__ == "__main__":
            main([1, 2])
    """
    root = project(tmp_path, {"kit/__init__.py": "", "kit/steps.py": HELPER, "main.py": caller})
    rows = sorted(f.start.row for f in findings(root / "main.py", "MP416"))
    assert rows == [14, 15]


def test_another_modules_function_called_to_raise_instead(tmp_path):
    caller = """
        import functools
        import multiprocessing

        from kit import steps


        def soft(item):
            try:
                return steps.run_step(item, fail_hard=False)
            except steps.Failed:
                return None


        def main(items):
            with multiprocessing.Pool(2) as pool:
                return pool.map(soft, items), pool.map(functools.partial(steps.run_step, fail_hard=False), items)


        if __name__ == "__main__":
            main([1, 2])
    """
    root = project(tmp_path, {"kit/__init__.py": "", "kit/steps.py": HELPER, "main.py": caller})
    assert findings(root / "main.py", "MP416") == []


RUN_POOL = """
    import concurrent.futures
    import multiprocessing
    import sys


    def task(n):
        if n == 2:
            sys.exit(0)
        return n


    if __name__ == "__main__":
        with POOL as pool:
            print("RESULT", list(pool.map(task, range(4))) if KIND == "pool" else
                  [type(f.exception()).__name__ if f.exception() else f.result()
                   for f in [pool.submit(task, n) for n in range(4)]])
"""


def _run(path, method, timeout):
    """(hung, (exit status, stdout, stderr)) of a program run in its own session: one that hangs is killed with every
    process it started."""
    runtime_proofs_or_skip()
    env = dict(os.environ, PYTHONPATH=str(RUNNER_SITE), MP_DEFAULT_METHOD=method)
    proc = subprocess.Popen([sys.executable, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, start_new_session=True, cwd=path.parent)
    try:
        out, err = proc.communicate(timeout=timeout)
        return False, (proc.returncode, out, err)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return True, (None, "", "")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    pool = tmp_path / "pool.py"
    pool.write_text(textwrap.dedent(RUN_POOL).replace("POOL", "multiprocessing.Pool(2)").replace("KIND", '"pool"'))
    hung, _ = _run(pool, method, timeout=8)  # (must hang: a slow run passes too, so the bound is short)
    assert hung
    executor = tmp_path / "executor.py"
    executor.write_text(textwrap.dedent(RUN_POOL).replace("POOL", "concurrent.futures.ProcessPoolExecutor(2)")
                        .replace("KIND", '"executor"'))
    hung, (status, out, err) = _run(executor, method, timeout=120)
    assert not hung and status == 0 and "RESULT [0, 1, 'SystemExit', 3]" in out, err


@pytest.mark.parametrize("call, reported", [
    ("pool.apply_async(convert, (paths[1],)).get()", True),
    ("pool.map_async(convert, paths).get()", True),
    ("pool.map_async(convert, paths).get(timeout=30)", False),  # a TimeoutError, not a hang
    ("[r for r in pool.imap(convert, paths)]", True),
    ("sorted(pool.imap_unordered(convert, paths))", True),
    ("pool.imap(convert, paths)", False),  # never iterated
])
def test_the_waits_of_the_other_task_methods(call, reported):
    src = SAME_MODULE.replace("return pool.map(convert, paths)", f"return {call}")
    assert len(found(src, "MP416")) == (1 if reported else 0)


def test_the_else_of_a_chain_of_choices_is_not_judged():
    """HTSeq's count scripts: `else: sys.exit("Illegal multimap mode.")` after the chain over the argparse choices."""
    src = """
        import multiprocessing
        import sys


        def count(path, mode):
            if mode == "none":
                return 0
            elif mode == "all":
                return 1
            elif mode in ("fraction", "random"):
                return 2
            else:
                sys.exit("Illegal mode.")


        def count_checked(path, mode):
            if mode == "none":
                return 0
            if not path:
                sys.exit("no path")
            return 1


        if __name__ == "__main__":
            with multiprocessing.Pool() as pool:
                print(pool.starmap(count, [("a", "none")]))
                print(pool.starmap(count_checked, [("", "all")]))
    """
    assert [f.start.row for f in found(src, "MP416")] == [28]


def test_a_handler_passing_on_what_it_caught_is_not_an_end_of_its_own():
    """nnU-Net's unpacking: `except KeyboardInterrupt: <remove the partial files>; raise KeyboardInterrupt`."""
    src = """
        import multiprocessing
        import os


        def unpack(path):
            try:
                return path.upper()
            except KeyboardInterrupt:
                os.remove(path + ".part")
                raise KeyboardInterrupt


        if __name__ == "__main__":
            with multiprocessing.Pool() as pool:
                print(pool.map(unpack, ["a", "b"]))
    """
    assert found(src, "MP416") == []
