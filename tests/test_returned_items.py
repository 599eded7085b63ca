"""Iterating what another project module's function returns gives the items of what the call gave it, when that
function builds its returns from a parameter's items (semantic/returned_items; cedricleroy/pyungo PR #10,
fresh_libs11 pyungo10: `levels(self.nodes, data)` regroups the graph's nodes, each holding a lambda, into a list of
lists, and each node goes to `pool.apply_async`).

Near misses: a function whose returns are not made of a parameter's items (new objects, a count), nodes built from
module-level functions. The shape is unit-tested on the walker's values; the programs run under fork, spawn and
forkserver."""
import ast

import pytest
from helpers import assert_outcome, run_program

from mpguard.semantic.returned_items import returned_shape
from mpguard.semantic.walker import Walker
from mpguard.semantic.names import ImportMap
from test_semantic_crossmodule import findings, project

STAGES = """
    class Stage:
        def __init__(self, op, needs):
            self.op = op
            self.needs = list(needs)


    def apply_stage(stage, values):
        return stage.op(*values)


    def waves(stages):
        pending, grouped = list(stages), []
        while pending:
            wave = [s for s in pending if len(s.needs) <= 2]
            grouped.append(wave)
            for s in wave:
                pending.remove(s)
        return grouped


    def ordered(stages, key=None):
        return sorted(stages, key=key) if key else [s for s in stages]


    def fresh(stages):
        return [[Stage(abs, [])] for _ in stages]


    def count(stages):
        return [len(stages)]
"""

MAIN = """
    import multiprocessing

    from flow.stages import Stage, apply_stage, waves, ordered, fresh, count


    def double(x):
        return 2 * x


    class Pipeline:
        def __init__(self):
            self.stages = []

        def add(self, op, needs):
            self.stages.append(Stage(op, needs))

        def run(self):
            with multiprocessing.Pool(2) as pool:
                results = []
                LOOP
                return results


    if __name__ == "__main__":
        p = Pipeline()
        p.add(OP, ["a"])
        print("RESULT=%s" % len(p.run()))
"""

NESTED = """for group in waves(self.stages):
                    results += [pool.apply_async(apply_stage, (s, [1])).get() for s in group]"""
FLAT = """for s in ordered(self.stages):
                    results.append(pool.apply_async(apply_stage, (s, [1])).get())"""
NEW = """for group in fresh(self.stages):
                    results += [pool.apply_async(apply_stage, (s, [1])).get() for s in group]"""
COUNTED = """for n in count(self.stages):
                    results.append(pool.apply_async(abs, (n,)).get())"""

CASES = {  # name -> (loop, op, fails)
    "lambdas regrouped": (NESTED, "lambda x: x + 1", True),
    "lambdas in order": (FLAT, "lambda x: x + 1", True),
    "module function regrouped": (NESTED, "double", False),
    "new objects returned": (NEW, "lambda x: x + 1", False),
    "a count returned": (COUNTED, "lambda x: x + 1", False),
}


def _project(root, name):
    loop, op, _fails = CASES[name]
    return project(root, {"flow/__init__.py": "", "flow/stages.py": STAGES,
                          "main.py": MAIN.replace("LOOP", loop).replace("OP", op)})


@pytest.mark.parametrize("name", sorted(CASES))
def test_static(tmp_path, name):
    root = _project(tmp_path, name)
    found = findings(root / "main.py", "MP203")
    if CASES[name][2]:
        assert found and "an instance of Stage (from flow.stages), built with a lambda" in found[0].message
    else:
        assert found == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_runtime(tmp_path, name, method):
    root = _project(tmp_path, name)
    out = run_program(root / "main.py", method, cwd=root)
    assert_outcome(out, CASES[name][2], ("Can't pickle <function <lambda>", "Can't pickle local object",
                                         "Can't get local object", "attribute lookup <lambda>"), "RESULT=")


def _shapes(src: str) -> dict:
    tree = ast.parse(src)
    facts = Walker(tree, ImportMap(None), None).run()
    return {f.name: returned_shape([v for v, _n in facts.functions[f].returns], f)
            for f in tree.body if isinstance(f, ast.FunctionDef)}


def test_shapes():
    shapes = _shapes(STAGES.replace("\n    ", "\n"))
    stages = ("param", "stages", 0)
    assert shapes["waves"] == ("seq", ("seq", ("item", stages)))
    assert shapes["ordered"] == ("seq", ("item", stages))  # (either branch: a list of the stages)
    assert shapes["fresh"] is None and shapes["count"] is None and shapes["apply_stage"] is None


def test_shape_of_a_comprehension_and_an_empty_return():
    shapes = _shapes("def pick(items, flag):\n    if flag:\n        return []\n    return [i for i in items]\n")
    assert shapes["pick"] == ("seq", ("item", ("param", "items", 0)))
