# family: callable
# hazard: unpicklable-target
# line: 31
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/kevlened/pytest-parallel/issues/41 -- "AttributeError: Can't pickle local object" from pytest --workers on Python 3.8 macOS, where spawn became the default; reduced to a unittest suite whose parallel runner starts one Process per worker with a function defined inside the run loop
import multiprocessing as mp
import sys
import unittest


class ParallelRunner:
    def __init__(self, workers=2):
        self.workers = workers
        self.errors = mp.Queue()
        self.done = mp.Queue()

    def run_tests(self, test_ids):
        def process_with_threads(ids, done, errors):
            for tid in ids:
                try:
                    if tid % 7 == 6:
                        raise AssertionError(f"test {tid} failed")
                    done.put(tid)
                except AssertionError as exc:
                    errors.put(str(exc))

        shards = [test_ids[i::self.workers] for i in range(self.workers)]
        procs = []
        for shard in shards:
            p = mp.Process(target=process_with_threads, args=(shard, self.done, self.errors))
            p.start()
            procs.append(p)
        passed = [self.done.get(timeout=10) for _ in test_ids]
        for p in procs:
            p.join(10)
        return sorted(passed)


class RunnerTests(unittest.TestCase):
    def test_all_shards_report(self):
        passed = ParallelRunner(workers=2).run_tests(list(range(6)))
        self.assertEqual(passed, [0, 1, 2, 3, 4, 5])


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
