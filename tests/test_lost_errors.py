"""MP419: an exception of a task or child process that nothing observes (rules/lost_errors.py). A Pool task whose
AsyncResult is dropped and which has no error_callback (UW-Hydro/RVIC PR 62), a Process joined by a parent that never
reads its exitcode (pypest/pyemu #136), when the code the task runs has a visible `raise` outside any `try`. Shapes
other than the corpus programs, silent near misses, and the behaviour run under fork, spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import check, run_program

from test_semantic_crossmodule import findings, project


def mp419(src: str) -> list:
    return [f for f in check(src) if f.code == "MP419"]


MAP_ASYNC = """
    import multiprocessing

    done = []


    def checked(n):
        if n % 7 == 0:
            raise ArithmeticError(n)
        return n


    def scale(n):
        return checked(n) * 10


    def run(numbers):
        pool = multiprocessing.Pool(3)
        SUBMIT
        pool.close()
        pool.join()
        return done


    if __name__ == "__main__":
        print("RESULT", run(list(range(1, 9))))
"""


def submit(call: str) -> str:
    return MAP_ASYNC.replace("SUBMIT", call)


def test_map_async_dropped_whose_task_calls_a_raising_helper():
    [finding] = mp419(submit("pool.map_async(scale, numbers, callback=done.extend)"))
    assert finding.start.row == 19 and "checked(...)` may raise ArithmeticError" in finding.message
    assert finding.start_methods == {"fork", "spawn", "forkserver"}


def test_apply_async_without_any_callback_in_a_loop():
    [finding] = mp419(submit("for n in numbers:\n            pool.apply_async(checked, (n,))"))
    assert finding.start.row == 20 and "`raise ArithmeticError`" in finding.message


@pytest.mark.parametrize("call", [
    "pool.map_async(scale, numbers, callback=done.extend, error_callback=print)",      # the error is told
    "done.append(pool.map_async(scale, numbers))",                                      # the result is kept
    "result = pool.map_async(scale, numbers)\n        result.wait()",                    # (kept: its get() may follow)
    "options = {'callback': done.extend}\n        pool.map_async(scale, numbers, **options)",  # maybe error_callback
    "pool.map_async(abs, numbers, callback=done.extend)",                              # no raise that is seen
])
def test_near_misses_for_a_pool(call):
    assert mp419(submit(call)) == []


def test_not_joined_here_is_left_to_the_with_block_rule():
    src = submit("pool.map_async(scale, numbers, callback=done.extend)").replace("        pool.join()\n", "")
    assert mp419(src) == []


def test_a_raise_the_task_catches_itself_or_an_abstract_one_is_not_a_lost_failure():
    caught = submit("pool.map_async(scale, numbers, callback=done.extend)").replace(
        "        return checked(n) * 10", "        try:\n            return checked(n) * 10\n"
                                         "        except ArithmeticError:\n            return 0")
    assert mp419(caught) == []
    abstract = submit("pool.map_async(checked, numbers)").replace("raise ArithmeticError(n)", "raise NotImplementedError")
    assert mp419(abstract) == []


PROCESSES = """
    import multiprocessing
    import os


    def convert(path, out):
        with open(path) as fh:
            text = fh.read()
        if not text.strip():
            raise ValueError(f"{path} is empty")
        with open(out, "w") as fh:
            fh.write(text.upper())


    def convert_all(pairs):
        procs = [multiprocessing.Process(target=convert, args=(src, out)) for src, out in pairs]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join()
        CHECK
        return [out for _, out in pairs if os.path.exists(out)]


    if __name__ == "__main__":
        base = os.path.dirname(os.path.abspath(__file__))
        pairs = [(f"{base}/{n}.txt", f"{base}/{n}.out") for n in "ab"]
        print("RESULT", len(convert_all(pairs)), "of", len(pairs))
"""


def test_processes_joined_without_reading_their_exit_codes():
    [finding] = mp419(PROCESSES.replace("CHECK", "pass"))
    assert finding.start.row == 18 and "`raise ValueError`, line 10" in finding.message and "line 20" in finding.message


@pytest.mark.parametrize("change", [
    ("CHECK", "failed = [p.name for p in procs if p.exitcode]"),                     # the exit codes are read
    ("args=(src, out)", "args=(src, out, multiprocessing.Queue())"),                        # a channel back
    ("        for proc in procs:\n            proc.join()\n", ""),                     # never joined here
    ("raise ValueError", "return"),                                                   # nothing raises
])
def test_near_misses_for_processes(change):
    old, new = change
    src = PROCESSES.replace(old, new).replace("CHECK", "pass")
    assert mp419(src) == []


def test_a_target_of_another_project_module(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/jobs.py": """
        def export(name):
            if "/" in name:
                raise OSError(name)
            return name
    """, "main.py": """
        import multiprocessing

        from kit import jobs


        if __name__ == "__main__":
            worker = multiprocessing.Process(target=jobs.export, args=("a/b",))
            worker.start()
            worker.join()
            print("done")
    """})
    [finding] = findings(root / "main.py", "MP419")
    assert finding.start.row == 9
    assert finding.related_file.path.endswith("jobs.py") and finding.related_file.line == 4


RUN_POOL = MAP_ASYNC.replace("SUBMIT", "for n in numbers:\n            pool.apply_async(checked, (n,), callback=done.append"
                             "ERRORS)").replace('print("RESULT", run(list(range(1, 9))))',
                                                'print("RESULT", len(run(list(range(1, 9)))), len(failed))')
RUN_POOL = RUN_POOL.replace("done = []", "done = []\n    failed = []")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("errors, printed", [("", "RESULT 7 0"), (", error_callback=failed.append", "RESULT 7 1")])
def test_runtime_pool(tmp_path, method, errors, printed):
    import textwrap
    path = tmp_path / "main.py"
    path.write_text(textwrap.dedent(RUN_POOL.replace("ERRORS", errors)))
    assert (mp419(RUN_POOL.replace("ERRORS", errors)) != []) == (errors == "")
    out = run_program(path, method, timeout=60)
    # (without error_callback: 7 of the 8 results, no exception anywhere, exit status 0)
    assert out.returncode == 0 and printed in out.stdout and "Traceback" not in out.stderr, out.stderr


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_processes(tmp_path, method):
    import textwrap
    (tmp_path / "a.txt").write_text("alpha")
    (tmp_path / "b.txt").write_text("  ")
    program = PROCESSES.replace("CHECK", "pass")
    path = tmp_path / "main.py"
    path.write_text(textwrap.dedent(program))
    out = run_program(path, method, timeout=60)
    # the child's traceback is printed; the parent ends normally with one output missing
    assert out.returncode == 0 and "RESULT 1 of 2" in out.stdout and "ValueError" in out.stderr, out.stderr


def test_a_partial_of_the_task_runs_its_function():
    src = submit("pool.map_async(functools.partial(scale), numbers)").replace(
        "import multiprocessing\n", "import functools\n    import multiprocessing\n")
    assert [f.start.row for f in mp419(src)] == [20]


EXECUTOR = """
    from concurrent.futures import POOL


    def publish(report):
        if "title" not in report:
            raise KeyError("title")
        print(report["title"])


    def publish_all(reports):
        with POOL(max_workers=2) as executor:
            for report in reports:
                SUBMIT


    if __name__ == "__main__":
        publish_all([{"title": "a"}, {}])
"""


def test_a_process_pool_future_dropped_in_the_with_block():
    [finding] = mp419(EXECUTOR.replace("POOL", "ProcessPoolExecutor").replace("SUBMIT", "executor.submit(publish, report)"))
    assert finding.start.row == 14 and "Future" in finding.message


@pytest.mark.parametrize("pool, call", [
    ("ProcessPoolExecutor", "executor.submit(publish, report).add_done_callback(print)"),   # the Future is used
    ("ProcessPoolExecutor", "futures.append(executor.submit(publish, report))"),             # kept
    ("ThreadPoolExecutor", "executor.submit(publish, report)"),                                 # no process
])
def test_near_misses_for_an_executor(pool, call):
    src = EXECUTOR.replace("POOL", pool).replace("SUBMIT", call).replace(
        "        with", "        futures = []\n        with")
    assert mp419(src) == []
