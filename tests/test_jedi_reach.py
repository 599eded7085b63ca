"""`resolve.jedi_reach.may_find`: jedi is not started for a module it cannot import (issue 16), and jedi
itself agrees that it finds nothing there; wherever jedi could find one, it is still asked."""
import textwrap

import pytest

from mpguard.resolve.jedi_reach import may_find
from mpguard.resolve.jedi_resolver import JediResolver


@pytest.fixture
def root(tmp_path):
    pkg = tmp_path / "projpkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "mod.py").write_text(textwrap.dedent("""
        import multiprocessing as mp

        def task(x):
            return x
    """))
    (pkg / "sub").mkdir()
    (pkg / "sub" / "deep.py").write_text("def work():\n    return 1\n")
    spread = tmp_path / "spreadpkg"
    spread.mkdir()
    (spread / "__init__.py").write_text("from pkgutil import extend_path\n__path__ = extend_path(__path__, __name__)\n")
    return tmp_path


NOT_THERE = ["nosuchtoplevel_xq.config", "projpkg.mod.mp", "projpkg.mod.mp.Manager", "projpkg.missing",
             "projpkg.sub.nothing", "projpkg.sub.deep.work"]


@pytest.mark.parametrize("module", NOT_THERE)
def test_a_module_jedi_cannot_import_is_not_found(root, module):
    assert not may_find(module, str(root), [])


@pytest.mark.parametrize("module", ["projpkg", "projpkg.mod", "projpkg.sub", "projpkg.sub.deep",
                                    "pytest", "yaml",  # (yaml: jedi's bundled typeshed stubs, installed or not)
                                    "spreadpkg.anything",  # (a namespace package may live anywhere)
                                    "projpkg.time",  # (jedi's helper asks its finders for `time` alone: built in)
                                    "flask.ext.anything"])  # (jedi's flask plugin reads it as flask_anything)
def test_where_jedi_may_find_a_module_it_is_asked(root, module):
    assert may_find(module, str(root), [])


def test_a_stubs_folder_on_the_added_path_counts(root, tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    (site / "onlystubs-stubs").mkdir()
    (site / "onlystubs-stubs" / "__init__.pyi").write_text("def f() -> int: ...\n")
    assert not may_find("onlystubs", str(root), [])
    assert may_find("onlystubs", str(root), [str(site)])


def test_a_module_added_later_is_found(root):
    assert not may_find("projpkg.later", str(root), [])
    (root / "projpkg" / "later.py").write_text("def f():\n    return 1\n")
    assert may_find("projpkg.later", str(root), [])  # (a folder listed within the same clock tick is listed again)


@pytest.mark.parametrize("qualified", [f"{module}.name" for module in NOT_THERE])
def test_jedi_agrees_and_is_not_asked(root, qualified, monkeypatch):
    """jedi, asked anyway, finds nothing either; the resolver answers the same without it."""
    assert JediResolver(root, budget=60.0)._lookup(qualified) is None
    resolver = JediResolver(root, budget=60.0)
    monkeypatch.setattr(resolver, "_lookup", lambda q: pytest.fail(f"jedi asked about {q}"))
    assert resolver.definition(qualified) is None
    assert resolver.spent == 0


def test_jedi_still_answers_where_it_can(root):
    resolver = JediResolver(root, budget=60.0)
    node = resolver.definition("projpkg.mod.task")
    assert node is not None and node.name == "task"
    assert resolver.definition_kind("projpkg.sub.deep.work") == "function"
