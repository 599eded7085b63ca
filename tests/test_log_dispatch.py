"""MP210 through logging's dispatch (semantic/log_dispatch): a logging call hands a LogRecord, whose `args` are the
call's arguments, to the `emit` of each handler added to that logger; a project handler whose `emit` puts the
record on a multiprocessing Queue has it pickled by the queue's feeder thread (concurrent_log #6, fresh_realistic9
concurrentlog6_record_args_hold_session). Near misses stay silent: arguments that pickle, a call below the
logger's level, a logger whose level is not its own, a handler with a level or a filter, a handler added in
another function, a handler that decides itself (`handle`), a record prepared first (QueueHandler.prepare's way).
Proven under fork, spawn and forkserver."""
import pytest
from helpers import found, run_program

PROGRAM = """
import logging
import multiprocessing
import threading


class Account:
    def __init__(self, name):
        self.name = name
        self._guard = threading.Lock()

    def __str__(self):
        return self.name


class ForwardingHandler(logging.Handler):
    def __init__(self, queue):
        super().__init__()
        self.queue = queue

    def emit(self, record):
        self.queue.put(record)


audit = logging.getLogger("billing.audit")
audit.setLevel(logging.INFO)


def collect(queue, out):
    got = 0
    while queue.get(timeout=20) is not None:
        got += 1
    out.put(got)


def settle(names, queue):
    audit.addHandler(ForwardingHandler(queue))
    for name in names:
        account = Account(name)
        audit.log(logging.WARNING, "settled %s", ARG)


if __name__ == "__main__":
    queue, out = multiprocessing.Queue(), multiprocessing.Queue()
    collector = multiprocessing.Process(target=collect, args=(queue, out))
    collector.start()
    settle(["acme", "globex"], queue)
    queue.put(None)
    print(f"RESULT={out.get(timeout=20)}")
    collector.join()
"""

HAZARD = PROGRAM.replace("ARG", "account")
SAFE = PROGRAM.replace("ARG", "account.name")
PUT_LINE = HAZARD.splitlines().index("        self.queue.put(record)") + 1


def test_the_record_args_reach_the_queue():
    (finding,) = found(HAZARD, "MP210")
    assert finding.start.row == PUT_LINE
    assert "a LogRecord whose `args`" in finding.message and "Account" in finding.message


def test_other_levels_and_forms():
    assert found(HAZARD.replace("audit.log(logging.WARNING, ", "audit.info("), "MP210")
    assert found(HAZARD.replace("audit.log(logging.WARNING, ", "audit.error("), "MP210")


@pytest.mark.parametrize("change", [
    ('"settled %s", account)', '"settled %s", account.name)'),  # arguments that pickle
    ("audit.log(logging.WARNING, ", "audit.debug("),  # below the logger's level: never emitted
    ("audit.setLevel(logging.INFO)\n", ""),  # the level is the ancestors' (any module may set the root's)
    ("audit.setLevel(logging.INFO)\n", "audit.setLevel(LEVEL)\n"),  # not a constant
    ("    audit.addHandler(ForwardingHandler(queue))\n",
     "    handler = ForwardingHandler(queue)\n    handler.setLevel(logging.ERROR)\n    audit.addHandler(handler)\n"),
    ("    audit.addHandler(ForwardingHandler(queue))\n",
     "    handler = ForwardingHandler(queue)\n    handler.addFilter(lambda r: False)\n    audit.addHandler(handler)\n"),
    ("        super().__init__()\n", "        super().__init__(logging.ERROR)\n"),  # a handler with a level
    ("    def emit(self, record):\n", "    def handle(self, record):\n        return False\n\n"
                                      "    def emit(self, record):\n"),  # it decides itself
    ("        self.queue.put(record)\n", "        self.queue.put(self.prepare(record))\n\n"
                                         "    def prepare(self, record):\n"
                                         "        record = logging.makeLogRecord(record.__dict__)\n"
                                         "        record.msg, record.args = record.getMessage(), None\n"
                                         "        return record\n"),
    ("def settle(names, queue):\n    audit.addHandler(ForwardingHandler(queue))\n",
     "def attach(queue):\n    audit.addHandler(ForwardingHandler(queue))\n\n\ndef settle(names, queue):\n"
     "    attach(queue)\n"),  # added in another function: the walk does not know it ran first
    ("audit.setLevel(logging.INFO)\n", "audit.setLevel(logging.INFO)\naudit.disabled = True\n"),
    ("    for name in names:\n", "    logging.config.dictConfig({'version': 1})\n    for name in names:\n"),
], ids=["picklable", "below-level", "no-level", "unknown-level", "handler-level", "filter", "init-level",
        "own-handle", "prepared", "other-function", "disabled", "dict-config"])
def test_near_misses(change):
    program = HAZARD.replace(*change)
    assert program != HAZARD
    assert found(program, "MP210") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_runtime(tmp_path, method):
    hazard, safe = tmp_path / "hazard.py", tmp_path / "safe.py"
    hazard.write_text(HAZARD)
    safe.write_text(SAFE)
    out = run_program(hazard, method)
    # the feeder thread cannot pickle the record: it prints the error, the record never arrives
    assert out.returncode == 0 and "RESULT=0" in out.stdout and "cannot pickle" in out.stderr, out.stderr
    out = run_program(safe, method)
    assert out.returncode == 0 and "RESULT=2" in out.stdout and "cannot pickle" not in out.stderr, out.stderr
