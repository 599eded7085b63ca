# family: threads
# hazard: fork-with-held-lock
# line: 27
# files: rz7kit/logsink.py
# expect: fork=deadlock spawn=ok forkserver=ok
# timeout: 6
# note: https://github.com/qtile/qtile/issues/2068 -- CI hangs because logging is set up at import time and the tests fork a process to run qtile; a lock held by another thread at fork time stays held in the child; reduced to a test helper that starts the log flusher thread and then forks the server process, which logs on start
import multiprocessing as mp
import sys
import unittest

from rz7kit import logsink


def run_server(name, ready):
    logsink.write(f"{name}: starting")
    ready.put(name)


class TestManager:
    def __init__(self):
        self.proc = None
        self.ready = mp.Queue()

    def start(self, name="qtile"):
        self.proc = mp.Process(target=run_server, args=(name, self.ready))
        self.proc.start()
        return self.ready.get()

    def stop(self):
        self.proc.join()


class ServerTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        logsink.start_flusher(delay=30.0)

    def test_server_starts(self):
        mgr = TestManager()
        self.assertEqual(mgr.start(), "qtile")
        mgr.stop()


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
