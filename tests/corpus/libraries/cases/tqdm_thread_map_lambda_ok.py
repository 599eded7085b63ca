# family: tqdm
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: False friend: thread_map, process_map's sibling, runs threads: the lambda and the lock never cross a process boundary, and nothing needs a guard. Modelled on https://tqdm.github.io/docs/contrib.concurrent/.
import threading

from tqdm.contrib.concurrent import thread_map

LOCK = threading.Lock()


def guarded(x):
    with LOCK:
        return x + 1


print("RESULT=" + str(thread_map(lambda x: x * 2, range(5), max_workers=2, disable=True)))
print("RESULT=" + str(thread_map(guarded, range(5), max_workers=2, disable=True)))
