"""MP203 at a decorator whose wrapper hands the function it replaced to a child Process (reaction_utils #1 with
timeout_decorator's process mode; semantic/sent_originals.py). `@deco` rebinds the decorated name to the wrapper,
so the original, pickled by reference under spawn and forkserver, is "not the same object" as what its name holds.
Only the wrappers the application reaches count (a factory's flag choosing a thread or signal branch is silent)."""
from __future__ import annotations

import textwrap

import pytest
from helpers import assert_outcome, codes, found, run_program
from mpguard.linter.files import analyze_path
from mpguard.linter.settings import Settings

BARE = """
    import functools
    import multiprocessing


    def _call(fn, args, out):
        out.put(fn(*args))


    def in_child(fn):
        @functools.wraps(fn)
        def runner(*args):
            out = multiprocessing.Queue()
            proc = multiprocessing.Process(target=_call, args=(fn, args, out))
            proc.start()
            value = out.get()
            proc.join()
            return value
        return runner


    @in_child
    def square(x):
        return x * x


    if __name__ == "__main__":
        print("square", square(7))
"""


def test_a_bare_decorator_sending_the_original_to_a_process():
    rows = [f.start.row for f in found(BARE, "MP203")]
    lines = textwrap.dedent(BARE).splitlines()
    assert rows == [lines.index("@in_child") + 1]
    assert set(found(BARE, "MP203")[0].start_methods) == {"spawn", "forkserver"}


def test_the_original_as_the_target_without_functools_wraps():
    src = BARE.replace("        @functools.wraps(fn)\n", "").replace(
        "target=_call, args=(fn, args, out)", "target=fn, args=args")
    assert "MP203" in codes(src)


def test_a_wrapper_sending_the_name_of_the_function_is_silent():
    # (pebble's way: the child looks the function up itself, so nothing pickles the original)
    src = BARE.replace("args=(fn, args, out)", "args=(fn.__module__, fn.__qualname__, args, out)")
    assert "MP203" not in codes(src)


def test_a_registering_decorator_is_silent():
    src = """
        import multiprocessing

        TASKS = []


        def task(fn):
            TASKS.append(fn)
            proc = multiprocessing.Process(target=fn)
            proc.start()
            proc.join()
            return fn


        @task
        def hello():
            print("hello")
    """
    assert "MP203" not in codes(src)


def test_a_wrapper_running_the_original_in_a_thread_is_silent():
    src = BARE.replace("multiprocessing.Process(", "threading.Thread(").replace(
        "import multiprocessing", "import multiprocessing\nimport threading")
    assert "MP203" not in codes(src)


FACTORY = """
    import concurrent.futures
    import functools
    import multiprocessing


    def isolated(mode="process"):
        def decorate(func):
            if mode == "thread":
                @functools.wraps(func)
                def wrapper(*args):
                    with concurrent.futures.ThreadPoolExecutor(1) as pool:
                        return pool.submit(func, *args).result()
                return wrapper

            @functools.wraps(func)
            def wrapper(*args):
                child = multiprocessing.Process(target=func, args=args)
                child.start()
                child.join()
                return child.exitcode
            return wrapper
        return decorate
"""

USER = """
    from kit.runner import isolated


    @isolated(MODE)
    def job(n):
        print("job", n)


    if __name__ == "__main__":
        print("exit", job(3))
"""


def _project(tmp_path, mode: str):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("")
    (tmp_path / "kit" / "runner.py").write_text(textwrap.dedent(FACTORY))
    main = tmp_path / "main.py"
    main.write_text(textwrap.dedent(USER).replace("MODE", mode))
    return main


def _mp203(main) -> list:
    return [f for f in analyze_path(main, Settings(), project_root=main.parent).findings if f.code == "MP203"]


@pytest.mark.parametrize("mode", ['"process"', 'mode="process"'])
def test_a_factory_of_another_module_choosing_the_process_wrapper(tmp_path, mode):
    found_here = _mp203(_project(tmp_path, mode))
    assert [f.start.row for f in found_here] == [5]  # the `@isolated(...)` line
    assert "wrapper()" in found_here[0].message


def test_a_factory_choosing_the_thread_wrapper_is_silent(tmp_path):
    assert _mp203(_project(tmp_path, '"thread"')) == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_original_sent_by_the_wrapper(tmp_path, method):
    """Under fork the child inherits the original; spawn and forkserver pickle it by its name, which holds the
    wrapper (3.14 words it "it's not the same object as" too)."""
    path = tmp_path / "squares.py"
    path.write_text(textwrap.dedent(BARE))
    assert_outcome(run_program(path, method, timeout=30), method != "fork", "not the same object as", "square 49")
