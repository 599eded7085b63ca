"""What an analysis leaves behind (issues 12 and 16: speed), and the shortcuts that keep it fast giving what the
slow ways gave:

- no tree outlives its analysis (memos keyed by nodes are emptied when the last analysis ends: semantic/node_memo),
  and an analysis leaves no reference cycles for the garbage collector to find (the rule context is released);
- `index.module_nodes_of` lists, per node type, what `ast.walk` of the module yields, in the same order;
- MP423's own nodes of a def, with and without its loops, from one walk (`thread_leavers._own_lists`), are what the
  walk of the def with `ast.iter_child_nodes` gave (but for contexts and operators), in the same order.

No timing is asserted."""
from __future__ import annotations

import ast
import gc
import sys
import sysconfig
from pathlib import Path

import pytest
from mpguard.config import Settings
from mpguard.linter.analyze import analyze
from mpguard.semantic.index import module_nodes_of
from mpguard.semantic.thread_leavers import _own_lists

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "benchmarks"))
from generate import generate  # noqa: E402

ORACLE = HERE / "corpus" / "oracle" / "cases"
STDLIB = Path(sysconfig.get_paths()["stdlib"])
SKIPPED = (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop)
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _sources():
    files = sorted(ORACLE.glob("*.py")) + [STDLIB / name for name in (
        "multiprocessing/pool.py", "concurrent/futures/process.py", "logging/__init__.py", "threading.py",
        "asyncio/base_events.py", "dataclasses.py")]
    return [f for f in files if f.exists()]


def _live_modules() -> int:
    return sum(1 for o in gc.get_objects() if type(o) is ast.Module)


@pytest.mark.parametrize("fixes", [False, True])
def test_an_analysis_keeps_no_tree_and_leaves_no_cycles(fixes):
    text = generate(1000)  # the benchmark's multiprocessing-heavy module: threads, pools, classes, loggers
    analyze(text, "mp_1000.py", Settings(), fixes=fixes)  # (imports, catalogs)
    gc.collect()
    before = _live_modules()
    was = gc.isenabled()
    gc.disable()
    try:
        result = analyze(text, "mp_1000.py", Settings(), fixes=fixes)
        assert result.findings
        assert _live_modules() == before  # freed by reference counting, not left to the collector
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()


def test_a_check_of_a_file_without_findings_leaves_no_cycles():
    text = "import multiprocessing as mp\n\ndef work(x):\n    return x\n\nif __name__ == '__main__':\n" \
           "    with mp.Pool(2) as pool:\n        print(pool.map(work, range(3)))\n"
    analyze(text, "quiet.py", Settings(), fixes="lazy")
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        assert analyze(text, "quiet.py", Settings(), fixes="lazy").findings == []
        assert gc.collect() == 0
    finally:
        if was:
            gc.enable()


def test_lazy_fixes_still_build_after_the_analysis():
    text = "import multiprocessing as mp\n\nif __name__ == '__main__':\n    with mp.Pool(2) as pool:\n" \
           "        pool.map(lambda x: x, range(3))\n"
    result = analyze(text, "lazy.py", Settings(), fixes="lazy")
    lazy = [f.lazy_fix for f in result.findings if f.lazy_fix is not None]
    assert lazy
    assert all(fix.force() is not None for fix in lazy)


@pytest.mark.parametrize("path", _sources(), ids=lambda p: p.name)
def test_module_nodes_by_type_are_the_walks(path):
    tree = ast.parse(path.read_bytes())
    walked = [n for n in ast.walk(tree) if n is not tree and not isinstance(n, SKIPPED)]
    for kind in {type(n) for n in walked}:
        assert module_nodes_of(tree, kind) == [n for n in walked if type(n) is kind]
    assert list(module_nodes_of(tree, ast.Nonlocal)) == [n for n in walked if type(n) is ast.Nonlocal]


def _walk(func, loops):
    """MP423's walk of a def as it was: a stack, `ast.iter_child_nodes`, nested scopes (and loops) left out."""
    stack = list(func.body)
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (*FUNCS, ast.Lambda, ast.ClassDef)):
            continue
        if not loops and isinstance(node, (ast.For, ast.AsyncFor, ast.While, ast.comprehension)):
            continue
        stack.extend(ast.iter_child_nodes(node))


@pytest.mark.parametrize("path", _sources(), ids=lambda p: p.name)
def test_own_nodes_with_and_without_loops_are_the_walks(path):
    tree = ast.parse(path.read_bytes())
    for func in (n for n in ast.walk(tree) if isinstance(n, FUNCS)):
        every, outside = _own_lists(func)
        assert every == [n for n in _walk(func, True) if not isinstance(n, SKIPPED)]
        assert outside == [n for n in _walk(func, False) if not isinstance(n, SKIPPED)]
