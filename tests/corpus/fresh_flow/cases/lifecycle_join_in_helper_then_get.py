# family: lifecycle
# hazard: queue-join-deadlock
# line: 28
# timeout: 10
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: Modelled on https://github.com/pyinstaller/pyinstaller/issues/4104 (multicore(): two Processes put their results on an mp.Queue, the parent joins both, then calls q.get()) with results large enough to fill the pipe, as https://sopython.com/canon/82/programs-using-multiprocessing-hang-deadlock-and-never-complete/ explains; here the joins sit in a helper wait_all() and the gets in collect().
"""Compute partial sums of polynomial terms in two processes and combine them."""
import multiprocessing as mp
import sys


def job(q, lo, hi):
    terms = [i + i ** 2 + i ** 3 for i in range(lo, hi)]
    q.put(terms)


def start_all(q, ranges):
    procs = []
    for lo, hi in ranges:
        p = mp.Process(target=job, args=(q, lo, hi))
        p.start()
        procs.append(p)
    return procs


def wait_all(procs):
    for p in procs:
        p.join()


def collect(q, n):
    return [q.get() for _ in range(n)]


def multicore():
    q = mp.Queue()
    ranges = [(0, 60000), (60000, 120000)]
    procs = start_all(q, ranges)
    wait_all(procs)
    parts = collect(q, len(procs))
    return sum(sum(part) for part in parts)


if __name__ == "__main__":
    res = multicore()
    expected = sum(i + i ** 2 + i ** 3 for i in range(120000))
    print("RESULT=%d" % (res == expected))
    sys.exit(0 if res == expected else 3)
