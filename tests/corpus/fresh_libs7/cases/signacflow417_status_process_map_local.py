# family: callable
# hazard: unpicklable-callable
# line: 20 48
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/glotzerlab/signac-flow/pull/417 -- while moving the status fetch to tqdm's `process_map`, the maintainers note that "the top-level function called on each process cannot be a local function"; process_map runs a ProcessPoolExecutor, which pickles the function by name under every start method; this program is the project's status fetch handing its local `compute_status` closure straight to process_map
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
        self.config = config or {"status_parallelization": "process"}

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
