# family: threads
# hazard: fork-while-lock-held
# line: 18 29 30
# files: r11kit/palace.py
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# timeout: 8
# note: https://github.com/MemPalace/mempalace/pull/1431 -- tests/test_palace_locks.py asked for "spawn" on Windows and "fork" elsewhere; by then the test process is multi-threaded (chromadb and onnxruntime start threads on import), and a forked child that takes a lock a backend thread held at fork time hangs, so CI jobs ran for 33 minutes; the PR uses spawn everywhere
import multiprocessing
import os
import sys
import unittest

from r11kit.palace import Collection, try_palace_lock


def _mp_context():
    start_method = "spawn" if os.name == "nt" else "fork"
    return multiprocessing.get_context(start_method)


class TestPalaceLocks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.collection = Collection("drawers")

    def test_child_can_take_palace_lock(self):
        ctx = _mp_context()
        results = ctx.Queue()
        proc = ctx.Process(target=try_palace_lock, args=("/tmp/palace", results))
        proc.start()
        path, state = results.get(timeout=30)
        proc.join(5)
        self.assertEqual(state, "locked")


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
