# family: start_method
# hazard: set-start-method-misuse
# line: 12
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: Shape of https://github.com/djgroen/FabSim3/issues/201 ("RuntimeError('context has already been set')" on the set_start_method("fork") line in MultiProcessingPool.py when ensemble runs are called): every MultiProcessingPool() sets the start method again, so the second ensemble fails.
import sys
from multiprocessing import Pool, set_start_method


class MultiProcessingPool:
    def __init__(self, PoolSize):
        set_start_method("fork")
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
