# family: threads
# hazard: none
# line: none
# files: r11kit/palace.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/MemPalace/mempalace/pull/1431 -- the merged change: the lock tests always use the spawn context, so the child imports the store afresh with an unlocked lock and no inherited backend threads
import multiprocessing
import os
import sys
import unittest

from r11kit.palace import Collection, try_palace_lock


def _mp_context():
    start_method = "spawn"  # fork from a multi-threaded test process can hang
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
