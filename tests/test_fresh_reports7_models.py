"""General models found missing by fresh_reports7's blind programs, each with a hazard-free near miss and proven by
running it under fork, spawn and forkserver:

- an item of a module global changed in place by the parent (`PLOT_DICT[name].update(opts)`, TopoStats #260): lost
  to children that re-import the module (MP302);
- a class attribute of another project module set by the parent, through that module's function
  (`settings.configure(scale=2.5)` setting `Config.scale`) or directly (`settings.Config.scale = 2.5`), and read by the
  child as `settings.Config.scale` (pebble #71), also when the executor is made by a function called afterwards;
- a fork in a loop sure to run a first turn while a thread runs (e3sm_diags #1040: tests/test_rules_threads.py);
- a Process object pickled: as a pool task's argument (its authkey), or, started, with the object a spawned child is
  given (`target=self.task` while `self.processes` keeps the workers made in a loop: its Popen's weakref;
  lczero-training #75, SymPortal #108)."""
import pytest
from helpers import assert_outcome, codes, run_program, runtime_proofs_or_skip, run_in_session

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


WORKERS = """
import multiprocessing
import sys


class ChunkParser:
    def __init__(self, workers=2):
        self.processes = []
        MAKE

    def task(self, index):
        pass

    def join(self):
        for p in self.processes:
            p.join()
        return [p.exitcode for p in self.processes]


if __name__ == "__main__":
    codes = ChunkParser().join()
    print("RESULT=%s" % codes)
"""

LOOP = """for i in range(workers):
            p = multiprocessing.Process(target=self.task, args=(i,))
            p.start()
            self.processes.append(p)"""
ONE = """p = multiprocessing.Process(target=self.task, args=(0,))
        self.processes.append(p)
        p.start()"""
AFTER = """started = []
        for i in range(workers):
            p = multiprocessing.Process(target=self.task, args=(i,))
            p.start()
            started.append(p)
        self.processes = started"""
# how the workers are made -> does a spawned start refuse `self` (AFTER: Mask_RCNN's enqueuer, fresh_reports2: the
# list reaches `self` once every worker has started)
MAKES = {"loop": (LOOP, True), "one": (ONE, False), "after": (AFTER, False)}


@pytest.mark.parametrize("make", sorted(MAKES))
def test_a_started_process_kept_by_the_object_a_spawned_child_gets(make):
    text, refused = MAKES[make]
    assert ("MP201" in codes(WORKERS.replace("MAKE", text))) is refused


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("make", sorted(MAKES))
def test_runtime_started_process(tmp_path, make, method):
    text, refused = MAKES[make]
    path = tmp_path / "workers.py"
    path.write_text(WORKERS.replace("MAKE", text))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert_outcome(out, refused and method != "fork", "cannot pickle 'weakref.ReferenceType' object", "RESULT=[0")


POOLED = """
import multiprocessing


def probe(proc):
    return proc.name


if __name__ == "__main__":
    p = multiprocessing.Process(target=print)
    p.start()
    p.join()
    with multiprocessing.Pool(1) as pool:
        print("RESULT=%s" % pool.apply(probe, (ARG,)))
"""


@pytest.mark.parametrize("arg, refused", [("p", True), ("p.name", False)])
def test_a_process_object_as_a_pool_tasks_argument(arg, refused):
    assert ("MP203" in codes(POOLED.replace("ARG", arg))) is refused


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_process_in_a_pool_task(tmp_path, method):
    path = tmp_path / "pooled.py"
    path.write_text(POOLED.replace("ARG", "p"))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert_outcome(out, True, "Pickling an AuthenticationString object is disallowed", "")


def test_a_container_method_called_through_a_name_in_a_loop():
    """`add = seen.add` then `add(x)` in a loop (distributed's sources): the call has no receiver expression (an
    internal error the package sweep found while the model above was written)."""
    source = "seen = set()\nadd = seen.add\nfor x in range(3):\n    add(x)\n"
    assert codes(source) == set()


VENUES = """
import multiprocessing
import sys

CACHE = []


def load_area(area):
    CACHE.append(area)
    return 1


def update(areas, workers):
    CALL
    return sum(counts)


if __name__ == "__main__":
    loaded = update(["systems", "ml"], 2)
    print("RESULT=%d,%d" % (loaded, len(CACHE)))
    sys.exit(0 if len(CACHE) == loaded else 3)
"""

FALLBACK = """if workers == 1:
        counts = [load_area(a) for a in areas]
    else:
        with multiprocessing.Pool(workers) as pool:
            counts = pool.map(load_area, areas)"""
BOTH = """counts = [load_area(a) for a in areas]
    with multiprocessing.Pool(workers) as pool:
        counts += pool.map(load_area, areas)"""


@pytest.mark.parametrize("call, lost", [(FALLBACK, True), (BOTH, False)])
def test_a_task_the_parent_runs_only_as_the_serial_fallback(call, lost):
    """csmetrics #64: the parent runs the task itself only where the pool does not; the children's changes are lost
    on the pool's branch (MP301). Run by the parent before the pool too: its own changes are there, unsure (silent)."""
    assert ("MP301" in codes(VENUES.replace("CALL", call))) is lost


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_serial_fallback(tmp_path, method):
    path = tmp_path / "venues.py"
    path.write_text(VENUES.replace("CALL", FALLBACK))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert out.returncode == 3 and "RESULT=2,0" in out.stdout, out.stderr


SUPERVISOR = """
import multiprocessing
import os
import sys


def worker_env(key, out_q):
    out_q.put(os.environ.get(key, "<unset>"))


class Supervisor:
    def __init__(self):
        self.out_q = multiprocessing.Queue()

    def apply_settings(self, settings):
        for key, value in settings.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

    def spawn_worker(self, key):
        proc = multiprocessing.Process(target=worker_env, args=(key, self.out_q))
        proc.start()
        seen = self.out_q.get(timeout=10)
        proc.join()
        return seen


if __name__ == "__main__":
    sup = Supervisor()
    sup.apply_settings({"OURO_TOKEN": "tok"})
    first = sup.spawn_worker("OURO_TOKEN")
    SECOND
    second = sup.spawn_worker("OURO_TOKEN")
    print("RESULT=%s,%s" % (first, second))
    sys.exit(0 if second == "<unset>" else 3)
"""


@pytest.mark.parametrize("second, stale", [('sup.apply_settings({"OURO_TOKEN": None})', True), ("pass", False)])
def test_the_environment_changed_through_a_call_between_two_spawning_calls(second, stale):
    """ouroboros #677: under forkserver the server started at the first spawn keeps the removed credential."""
    assert ("MP304" in codes(SUPERVISOR.replace("SECOND", second))) is stale


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_environment_through_calls(tmp_path, method):
    path = tmp_path / "supervisor.py"
    path.write_text(SUPERVISOR.replace("SECOND", 'sup.apply_settings({"OURO_TOKEN": None})'))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert out.returncode == (3 if method == "forkserver" else 0), out.stderr


COUNTER = """
import multiprocessing
import sys


class Counter:
    total = 0

    @classmethod
    def bump(cls, n):
        cls.total += n
        return n


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        done = sum(pool.map(Counter.bump, [1, 2, 3]))
    READ
"""


@pytest.mark.parametrize("read, lost", [('sys.exit(0 if Counter.total == done else 3)', True),
                                        ('sys.exit(0 if done == 6 else 3)', False)])
def test_a_class_attribute_a_worker_changes(read, lost):
    """A classmethod run as a task changes `cls.total` in the worker's copy of the class; the parent reads its own
    `Counter.total` (MP301). A parent that never reads it: nothing lost that matters (silent)."""
    assert ("MP301" in codes(COUNTER.replace("READ", read))) is lost


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_class_attribute_changed_by_a_worker(tmp_path, method):
    path = tmp_path / "counter.py"
    path.write_text(COUNTER.replace("READ", 'sys.exit(0 if Counter.total == done else 3)'))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert out.returncode == 3, out.stderr


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_the_setter_fix_runs_the_call_in_every_worker(tmp_path, method):
    """MP302 through another module's setter: the fix makes the executor run `settings.configure(2.5)` first in each
    worker (`initializer=functools.partial(...)`); the fixed program prints 2.5 everywhere and is clean."""
    import subprocess
    import sys

    root = _config(tmp_path, "settings.configure(2.5)", "")
    subprocess.run([sys.executable, "-m", "mpguard", "check", "--fix", "--unsafe-fixes", "main.py"], cwd=root,
                   capture_output=True, text=True, timeout=120)
    text = (root / "main.py").read_text()
    assert "initializer=functools.partial(settings.configure, 2.5)" in text and "import functools" in text
    assert findings(root / "main.py", "MP302") == []
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert out.returncode == 0, out.stderr


SAVING = """
    _BOUND = 0.5


    def sufficient():
        return _BOUND > 0.1
"""

SAVING_TEST = """
    import multiprocessing
    import unittest

    from kit import saving


    def _load(i):
        return saving.sufficient()


    class SavingTest(unittest.TestCase):
        def setUp(self):
            self.original = saving._BOUND
            saving._BOUND = 0

        def tearDown(self):
            saving._BOUND = self.original

        def test_small_bound(self):
            saving._BOUND = 1.0
            self.assertFalse(saving.sufficient())

        def test_concurrent_loads(self):
            with multiprocessing.Pool(2) as pool:
                self.assertEqual(pool.map(_load, range(2)), [False, False])
"""


def test_only_writes_that_reach_the_pool_are_said(tmp_path):
    """keras saving_lib_test (sweep4): setUp's write reaches the test that makes the pool (MP302, line 15); tearDown's
    restore and a test method that starts nothing never reach a child (five false alarms before)."""
    root = project(tmp_path, {"kit/__init__.py": "", "kit/saving.py": SAVING, "test_saving.py": SAVING_TEST})
    assert [f.start.row for f in findings(root / "test_saving.py", "MP302")] == [15]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_set_up_write_lost_to_spawned_workers(tmp_path, method):
    runtime_proofs_or_skip()
    import os
    import subprocess
    import sys

    from helpers import RUNNER_SITE

    root = project(tmp_path, {"kit/__init__.py": "", "kit/saving.py": SAVING, "test_saving.py": SAVING_TEST})
    env = dict(os.environ, PYTHONPATH=f"{RUNNER_SITE}{os.pathsep}{root}", MP_DEFAULT_METHOD=method)
    out = run_in_session([sys.executable, "-m", "unittest", "test_saving.SavingTest.test_concurrent_loads"], cwd=root,
                         text=True, timeout=120, env=env)
    assert (out.returncode == 0) is (method == "fork"), out.stderr[-2000:]


RUNNERS = """
import multiprocessing as mp
from dataclasses import dataclass


def square(n):
    return n * n


@dataclass
class JobRunner:
    name: str
    start_method: str = "spawn"

    def __post_init__(self):
        SET


if __name__ == "__main__":
    runners = [JobRunner(name) for name in ("resize", "encode")]
    with mp.Pool(2) as pool:
        print("RESULT=%s" % pool.map(square, [1, 2]))
"""


@pytest.mark.parametrize("set_it, raises", [("mp.set_start_method(self.start_method)", True),
                                            ("mp.set_start_method(self.start_method, force=True)", False)])
def test_a_dataclass_post_init_runs_with_each_construction(set_it, raises):
    """fresh_realistic5 (batch_runner_start_method_per_job): a dataclass's __init__ calls __post_init__, so one made
    per job sets the start method again (MP401); with force=True the second call is allowed."""
    assert ("MP401" in codes(RUNNERS.replace("SET", set_it))) is raises


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime_post_init_twice(tmp_path, method):
    path = tmp_path / "runners.py"
    path.write_text(RUNNERS.replace("SET", "mp.set_start_method(self.start_method)"))
    out = run_program(path, method, timeout=60, cwd=tmp_path)
    assert_outcome(out, True, "context has already been set", "")
