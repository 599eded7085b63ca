# family: multiprocess
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: False friend: a multiprocess.Process whose target is a lambda and whose args hold a threading.Lock; both fail with multiprocessing under spawn, both cross with dill. Modelled on https://github.com/python/cpython/issues/91027 (a lambda target fails with spawn in multiprocessing).
import threading

import multiprocess as mp

if __name__ == "__main__":
    q = mp.Queue()
    p = mp.Process(target=lambda queue, lock: queue.put(41 + 1), args=(q, threading.Lock()))
    p.start()
    print("RESULT=" + str(q.get(timeout=10)))
    p.join()
