"""MP413 stays silent where the refusal is handled: a daemonic process's start raises AssertionError ("daemonic
processes are not allowed to have children"), and a `try` around the start (or around the call that reaches it)
whose handler catches it (`except AssertionError`, bare, `Exception`) and neither raises it again nor passes the
caught error on falls back (surya PR #182: a ThreadPoolExecutor when the ProcessPoolExecutor fails;
fresh_reports22 surya182_recognition_thread_fallback, a false alarm). So does a helper of another module that asks
`current_process().daemon` first. Near misses that still fail, and are still found: a handler of another
exception, one that re-raises, one that hands the error on (`out.put(str(exc))`), a submit outside the `try`.
Proven under fork, spawn and forkserver."""
import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

RENDER = """
    import multiprocessing
    from concurrent.futures import ThreadPoolExecutor


    def shade(tile):
        return tile * 3


    def render_all(tiles):
        try:
            pool = multiprocessing.Pool(2)
        except Exception:
            pool = None
        if pool is None:
            with ThreadPoolExecutor(2) as threads:
                return list(threads.map(shade, tiles))
        with pool:
            return pool.map(shade, tiles)


    def render_checked(tiles):
        if multiprocessing.current_process().daemon:
            return [shade(t) for t in tiles]
        with multiprocessing.Pool(2) as pool:
            return pool.map(shade, tiles)
"""

CALLER = """
    import multiprocessing

    from kit.render import HELPER


    def frame(tiles):
        return sum(HELPER(tiles))


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as outer:
            print("RESULT=%s" % sum(outer.map(frame, [[1, 2], [3]])))
"""

IN_TASK = """
    import multiprocessing


    def square(x):
        return x * x


    def fan_out(values):
        with multiprocessing.Pool(2) as inner:
            return inner.map(square, values)


    def job(values):
        try:
            return sum(fan_out(values))
        except AssertionError:
            return sum(square(v) for v in values)


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as outer:
            print("RESULT=%s" % sum(outer.map(job, [[1, 2], [3]])))
"""

SAME_FUNCTION = """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


    def square(x):
        return x * x


    def job(values):
        try:
            with ProcessPoolExecutor(2) as ex:
                return sum(ex.map(square, values))
        except AssertionError:
            with ThreadPoolExecutor(2) as ex:
                return sum(ex.map(square, values))


    def watcher(values, q):
        q.put(job(values))


    if __name__ == "__main__":
        q = multiprocessing.Queue()
        p = multiprocessing.Process(target=watcher, args=([1, 2, 3], q), daemon=True)
        p.start()
        print("RESULT=%s" % q.get(timeout=20))
        p.join()
"""

SPLIT_SUBMIT = """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor


    def square(x):
        return x * x


    def job(values):
        ex = ProcessPoolExecutor(2)
        first = ex.submit(square, values[0]).result()
        try:
            rest = list(ex.map(square, values[1:]))
        except AssertionError:
            rest = [square(v) for v in values[1:]]
        ex.shutdown()
        return first + sum(rest)


    if __name__ == "__main__":
        with multiprocessing.Pool(2) as outer:
            print("RESULT=%s" % sum(outer.map(job, [[1, 2], [3]])))
"""

RERAISE = ("except AssertionError:", "print('no children')", "raise")
PASSED_ON = ("except AssertionError as exc:", "return str(exc)")
LOGGED = ("except AssertionError as exc:", "logging.warning('serial: %s', exc)")


def _handler(program, lines):
    """`program` with its `except AssertionError:` line replaced by `lines` (the handler line, then statements
    put first in its body, at the body's indentation)."""
    head, _, rest = program.partition("except AssertionError:\n")
    indent = head[head.rindex("\n") + 1:]
    body = "".join(f"{indent}    {line}\n" for line in lines[1:])
    return f"{head}{lines[0]}\n{body}{rest}"


def test_caught_in_the_task_or_the_function_is_silent():
    assert found(IN_TASK, "MP413") == []
    assert found(SAME_FUNCTION, "MP413") == []
    logged = "import logging\n" + _handler(IN_TASK, LOGGED)
    assert found(logged, "MP413") == []


@pytest.mark.parametrize("change", ["ValueError", "reraise", "passed on"])
@pytest.mark.parametrize("program", [IN_TASK, SAME_FUNCTION])
def test_handlers_that_do_not_handle_it(program, change):
    if change == "ValueError":
        changed = program.replace("except AssertionError:", "except ValueError:")
    elif change == "reraise":
        changed = _handler(program, RERAISE)
    else:
        changed = _handler(program, PASSED_ON)
    assert len(found(changed, "MP413")) == 1


def test_a_submit_outside_the_try_still_starts_the_executor():
    assert [f.start.row for f in found(SPLIT_SUBMIT, "MP413")] == [11]


@pytest.mark.parametrize("helper", ["render_all", "render_checked"])
def test_another_modules_helper_that_handles_it(tmp_path, helper):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/render.py": RENDER,
                              "main.py": CALLER.replace("HELPER", helper)})
    assert findings(root / "main.py", "MP413") == []


@pytest.mark.parametrize("helper", ["render_all", "render_checked"])
def test_another_modules_helper_that_does_not(tmp_path, helper):
    render = RENDER.replace("except Exception:", "except ValueError:").replace(
        "if multiprocessing.current_process().daemon:", "if multiprocessing.current_process().name == 'x':")
    root = project(tmp_path, {"kit/__init__.py": "", "kit/render.py": render, "main.py": CALLER.replace("HELPER", helper)})
    assert len(findings(root / "main.py", "MP413")) == 1


ERROR = "daemonic processes are not allowed to have children"


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    handled = project(tmp_path / "ok", {
        "kit/__init__.py": "", "kit/render.py": RENDER, "all.py": CALLER.replace("HELPER", "render_all"),
        "checked.py": CALLER.replace("HELPER", "render_checked"), "task.py": IN_TASK, "same.py": SAME_FUNCTION})
    for name, printed in (("all.py", "RESULT=18"), ("checked.py", "RESULT=18"), ("task.py", "RESULT=14"),
                          ("same.py", "RESULT=14")):
        out = run_program(handled / name, method, cwd=handled)
        assert out.returncode == 0 and printed in out.stdout, (name, out.stderr)
    render = RENDER.replace("except Exception:", "except ValueError:")
    # (its result never arrives: the parent's get waits out its bound, kept short)
    unhandled_same = SAME_FUNCTION.replace("except AssertionError:", "except ValueError:").replace(
        "q.get(timeout=20)", "q.get(timeout=4)")
    failing = project(tmp_path / "bad", {
        "kit/__init__.py": "", "kit/render.py": render, "all.py": CALLER.replace("HELPER", "render_all"),
        "task.py": _handler(IN_TASK, RERAISE), "same.py": unhandled_same,
        "split.py": SPLIT_SUBMIT})
    for name in ("all.py", "task.py", "same.py", "split.py"):
        out = run_program(failing / name, method, cwd=failing, hang_expected=True)
        assert out.returncode != 0 and ERROR in out.stderr, (name, out.stderr)
