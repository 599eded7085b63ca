"""General models found missing by fresh_realistic5's blind programs, each with a hazard-free near miss and proven by
running it under fork, spawn and forkserver:

- a call to another project module's generator function gives a generator (whatever the function returns), which
  pickle refuses inside a task's arguments (DeepDeblur #5: `yield table, kio.iter_lines(path)`); drained into a
  list first, or iterated by the parent (`pool.map(f, kio.iter_lines(path))`), nothing crosses but its items."""
import pytest
from helpers import assert_outcome, run_program

from test_semantic_crossmodule import findings, project

LINES = """
    from contextlib import contextmanager


    def iter_lines(path):
        with open(path) as fh:
            for line in fh:
                yield line.rstrip("\\n")


    @contextmanager
    def opened(path):
        yield path
"""

INGEST = """
    import multiprocessing
    import sys

    from kit import io as kio


    def count(table, lines):
        return table, len(list(lines))


    def plan(paths):
        for path in paths:
            yield path, PASSED


    def main(path):
        with open(path, "w") as fh:
            fh.write("a\\nb\\n")
        with multiprocessing.Pool(2) as pool:
            counted = pool.starmap(count, list(plan([path])))
            each = pool.map(len, kio.iter_lines(path))
        print("RESULT=%s %s" % (counted, each))
        return 0


    if __name__ == "__main__":
        sys.exit(main("lines.txt"))
"""

# what each task carries -> is it refused (a generator made by another module's function)
PASSED = {"kio.iter_lines(path)": True, "list(kio.iter_lines(path))": False, "tuple(kio.iter_lines(path))": False,
          "path": False}


def _ingest(tmp_path, passed):
    return project(tmp_path, {"kit/__init__.py": "", "kit/io.py": LINES,
                              "main.py": INGEST.replace("PASSED", passed)})


@pytest.mark.parametrize("passed", sorted(PASSED))
def test_a_generator_of_another_modules_function_in_task_arguments(tmp_path, passed):
    got = findings(_ingest(tmp_path, passed) / "main.py", "MP203")
    assert [f.start.row for f in got] == ([21] if PASSED[passed] else [])
    assert all("a generator" in f.message for f in got)


def test_a_context_manager_generator_is_not_a_generator(tmp_path):
    assert findings(_ingest(tmp_path, "kio.opened(path)") / "main.py", "MP203") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("passed", sorted(PASSED))
def test_runtime_generator_of_another_module(tmp_path, passed, method):
    root = _ingest(tmp_path, passed)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert_outcome(out, PASSED[passed], "cannot pickle 'generator' object", "RESULT=")
