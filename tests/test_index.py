"""The walker builds the tree index as it walks (`core.walker`); `TreeIndex(tree)` builds the same index
in a pass of its own. The rules read it, so the two must agree exactly: every parent link, every name
read with its scope and guard, every scope's stores, globals and parameters, every identifier count."""
from __future__ import annotations

import ast
import sys
import sysconfig
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from mpguard.semantic.index import TreeIndex
from mpguard.semantic.names import ImportMap
from mpguard.semantic.walker import Walker

HERE = Path(__file__).resolve().parent
ORACLE = HERE / "corpus" / "oracle" / "cases"
STDLIB = Path(sysconfig.get_paths()["stdlib"])
# Modules rich in syntax: classes in functions, match, async, walrus, decorators, annotations, globals.
STDLIB_MODULES = ["ast.py", "dataclasses.py", "typing.py", "inspect.py", "asyncio/tasks.py", "enum.py",
                  "functools.py", "multiprocessing/pool.py", "concurrent/futures/process.py", "re/_parser.py",
                  "argparse.py", "pydoc.py", "statistics.py", "tomllib/_parser.py", "json/decoder.py"]

EVERY_CONSTRUCT = '''
import multiprocessing as mp
from os import path as p, sep
G: int = 0
x: list
counter = 0

@decorate(arg=lambda q=G: q)
def outer(a, /, b: int = G, *args, c=lambda: counter, d, **kw) -> "Result":
    global counter
    counter += 1
    total = 0
    (y := a + 1)
    squares = [n * n for n in range(b) if n % 2 for m in [n] if (z := m)]
    table = {k: v for k, v in kw.items()}
    first, *rest = args
    obj.attr, items[0] = 1, 2
    del items[1], obj.attr
    class Local(Base, metaclass=Meta):
        size = 10
        global G
        def method(self, v=size) -> int:
            yield from range(v)
        other = staticmethod(lambda s: s)
    for i, (j, k) in enumerate(pairs):
        total += i
    else:
        pass
    while total < 10:
        total += 1
    with open(p.join("a", sep)) as handle, mp.Pool() as pool:
        pool.map(work, [handle])
    try:
        raise ValueError("x") from None
    except (ValueError, TypeError) as error:
        print(error)
    finally:
        pass
    match total:
        case [1, *others] if others:
            pass
        case {"key": value, **extra}:
            pass
        case Point(x=0, y=yy) | None:
            pass
        case _:
            pass
    async def later():
        async with lock:
            await thing()
        async for item in stream():
            yield item
    assert total, f"{total!r:>{width}}"
    return (lambda: (yield))

if __name__ == "__main__":
    def guarded(n):
        return n + counter
    with mp.Pool() as pool:
        print(pool.map(guarded, range(3)), sep[::-1], {**table}, *rest)
else:
    if __name__ == "__main__":
        nested_guard = 1
'''


def walked_index(tree: ast.Module) -> TreeIndex:
    walker = Walker(tree, ImportMap(None))
    walker.run()
    return walker.index


def assert_same_index(tree: ast.Module) -> None:
    expected, actual = TreeIndex(tree), walked_index(tree)
    # besides the tree's own nodes, the walker places the calls the iteration protocol makes (`loader.__iter__()`
    # for `for batch in loader`, semantic/iteration.py) where their expression is written, so rules can place them
    written = {id(node) for node in ast.walk(tree)}
    made = [node for node in actual.parents if id(node) not in written]
    assert all(type(node) in (ast.Call, ast.Attribute) and id(actual.parents[node]) in written | set(map(id, made))
               for node in made)
    assert {id(node) for node in actual.parents if id(node) in written} == set(map(id, expected.parents))
    wrong = [node for node, parent in expected.parents.items() if actual.parents[node] is not parent]
    assert not wrong, [(type(n).__name__, getattr(n, "lineno", None)) for n in wrong[:5]]
    assert actual.names == expected.names
    assert actual.string_rows == expected.string_rows

    def reads(index):
        return {name: Counter((id(r.node), id(r.function), r.guarded) for r in index.loads_of(name))
                for name in index.loads}

    assert reads(actual) == reads(expected)
    assert set(actual.scopes) == set(expected.scopes)
    for func, scope in expected.scopes.items():
        other = actual.scopes[func]
        assert (other.stores, other.params, other.globals, other.has_yield) == \
            (scope.stores, scope.params, scope.globals, scope.has_yield), getattr(func, "name", "lambda")


def test_every_construct_is_indexed_as_a_separate_pass_would():
    assert_same_index(ast.parse(EVERY_CONSTRUCT))


@pytest.mark.skipif(sys.version_info < (3, 12), reason="type parameters are Python 3.12 syntax")
def test_type_parameters_are_indexed_as_a_separate_pass_would():
    assert_same_index(ast.parse(textwrap.dedent('''
        type Pair[T] = tuple[T, T]
        def first[T: int](items: list[T]) -> T:
            return items[0]
        class Box[T]:
            def get[U](self, default: U) -> T | U:
                return default
    ''')))


@pytest.mark.parametrize("path", sorted(ORACLE.glob("*.py")) + sorted((HERE / "fixtures").rglob("*.py")),
                         ids=lambda p: p.name)
def test_corpus_files(path):
    try:
        tree = ast.parse(path.read_bytes())
    except SyntaxError:
        pytest.skip("not Python")
    assert_same_index(tree)


@pytest.mark.parametrize("name", STDLIB_MODULES)
def test_standard_library_modules(name):
    path = STDLIB / name
    if not path.exists():
        pytest.skip(f"{name} is not in this Python")
    assert_same_index(ast.parse(path.read_bytes()))


def test_a_statement_too_deep_to_walk_still_leaves_a_complete_index():
    # The walker gives up on a statement nested deeper than the interpreter lets it recurse; what it
    # indexed of that statement is then partial, so the index is rebuilt from the tree.
    source = ("import multiprocessing\ndef f(x):\n    y = [lambda: 1, " + " + ".join(["x"] * 400)
              + "]\n    return y\nif __name__ == '__main__':\n    multiprocessing.Pool().map(f, [1])\n")
    tree = ast.parse(source)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(300)
    try:
        walker = Walker(tree, ImportMap(None))
        walker.run()
    finally:
        sys.setrecursionlimit(limit)
    assert walker._broken
    expected = TreeIndex(tree)
    assert walker.index.parents == expected.parents and walker.parents is walker.index.parents
    assert walker.index.names == expected.names
