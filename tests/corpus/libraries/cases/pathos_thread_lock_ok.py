# family: pathos
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: False friend: a threading.Lock inside each task's argument; pickle refuses it ('cannot pickle _thread.lock'), dill recreates it. Modelled on https://github.com/keras-team/keras/issues/8343 (objects holding locks) and docs/pickle-catalog.md (dill's column: dill recreates thread locks).
import threading

from pathos.multiprocessing import ProcessPool


class Job:
    def __init__(self, n):
        self.n = n
        self.lock = threading.Lock()


def run(job):
    with job.lock:
        return job.n * 2


if __name__ == "__main__":
    pool = ProcessPool(nodes=2)
    print("RESULT=" + str(pool.map(run, [Job(1), Job(2)])))
    print("RESULT=" + str(pool.map(lambda pair: pair[0], [(1, threading.Lock())])))
    pool.close()
    pool.join()
