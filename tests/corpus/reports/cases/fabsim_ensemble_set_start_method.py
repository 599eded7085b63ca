# family: start_method
# hazard: set-start-method-misuse
# line: 18
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: Modelled on https://github.com/djgroen/FabSim3/issues/201 (FabSim3 MultiProcessingPool.py calls set_start_method("fork") when an ensemble run builds its pool; with several ensemble runs in one process on Linux the second call raises "RuntimeError: context has already been set"; the maintainers note get_start_method() would fix the method too and settle on try/except). Kept: a MultiProcessingPool class whose constructor sets the start method, an ensemble driver that builds one pool per ensemble, job submission with apply_async; jobs are short arithmetic stand-ins for remote job launches.
"""Submit two ensembles of simulation jobs, one pool per ensemble."""
import sys
from multiprocessing import Pool, set_start_method


def run_job(config):
    name, steps = config
    return name, sum(range(steps))


class MultiProcessingPool:
    def __init__(self, PoolSize=2):
        set_start_method("fork")
        self.PoolSize = PoolSize
        self.pool = Pool(processes=PoolSize)
        self.results = []

    def add_task(self, func, func_args):
        self.results.append(self.pool.apply_async(func, func_args))

    def wait(self):
        self.pool.close()
        self.pool.join()
        return [r.get() for r in self.results]


def run_ensemble(sweep_dir, configs):
    pool = MultiProcessingPool(PoolSize=2)
    for config in configs:
        pool.add_task(run_job, ((sweep_dir + "/" + config[0], config[1]),))
    return pool.wait()


def main():
    outputs = []
    outputs += run_ensemble("SWEEP_a", [("d1", 10), ("d2", 20)])
    outputs += run_ensemble("SWEEP_b", [("d3", 30)])
    print("RESULT=%d" % len(outputs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
