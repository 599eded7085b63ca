# family: threads
# hazard: none
# line: none
# timeout: 8
# files: r10kit/omp_runtime.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/pynbody/tangos/issues/281 -- the resolution proposed in the issue: the backend launches its workers from a spawn context, so each worker starts a fresh interpreter with its own runtime (and its own lock) instead of a copy of the parent with a held one
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
        ctx = multiprocessing.get_context("spawn")
        out = ctx.Queue()
        chunks = [items[i::self.nproc] for i in range(self.nproc)]
        procs = [ctx.Process(target=function, args=(chunk, out)) for chunk in chunks]
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
