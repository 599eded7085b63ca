# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: near miss of https://github.com/uqfoundation/multiprocess/issues/19 (lambdas in multiprocess.Pool.map): multiprocess uses dill, which serialises the closure and recreates the threading.Lock it captures
import threading

import multiprocess as mp


def make_counter(step):
    lock = threading.Lock()

    def work(x):
        with lock:
            return x + step

    return work


def main():
    cfg = {"step": 5, "procs": 2}
    fn = make_counter(cfg["step"])
    with mp.Pool(cfg["procs"]) as workers:
        y = workers.map(fn, [1, 2, 3])
    print("RESULT=" + ",".join(map(str, y)))


if __name__ == "__main__":
    main()
