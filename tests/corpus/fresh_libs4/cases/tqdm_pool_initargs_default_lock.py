# family: args
# hazard: unpicklable-argument
# line: 22
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: tqdm #920 (https://github.com/tqdm/tqdm/issues/920): the parallel-bars example Pool(initializer=tqdm.set_lock, initargs=(tqdm.get_lock(),)) without a prior tqdm.set_lock(RLock()); tqdm's default write lock holds a threading.RLock, so the initargs cannot be pickled under spawn and forkserver ("cannot pickle '_thread.RLock' object"); fork inherits them.
from multiprocessing import Pool
from time import sleep

from tqdm import tqdm


def progresser(n):
    total = 0
    for _ in tqdm(range(5), desc=f"#{n}", position=n + 1, leave=False, disable=True):
        sleep(0.01)
        total += 1
    return total


if __name__ == "__main__":
    L = list(range(3))
    p = Pool(2, initializer=tqdm.set_lock, initargs=(tqdm.get_lock(),))
    done = p.map(progresser, L)
    p.close()
    p.join()
    print("RESULT=%d" % sum(done))
