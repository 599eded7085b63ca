"""An item under a constant key of the dict another project module's function returns: `cfg["transform"]` of
`load_config()` returning `{"transform": lambda x: x * 2}` is a lambda defined in load_config, which pickle refuses
("Can't pickle local object 'load_config.<locals>.<lambda>'"; byexample #220's registry of plugins, reduced). Near
misses: a picklable item under another key, an item this function replaces before it is read. Proven under fork,
spawn and forkserver (pool tasks are pickled under every method)."""
import pytest
from helpers import assert_outcome, run_program

from test_semantic_crossmodule import findings, project

CONF = """
    def load_config(name):
        return {"name": name, "transform": lambda x: x * 2, "reduce": sum, "workers": 2}
"""

MAIN = """
    import multiprocessing

    from kit.conf import load_config


    def main():
        cfg = load_config("x")
        CHANGE
        with multiprocessing.Pool(cfg["workers"]) as pool:
            print("RESULT=%s" % pool.map(cfg[KEY], [[1], [2]]))


    if __name__ == "__main__":
        main()
"""

CASES = {('"transform"', "pass"): True, ('"reduce"', "pass"): False, ('"transform"', 'cfg["transform"] = len'): False}


def _project(tmp_path, key, change):
    main = MAIN.replace("KEY", key).replace("CHANGE", change)
    return project(tmp_path, {"kit/__init__.py": "", "kit/conf.py": CONF, "main.py": main})


@pytest.mark.parametrize("key, change", sorted(CASES))
def test_an_item_of_another_modules_dict(tmp_path, key, change):
    found = [f.code for f in findings(_project(tmp_path, key, change) / "main.py")]
    assert found == (["MP201"] if CASES[(key, change)] else [])


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("key, change", sorted(CASES))
def test_runtime(tmp_path, key, change, method):
    root = _project(tmp_path, key, change)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert_outcome(out, CASES[(key, change)], "load_config.<locals>.<lambda>", "RESULT=")
