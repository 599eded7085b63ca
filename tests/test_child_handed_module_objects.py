"""MP423 for a thread another project module leaves running, when the forked child is handed an object that module
made (QubesOS qubes-core-admin-client #72, fresh_reports20 qubes72_restore_child_logs_inherited_lock: the worker
object given to the extraction process keeps the logger `restorelog.install()` returned; the child's log call runs
the module's handler, whose own lock the progress thread holds at the fork). rules/thread_order._child_reaches:
naming the module, or an argument whose value that module made (kept by an object's constructor, in a sequence).
Near misses: the child handed only its own data, and the child that makes the handler's lock anew first
(rules/child_resets.py). Proven under fork, spawn and forkserver."""
from __future__ import annotations

import pytest
from helpers import run_program

from test_semantic_crossmodule import findings, project

AUDITLOG = """
    import logging
    import threading
    import time


    class AuditHandler(logging.Handler):
        def __init__(self):
            super().__init__()
            self.io_lock = threading.Lock()

        def emit(self, record):
            with self.io_lock:
                time.sleep(0.3)

        def fresh(self):
            self.io_lock = threading.Lock()


    def setup():
        logger = logging.getLogger("audit.jobs")
        logger.setLevel(logging.INFO)
        logger.addHandler(AuditHandler())
        return logger


    def renew(logger):
        for handler in logger.handlers:
            if isinstance(handler, AuditHandler):
                handler.fresh()


    def start_heartbeat(logger, beats=20):
        def beat():
            for i in range(beats):
                logger.info("beat %d", i)
        thread = threading.Thread(target=beat, daemon=True)
        thread.start()
        return thread
"""

PROGRAM = """
    import multiprocessing as mp
    import queue
    import sys
    import time

    from kit import auditlog


    class Job:
        def __init__(self, logger, items):
            self.logger = logger
            self.items = items


    def run_job(job, done):
        FIRST
        for item in job.items:
            job.logger.warning("item %s", item)
        done.put(len(job.items))


    def main():
        logger = auditlog.setup()
        auditlog.start_heartbeat(logger)
        time.sleep(0.1)
        done = mp.Queue()
        proc = mp.Process(target=run_job, args=(HANDED, done), daemon=True)
        proc.start()
        try:
            print("RESULT=%s" % done.get(timeout=5))
        except queue.Empty:
            print("RESULT=stuck")
            return 1
        return 0


    if __name__ == "__main__":
        sys.exit(main())
"""

KINDS = {"hazard": ("pass", "Job(logger, [1, 2])"),
         "renewed": ("auditlog.renew(job.logger)", "Job(logger, [1, 2])"),
         "own-data": ("pass", "Job(None, [])")}


def files(kind):
    first, handed = KINDS[kind]
    return {"kit/__init__.py": "", "kit/auditlog.py": AUDITLOG,
            "prog.py": PROGRAM.replace("FIRST", first).replace("HANDED", handed)}


def test_the_child_handed_the_modules_logger(tmp_path):
    [finding] = findings(project(tmp_path, files("hazard")) / "prog.py", "MP423")
    assert "auditlog.start_heartbeat()" in finding.message and set(finding.start_methods) == {"fork"}


@pytest.mark.parametrize("kind", ["renewed", "own-data"])
def test_near_misses(tmp_path, kind):
    assert findings(project(tmp_path, files(kind)) / "prog.py", "MP423") == []


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_runtime(tmp_path, method, kind):
    root = project(tmp_path, files(kind))
    out = run_program(root / "prog.py", method, cwd=root)
    if kind == "hazard" and method == "fork":  # the child's warning waits for the io_lock the heartbeat held
        assert out.returncode == 1 and "RESULT=stuck" in out.stdout, out.stderr
    else:
        assert out.returncode == 0 and "RESULT=" in out.stdout and "stuck" not in out.stdout, out.stderr
