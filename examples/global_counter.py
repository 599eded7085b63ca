"""State that does not travel: the workers count in their own copy of CALLS, and THRESHOLD set by
the parent under the guard is not seen by spawned workers, which re-import the module."""
import multiprocessing

CALLS = 0
THRESHOLD = None


def check(x):
    global CALLS
    CALLS += 1
    return THRESHOLD is not None and x > THRESHOLD


if __name__ == "__main__":
    THRESHOLD = 2
    with multiprocessing.Pool(2) as pool:
        print(pool.map(check, range(5)))
    print("calls seen by the parent:", CALLS)
