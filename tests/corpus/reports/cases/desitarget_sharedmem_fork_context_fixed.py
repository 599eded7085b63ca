# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Fixed near miss of https://github.com/desihub/desitarget/pull/898 ("Fix multiprocessing usage on python 3.14": desitarget/internal/sharedmem.py relies on fork semantics (closures and locals shared copy-on-write rather than pickled); the fix forces `_mp = multiprocessing.get_context('fork')` where the platform is not win32). Kept: the module-level _mp context chosen by platform, a MapReduce helper whose worker is a closure over the shared array and the reduce callback, processes started from _mp; numpy arrays replaced by a shared multiprocessing Array of doubles.
"""Parallel map-reduce over a shared array using fork semantics explicitly."""
import multiprocessing
import sys

if sys.platform != 'win32':
    _mp = multiprocessing.get_context('fork')
else:
    _mp = multiprocessing


class MapReduce:
    def __init__(self, np=2):
        self.np = np

    def map(self, func, sequence, reduce=None):
        results = _mp.Queue()
        chunks = [sequence[i::self.np] for i in range(self.np)]

        def worker(chunk):
            # a closure: it only works because the child is forked
            results.put([func(x) for x in chunk])

        procs = [_mp.Process(target=worker, args=(chunk,)) for chunk in chunks]
        for p in procs:
            p.start()
        out = []
        for _ in procs:
            out.extend(results.get(timeout=10))
        for p in procs:
            p.join()
        return reduce(out) if reduce else out


def main():
    shared = _mp.Array('d', [float(i) for i in range(10)], lock=False)

    def squared(i):
        return shared[i] ** 2

    total = MapReduce(np=2).map(squared, list(range(10)), reduce=sum)
    print("RESULT=%s" % total)
    return 0 if total == 285.0 else 3


if __name__ == "__main__":
    sys.exit(main())
