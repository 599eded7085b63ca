"""General models found missing by fresh_reports7's blind programs, each with a hazard-free near miss and proven by
running it under fork, spawn and forkserver:

- an item of a module global changed in place by the parent (`PLOT_DICT[name].update(opts)`, TopoStats #260): lost
  to children that re-import the module (MP302);
- a class attribute of another project module set by the parent, through that module's function
  (`settings.configure(scale=2.5)` setting `Config.scale`) or directly (`settings.Config.scale = 2.5`), and read by the
  child as `settings.Config.scale` (pebble #71), also when the executor is made by a function called afterwards;
- a fork in a loop sure to run a first turn while a thread runs (e3sm_diags #1040: tests/test_rules_threads.py)."""
import pytest
from helpers import assert_outcome, codes, run_program

from test_semantic_crossmodule import findings, project

PLOT = """
import multiprocessing
import sys

PLOT_DICT = {"processed": {"zrange": None}}


def process_scan(name):
    return (PLOT_DICT["processed"]["zrange"] or [0, 0])[1]


def main():
    local = {"processed": {"zrange": None}}
    TARGET["processed"].update({"zrange": [0, 3]})
    with multiprocessing.Pool(2) as pool:
        tops = pool.map(process_scan, ["a", "b"])
    print("RESULT=%s" % tops)
    sys.exit(0 if tops == [3, 3] else 3)


if __name__ == "__main__":
    main()
"""

# what main() updates -> is the change lost to spawned workers
TARGETS = {"PLOT_DICT": True, "local": False}


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_an_item_of_a_global_updated_in_place(target):
    assert ("MP302" in codes(PLOT.replace("TARGET", target))) is TARGETS[target]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_item_updated(tmp_path, method):
    path = tmp_path / "plot.py"
    path.write_text(PLOT.replace("TARGET", "PLOT_DICT"))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert out.returncode == (0 if method == "fork" else 3), out.stderr


SETTINGS = """
    class Config:
        scale = 1.0


    def configure(scale):
        Config.scale = scale
"""

MAIN = """
    import concurrent.futures
    import sys

    from kit import settings


    def render(n):
        return n * settings.Config.scale


    def run_test(values):
        with concurrent.futures.ProcessPoolExecutor(max_workers=2POOL) as pool:
            return list(pool.map(render, values))


    def main():
        SET
        results = run_test([1, 2])
        print("RESULT=%s" % results)
        sys.exit(0 if results == [2.5, 5.0] else 3)


    if __name__ == "__main__":
        main()
"""

# (how main() sets it, the executor's extra arguments) -> is the change lost to spawned workers
CONFIGS = {("settings.configure(2.5)", ""): True, ("settings.Config.scale = 2.5", ""): True,
           ("settings.configure(2.5)", ", initializer=settings.configure, initargs=(2.5,)"): False}


def _config(tmp_path, set_it, pool):
    return project(tmp_path, {"kit/__init__.py": "", "kit/settings.py": SETTINGS,
                              "main.py": MAIN.replace("SET", set_it).replace("POOL", pool)})


@pytest.mark.parametrize("set_it, pool", sorted(CONFIGS))
def test_a_class_attribute_of_another_module_set_by_the_parent(tmp_path, set_it, pool):
    got = findings(_config(tmp_path, set_it, pool) / "main.py", "MP302")
    assert [f.start.row for f in got] == ([18] if CONFIGS[(set_it, pool)] else [])
    assert all(f.start_methods == {"spawn", "forkserver"} for f in got)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("set_it, pool", sorted(CONFIGS))
def test_runtime_class_attribute(tmp_path, set_it, pool, method):
    root = _config(tmp_path, set_it, pool)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    lost = CONFIGS[(set_it, pool)] and method != "fork"
    assert out.returncode == (3 if lost else 0), out.stderr
