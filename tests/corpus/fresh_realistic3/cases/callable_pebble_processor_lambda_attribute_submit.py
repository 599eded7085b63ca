# family: callable
# hazard: unpicklable-callable
# line: 21
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/noxdafox/pebble/issues/146 (TestProcessor keeps a lambda in self and submits self.task_runner to a process pool); reduced to ProcessPoolExecutor.submit of the bound method, the lambda being the default row formatter chosen in __init__
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed


class ReportProcessor:
    def __init__(self, formatter=None, workers=2):
        self.workers = workers
        self._format = formatter or (lambda key, value: "%s=%s" % (key, value))

    def task_runner(self, task):
        key, values = task
        return self._format(key, sum(values))

    def process(self, tasks):
        pool = ProcessPoolExecutor(max_workers=self.workers)
        futures = [pool.submit(self.task_runner, task) for task in tasks]
        try:
            return sorted(f.result() for f in as_completed(futures))
        finally:
            pool.shutdown()


def load_tasks():
    return [("north", [1, 2, 3]), ("south", [4, 5]), ("east", [6])]


def main():
    processor = ReportProcessor()
    lines = processor.process(load_tasks())
    print("RESULT=" + ";".join(lines))
    if lines != ["east=6", "north=6", "south=9"]:
        sys.exit(3)


if __name__ == "__main__":
    main()
