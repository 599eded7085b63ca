# family: flow
# hazard: none
# line: none
# files: r11kit/measure_proc_forced.py r11kit/procedures.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/pymeasure/pymeasure/issues/91 -- the fix the reporter asks for and the maintainers restore: set_start_method("spawn", force=True) in process.py, which the spawned child can run again after its own start method was set
import sys
from multiprocessing import Queue

from r11kit.measure_proc_forced import StoppableProcess
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
