# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/kevlened/pytest-parallel/issues/41 -- the fix shape: the per-worker loop is a module-level function and the runner's settings are bound with functools.partial, so each Process target pickles by reference under spawn
import functools
import multiprocessing as mp
import sys
import unittest


def process_with_threads(fail_every, ids, done, errors):
    for tid in ids:
        try:
            if fail_every and tid % fail_every == fail_every - 1:
                raise AssertionError(f"test {tid} failed")
            done.put(tid)
        except AssertionError as exc:
            errors.put(str(exc))


class ParallelRunner:
    def __init__(self, workers=2, fail_every=7):
        self.workers = workers
        self.errors = mp.Queue()
        self.done = mp.Queue()
        self.worker_fn = functools.partial(process_with_threads, fail_every)

    def run_tests(self, test_ids):
        shards = [test_ids[i::self.workers] for i in range(self.workers)]
        procs = []
        for shard in shards:
            p = mp.Process(target=self.worker_fn, args=(shard, self.done, self.errors))
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
