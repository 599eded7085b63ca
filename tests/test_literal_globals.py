"""A module global bound once to a literal is that literal where the module reads it (semantic/module_globals
`literal_globals`, `as_read`), for the parameter tests of the function a call reaches.

lmfit 1.3.4 (examples/lmfit_emcee_model_selection.py 141 and 155, docs/sweep.md): `workers = 1` at the top of the
example, then `mini[i].emcee(..., workers=workers)` in a loop, where `Minimizer.emcee` makes its Pool only under
`if isinstance(workers, int) and workers > 1:`. A literal argument was judged, a name was not (it may hold
anything), so the call counted as starting processes at import (MP101). Now a name the module binds exactly once,
by a plain assignment at its top, to a number, string, bool or None (and never through `global`, a loop, an
import, `globals()`...) is given as that literal, where the read is the module's (no def, lambda, class body or
comprehension around it binds the name). Near misses keep the finding: a second binding, a `global` rebinding, a
parameter or local of the same name, a list, a module writing its globals through globals()."""
from __future__ import annotations

import ast
import sys
import textwrap

import pytest
from helpers import assert_outcome, codes, run_program

from mpguard.semantic.module_globals import as_read, literal_globals
from test_semantic_crossmodule import findings, project

# --- the model on source strings -----------------------------------------------------------------------------------


def _literals(src: str) -> dict:
    return {name: node.value for name, node in literal_globals(ast.parse(textwrap.dedent(src))).items()}


def test_names_bound_once_to_a_literal():
    assert _literals("""
        A = 1
        B = "x"
        C = None
        D = -2
        E: float = 0.5
        F = [1]
        G = A
    """) == {"A": 1, "B": "x", "C": None, "D": -2, "E": 0.5}


@pytest.mark.parametrize("other", [
    "A = 2", "A += 1", "for A in range(3): pass", "import A", "def A(): pass", "del A", "with f() as A: pass",
    "def f():\n    global A\n    A = 2", "globals()['B'] = 2", "exec('A = 2')", "[(A := x) for x in range(3)]",
    "match 1:\n    case A:\n        pass",
])
def test_a_name_bound_another_way_too_is_not_a_literal(other):
    assert "A" not in _literals("A = 1\n" + other + "\n")


def test_a_binding_under_a_condition_is_not_a_literal():
    assert _literals("import sys\nif sys.argv:\n    A = 1\n") == {}


def _read(src: str) -> dict:
    """For each call of `f` in `src`: its first argument as the callee sees it (a literal, or the name)."""
    tree = ast.parse(textwrap.dedent(src))
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    literals = literal_globals(tree)
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "f":
            read = as_read(node, literals, parents)
            arg = read.args[0] if read.args else read.keywords[0].value
            out[node.lineno] = arg.value if isinstance(arg, ast.Constant) else arg.id
    return out


def test_where_the_read_is_the_modules():
    assert _read("""
        N = 1
        f(N)
        f(n=N)
        def g():
            return f(N)
        def h(N=3):
            return f(N)
        def k():
            N = 4
            return f(N)
        def outer():
            N = 5
            def inner():
                return f(N)
            return inner
        class C:
            N = 6
            f(N)
            def m(self):
                return f(N)
        [f(N) for N in range(3)]
        [f(N) for x in range(3)]
        lambda N: f(N)
        lambda x: f(N)
        def d(x=f(N)):
            N = 2
    """) == {3: 1, 4: 1, 6: 1, 8: "N", 11: "N", 15: "N", 19: "N", 21: 1, 22: "N", 23: 1, 24: "N", 25: 1, 26: 1}


def test_a_read_the_module_does_not_reach_is_left():
    """A name read through nothing the parents map knows (a call built elsewhere) stays as it is."""
    tree = ast.parse("N = 1\nf(N)\n")
    assert as_read(tree.body[1].value, literal_globals(tree), {}) is tree.body[1].value


# --- a pool made only for more than one worker, called at import in the same module -------------------------------

SAME = """
    import multiprocessing as mp

    BINDING


    def double(x):
        return x * 2


    def run(items, workers=4):
        if isinstance(workers, int) and workers > 1:
            with mp.Pool(workers) as pool:
                return pool.map(double, items)
        return [double(x) for x in items]


    def main():
        return run([1, 2], workers=WORKERS)


    print(CALL)
"""


@pytest.mark.parametrize("call", ["run([1, 2], WORKERS)", "main()"])
@pytest.mark.parametrize("binding,found", [
    ("WORKERS = 1", False), ("WORKERS = 0", False), ("WORKERS = -1", False), ("WORKERS: int = 1", False),
    ("WORKERS = 2", True), ("WORKERS = None", True),
    ("WORKERS = 1\nWORKERS = 2", True),                                    # bound twice
    ("WORKERS = 1\ndef more():\n    global WORKERS\n    WORKERS = 2", True),  # rebound by a function
    ("import os\nWORKERS = os.cpu_count()", True),                         # not a literal
    ("WORKERS = 1\nglobals().update(WORKERS=2)", True),                    # written without its name
])
def test_a_literal_global_handed_to_the_count(call, binding, found):
    src = textwrap.dedent(SAME).replace("BINDING", binding).replace("CALL", call)
    assert ("MP101" in codes(src)) is found


def test_a_parameter_of_the_same_name_is_not_the_global():
    """Near miss: `main(WORKERS=2)` reads its own parameter, whatever the module's WORKERS is."""
    src = textwrap.dedent(SAME).replace("BINDING", "WORKERS = 1").replace("def main():", "def main(WORKERS=2):")
    assert "MP101" in codes(src.replace("CALL", "main(3)"))
    assert "MP101" not in codes(src.replace("CALL", "main(1)"))


# --- another module's method, called in a loop (lmfit's shape, other names) -----------------------------------------

SAMPLER = {
    "kit/__init__.py": "from kit.sampler import Sampler\n",
    "kit/sampler.py": """
        import multiprocessing


        def _square(x):
            return x * x


        class Sampler:
            def __init__(self, fn):
                self.fn = fn

            def sample(self, steps=3, processes=1):
                pool = None
                if isinstance(processes, int) and processes > 1:
                    pool = multiprocessing.Process(target=_square, args=(steps,))
                    pool.start()
                    pool.join()
                return [self.fn(s) for s in range(steps)]
    """,
}


def sampler_project(tmp_path, binding):
    return project(tmp_path, {**SAMPLER, "main.py": f"""
        import kit


        def shift(x):
            return x + 1


        {binding}
        samplers = []
        for i in range(2):
            samplers.append(kit.Sampler(shift))
            print(samplers[i].sample(steps=2, processes=processes))
    """})


@pytest.mark.parametrize("binding,found", [
    ("processes = 1", False), ("processes = 3", True), ("processes = 1; processes = 3", True),
])
def test_another_modules_method_given_a_literal_global(tmp_path, binding, found):
    root = sampler_project(tmp_path, binding)
    assert bool(findings(root / "main.py", "MP101")) is found


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("count", [1, 3])
def test_runtime_literal_global(tmp_path, method, count):
    """processes = 1 starts nothing: the script runs under every method. processes = 3 starts a Process at import:
    a spawned or forkserver child re-imports the script and stops in its bootstrap."""
    out = run_program(sampler_project(tmp_path, f"processes = {count}") / "main.py", method, cwd=tmp_path)
    if count == 1 or method == "fork":
        assert_outcome(out, False, "", "[1, 2]")
    else:
        preloaded = method == "forkserver" and sys.version_info >= (3, 14)  # (the server re-imports it, once)
        assert "bootstrapping phase" in out.stderr or preloaded and out.returncode == 0, out.stderr


# --- a raise only under a flag, the flag a literal global of the task's module (MP208) ------------------------------

FETCH = {
    "kit/__init__.py": "",
    "kit/net.py": """
        class PageError(Exception):
            def __init__(self, url, code):
                super().__init__(f"{url}: {code}")
                self.code = code


        def fetch(url, strict=True):
            if strict:
                raise PageError(url, 404)
            return url.upper()
    """,
}


def fetch_project(tmp_path, binding):
    return project(tmp_path, {**FETCH, "main.py": f"""
        from concurrent.futures import ProcessPoolExecutor

        from kit.net import fetch

        {binding}


        def task(url):
            return fetch(url, strict=STRICT)


        if __name__ == "__main__":
            with ProcessPoolExecutor(2) as ex:
                print(list(ex.map(task, ["a", "b"])))
    """})


@pytest.mark.parametrize("binding,found", [("STRICT = False", False), ("STRICT = True", True),
                                           ("STRICT = False\nSTRICT = True", True)])
def test_a_raise_under_a_literal_global_flag(tmp_path, binding, found):
    root = fetch_project(tmp_path, binding.replace("\n", "\n        "))
    assert bool(findings(root / "main.py", "MP208")) is found


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_flag_off(tmp_path, method):
    out = run_program(fetch_project(tmp_path, "STRICT = False") / "main.py", method, cwd=tmp_path)
    assert_outcome(out, False, "", "['A', 'B']")


# --- the language server's answer to an edit (a slice of the module may leave out a second binding) ----------------

INCREMENTAL = """
import multiprocessing as mp

WORKERS = 1


def double(x):
    return x * 2


def run(items, workers=4):
    if workers > 1:
        with mp.Pool(workers) as pool:
            return pool.map(double, items)
    return [double(x) for x in items]


def main():
    return run([1, 2], workers=WORKERS)


print(main())
"""


FILLER = "".join(f"\n\ndef helper{i}(a):\n    b = a + {i}\n    return b * 2\n" for i in range(80))


@pytest.mark.parametrize("old,new,found", [
    ("    b = a + 7\n", "    b = a + 8\n", False),                                  # nothing the literal reaches
    ("    b = a + 7\n", "    b = a + 7\n    c = run([1], WORKERS)\n", False),       # a new read of it in a slice
    ("    b = a + 7\n    return b * 2\n", "    b = a + 7\n    return b * 2\nWORKERS = 5\n", True),  # bound twice
    ("WORKERS = 1", "WORKERS = 3", True),                                          # the literal itself
])
def test_an_edit_is_answered_as_a_full_analysis_does(old, new, found):
    """An edit the language server answers from a slice of a large module gives what the full analysis gives (a
    slice that reads a literal global asks for the whole module: another binding may be outside it)."""
    from mpguard.config import Settings
    from mpguard.linter.analyze import analyze
    from mpguard.linter.incremental import reanalyze

    text = INCREMENTAL + FILLER
    state = analyze(text, "m.py", Settings(), keep_state=True).state
    edited = text.replace(old, new, 1)
    full = analyze(edited, "m.py", Settings(), keep_state=True)
    fast = reanalyze(state, edited, Settings(), "m.py")
    codes_of = lambda result: sorted((f.code, f.start) for f in result.findings)
    assert ("MP101" in {f.code for f in full.findings}) is found
    assert fast is None or codes_of(fast) == codes_of(full)
