"""MP410 (join before drain) for a Process target of another project module: the module's writes summary
(`ModuleSummary.writes`, rules/queue_writes) says which parameters a function puts more into than a pipe holds, and
which parameters bound those puts (CPython #73983, fresh_reports15 cpython73983: `from indexer import index_worker`).
A caller giving a constant or a literal for a bounding parameter is not judged (silence), nor a worker whose puts
are fed by a consumer loop, one put, or a parent that drains before it joins. Proven under fork, spawn, forkserver."""
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from helpers import RUNNER_SITE, runtime_proofs_or_skip, run_in_session

from test_semantic_crossmodule import findings, project

PRODUCERS = """
    def produce(out, count):
        for i in range(count):
            out.put(("row", i, "x" * 50))


    def stream(rows, sink):
        for row in rows:
            sink.put(row)


    def scan(shard, out_queue):
        for n in range(shard.lines):
            out_queue.put((shard.shard_id, n, "INFO " + "x" * 40))
        out_queue.put((shard.shard_id, -1, "DONE"))


    def one(out, value):
        out.put(value * 2)


    def relay(inbox, outbox):
        while True:
            item = inbox.get()
            if item is None:
                break
            outbox.put(item)
"""

# a function taking its count from the command line, the queue first
BY_COUNT = """
    import multiprocessing as mp
    import sys

    from feeds.producers import produce


    def main(count):
        q = mp.Queue()
        p = mp.Process(target=produce, args=(q, count))
        p.start()
        p.join()
        return len([q.get() for _ in range(count)])


    if __name__ == "__main__":
        print("RESULT=%s" % main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000))
"""

# a method joining the worker of an object's queue, the target reached through the module
BY_ROWS = """
    import multiprocessing
    from feeds import producers


    class Loader:
        def __init__(self, rows):
            self.rows = rows
            self.results = multiprocessing.SimpleQueue()

        def run(self):
            worker = multiprocessing.Process(target=producers.stream, args=(self.rows, self.results))
            worker.start()
            worker.join()
            return [self.results.get() for _ in self.rows]


    if __name__ == "__main__":
        print("RESULT=%s" % len(Loader(["line %d " % i + "y" * 60 for i in range(4000)]).run()))
"""

# the corpus's shape: an object per shard, the loop bound one of its fields
BY_SHARD = """
    import multiprocessing
    from dataclasses import dataclass

    from feeds.producers import scan


    @dataclass
    class Shard:
        shard_id: int
        lines: int


    def index(shards):
        queue = multiprocessing.Queue()
        workers = [multiprocessing.Process(target=scan, args=(s, queue)) for s in shards]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        done = 0
        while done < len(shards):
            if queue.get()[2] == "DONE":
                done += 1
        return done


    if __name__ == "__main__":
        print("RESULT=%s" % index([Shard(i, 3000) for i in range(2)]))
"""

QUIET = """
    import multiprocessing as mp
    from feeds.producers import produce, one, relay, stream


    def small():
        q = mp.Queue()
        p = mp.Process(target=produce, args=(q, 10))
        p.start()
        p.join()
        return [q.get() for _ in range(10)]


    def literal():
        q = mp.Queue()
        p = mp.Process(target=stream, args=([1, 2, 3], q))
        p.start()
        p.join()
        return [q.get() for _ in range(3)]


    def single(v):
        q = mp.Queue()
        p = mp.Process(target=one, args=(q, v))
        p.start()
        p.join()
        return q.get()


    def relayed(items):
        inbox, outbox = mp.Queue(), mp.Queue()
        p = mp.Process(target=relay, args=(inbox, outbox))
        p.start()
        for x in items:
            inbox.put(x)
        inbox.put(None)
        p.join()
        return [outbox.get() for _ in items]


    def drained(count):
        q = mp.Queue()
        p = mp.Process(target=produce, args=(q, count))
        p.start()
        got = [q.get() for _ in range(count)]
        p.join()
        return len(got)


    if __name__ == "__main__":
        small(); literal(); single(2); relayed([1, 2])
        print("RESULT=%s" % drained(5000))
"""

FILES = {"feeds/__init__.py": "", "feeds/producers.py": PRODUCERS}


@pytest.mark.parametrize("name, source, row", [("by_count.py", BY_COUNT, 12), ("by_rows.py", BY_ROWS, 14),
                                               ("by_shard.py", BY_SHARD, 20)])
def test_join_before_drain_of_an_imported_target(tmp_path, name, source, row):
    root = project(tmp_path, {**FILES, name: source})
    (finding,) = findings(root / name, "MP410")
    assert finding.start.row == row and "deadlock" in finding.message


@pytest.mark.parametrize("count, reported", [(100, False), (800, False), (1200, True), (1500, True), (5000, True)])
def test_a_constant_count_is_compared_with_what_fills_the_pipe(tmp_path, count, reported):
    """`produce(q, 5000)`: the summary keeps the least count from which the puts fill a pipe, as the same-file rule
    counts `range(count)` of a known count. Each row is 79 or 80 bytes on the pipe (a run of 900 rows hangs, 800
    end); the model counts at least 69 (its length, pickle's envelope and frame, "row" and 50 characters:
    rules/pickled_items), so it speaks from 950 rows."""
    source = BY_COUNT.replace("args=(q, count)", f"args=(q, {count})")
    root = project(tmp_path, {**FILES, "by_count.py": source})
    assert bool(findings(root / "by_count.py", "MP410")) is reported


def test_near_misses_stay_silent(tmp_path):
    root = project(tmp_path, {**FILES, "quiet.py": QUIET})
    assert findings(root / "quiet.py", "MP410") == []


def test_a_target_of_a_module_that_is_not_read_says_nothing(tmp_path):
    """Without the module (not a project module: a library's function) there is no summary: silence."""
    root = project(tmp_path, {"by_count.py": BY_COUNT.replace("feeds.producers", "somelib.producers")})
    assert findings(root / "by_count.py", "MP410") == []


def _run(path, method, timeout):
    """(hung, stdout) of a program run in its own session under `method`; a hung one is killed with its children."""
    runtime_proofs_or_skip()
    env = dict(os.environ, PYTHONPATH=str(RUNNER_SITE), MP_DEFAULT_METHOD=method)
    try:
        proc = run_in_session([sys.executable, str(path)], timeout=timeout, env=env, cwd=path.parent)
        out, _err = proc.stdout, proc.stderr
        return False, out
    except subprocess.TimeoutExpired:
        return True, ""


HANGING = ("by_count.py", "by_rows.py", "by_shard.py")


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    root = project(tmp_path, {**FILES, "by_count.py": BY_COUNT, "by_rows.py": BY_ROWS, "by_shard.py": BY_SHARD,
                              "quiet.py": QUIET})
    # the three deadlocks side by side: each is only waited out (12 s), computing nothing
    with ThreadPoolExecutor(3) as pool:
        hung = dict(zip(HANGING, pool.map(lambda name: _run(root / name, method, 12)[0], HANGING)))
    assert all(hung.values()), hung
    hung, out = _run(root / "quiet.py", method, 60)
    assert not hung and "RESULT=5000" in out
