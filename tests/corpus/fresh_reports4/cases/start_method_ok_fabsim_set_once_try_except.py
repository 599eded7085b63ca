# family: start_method
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/djgroen/FabSim3/issues/201: the approach from the thread, the call is wrapped in try/except RuntimeError ("the safest method is to use try .. except"), so later ensembles reuse the method already set.
import sys
from multiprocessing import Pool, set_start_method


class MultiProcessingPool:
    def __init__(self, PoolSize):
        try:
            set_start_method("fork")
        except RuntimeError:
            pass
        self.Pool = Pool(PoolSize)
        self.tasks = []

    def add_task(self, func, func_args):
        self.tasks.append(self.Pool.apply_async(func, func_args))

    def wait(self):
        results = [t.get(timeout=10) for t in self.tasks]
        self.Pool.close()
        self.Pool.join()
        return results


def job_dispatch(sweep_dir, run):
    return "%s/run_%d" % (sweep_dir, run)


def run_ensemble(sweep_dir, replicas, pool_size=2):
    pool = MultiProcessingPool(pool_size)
    for run in range(replicas):
        pool.add_task(job_dispatch, (sweep_dir, run))
    return pool.wait()


if __name__ == "__main__":
    done = run_ensemble("SWEEP_A", 2)
    done += run_ensemble("SWEEP_B", 2)
    print("RESULT=%d" % len(done))
    sys.exit(0 if len(done) == 4 else 3)
