"""A set_start_method() whose RuntimeError a `try` swallows, after the same code fixed the method, changes nothing
(Auto3D PR #100, fresh_reports17 auto3d100: another module's `embed_isomers()` maps over a default-context
executor, then `try: mp.set_start_method("spawn") except RuntimeError: pass`): the program keeps the platform's
default, so it is not the program's method (`RuleContext.global_method`), and MP302 sees the default's fork where
a later pool's task reads a global the parent set. Shapes: the fixing pool in another module's function, a
`get_context()` here. Near misses: `force=True`, nothing fixed before, a handler that forces the method. Proven
under fork, spawn and forkserver."""
import pytest
from helpers import methods, run_program

from test_semantic_crossmodule import findings, project

HELPER = """
    from concurrent.futures import ProcessPoolExecutor


    def _double(x):
        return 2 * x


    def warm_up(values):
        with ProcessPoolExecutor(2) as ex:
            return list(ex.map(_double, values))
"""

MAIN = """
    import multiprocessing as mp

    from kit.helper import warm_up

    LABEL = "unset"


    def label(x):
        return f"{LABEL}:{x}"


    def main():
        global LABEL
        warm_up([1])
        try:
            mp.set_start_method("spawn")
        except RuntimeError:
            pass
        LABEL = "set"
        with mp.Pool(2) as pool:
            print("RESULT=%s" % pool.map(label, [1]))


    if __name__ == "__main__":
        main()
"""

HERE = """
    import multiprocessing as mp

    LABEL = "unset"


    def label(x):
        return f"{LABEL}:{x}"


    if __name__ == "__main__":
        mp.get_context()
        try:
            mp.set_start_method("spawn")
        except RuntimeError:
            pass
        LABEL = "set"
        with mp.Pool(2) as pool:
            print("RESULT=%s" % pool.map(label, [1]))
"""


def test_swallowed_after_another_modules_pool(tmp_path):
    root = project(tmp_path, {"kit/__init__.py": "", "kit/helper.py": HELPER, "main.py": MAIN})
    (finding,) = findings(root / "main.py", "MP302")
    assert finding.start_methods == frozenset({"spawn", "forkserver"})  # (forced spawn would break all three)


def test_swallowed_after_get_context_here():
    assert methods(HERE, "MP302") == {"spawn", "forkserver"}


@pytest.mark.parametrize("change", ["force", "nothing before", "handler forces"])
def test_near_misses_keep_the_chosen_method(tmp_path, change):
    main = MAIN
    if change == "force":
        main = main.replace('mp.set_start_method("spawn")', 'mp.set_start_method("spawn", force=True)')
    elif change == "nothing before":
        main = main.replace("        warm_up([1])\n", "")
    else:
        main = main.replace("            pass", '            mp.set_start_method("spawn", force=True)')
    root = project(tmp_path, {"kit/__init__.py": "", "kit/helper.py": HELPER, "main.py": main})
    (finding,) = findings(root / "main.py", "MP302")
    assert finding.start_methods == frozenset({"fork", "spawn", "forkserver"})


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    root = project(tmp_path / "x", {"kit/__init__.py": "", "kit/helper.py": HELPER, "main.py": MAIN})
    out = run_program(root / "main.py", method, cwd=root)
    assert out.returncode == 0, out.stderr
    assert ("RESULT=['set:1']" if method == "fork" else "RESULT=['unset:1']") in out.stdout  # the default's workers
    forced = project(tmp_path / "y", {"kit/__init__.py": "", "kit/helper.py": HELPER, "main.py": MAIN.replace(
        'mp.set_start_method("spawn")', 'mp.set_start_method("spawn", force=True)')})
    out = run_program(forced / "main.py", method, cwd=forced)
    assert "RESULT=['unset:1']" in out.stdout, out.stderr  # (spawned whatever the default)
