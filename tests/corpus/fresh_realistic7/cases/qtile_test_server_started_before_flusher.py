# family: threads
# hazard: none
# line: none
# files: rz7kit/logsink.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/qtile/qtile/issues/2068 -- the ordering the discussion recommends: the server process is created before the logging thread exists, so no lock can be held by another thread at fork time
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
        return self.ready.get(timeout=10)

    def stop(self):
        self.proc.join(5)


class ServerTests(unittest.TestCase):
    def test_server_starts_then_logging_thread(self):
        mgr = TestManager()
        self.assertEqual(mgr.start(), "qtile")
        mgr.stop()
        logsink.start_flusher(delay=0.2)
        self.assertTrue(logsink.holding.is_set())


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
