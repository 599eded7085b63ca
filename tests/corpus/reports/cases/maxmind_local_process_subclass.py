# family: callable
# hazard: unpicklable-callable
# line: 33
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/maxmind/MaxMind-DB-Reader-python/pull/116 and https://github.com/jruere/multiprocessing-logging/issues/48 (test helpers defined inside a test method and run in child processes: "Can't pickle local object 'BaseTestReader._check_concurrency.<locals>.lookup'" on macOS), here with the child being a Process subclass defined inside the test: spawn pickles the process object, whose class is local. Kept: a unittest TestCase whose concurrency check defines its worker class locally and starts several; the database reader is a dict lookup.
"""Concurrency test of a read-only lookup table shared with child processes."""
import multiprocessing
import sys
import unittest

TABLE = {"1.1.1.1": "AU", "8.8.8.8": "US", "9.9.9.9": "CH"}


def lookup(ip):
    return TABLE.get(ip, "??")


class ReaderTest(unittest.TestCase):
    def test_concurrent_lookups(self):
        queue = multiprocessing.Queue()

        class LookupProcess(multiprocessing.Process):
            def __init__(self, ip, out):
                super().__init__()
                self.ip = ip
                self.out = out

            def run(self):
                self.out.put((self.ip, lookup(self.ip)))

        procs = [LookupProcess(ip, queue) for ip in sorted(TABLE)]
        for proc in procs:
            proc.start()
        results = dict(queue.get(timeout=10) for _ in procs)
        for proc in procs:
            proc.join()
        self.assertEqual(results, TABLE)


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=0).result
    print("RESULT=%s" % (len(result.failures) + len(result.errors)))
    sys.exit(0 if result.wasSuccessful() else 1)
