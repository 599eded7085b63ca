# family: args
# hazard: unpicklable-argument
# line: 20
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# timeout: 8
# note: https://github.com/celery/billiard/pull/131 -- "Use dill to pickle whenever available" (not merged): its reproducer maps a function over `(queue.Queue(),)` with a billiard Pool. billiard pickles every task with pickle; the queue's lock cannot be pickled, and the map never returns (the program hangs, no error is raised to the caller).
import queue

import billiard


def drain_into(results, item):
    return item * 2


def run(items):
    results = queue.Queue()
    pool = billiard.Pool(2)
    try:
        return pool.starmap(drain_into, [(results, item) for item in items])
    finally:
        pool.terminate()
        pool.join()


if __name__ == "__main__":
    print("RESULT=%d" % sum(run([1, 2, 3])))
