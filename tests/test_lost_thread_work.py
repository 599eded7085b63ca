"""MP423 for work a forked child hands to a thread it does not have: a logging handler whose emit() only puts the
record on an in-process queue that a thread started by the handler's constructor drains (semantic/served_queues.py,
rules/lost_thread_work.py). fork copies the handler and its queue, not the thread: the child's records are never
handled. fresh_reports22 timber15's model, in other shapes (a batching metrics handler, a pool's tasks)."""
from __future__ import annotations

import ast
import textwrap

import pytest
from helpers import found, run_program
from mpguard.semantic.names import ImportMap
from mpguard.semantic.served_queues import thread_served

HANDLER = """
    import logging
    import queue
    import threading


    class BatchHandler(logging.Handler):
        def __init__(self, path):
            super().__init__()
            self.path = path
            self.pending = queue.Queue()
            self.done = threading.Event()
            self.worker = threading.Thread(target=self._ship, daemon=True)
            self.worker.start()

        def emit(self, record):
            self.pending.put(self.format(record))

        def _take_all(self):
            lines = []
            while not self.pending.empty():
                lines.append(self.pending.get_nowait())
            return lines

        def _ship(self):
            while not self.done.wait(0.02):
                self._write(self._take_all())
            self._write(self._take_all())

        def _write(self, lines):
            if lines:
                with open(self.path, "a") as fh:
                    fh.write("".join(line + "\\n" for line in lines))

        def close(self):
            self.done.set()
            self.worker.join()
            super().close()
"""

PROGRAM = HANDLER + """

    import multiprocessing
    import os
    import sys
    import tempfile

    metrics = logging.getLogger("metrics")


    def measure(n):
        logging.getLogger("metrics.tasks").info("task %s measured", n)
        return n


    def main():
        path = os.path.join(tempfile.mkdtemp(), "metrics.log")
        handler = BatchHandler(path)
        metrics.addHandler(handler)
        metrics.setLevel(logging.INFO)
        metrics.info("measuring")
        with multiprocessing.get_context(METHOD).Pool(2) as pool:
            pool.map(measure, range(4))
        handler.close()
        lines = open(path).read().count("\\n")
        print("RESULT=%d" % lines)
        sys.exit(0 if lines == 5 else 3)


    if __name__ == "__main__":
        main()
"""


def program(method='"fork"', **replaced):
    text = PROGRAM.replace("METHOD", method)
    for old, new in replaced.items():
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_a_forked_pool_logging_through_a_thread_served_handler():
    reported = found(program(), "MP423")
    assert len(reported) == 1 and "never handled" in reported[0].message
    assert "`metrics` logger" in reported[0].message


@pytest.mark.parametrize("replaced", [
    {"\"fork\"": "\"spawn\""},  # the children are not forked (MP302's question, not this one)
    {"self.pending = queue.Queue()": "self.pending = multiprocessing.Queue()",
     "    import queue\n": "    import multiprocessing\n    import queue\n"},  # the children's records reach the thread
    {"self.pending.put(self.format(record))": "self.pending.put(self.format(record))\n"
                                              "            self._write(self._take_all())"},  # emit() drains too
    {"        super().__init__()\n": "        super().__init__()\n        self.pid = os.getpid()\n",
     "    import queue\n": "    import os\n    import queue\n"},  # a class that checks which process it runs in
    {"info(\"task %s measured\", n)": "debug(\"task %s measured\", n)"},  # below the logger's INFO: never emitted
    {"\"metrics.tasks\"": "\"other.tasks\""},  # a logger without that handler
])
def test_near_misses_stay_silent(replaced):
    assert not [f for f in found(program(**replaced), "MP423") if "never handled" in f.message]


def test_a_handler_added_after_the_pool_is_made_is_not_judged():
    src = program(**{"        metrics.addHandler(handler)\n        metrics.setLevel(logging.INFO)\n": "",
                     "            pool.map(measure, range(4))": "            metrics.addHandler(handler)\n"
                                                               "            metrics.setLevel(logging.INFO)\n"
                                                               "            pool.map(measure, range(4))"})
    assert not [f for f in found(src, "MP423") if "never handled" in f.message]


def _served(src: str, method: str):
    tree = ast.parse(textwrap.dedent(src))
    imports = ImportMap()
    for node in tree.body:
        if isinstance(node, ast.Import):
            for alias in node.names:
                imports.names[alias.asname or alias.name] = alias.name
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef))
    return thread_served(cls, imports.qualify, method)


def test_the_served_queue_of_a_class_of_another_shape():
    """An uploader (no logging) whose `submit` feeds a thread started with `threading.Thread(...).start()`."""
    src = """
        import queue
        import threading

        class Uploader:
            def __init__(self):
                self.jobs = queue.SimpleQueue()
                threading.Thread(target=self.run, daemon=True).start()

            def submit(self, item):
                self.jobs.put(item)

            def run(self):
                while True:
                    item = self.jobs.get()
                    print(item)
    """
    served = _served(src, "submit")
    assert served is not None and served.attribute == "jobs" and served.loop == "run"
    assert _served(src, "run") is None  # the thread's own method
    assert _served(src.replace("threading.Thread(target=self.run, daemon=True).start()",
                               "self.thread = threading.Thread(target=self.run, daemon=True)"), "submit") is None
    assert _served(src.replace("                self.jobs.put(item)",
                               "                self.jobs.put(item)\n                self.jobs.get()"), "submit") is None


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    """The workers are forked (the pool's own context) whatever the default: only the parent's record is shipped."""
    path = tmp_path / "metrics_pool.py"
    path.write_text(textwrap.dedent(program()))
    out = run_program(path, method, timeout=60)
    assert "RESULT=1" in out.stdout and out.returncode == 3, (out.stdout, out.stderr[-800:])


SHIPPER = """
    import multiprocessing
    import os
    import queue
    import sys
    import threading

    PATH = os.environ.get("ROWS_PATH", "rows.txt")


    class Shipper:
        def __init__(self, path):
            self.path = path
            self.rows = queue.Queue()
            self.stop = threading.Event()
            self.thread = threading.Thread(target=self.loop, daemon=True)
            self.thread.start()

        def send(self, row):
            self.rows.put(row)

        def loop(self):
            while not self.stop.is_set() or not self.rows.empty():
                try:
                    row = self.rows.get(timeout=0.05)
                except queue.Empty:
                    continue
                with open(self.path, "a") as fh:
                    fh.write(row + "\\n")

        def close(self):
            self.stop.set()
            self.thread.join()


    SHIPPER = Shipper(PATH)


    def work(n):
        SHIPPER.send(f"row {n}")
        return n


    if __name__ == "__main__":
        SHIPPER.send("header")
        with multiprocessing.get_context("fork").Pool(2) as pool:
            pool.map(work, range(4))
        SHIPPER.close()
        shipped = open(PATH).read().count("\\n")
        print(f"RESULT={shipped}")
        sys.exit(0 if shipped == 5 else 3)
"""


def test_a_module_level_object_whose_thread_a_forked_worker_lacks():
    reported = found(SHIPPER, "MP423")
    assert len(reported) == 1 and "`SHIPPER.send()`" in reported[0].message and "never handled" in reported[0].message


@pytest.mark.parametrize("old, new", [
    ("        SHIPPER.send(f\"row {n}\")\n", "        print(SHIPPER.path)\n"),  # the child hands it nothing
    ("            self.rows.put(row)", ("            with open(self.path, \"a\") as fh:\n"
                                      "                fh.write(row + \"\\\\n\")")),  # send() writes itself
    ("            self.path = path\n", "            self.path = path\n            self.owner = os.getpid()\n"),
    ("get_context(\"fork\")", "get_context(\"spawn\")"),  # not forked
])
def test_module_level_near_misses_stay_silent(old, new):
    assert old in SHIPPER
    assert not [f for f in found(SHIPPER.replace(old, new), "MP423") if "never handled" in f.message]


def test_runtime_of_the_module_level_object(tmp_path):
    """Forked workers (the pool's own context) send rows that are never written: only the parent's header is."""
    path = tmp_path / "shipper.py"
    rows = tmp_path / "rows.txt"
    path.write_text(textwrap.dedent(SHIPPER).replace('os.environ.get("ROWS_PATH", "rows.txt")', repr(str(rows))))
    out = run_program(path, "spawn", timeout=60)
    assert "RESULT=1" in out.stdout and out.returncode == 3, (out.stdout, out.stderr[-800:])
