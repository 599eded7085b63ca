"""What `mpguard check` leaves for the garbage collector (issue 16). Module summaries and a parse in chunks
leave no reference cycles, so a run only freezes what lives between files (cli.batch) and never scans the
project index to collect. The collection between files scanned everything the run had built since the last
freeze: 0.6 s of distributed's 5 s, 0.9 s of dask's 12 s, to free what summaries had left in cycles.

Work is counted (objects the collector finds, collections run), never timed."""
from __future__ import annotations

import gc
import sys

import pytest
from mpguard.cli import batch
from mpguard.config import Settings
from mpguard.linter import summaries
from mpguard.linter.files import resolver_for
from mpguard.text.chunks import BATCH_ROWS, parse_module

# A project module with something for every kind of summary: spawning functions, a parameter that reaches a
# child (a sink), a function that raises, one whose result pickle refuses, queue writes, a registry.
HELPERS = '''\
import multiprocessing as mp

REGISTRY = {}


def work(x):
    return x


REGISTRY["work"] = work


def run_all(func, items):
    with mp.Pool(2) as pool:
        return pool.map(func, items)


def start(target, args=()):
    process = mp.Process(target=target, args=args)
    process.start()
    return process


class Runner:
    def __init__(self, target):
        self.target = target

    def go(self):
        return start(self.target)


def checked(x):
    if x < 0:
        raise ValueError(x)
    return lambda: x


def put_all(queue, items):
    for item in items:
        queue.put(item)
'''

BUILDERS = {
    "import_time_summary": summaries.import_time_summary,
    "result_summary": summaries.result_summary,
    "raise_summary": summaries.raise_summary,
    "write_summary": summaries.write_summary,
    "registrations": summaries.registrations,
}


def _cycles_left(make) -> int:
    """How many objects the collector frees after `make()`, run once before to import and fill the catalogs."""
    make()
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        make()
        return gc.collect()
    finally:
        if was:
            gc.enable()


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_a_summary_leaves_no_reference_cycles(kind, tmp_path):
    path = tmp_path / "helpers.py"
    path.write_text(HELPERS)
    build = BUILDERS[kind]

    def make():
        result = build(HELPERS, str(path), "helpers", resolver_for(path, fallback=None))
        assert result is not None

    assert _cycles_left(make) == 0


def test_the_summary_still_says_what_the_module_gives(tmp_path):
    """(Releasing the walk's context once the summary is built loses nothing the summary holds.)"""
    path = tmp_path / "helpers.py"
    path.write_text(HELPERS)
    summary = summaries.import_time_summary(HELPERS, str(path), "helpers", resolver_for(path, fallback=None))
    assert {"run_all", "start", "Runner.go"} <= set(summary.spawning)
    assert {"run_all", "start"} <= set(summary.sinks)


def _cut_inside_a_string(rows: int = 2 * BATCH_ROWS + 200) -> str:
    """A module parsed in batches whose first cut falls on a row inside a triple-quoted string (a row in column 0
    that looks like a statement): that batch does not parse, and the parse widens it."""
    head = ["x = 1"] * (BATCH_ROWS - 2)
    text = head + ['DOC = """', *(f"y{i} = {i}" for i in range(20)), '"""']
    text += ["z = 2"] * (rows - len(text))
    return "\n".join(text) + "\n"


def test_a_parse_in_batches_that_widens_one_leaves_no_reference_cycles():
    text = _cut_inside_a_string()
    tree = parse_module(text, "long.py")
    assert len(tree.body) == text.count("\n") - 20 - 1  # (the string's rows are one statement)
    assert _cycles_left(lambda: parse_module(text, "long.py")) == 0


def test_a_syntax_error_raised_through_the_lowering_leaves_no_reference_cycles():
    text = "def f(:\n    return 1\n"

    def make():
        with pytest.raises(SyntaxError):
            parse_module(text, "broken.py")

    assert _cycles_left(make) == 0


def test_check_never_collects_between_files_it_freezes(tmp_path, monkeypatch):
    """Past `YOUNG_LIMIT` new objects (here: every file), what lives is frozen; nothing is collected."""
    for i in range(6):
        (tmp_path / f"m{i}.py").write_text(HELPERS + f"\nimport helpers\n\nVALUE = helpers.run_all(str, [{i}])\n")
    (tmp_path / "helpers.py").write_text(HELPERS)
    collections = []
    real_collect = gc.collect
    monkeypatch.setattr(gc, "collect", lambda *args: collections.append(args) or real_collect(*args))
    monkeypatch.setattr(batch, "YOUNG_LIMIT", 0)
    was = gc.isenabled()
    frozen = gc.get_freeze_count()
    jobs = [(path, Settings(), tmp_path, "all") for path in sorted(tmp_path.glob("*.py"))]
    try:
        results = list(batch.checked(jobs, workers=1))
        assert len(results) == len(jobs)
        assert collections == []
        assert gc.get_freeze_count() > frozen
    finally:
        gc.unfreeze()
        if was:
            gc.enable()


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
