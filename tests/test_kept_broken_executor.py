"""MP414 for a loop that calls, on the same object, another project module's method that hands work to the object's
ProcessPoolExecutor and keeps it after catching BrokenProcessPool (semantic/kept_executors, rules/broken_pools
kept_by_method; agronholm/apscheduler #362, fresh_reports25 apscheduler362_*): once a worker died every later turn
fails at once. The condition under which the method makes a new executor (`if self.<flag>:`) is read from the
construction. Near misses: the object asks for a new executor, the handler raises or calls another method of the
object, the loop leaves after the call, the object is made in each turn. That a broken executor fails every later
submit is proven by tests/test_broken_executor_reused.py."""
import pytest

from test_semantic_crossmodule import findings, project

LIBRARY = """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool


    class Batcher:
        def __init__(self, workers=2, renew=False):
            self.workers = workers
            self.renew = renew
            self.executor = ProcessPoolExecutor(workers)

        def push(self, fn, item):
            try:
                future = self.executor.submit(fn, item)
                return future.result()
            except BrokenProcessPool:
                HANDLER
                return None

        def close(self):
            self.executor.shutdown()
"""

KEEPS_UNLESS_RENEW = """if self.renew:
                    self.executor.shutdown(wait=False)
                    self.executor = ProcessPoolExecutor(self.workers)"""

SCRIPT = """
    import sys

    from kit import batching


    def double(x):
        return x * 2


    def main(items):
        batcher = batching.Batcher(MADE)
        out = []
        for item in items:
            out.append(batcher.push(double, item))
        batcher.close()
        return out


    if __name__ == "__main__":
        print(main(range(4)))
"""


def run(tmp_path, handler=KEEPS_UNLESS_RENEW, made="workers=2", script=SCRIPT):
    library = LIBRARY.replace("HANDLER", handler)
    root = project(tmp_path, {"kit/__init__.py": "", "kit/batching.py": library,
                              "main.py": script.replace("MADE", made)})
    return findings(root / "main.py", "MP414")


def test_the_call_in_the_loop(tmp_path):
    [finding] = run(tmp_path)
    assert finding.start.row == 15 and "Batcher.push()" in finding.message and "`renew` is False" in finding.message
    assert finding.related_file.line == 16


def test_a_handler_that_never_replaces_it_and_a_while_loop_at_the_top(tmp_path):
    script = """
        from kit.batching import Batcher


        def double(x):
            return x * 2


        if __name__ == "__main__":
            batcher = Batcher(3)
            pending = [1, 2, 3]
            while pending:
                batcher.push(double, pending.pop())
    """
    [finding] = run(tmp_path, handler='print("lost")', script=script)
    assert finding.start.row == 13


@pytest.mark.parametrize("made", ["renew=True", "2, True"])
def test_an_object_that_renews_its_executor(tmp_path, made):
    assert run(tmp_path, made=made) == []


@pytest.mark.parametrize("handler", [
    "raise RuntimeError('pool broken')",  # the caller sees it
    "self.restart()",  # another method may make a new one
    "self.executor = ProcessPoolExecutor(self.workers)",  # always a new one
])
def test_handlers_that_do_not_keep_it(tmp_path, handler):
    assert run(tmp_path, handler=handler) == []


@pytest.mark.parametrize("change", [
    ("            out.append(batcher.push(double, item))", "            out.append(batcher.push(double, item))\n"
                                                             "            break"),
    ("            out.append(batcher.push(double, item))", "            batcher = batching.Batcher()\n"
                                                             "            out.append(batcher.push(double, item))"),
    ("        for item in items:\n            out.append(batcher.push(double, item))",
     "        out.append(batcher.push(double, items[0]))"),
])
def test_calls_that_do_not_come_back_to_a_kept_executor(tmp_path, change):
    assert run(tmp_path, script=SCRIPT.replace(*change)) == []
