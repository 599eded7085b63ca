# family: flow
# hazard: set-start-method-twice
# line: 11 r11kit/measure_proc.py:12
# files: r11kit/measure_proc.py r11kit/procedures.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# timeout: 10
# note: https://github.com/pymeasure/pymeasure/issues/91 -- process.py calls set_start_method('spawn') at import without force=True (it had been removed in a release); a spawned child has its start method set before it re-imports the main module, so the import of process.py fails there with "context has already been set"
import sys
from multiprocessing import Queue

from r11kit.measure_proc import StoppableProcess
from r11kit.procedures import RampProcedure


class Worker(StoppableProcess):
    """Runs a procedure and reports its results through a queue."""

    def __init__(self, procedure, results):
        super().__init__()
        self.procedure = procedure
        self.results = results

    def run(self):
        data = self.procedure.execute(self.should_stop)
        self.results.put(data)


def main():
    results = Queue()
    worker = Worker(RampProcedure(range(5)), results)
    worker.start()
    try:
        data = results.get(timeout=5)
    except Exception:
        data = None
    worker.join(timeout=5)
    print("RESULT=", data)
    return 0 if data is not None else 1


if __name__ == "__main__":
    sys.exit(main())
