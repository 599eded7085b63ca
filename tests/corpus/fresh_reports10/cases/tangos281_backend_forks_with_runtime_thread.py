# family: threads
# hazard: fork-with-threads
# line: 26 28
# timeout: 8
# files: r10kit/omp_runtime.py
# expect: fork=deadlock spawn=ok forkserver=ok
# note: https://github.com/pynbody/tangos/issues/281 -- tangos's multiprocessing backend forks its workers, but pynbody's OpenMP runtime keeps a background thread pool; when a calculation has already run before the fork, a forked worker inherits the runtime's lock in a held state and hangs (seen in CI depending on test order)
import multiprocessing
import sys

from r10kit.omp_runtime import RUNTIME


def property_calculation(halo_ids, out):
    for hid in halo_ids:
        out.put((hid, RUNTIME.parallel_sum(range(hid * 10))))


class MultiprocessingBackend:
    def __init__(self, nproc=2):
        self.nproc = nproc

    def launch(self, function, items):
        out = multiprocessing.Queue()
        chunks = [items[i::self.nproc] for i in range(self.nproc)]
        procs = [multiprocessing.Process(target=function, args=(chunk, out)) for chunk in chunks]
        for p in procs:
            p.start()
        results = dict(out.get() for _ in items)
        for p in procs:
            p.join()
        return results


def main():
    # an earlier step (a test, or the parent's own preprocessing) already used the runtime
    print("warm-up", RUNTIME.parallel_sum(range(5)))
    results = MultiprocessingBackend().launch(property_calculation, [1, 2, 3, 4])
    print("halos", sorted(results.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
