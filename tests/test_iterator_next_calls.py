"""An iterator's `__next__` as a call (semantic/iteration.py): the builtin `next(obj)` (with or without a default)
runs `type(obj).__next__(obj)`, and iterating an object whose `__iter__` gives the object back (`for x in obj`,
`list(obj)`, a comprehension) calls its `__next__` for each item. When that method starts processes (lazily, on the
first item: batchgenerators' MultiThreadedAugmenter, PR #20; fresh_libs16 batchgen20_unguarded_augmenter_example) and
the script drives it at import time without a main guard, MP101. Near misses: the same under the guard, a `next`
the module defines itself, a class whose `__next__` starts nothing, an `__iter__` that is a generator of its own (the
loop never calls `__next__`). Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import found, run_program

from test_semantic_crossmodule import findings, project

STREAM = """
    import multiprocessing as mp


    def _fill(out, seed):
        out.put(seed * 10)


    class LazyStream:
        def __init__(self, workers):
            self.workers = workers
            self.queue = None
            self.procs = []

        def _launch(self):
            self.queue = mp.Queue()
            for i in range(self.workers):
                proc = mp.Process(target=_fill, args=(self.queue, i), daemon=True)
                proc.start()
                self.procs.append(proc)

        def __iter__(self):
            return self

        def __next__(self):
            if not self.procs:
                self._launch()
            if len(self.procs) > 4:
                raise StopIteration
            self.procs.append(None)
            return self.queue.get(timeout=20)
"""


@pytest.mark.parametrize("use", [
    "first = next(stream)",
    "first = next(stream, None)",
    "for item in stream:\n    break",
    "firsts = [x for _, x in zip(range(2), stream)]",
    "items = list(stream)",
])
def test_driving_the_iterator_at_import_starts_the_processes(use):
    src = textwrap.dedent(STREAM) + "\n\nstream = LazyStream(2)\n" + use + "\n"
    [finding] = found(src, "MP101")
    assert "__next__" in finding.message


def _generator_iter(src):
    return src.replace("        def __iter__(self):\n            return self\n",
                       "        def __iter__(self):\n            yield 1\n")


@pytest.mark.parametrize("src", [
    # under the main guard
    textwrap.dedent(STREAM) + "\n\nif __name__ == '__main__':\n    stream = LazyStream(2)\n    first = next(stream)\n",
    # the module's own `next`
    textwrap.dedent(STREAM) + "\n\ndef next(it, default=None):\n    return default\n\n\nstream = LazyStream(2)\n"
    "first = next(stream)\n",
    # a `__next__` that starts nothing
    textwrap.dedent(STREAM.replace("                self._launch()\n", "                pass\n"))
    + "\n\nstream = LazyStream(2)\nfirst = next(stream)\n",
    # `__iter__` is a generator of its own: the loop never calls `__next__`
    textwrap.dedent(_generator_iter(STREAM)) + "\n\nstream = LazyStream(2)\nfor item in stream:\n    break\n",
])
def test_near_misses_say_nothing(src):
    assert found(src, "MP101") == []


SCRIPT = """
    from feeds.stream import LazyStream

    stream = LazyStream(2)
    USE
    print("RESULT=%s" % first)
"""


@pytest.mark.parametrize("use", ["first = next(stream)", "first = sorted(stream)[0]"])
def test_a_class_of_another_module(tmp_path, use):
    root = project(tmp_path, {"feeds/__init__.py": "", "feeds/stream.py": STREAM,
                              "main.py": SCRIPT.replace("USE", use)})
    [finding] = findings(root / "main.py", "MP101")
    assert finding.start.row == 5 and "__next__" in finding.message


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    root = project(tmp_path, {"feeds/__init__.py": "", "feeds/stream.py": STREAM,
                              "main.py": SCRIPT.replace("USE", "first = next(stream)")})
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if method == "fork":
        assert out.returncode == 0 and "RESULT=" in out.stdout, out.stderr
    else:
        assert out.returncode != 0 and "bootstrapping phase" in out.stderr, out.stderr
