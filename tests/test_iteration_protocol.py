"""The iteration protocol as a call (semantic/iteration.py): `for x in obj`, a comprehension over `obj` and
`list(obj)`-style consumption run `type(obj).__iter__(obj)`; when that method (a generator method too) starts
processes and the script iterates at import time without a main guard, MP101 fires at the iterated expression
(fresh_reports13 materialistic2: `for batch in loader:` of a torch-like DataLoader of another module). Near misses:
the same under the guard, iterating lists, dicts, files and generators, a class whose `__iter__` starts nothing, a
generator expression nobody consumes. Proven under fork, spawn and forkserver."""
import sys
import textwrap

import pytest
from helpers import codes, found, run_program

from test_semantic_crossmodule import findings, project

FEEDER = """
    import multiprocessing


    def _square(items, out):
        out.put([i * i for i in items])


    class ShardFeeder:
        def __init__(self, shards):
            self.shards = shards

        def __iter__(self):
            out = multiprocessing.Queue()
            procs = [multiprocessing.Process(target=_square, args=(s, out)) for s in self.shards]
            for p in procs:
                p.start()
            got = [out.get(timeout=20) for _ in procs]
            for p in procs:
                p.join()
            yield from sorted(got)
"""

SCRIPT = FEEDER + """

    feeder = ShardFeeder([[1, 2], [3]])
    total = 0
    for chunk in feeder:
        total += sum(chunk)
    print("RESULT=%d" % total)
"""


@pytest.mark.parametrize("loop", [
    "for chunk in feeder:\n    total += sum(chunk)",
    "total = sum(sum(c) for c in feeder)",
    "total = sum([sum(c) for c in feeder])",
    "total = len(list(feeder))",
    "total = len(sorted(feeder))",
    "for i, chunk in enumerate(feeder):\n    total += i",
    "total = len({tuple(c) for c in feeder})",
])
def test_iterating_at_import_starts_the_processes(loop):
    src = textwrap.dedent(FEEDER) + "\n\nfeeder = ShardFeeder([[1, 2], [3]])\ntotal = 0\n" + loop + "\n"
    [finding] = found(src, "MP101")
    assert "__iter__" in finding.message
    lines = src.splitlines()
    assert finding.start.row == len(lines) - loop.count("\n")  # the loop's (first) line


def test_under_the_guard_and_ordinary_iterables_say_nothing():
    guarded = SCRIPT.replace("\n    feeder = ShardFeeder", "\n    if __name__ == '__main__':\n     feeder = ShardFeeder") \
        .replace("\n    total = 0", "\n     total = 0").replace("\n    for chunk", "\n     for chunk") \
        .replace("\n        total +=", "\n         total +=").replace("\n    print(", "\n     print(")
    assert "MP101" not in codes(guarded)
    plain = """
        import multiprocessing
        import io

        def gen():
            yield 1

        rows = [1, 2]
        table = {"a": 1}
        handle = io.StringIO("x\\ny\\n")
        total = 0
        for r in rows:
            total += r
        for k in table:
            total += len(k)
        for line in handle:
            total += 1
        for g in gen():
            total += g
        total += len(list(rows)) + sum(table.values())

        if __name__ == "__main__":
            p = multiprocessing.Process(target=print)
            p.start()
            p.join()
    """
    assert "MP101" not in codes(plain)


def test_a_class_whose_iter_starts_nothing_and_an_unconsumed_generator_say_nothing():
    quiet = SCRIPT.replace("p.start()", "pass").replace("out.get(timeout=20)", "[]").replace("p.join()", "pass")
    assert "MP101" not in codes(quiet)
    lazy = SCRIPT.replace("for chunk in feeder:\n        total += sum(chunk)", "pending = (c for c in feeder)")
    assert "MP101" not in codes(lazy)


def test_a_class_of_another_module(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/feed.py": FEEDER, "main.py": """
        from kit.feed import ShardFeeder

        feeder = ShardFeeder([[1, 2], [3]])
        total = 0
        for chunk in feeder:
            total += sum(chunk)
        print("RESULT=%d" % total)
    """})
    [finding] = findings(root / "main.py", "MP101")
    assert finding.start.row == 6 and "kit.feed.ShardFeeder" in finding.message
    guarded = project(tmp_path / "g", {"kit/__init__.py": "", "kit/feed.py": FEEDER, "main.py": """
        from kit.feed import ShardFeeder

        if __name__ == "__main__":
            total = 0
            for chunk in ShardFeeder([[1, 2], [3]]):
                total += sum(chunk)
            print("RESULT=%d" % total)
    """})
    assert findings(guarded / "main.py", "MP101") == []


def test_a_parameter_iterated_by_a_function_called_at_import():
    src = SCRIPT.replace("feeder = ShardFeeder([[1, 2], [3]])\n    total = 0\n    for chunk in feeder:\n"
                         "        total += sum(chunk)\n",
                         "def consume(chunks):\n        return sum(sum(c) for c in chunks)\n\n\n"
                         "    total = consume(ShardFeeder([[1, 2], [3]]))\n")
    assert "MP101" in codes(src)


@pytest.mark.skipif(sys.platform == "win32", reason="fork and forkserver")
@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    """Unguarded, the spawned child re-imports the script and iterates again: the bootstrap error (fork copies
    the parent and is fine); guarded, every method prints the total."""
    # (unguarded under spawn and forkserver no shard reports back: the parent's get waits out its bound; fork's
    # children report at once)
    unguarded = FEEDER.replace("out.get(timeout=20)", "out.get(timeout=8)")
    root = project(tmp_path / "a", {"kit/__init__.py": "", "kit/feed.py": unguarded, "main.py": """
        from kit.feed import ShardFeeder

        feeder = ShardFeeder([[1, 2], [3]])
        total = 0
        for chunk in feeder:
            total += sum(chunk)
        print("RESULT=%d" % total)
    """})
    out = run_program(root / "main.py", method, timeout=90, cwd=root)
    if method == "fork":
        assert out.returncode == 0 and "RESULT=14" in out.stdout, out.stderr
    else:
        assert "An attempt has been made to start a new process before" in out.stderr, out.stderr[-2000:]
    fixed = project(tmp_path / "b", {"kit/__init__.py": "", "kit/feed.py": FEEDER, "main.py": """
        from kit.feed import ShardFeeder

        if __name__ == "__main__":
            total = 0
            for chunk in ShardFeeder([[1, 2], [3]]):
                total += sum(chunk)
            print("RESULT=%d" % total)
    """})
    out = run_program(fixed / "main.py", method, timeout=90, cwd=fixed)
    assert out.returncode == 0 and "RESULT=14" in out.stdout, out.stderr
