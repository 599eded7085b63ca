"""MP206's fix for a Queue a method makes and hands only to Processes it keeps in the object, before it returns
(cpython #123208, fresh_reports15 cpython123208_station_channel_local: a dataclass's `__post_init__` starts the
readers and the aggregator with a local `channel`): the object keeps the queue too (`self._channel = channel`), so
under spawn and forkserver it outlives `start()`. Near misses: Processes the method does not keep in the object (a
list it returns) get no such fix; a taken attribute name gets none. Proven under fork, spawn and forkserver."""
from __future__ import annotations

import textwrap

import pytest
from helpers import found, run_program
from mpguard.fixes.apply import apply_edits, parses

SRC = """
    import multiprocessing
    import sys


    def produce(queue, n):
        for i in range(n):
            queue.put(i)
        queue.put(None)


    def consume(queue, out):
        total = 0
        for item in iter(queue.get, None):
            total += item
        out.put(total)


    class Pipeline:
        def __init__(self, n):
            self.workers = []
            self.out = multiprocessing.Queue()
            queue = multiprocessing.Queue()
            STORE(multiprocessing.Process(target=produce, args=(queue, n)))
            STORE(multiprocessing.Process(target=consume, args=(queue, self.out)))
            for proc in self.workers:
                proc.start()

        def result(self):
            total = self.out.get(timeout=60)
            for proc in self.workers:
                proc.join(timeout=60)
            return total


    def main():
        pipeline = Pipeline(10)
        total = pipeline.result()
        print("RESULT=%d" % total)
        return 0 if total == 45 else 3


    if __name__ == "__main__":
        sys.exit(main())
"""


def source(store="self.workers.append"):
    return textwrap.dedent(SRC).replace("STORE", store)


def fixed():
    findings = [f for f in found(source(), "MP206") if f.fix is not None]
    assert findings
    out = apply_edits(source(), findings[0].fix.edits)
    assert parses(out)
    return out


def test_the_object_keeps_the_queue():
    out = fixed()
    assert "        queue = multiprocessing.Queue()\n        self._queue = queue  # lives as long as the processes\n" \
        in out
    assert found(out, "MP206") == []


def test_no_fix_when_the_attribute_name_is_taken():
    src = source().replace("self.out = multiprocessing.Queue()", "self._queue = None\n        self.out = "
                                                                  "multiprocessing.Queue()")
    assert all(f.fix is None for f in found(src, "MP206"))


def test_no_fix_for_processes_the_object_does_not_keep():
    src = source("workers.append").replace("self.workers = []", "workers = self.workers = []")
    assert all(f.fix is None for f in found(src, "MP206"))


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    path = tmp_path / "pipeline.py"
    path.write_text(fixed())
    after = run_program(path, method, timeout=120, cwd=tmp_path)
    assert after.returncode == 0 and "RESULT=45" in after.stdout, after.stderr
