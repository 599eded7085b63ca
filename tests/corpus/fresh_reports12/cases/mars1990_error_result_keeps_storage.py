# family: results
# hazard: unpicklable-return
# line: 27 36
# files: r12kit/execution.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 15
# note: https://github.com/mars-project/mars/pull/1990 -- "Fix job hang when error message can't be pickled": a worker sent its operand failure back as a result holding the exception, and the exception could not be pickled; here the ExecutionError keeps the chunk storage (with its thread lock) that the operand ran against, and the worker returns it in its error record
import sys
import traceback
from multiprocessing import Pool

from r12kit.execution import ChunkStorage, run_operand


class WorkerActor:
    """Executes the operands of one graph in a process of the worker pool."""

    storage = None

    @classmethod
    def execute(cls, op):
        if cls.storage is None:
            cls.storage = ChunkStorage()
        try:
            return ("ok", run_operand(op, cls.storage))
        except Exception as exc:
            return ("error", exc)


class Supervisor:
    def __init__(self, n_process=2):
        self.n_process = n_process

    def run_graph(self, operands):
        with Pool(self.n_process) as pool:
            records = pool.map(WorkerActor.execute, operands, chunksize=1)
        results, failures = {}, []
        for (key, _), (status, payload) in zip(operands, records):
            if status == "ok":
                results[key] = payload
            else:
                failures.append(f"{key}: {payload}")
        return results, failures


def main():
    operands = [("a", 1), ("b", 2), ("c", -3), ("d", 4)]
    results, failures = Supervisor().run_graph(operands)
    print(f"RESULT=ok:{len(results)} failed:{len(failures)}")
    return 0 if len(results) == 3 and len(failures) == 1 else 3


if __name__ == "__main__":
    sys.exit(main())
