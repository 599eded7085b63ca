"""Library calls that fix the start method (the catalog's `context_fixers`, semantic/context_fixers.py): tqdm's first
progress bar makes tqdm's write lock, a `multiprocessing.RLock()` of the default context, so a later
`set_start_method()` without force raises `RuntimeError: context has already been set` (pytorch/vision #544), as
the program's own `multiprocessing.RLock()` there would (MP401). Followed into a helper of another project module
that makes the bar whenever it runs (`ModuleSummary.fixing`, linter/context_fixes.py).

The catalog's facts are proven against the installed tqdm (skipped without it); the analysis on source strings of
other shapes than the corpus program, with silent near misses; one program and its fix run under fork, spawn and
forkserver."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import assert_outcome, check, run_program, skip_without, run_in_session

from mpguard.semantic.boundaries import section
from test_semantic_crossmodule import findings, project

ALREADY_SET = "context has already been set"

# How the fact probe calls each cataloged name (every name must have one: a name added to the catalog is proven here)
RECIPES = {
    "bar": "list(FN(range(2), file=sink))",
    "tqdm.trange": "list(FN(2, file=sink))",
    "tqdm.contrib.tenumerate": "list(FN([1, 2], file=sink))",
    "tqdm.contrib.tzip": "list(FN([1, 2], [3, 4], file=sink))",
    "tqdm.contrib.tmap": "list(FN(abs, [1, 2], file=sink))",
    "tqdm.contrib.concurrent.thread_map": "FN(abs, [1, 2], file=sink)",
    "tqdm.contrib.concurrent.process_map": "FN(abs, [1, 2], max_workers=1, file=sink)",
    "write": "FN('x', file=sink)",
    "get_lock": "FN()",
}


def _recipe(name: str) -> str:
    tail = name.rpartition(".")[2]
    if tail in ("write", "get_lock"):
        return RECIPES[tail]
    if tail == "trange":
        return RECIPES["tqdm.trange"]
    if tail in ("tqdm", "tqdm_asyncio"):
        return RECIPES["bar"]
    return RECIPES[name]


PROBE = """
import importlib, io, json, sys, threading
import multiprocessing.context as context
import tqdm.std

names = json.loads(sys.argv[1])
sink = io.StringIO()


def resolve(name):
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:]:
            obj = getattr(obj, part)
        return obj


def reset():
    context._default_context._actual_context = None
    for cls in [tqdm.std.TqdmDefaultWriteLock, tqdm.std.tqdm, *tqdm.std.tqdm.__subclasses__()]:
        for attr in ("mp_lock", "_lock"):
            if attr in vars(cls):
                delattr(cls, attr)


out = {}
for name, recipe in names:
    reset()
    eval(recipe.replace("FN", "fn"), {"fn": resolve(name), "sink": sink, "abs": abs})
    out[name] = context._default_context._actual_context is not None
reset()
import tqdm
out["<import>"] = context._default_context._actual_context is not None
tqdm.tqdm.pandas()
out["<pandas>"] = context._default_context._actual_context is not None
tqdm.tqdm.set_lock(threading.RLock())
list(tqdm.tqdm(range(2), file=sink))
out["<set_lock first>"] = context._default_context._actual_context is not None
print(json.dumps(out))
"""


def _fixers() -> dict:
    return {name: entry for name, entry in section("context_fixers").items() if isinstance(entry, dict)}


def test_every_cataloged_call_fixes_the_default_context_in_the_installed_library():
    skip_without("tqdm")
    names = [[name, _recipe(name)] for qualified, entry in _fixers().items() for name in (qualified, *entry["names"])]
    out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(names)], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    made = json.loads(out.stdout)
    assert [name for name, _ in names if not made[name]] == []
    # (importing tqdm, `tqdm.pandas()`, and a bar after `set_lock(threading.RLock())` make no multiprocessing lock)
    assert not made["<import>"] and not made["<pandas>"] and not made["<set_lock first>"]


@pytest.mark.parametrize("bar", ["list(tqdm(range(2), file=sink))", "tqdm(total=2, disable=True, file=sink)"])
def test_the_fixed_context_makes_set_start_method_raise(bar):
    skip_without("tqdm")
    program = f"import io, multiprocessing\nfrom tqdm import tqdm\nsink = io.StringIO()\n{bar}\n" \
              "multiprocessing.set_start_method('spawn')\n"
    out = run_in_session([sys.executable, "-c", program], text=True, timeout=60)
    assert out.returncode != 0 and ALREADY_SET in out.stderr


def test_every_entry_unless_called_is_a_setter_of_the_same_library():
    for qualified, entry in _fixers().items():
        assert entry["names"] and entry.get("what") and entry.get("source")
        assert all(name.split(".")[0] == qualified.split(".")[0] for name in entry.get("unless_called", ()))


# --- the analysis, one module ---------------------------------------------------------------------------------------

def mp401(src: str) -> list:
    return [f for f in check(src) if f.code == "MP401"]


def test_a_bar_made_at_the_top_fixes_the_method_for_the_main_block():
    [finding] = mp401("""
        import multiprocessing
        from tqdm.auto import tqdm

        progress = tqdm(total=10, desc="loading")

        if __name__ == "__main__":
            multiprocessing.set_start_method("forkserver")
    """)
    assert finding.start.row == 8 and "line 5" in finding.message and "tqdm" in finding.message
    assert finding.start_methods == {"fork", "spawn", "forkserver"}


def test_a_helper_that_writes_through_tqdm_before_the_setting():
    [finding] = mp401("""
        import multiprocessing as mp
        import tqdm

        def banner(text):
            tqdm.tqdm.write(text)

        def main():
            banner("starting")
            mp.set_start_method("spawn")
            with mp.Pool(2) as pool:
                print(pool.map(abs, [-1, 2]))

        if __name__ == "__main__":
            main()
    """)
    assert finding.start.row == 10


SETTING_FIRST = """
    import multiprocessing
    from tqdm import trange

    def warm_up(steps):
        for _ in trange(steps):
            pass

    def main():
        FIRST
        warm_up(3)
        SECOND

    if __name__ == "__main__":
        main()
"""


def test_a_trange_loop_in_a_function_called_first():
    src = SETTING_FIRST.replace("FIRST", "pass").replace("SECOND", 'multiprocessing.set_start_method("spawn")')
    assert [f.start.row for f in mp401(src)] == [12]


@pytest.mark.parametrize("first, second", [
    ('multiprocessing.set_start_method("spawn")', "pass"),                        # the method is set first
    ("pass", 'multiprocessing.set_start_method("spawn", force=True)'),
    ("pass", 'if multiprocessing.get_start_method(allow_none=True) is None:\n'
             '            multiprocessing.set_start_method("spawn")'),             # asks first
    ("pass", 'try:\n            multiprocessing.set_start_method("spawn")\n'
             "        except RuntimeError:\n            pass"),                      # the error is caught
    ("import threading, tqdm\n        tqdm.tqdm.set_lock(threading.RLock())",
     'multiprocessing.set_start_method("spawn")'),                                   # no multiprocessing lock
])
def test_near_misses_in_one_module(first, second):
    assert mp401(SETTING_FIRST.replace("FIRST", first).replace("SECOND", second)) == []


def test_tqdm_calls_that_make_no_lock_are_silent():
    assert mp401("""
        import multiprocessing
        import tqdm

        tqdm.tqdm.pandas()

        if __name__ == "__main__":
            multiprocessing.set_start_method("spawn")
    """) == []


# --- the analysis, a helper of another project module ----------------------------------------------------------------

REPORTER = """
    from tqdm import tqdm


    class Reporter:
        def __init__(self, total, quiet=True):
            self.bar = tqdm(total=total, disable=quiet)

        def step(self):
            self.bar.update()


    def count(items, verbose=False):
        HOW
        return n
"""

BAR_ALWAYS = "n = 0\n        for _ in tqdm(items):\n            n += 1"
BAR_IF_VERBOSE = "n = len(items)\n        if verbose:\n            tqdm.write(str(n))"

MAIN = """
    import multiprocessing

    from kit.report import Reporter, count


    def square(x):
        return x * x


    def main():
        FIRST
        multiprocessing.set_start_method("spawn")
        with multiprocessing.Pool(2) as pool:
            print("RESULT", pool.map(square, [1, 2, 3]))


    if __name__ == "__main__":
        main()
"""


def files(first, how=BAR_ALWAYS):
    return {"kit/__init__.py": "", "kit/report.py": REPORTER.replace("HOW", how), "main.py": MAIN.replace("FIRST", first)}


@pytest.mark.parametrize("first, helper, line", [
    ("count([1, 2])", "kit.report.count()", 15),
    ("Reporter(3)", "kit.report.Reporter()", 7),
])
def test_another_modules_helper_that_makes_a_bar(tmp_path, first, helper, line):
    root = project(tmp_path, files(first))
    [finding] = findings(root / "main.py", "MP401")
    assert finding.start.row == 13 and f"by {helper}" in finding.message
    assert finding.related_file.path.endswith("report.py") and finding.related_file.line == line


@pytest.mark.parametrize("first, how", [
    ("count([1, 2])", BAR_IF_VERBOSE),                # the helper's bar under a test of its own
    ("pass", BAR_ALWAYS),                              # not called before
])
def test_near_misses_across_modules(tmp_path, first, how):
    root = project(tmp_path, files(first, how))
    assert findings(root / "main.py", "MP401") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("first, fails", [("Reporter(3)", True), ("pass", False)])
def test_runtime(tmp_path, method, first, fails):
    skip_without("tqdm")
    root = project(tmp_path, files(first))
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert_outcome(out, fails, ALREADY_SET, "RESULT [1, 4, 9]")
