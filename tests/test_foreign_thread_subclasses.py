"""A Thread subclass of another project module, made and started by that module's function, is a thread left running
whose target is the subclass's `run()` (semantic/thread_classes.py): Atoptool/atop PR #345, fresh_reports25 atop345
(`gpustats.probe()` starts a `GpuSampler` whose run() holds `gpulock` through each slow query; the daemon forked
after it takes `gpulock` in its target, another module's function: MP305 under fork). The module facts that know
which threads a def leaves running (semantic/thread_leavers, MP423) and which locks they take
(semantic/module_locks, MP305) read the class's run() as they read a `Thread(target=f)`'s `f`; a child's target that
is that module's function takes what the function takes (rules/state._taken_by_foreign_target).

Other shapes than the corpus program: the fork in the same function as the helper call, a run() inherited from a
base class of the module, `lock.acquire()` instead of `with`, a thread that holds no lock (MP423 only). Near misses:
the process started before the helper, a run() that returns at once, a child that takes another lock (MP423 only).
Proven under fork, spawn and forkserver."""
import ast
import textwrap

import pytest
from helpers import assert_outcome, run_program

from mpguard.semantic.module_locks import module_locks
from mpguard.semantic.names import ImportMap
from mpguard.semantic.thread_leavers import leavers
from test_semantic_crossmodule import findings, project

SAMPLER = """
    import threading
    import time

    STATS_LOCK = threading.Lock()
    OTHER_LOCK = threading.Lock()
    stats = {}


    class Sampler(threading.Thread):
        def __init__(self, delay):
            super().__init__(daemon=True)
            self.delay = delay
            self.sampling = threading.Event()

        def run(self):
            while True:
                STATS_LOCK.acquire()
                try:
                    self.sampling.set()
                    time.sleep(self.delay)
                    stats["n"] = stats.get("n", 0) + 1
                finally:
                    STATS_LOCK.release()
                time.sleep(0.01)


    class SlowSampler(Sampler):
        pass


    class OneShot(threading.Thread):
        def run(self):
            stats["once"] = 1


    def start_sampling(delay=30.0):
        sampler = SAMPLER_CLASS(delay)
        sampler.start()
        sampler.sampling.wait(5)
        return sampler


    def fire_once():
        OneShot().start()


    def snapshot(answers):
        with STATS_LOCK:
            answers.put(dict(stats))


    def other(answers):
        with OTHER_LOCK:
            answers.put({})
"""

MAIN = """
    import multiprocessing

    from tools import sampler


    def main():
        BEFORE
        answers = multiprocessing.Queue()
        proc = multiprocessing.Process(target=sampler.TARGET, args=(answers,), daemon=True)
        proc.start()
        AFTER
        print("RESULT=%s" % answers.get(timeout=5))
        proc.join()


    if __name__ == "__main__":
        main()
"""

START = "sampler.start_sampling()"


def files(before=START, after="pass", target="snapshot", cls="Sampler"):
    return {"tools/__init__.py": "", "tools/sampler.py": SAMPLER.replace("SAMPLER_CLASS", cls),
            "main.py": MAIN.replace("BEFORE", before).replace("AFTER", after).replace("TARGET", target)}


def _qualify(src):
    tree = ast.parse(textwrap.dedent(src))
    imports = ImportMap("tools")
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            imports.add(stmt)
    return tree, imports.qualify


def test_the_module_facts():
    tree, qualify = _qualify(files()["tools/sampler.py"])
    locks = module_locks(tree, qualify)
    assert locks["threads"] == {"start_sampling": ["STATS_LOCK"]}
    assert locks["takes"]["snapshot"] == ["STATS_LOCK"] and "fire_once" not in locks["threads"]
    left = leavers(tree, qualify, module="tools.sampler")["leaves"]
    assert "start_sampling" in left and "fire_once" not in left  # (OneShot's run() returns at once)


@pytest.mark.parametrize("cls", ["Sampler", "SlowSampler"])
def test_fork_while_the_subclass_thread_holds_the_lock(tmp_path, cls):
    root = project(tmp_path, files(cls=cls))
    [finding] = findings(root / "main.py", "MP305")
    assert finding.start.row == 11 and set(finding.start_methods) == {"fork"}
    assert "tools.sampler.start_sampling()" in finding.message and "tools.sampler.STATS_LOCK" in finding.message


def test_a_thread_left_running_that_takes_another_lock(tmp_path):
    """The child takes a lock the thread never does: no MP305, but the thread is still running at the fork (MP423)."""
    root = project(tmp_path, files(target="other"))
    assert findings(root / "main.py", "MP305") == []
    [finding] = findings(root / "main.py", "MP423")
    assert finding.start.row == 11 and "sampler.start_sampling()" in finding.message


@pytest.mark.parametrize("kwargs", [dict(before="pass", after=START), dict(before="sampler.fire_once()")])
def test_near_misses(tmp_path, kwargs):
    root = project(tmp_path, files(**kwargs))
    assert findings(root / "main.py", "MP305") == [] and findings(root / "main.py", "MP423") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("kwargs, hangs", [(dict(), True), (dict(cls="SlowSampler"), True),
                                           (dict(before="pass", after=START), False), (dict(target="other"), False)])
def test_runtime(tmp_path, method, kwargs, hangs):
    root = project(tmp_path, files(**kwargs))
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if hangs and method == "fork":  # the child blocks on its copy of the held lock: no answer within 5 s
        assert out.returncode != 0 and "Empty" in out.stderr, out.stderr
    else:
        assert_outcome(out, False, None, "RESULT=")
