"""MP306 through another project module (rules/imported_generators.py, semantic/module_generators.py): a helper
module makes an unseeded random generator at import, and a function of it that forked children call draws from it
(numpy #9650). Reported at the child's call and at the import of the helper; silent for a helper that reseeds the
generator, a seeded one, one child only, and spawn. Proven under fork, spawn and forkserver with the standard
library's `random.Random()`."""
import ast
import sys
import textwrap

import pytest
from helpers import assert_outcome, run_program

from mpguard.semantic.module_generators import draws_fact
from test_semantic_crossmodule import findings, project

SAMPLER = """
    import random

    _rng = random.Random(SEED)


    class Sampler:
        def pick(self, n):
            return [_rng.randrange(10**9) for _ in range(n)]


    def _fresh():
        return Sampler()


    def sample(n):
        return _fresh().pick(n) if n < 0 else _draw(n)


    def _draw(n):
        RESEED
        return [_rng.randrange(10**9) for _ in range(n)]
"""

MAIN = """
    import multiprocessing

    from kit.sampler import sample


    def child(q):
        q.put(tuple(sample(3)))


    def main():
        ctx = multiprocessing.get_context(METHOD)
        q = ctx.Queue()
        procs = [ctx.Process(target=child, args=(q,)) for _ in range(3)]
        for p in procs:
            p.start()
        draws = {q.get(timeout=10) for _ in procs}
        for p in procs:
            p.join()
        print("distinct", len(draws))


    if __name__ == "__main__":
        main()
"""


def files(seed="", reseed="pass", method="None", main=MAIN):
    return {"kit/__init__.py": "",
            "kit/sampler.py": textwrap.dedent(SAMPLER).replace("RESEED", reseed).replace("SEED", seed),
            "main.py": textwrap.dedent(main).replace("METHOD", method)}


def mp306(tmp_path, **changes) -> list:
    root = project(tmp_path, files(**changes))
    return [f for f in findings(root / "main.py") if f.code == "MP306"]


def test_a_helper_function_drawing_from_its_modules_generator(tmp_path):
    found = mp306(tmp_path)
    assert [f.start.row for f in found] == [8]  # (`sample(3)` in the child)
    assert found[0].related_file.line == 22 and set(found[0].start_methods) == {"fork"}


@pytest.mark.parametrize("changes", [
    {"seed": "1234"},                               # seeded: what it draws is the program's choice
    {"reseed": "_rng.seed()"},                      # the helper reseeds it
    {"method": '"spawn"'},                          # the children re-import the helper
    {"method": '"forkserver"'},
    {"main": MAIN.replace("for _ in range(3)]", "for _ in range(1)]").replace(
        "procs = [ctx.Process(target=child, args=(q,)) for _ in range(1)]",
        "procs = [ctx.Process(target=child, args=(q,))]")},  # one child: nothing to draw the same as
    {"main": MAIN.replace("from kit.sampler import sample", "from kit.sampler import _fresh").replace(
        "q.put(tuple(sample(3)))", "q.put(type(_fresh()).__name__)")},  # the helper's function draws nothing
    {"main": MAIN.replace("from kit.sampler import sample",
                          "from kit import sampler\n    from kit.sampler import sample")
     .replace("def child(q):\n", "def child(q):\n        sampler._rng.seed()\n")},  # the child reseeds it first
])
def test_near_misses_are_silent(tmp_path, changes):
    assert mp306(tmp_path, **changes) == []


def test_the_fact_follows_the_modules_own_calls():
    src = textwrap.dedent(SAMPLER).replace("RESEED", "pass").replace("SEED", "")
    fact = draws_fact(src.encode(), "kit/sampler.py", "kit.sampler")
    assert fact["draws"]["Sampler.pick"] == ["_rng", 4, 9]
    assert fact["draws"]["_draw"] == ["_rng", 4, 22]
    assert fact["draws"]["sample"] == ["_rng", 4, 22]  # (through `_draw(n)`)
    assert "_fresh" not in fact["draws"]
    with_instance = draws_fact((src + "\nSAMPLER = Sampler()\n").encode(), "kit/sampler.py", "kit.sampler")
    assert with_instance["draws"]["SAMPLER.pick"] == ["_rng", 4, 9]
    assert ast.parse(src)  # (the shape is valid Python)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_forked_children_draw_the_same_numbers(tmp_path, method):
    root = project(tmp_path, files())
    out = run_program(root / "main.py", method, timeout=30, cwd=root)
    # (3.14's forkserver preloads __main__ in its server, which imports the helper there: its children share it too)
    shared = method == "fork" or method == "forkserver" and sys.version_info >= (3, 14)
    assert_outcome(out, False, "", "distinct 1" if shared else "distinct 3")
