# family: mpire
# hazard: unpicklable-argument
# line: 20
# expect: fork=pickling_error+hang spawn=pickling_error+hang forkserver=pickling_error+hang
# timeout: 15
# note: Arguments of an mpire task travel through a queue with pickle even under fork: a threading.Lock fails. Modelled on https://github.com/keras-team/keras/issues/8343 (TypeError: can't pickle _thread.lock objects).
import threading

from mpire import WorkerPool


def work(lock, x):
    with lock:
        return x + 1


if __name__ == "__main__":
    lock = threading.Lock()
    with WorkerPool(n_jobs=2) as pool:
        print("RESULT=" + str(pool.map(work, [(lock, 1), (lock, 2)])))
