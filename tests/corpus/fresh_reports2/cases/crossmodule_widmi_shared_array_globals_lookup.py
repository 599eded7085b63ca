# family: crossmodule
# hazard: parent-state-not-inherited
# line: 23 shmkit/shared.py:7 25
# files: shmkit/__init__.py shmkit/shared.py
# expect: fork=ok spawn=error:KeyError forkserver=error:KeyError
# note: Shape of https://github.com/widmi/multiprocess-shared-numpy-arrays/issues/2 ("Does not work on Windows": "getting the array in a subprocess via `globals()[name]` does unfortunately not work ... globals only being inherited when using fork"): the parent registers a shared array under a name in a helper module's globals, and the pool workers look it up by that name.
"""Fill a shared array in parallel: the workers find it by name."""
import multiprocessing
import sys

from shmkit.shared import get_shared_array, make_shared_array


def fill_slice(job):
    name, start, stop = job
    arr = get_shared_array(name)
    for i in range(start, stop):
        arr[i] = i * 0.5
    return stop - start


def main():
    name = make_shared_array("frames", 8)
    with multiprocessing.Pool(2) as pool:
        written = pool.map(fill_slice, [(name, 0, 4), (name, 4, 8)])
    arr = get_shared_array(name)
    print("RESULT=%s" % [sum(written), arr[7]])
    return 0 if arr[7] == 3.5 else 3


if __name__ == "__main__":
    sys.exit(main())
