"""MP410 for a process and the queue it writes to that another project module's helper makes and returns as a tuple
(rocketride-org/rocketride-server PR #847, fresh_reports25 rocketride847: `proc, result_queue = sandbox.start(code)`,
then `proc.join(timeout)` before the queue is read; semantic/returned_children, rules/helper_children). And the
outcome of the `join(timeout)` that the function follows with `terminate()`: no deadlock, but a child whose result
fills the pipe cannot exit before the timeout, so a run that finished is taken for hung, killed, and its result lost;
the `join()` after the `terminate()` returns and is not reported.

Other shapes than the corpus program: an unbounded join in a method, the tuple in the other order, the count given
by the caller through the helper's parameter. Near misses: the queue read first (`get(timeout=...)`), a helper
whose child puts one small item, a count the pipe holds. Proven under fork, spawn and forkserver."""
import textwrap

import pytest
from helpers import assert_outcome, found, run_program

from test_semantic_crossmodule import findings, project

BOX = """
    import multiprocessing


    def _produce(rows, out):
        for i in range(rows):
            out.put(("row", i, "x" * 50))
        out.put(None)


    def _one(out):
        out.put("done")


    def start(rows):
        results = multiprocessing.Queue()
        worker = multiprocessing.Process(target=_produce, args=(rows, results), daemon=True)
        worker.start()
        return worker, results


    def start_reversed(rows):
        results = multiprocessing.Queue()
        worker = multiprocessing.Process(target=_produce, args=(rows, results), daemon=True)
        worker.start()
        return results, worker


    def start_small():
        q = multiprocessing.Queue()
        p = multiprocessing.Process(target=_one, args=(q,), daemon=True)
        p.start()
        return p, q
"""

GIVE_UP = """
    import sys

    from jobs import box


    def drain(results):
        rows = []
        while (row := results.get(timeout=10)) is not None:
            rows.append(row)
        return rows


    def run(rows):
        worker, results = box.START(rows)
        worker.join(5)
        if worker.is_alive():
            worker.terminate()
            worker.join()
            return None
        return drain(results)


    if __name__ == "__main__":
        got = run(ROWS)
        print("RESULT=%s" % (None if got is None else len(got)))
        sys.exit(0 if got is not None else 3)
"""

READ_FIRST = """
    import sys

    from jobs import box


    def run(rows):
        worker, results = box.start(rows)
        got = []
        while (row := results.get(timeout=10)) is not None:
            got.append(row)
        worker.join(5)
        return got


    if __name__ == "__main__":
        print("RESULT=%s" % len(run(ROWS)))
"""

METHOD = """
    import sys

    from jobs import box


    class Exporter:
        def __init__(self, rows):
            self.rows = rows

        def export(self):
            results, worker = box.start_reversed(self.rows)
            worker.join()
            return results.get()


    if __name__ == "__main__":
        print(Exporter(int(sys.argv[1])).export())
"""

SMALL = """
    from jobs import box


    def run():
        proc, q = box.start_small()
        proc.join()
        return q.get()


    if __name__ == "__main__":
        print(run())
"""

ARGV = "int(sys.argv[1]) if len(sys.argv) > 1 else 20000"


def _root(tmp_path, main):
    return project(tmp_path, {"jobs/__init__.py": "", "jobs/box.py": BOX, "main.py": main})


def test_give_up_after_join_timeout(tmp_path):
    root = _root(tmp_path, GIVE_UP.replace("START", "start").replace("ROWS", ARGV))
    [finding] = findings(root / "main.py", "MP410")
    assert finding.start.row == 16  # the join(5), not the join() after terminate()
    assert "join(timeout) waits for a child that is still writing to the Queue" in finding.message
    assert "reported as timed out and its result is lost" in finding.message and "deadlock" not in finding.message


def test_unbounded_join_in_a_method_tuple_reversed(tmp_path):
    [finding] = findings(_root(tmp_path, METHOD) / "main.py", "MP410")
    assert finding.start.row == 13 and finding.message.endswith(": deadlock")


@pytest.mark.parametrize("main", [READ_FIRST.replace("ROWS", ARGV), SMALL,
                                  GIVE_UP.replace("START", "start").replace("ROWS", "3")])
def test_near_misses(tmp_path, main):
    assert findings(_root(tmp_path, main) / "main.py", "MP410") == []


SAME_MODULE = """
    import multiprocessing


    def child(q):
        q.put("x" * 500_000)


    def run():
        q = multiprocessing.Queue()
        p = multiprocessing.Process(target=child, args=(q,))
        p.start()
        p.join(5)
        if p.is_alive():
            p.kill()
            p.join()
            raise TimeoutError("child hung")
        return q.get()
"""


def test_same_module_give_up_is_reported_once_without_deadlock():
    [finding] = found(SAME_MODULE, "MP410")
    assert finding.start.row == 13 and "its result is lost" in finding.message


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("main, lost", [(GIVE_UP.replace("START", "start").replace("ROWS", ARGV), True),
                                        (READ_FIRST.replace("ROWS", ARGV), False)])
def test_runtime(tmp_path, method, main, lost):
    """20,000 rows fill the pipe: the child cannot exit before its rows are read, join(5) runs out, the run is taken
    for hung (RESULT=None); read first, every row arrives."""
    root = _root(tmp_path, main)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    if lost:
        assert out.returncode == 3 and "RESULT=None" in out.stdout, out.stderr
    else:
        assert_outcome(out, False, None, "RESULT=20000")


def test_the_dedented_sources_parse():
    for text in (BOX, GIVE_UP, READ_FIRST, METHOD, SMALL, SAME_MODULE):
        compile(textwrap.dedent(text), "<test>", "exec")
