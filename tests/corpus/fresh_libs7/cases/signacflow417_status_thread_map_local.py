# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/glotzerlab/signac-flow/pull/417 -- the "thread" status parallelization of the same executor: tqdm's `thread_map` runs the local `compute_status` closure on a ThreadPoolExecutor, where nothing is pickled
import sys
from functools import partial

from tqdm.contrib.concurrent import process_map, thread_map


def _get_parallel_executor(parallelization="none"):
    if parallelization == "thread":
        def parallel_executor(func, iterable, **kwargs):
            return thread_map(func, iterable, **kwargs)
    elif parallelization == "process":
        def parallel_executor(func, iterable, **kwargs):
            if "total" not in kwargs:
                kwargs["total"] = len(iterable)
            return process_map(func, iterable, **kwargs)
    else:
        def parallel_executor(func, iterable, **kwargs):
            kwargs.pop("chunksize", None)
            return [func(x) for x in iterable]
    return parallel_executor


class Job:
    def __init__(self, job_id, sp):
        self.id = job_id
        self.sp = sp


class FlowProject:
    def __init__(self, jobs, operations, config=None):
        self.jobs = jobs
        self.operations = operations
        self.config = config or {"status_parallelization": "thread"}

    def _fetch_status(self, jobs, err=None):
        operations = self.operations

        def compute_status(job):
            eligible = [name for name, cond in operations.items() if cond(job.sp)]
            return {"job_id": job.id, "eligible": eligible}

        parallel_executor = _get_parallel_executor(self.config["status_parallelization"])
        return parallel_executor(compute_status, jobs, desc="Fetching status",
                                 file=sys.stderr, disable=True, max_workers=2)


def needs_init(sp):
    return sp["T"] < 2.0


def needs_run(sp):
    return sp["T"] >= 2.0


def main():
    jobs = [Job(f"job{i}", {"T": float(i)}) for i in range(4)]
    project = FlowProject(jobs, {"init": needs_init, "run": needs_run})
    statuses = project._fetch_status(jobs)
    print("RESULT=", sum(len(s["eligible"]) for s in statuses))


if __name__ == "__main__":
    main()
