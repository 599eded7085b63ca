"""MP201-MP209 at a call into another project module whose own code starts a child that fails (issue 12;
fresh_reports3 cvesearch507 and seaicedrift30: `self.handler.process_downloads(docs)` whose handler starts
`Process(target=self._db_worker)` while it keeps a threading lock; `sid.get_drift_PM(...)` reaching a Pool whose
initializer is nested). Nothing the caller passes crosses, so no sink says anything; the helper's own values fail
wherever it is called from. Other shapes here: a Pool task that is a bound method of an object holding an RLock,
two modules down (`reports.publish()` -> `Exporter(prefix).export_all(rows)` -> a method's `pool.map`), and a nested
function as the Process target of a helper called from a function. Near misses: a helper whose crossing fails
only for the lambda its own module's self-test hands it (the caller gives a module-level function), an object
whose failing callback came from its module's demo, a pool made only under `parallel=True`, and a program that
sets the fork method. Proven under fork, spawn and forkserver."""
import sys

import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

EXPORTER = """
    import multiprocessing
    import threading


    class Exporter:
        def __init__(self, prefix):
            self.prefix = prefix
            self._guard = threading.RLock()

        def _write_one(self, row):
            return "%s:%s" % (self.prefix, row)

        def _fan_out(self, rows):
            with multiprocessing.Pool(2) as pool:
                return pool.map(self._write_one, rows)

        def export_all(self, rows):
            return self._fan_out(list(rows))
"""

REPORTS = """
    from kit.exporter import Exporter


    def publish(rows, prefix="r"):
        return Exporter(prefix).export_all(rows)
"""

WATCH = """
    import multiprocessing


    def start_watchers(paths, out):
        def watch(path, queue):
            queue.put(len(path))

        procs = [multiprocessing.Process(target=watch, args=(p, out)) for p in paths]
        for proc in procs:
            proc.start()
        return procs
"""

EXPORT_JOB = """
    from kit import reports


    class Job:
        def __init__(self, rows):
            self.rows = rows

        def run(self):
            return reports.publish(self.rows, prefix="n")


    if __name__ == "__main__":
        print("RESULT=%s" % Job([1, 2, 3]).run())
"""

WATCH_JOB = """
    import multiprocessing

    from kit import watch


    def watch_all(paths):
        out = multiprocessing.Queue()
        procs = watch.start_watchers(paths, out)
        sizes = sorted(out.get(timeout=20) for _ in procs)
        for proc in procs:
            proc.join()
        return sizes


    if __name__ == "__main__":
        print("RESULT=%s" % watch_all(["a", "bb"]))
"""

# near misses: the failing value is not the helper's own (its module's self-test or demo gives it), or the pool is
# made only when asked for
RUNNER = """
    import multiprocessing


    def run(func, items):
        proc = multiprocessing.Process(target=func, args=(items,))
        proc.start()
        proc.join()
        return proc.exitcode


    def selftest():
        return run(lambda items: None, [1])
"""

HOLDER = """
    import multiprocessing


    class Holder:
        def __init__(self, callback):
            self.callback = callback

        def go(self):
            proc = multiprocessing.Process(target=self.callback)
            proc.start()
            proc.join()
            return proc.exitcode


    def demo():
        return Holder(lambda: None).go()
"""

OPTIONAL_POOL = """
    import multiprocessing
    import threading


    class Exporter:
        def __init__(self, prefix):
            self.prefix = prefix
            self._guard = threading.RLock()

        def _write_one(self, row):
            return "%s:%s" % (self.prefix, row)

        def export_all(self, rows, parallel=False):
            if parallel:
                with multiprocessing.Pool(2) as pool:
                    return pool.map(self._write_one, rows)
            return [self._write_one(row) for row in rows]
"""

QUIET_JOB = """
    from kit import runner
    from kit.holder import Holder
    from kit.optional import Exporter


    def count(items):
        return len(items)


    def ping():
        return 0


    if __name__ == "__main__":
        print("RESULT=%s %s %s" % (runner.run(count, [1, 2]), Exporter("n").export_all([1, 2]), Holder(ping).go()))
"""


def _project(tmp_path):
    return project(tmp_path, {"kit/__init__.py": "", "kit/exporter.py": EXPORTER, "kit/reports.py": REPORTS,
                              "kit/watch.py": WATCH, "kit/runner.py": RUNNER, "kit/holder.py": HOLDER,
                              "kit/optional.py": OPTIONAL_POOL, "export_job.py": EXPORT_JOB,
                              "watch_job.py": WATCH_JOB, "quiet_job.py": QUIET_JOB,
                              "fork_watch_job.py": WATCH_JOB.replace(
                                  '    if __name__ == "__main__":\n',
                                  '    if __name__ == "__main__":\n        multiprocessing.set_start_method("fork")\n')})


def test_a_method_two_modules_down_whose_pool_task_holds_a_lock(tmp_path):
    root = _project(tmp_path)
    (finding,) = findings(root / "export_job.py", "MP201")
    assert finding.start.row == 10  # `reports.publish(self.rows, prefix="n")`, in the method
    assert set(finding.start_methods) == {"fork", "spawn", "forkserver"}  # a Pool pickles its tasks under every one
    assert finding.related_file.path.endswith("exporter.py") and finding.related_file.line == 16
    assert finding.related_file.site
    assert "cannot pickle '_thread.RLock' object" in finding.message


def test_a_nested_process_target_of_a_helper(tmp_path):
    root = _project(tmp_path)
    (finding,) = findings(root / "watch_job.py", "MP201")
    assert finding.start.row == 9  # `watch.start_watchers(paths, out)`
    assert set(finding.start_methods) == {"spawn", "forkserver"}
    assert finding.related_file.path.endswith("watch.py") and finding.related_file.line == 9


def test_near_misses_stay_silent(tmp_path):
    root = _project(tmp_path)
    assert findings(root / "quiet_job.py") == []
    assert findings(root / "fork_watch_job.py", "MP201") == []
    # (the helpers' own modules still report what their own code gives)
    assert [f.start.row for f in findings(root / "kit" / "runner.py", "MP201")] == [6, 13]


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    root = _project(tmp_path)
    out = run_program(root / "export_job.py", method, cwd=root)
    assert out.returncode != 0 and "cannot pickle '_thread.RLock' object" in out.stderr, out.stderr
    out = run_program(root / "watch_job.py", method, cwd=root)
    if method == "fork":
        assert "RESULT=[1, 2]" in out.stdout, out.stderr
    else:  # (3.14 words a local object's refusal differently)
        assert out.returncode != 0 and any(w in out.stderr for w in (
            "Can't pickle local object", "Can't get local object", "start_watchers.<locals>.watch")), out.stderr
    for name in ("quiet_job.py",) + (("fork_watch_job.py",) if sys.platform != "win32" else ()):
        out = run_program(root / name, method, cwd=root)
        assert out.returncode == 0 and "RESULT=" in out.stdout, (name, out.stderr)
