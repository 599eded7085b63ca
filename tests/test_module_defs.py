"""semantic/module_defs.py: the defs a fact about another project module is kept per (named_modules,
module_generators) and the fact of the module a qualified def belongs to (thread_leavers, child_resets);
semantic/local_values.assigned_once (held_across, linter/bound_state)."""
import ast
import textwrap

from mpguard.semantic.local_values import assigned_once
from mpguard.semantic.module_defs import def_fact, module_defs


def test_module_defs_keys_functions_and_methods_in_source_order():
    tree = ast.parse(textwrap.dedent("""
        def first(): pass
        class Box:
            size = 1
            def put(self): pass
            async def get(self): pass
            class Inner:
                def hidden(self): pass
        async def last(): pass
        if True:
            def conditional(): pass
    """))
    defs = module_defs(tree)
    assert list(defs) == ["first", "Box.put", "Box.get", "last"]
    assert defs["first"][1] is None and defs["Box.get"][1].name == "Box"


class _Resolver:
    """A project index holding the facts of the modules in `facts` (None: not a project module)."""

    def __init__(self, facts):
        self.facts, self.asked = facts, []

    def module_fact(self, module, kind, build, **options):
        self.asked.append((module, kind, options))
        return self.facts.get(module)


def test_def_fact_takes_the_longest_project_module_first():
    resolver = _Resolver({"pkg": {"sub.run": 1}, "pkg.sub": {"run": 2}})
    assert def_fact(resolver, "pkg.sub.run", "kind", None, building={}) == ({"run": 2}, "run")
    assert resolver.asked == [("pkg.sub", "kind", {"building": {}})]
    assert def_fact(resolver, "pkg.other.Task.run", "kind", None) == ({"sub.run": 1}, "other.Task.run")


def test_def_fact_without_a_project_index_or_a_name():
    assert def_fact(None, "pkg.run", "kind", None) == (None, None)
    assert def_fact(object(), "pkg.run", "kind", None) == (None, None)
    assert def_fact(_Resolver({}), "", "kind", None) == (None, None)
    assert def_fact(_Resolver({}), "pkg.run", "kind", None) == (None, None)


def test_assigned_once_keeps_the_names_bound_once_by_a_plain_assignment():
    func = ast.parse(textwrap.dedent("""
        def f(arg):
            segment = Segment(arg)
            total = 0
            total = total + 1
            for item in arg:
                pass
            a, b = pair
            def inner():
                hidden = 3
    """)).body[0]
    found = assigned_once(func)
    assert sorted(found) == ["hidden", "segment"]
    assert isinstance(found["segment"], ast.Call)
